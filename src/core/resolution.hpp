#pragma once
#include <array>
#include <string_view>

namespace hd {

// Ways a ticket can be closed. Only "solved" needs no explanation of why
// the request was not simply fixed; spam and unsubscribe get no reply at all.
inline constexpr std::array<std::string_view, 7> resolution_kinds{
    "solved", "workaround", "wont-fix", "duplicate", "no-response", "spam", "unsubscribe"};

inline bool is_resolution_kind(std::string_view s) {
    for (auto k : resolution_kinds)
        if (k == s) return true;
    return false;
}

} // namespace hd
