#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hd {

struct CodePoint {
    char32_t value;
    size_t size; // bytes it takes
};

// The code point encoded at byte `i` of `s`, or nullopt where no valid
// sequence starts. Overlong forms, surrogates and code points past U+10FFFF
// are invalid.
std::optional<CodePoint> decode_utf8(std::string_view s, size_t i);

// Byte offset of the first invalid UTF-8 sequence, or nullopt if valid.
std::optional<size_t> find_invalid_utf8(std::string_view s);

// `s` with each byte that starts no valid sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s);

} // namespace hd
