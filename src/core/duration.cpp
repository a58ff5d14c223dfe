#include "core/duration.hpp"

namespace hd {

std::optional<std::chrono::seconds> parse_duration(std::string_view s) {
    if (s.empty()) return std::nullopt;
    long long total = 0;
    size_t i = 0;
    while (i < s.size()) {
        size_t start = i;
        long long n = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            n = n * 10 + (s[i] - '0');
            if (n > 1000000) return std::nullopt;
            ++i;
        }
        if (i == start || i == s.size()) return std::nullopt;
        switch (s[i++]) {
        case 'w':
            total += n * 7 * 86400;
            break;
        case 'd':
            total += n * 86400;
            break;
        case 'h':
            total += n * 3600;
            break;
        case 'm':
            total += n * 60;
            break;
        default:
            return std::nullopt;
        }
    }
    return std::chrono::seconds(total);
}

std::string format_duration(std::chrono::seconds d) {
    long long s = d.count();
    std::string out = s < 0 ? "-" : "";
    if (s < 0) s = -s;
    long long days = s / 86400, hours = s % 86400 / 3600, minutes = s % 3600 / 60;
    if (days) out += std::to_string(days) + "d";
    if (hours) out += std::to_string(hours) + "h";
    if (minutes || (!days && !hours)) out += std::to_string(minutes) + "m";
    return out;
}

} // namespace hd
