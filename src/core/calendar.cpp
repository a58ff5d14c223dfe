#include "core/calendar.hpp"

#include "core/error.hpp"

#include <date/tz.h>
#include <fmt/format.h>

namespace hd {

using namespace std::chrono;

namespace {

// Local wall time to an instant; in a DST gap the clock jumps forward, so
// the earliest mapping is taken, and in an overlap the first occurrence.
sys_seconds to_instant(const date::time_zone* zone, date::local_seconds local) {
    if (!zone) return sys_seconds{local.time_since_epoch()};
    return zone->to_sys(local, date::choose::earliest);
}

date::local_seconds to_local(const date::time_zone* zone, sys_seconds t) {
    if (!zone) return date::local_seconds{t.time_since_epoch()};
    return zone->to_local(t);
}

// Calls fn(from, to) for each working interval, as instants, on the local
// days from the one holding `a` onwards, until fn returns false.
template <typename Fn> void each_interval(const Calendar& cal, sys_seconds a, Fn fn) {
    auto day = floor<days>(to_local(cal.zone, a));
    for (int guard = 0; guard < 366 * 50; ++guard, day += days(1)) {
        sys_days key{day.time_since_epoch()};
        if (cal.holidays.count(key)) continue;
        unsigned weekday = date::weekday(date::local_days(day)).c_encoding();
        for (auto [from, to] : cal.hours[weekday]) {
            auto start = to_instant(cal.zone, date::local_seconds(day) + minutes(from));
            auto end = to_instant(cal.zone, date::local_seconds(day) + minutes(to));
            if (!fn(start, end)) return;
        }
    }
}

} // namespace

const date::time_zone* Calendar::find_zone(const std::string& name, const std::string& where) {
    if (name == "UTC" || name == "Etc/UTC") return nullptr;
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        throw Error(Exit::invalid, fmt::format("{}: unknown time zone \"{}\" (an IANA name such as "
                                               "Europe/Lisbon or America/New_York)",
                                               where, name));
    }
}

std::optional<std::pair<int, int>> parse_hours(std::string_view s) {
    auto hm = [](std::string_view t) -> std::optional<int> {
        if (t.size() != 5 || t[2] != ':') return std::nullopt;
        for (size_t i : {0, 1, 3, 4})
            if (t[i] < '0' || t[i] > '9') return std::nullopt;
        int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
        if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
        return h * 60 + m;
    };
    auto dash = s.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    auto from = hm(s.substr(0, dash)), to = hm(s.substr(dash + 1));
    if (!from || !to || *from >= *to) return std::nullopt;
    return std::pair{*from, *to};
}

seconds business_between(const Calendar& cal, sys_seconds a, sys_seconds b) {
    if (b <= a) return seconds(0);
    if (cal.always) return b - a;
    seconds total(0);
    each_interval(cal, a, [&](sys_seconds from, sys_seconds to) {
        if (from >= b) return false;
        auto lo = std::max(from, a), hi = std::min(to, b);
        if (hi > lo) total += hi - lo;
        return true;
    });
    return total;
}

sys_seconds business_add(const Calendar& cal, sys_seconds start, seconds amount) {
    if (cal.always) return start + amount;
    sys_seconds result = start;
    bool found = false;
    each_interval(cal, start, [&](sys_seconds from, sys_seconds to) {
        auto lo = std::max(from, start);
        if (to <= lo) return true;
        if (lo + amount <= to && (amount > seconds(0) || lo < to)) {
            result = lo + amount;
            found = true;
            return false;
        }
        amount -= to - lo;
        return true;
    });
    return found ? result : start + amount; // a calendar with no hours: calendar time
}

} // namespace hd
