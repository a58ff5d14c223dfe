#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace hd {

// Byte offset of the first invalid UTF-8 sequence, or nullopt if valid.
// Overlong forms, surrogates and code points past U+10FFFF are invalid.
std::optional<size_t> find_invalid_utf8(std::string_view s);

} // namespace hd
