#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hd {

// "4d", "36h", "90m", "1w", "1d12h": whole weeks, days, hours and minutes.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);
std::string format_duration(std::chrono::seconds d); // "1d12h", "90m" -> "1h30m"

} // namespace hd
