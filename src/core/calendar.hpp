#pragma once
// Business calendars: working hours per weekday in a time zone, minus
// holidays. Time zone rules come from the system tz database through
// Howard Hinnant's date library; hd does no DST arithmetic of its own.
#include "core/timestamp.hpp"

#include <array>
#include <chrono>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace date {
class time_zone;
}

namespace hd {

struct Calendar {
    std::string name = "24x7";
    bool always = true;                    // every minute counts (no hours, no holidays)
    const date::time_zone* zone = nullptr; // nullptr: UTC
    // Working intervals per weekday (0 = Sunday), in minutes after local midnight.
    std::array<std::vector<std::pair<int, int>>, 7> hours;
    std::set<std::chrono::sys_days> holidays; // local dates, stored as day counts

    // Error(invalid) naming `where` for an unknown zone name.
    static const date::time_zone* find_zone(const std::string& name, const std::string& where);
};

// Business seconds between two instants (0 if b is not after a).
std::chrono::seconds business_between(const Calendar& cal, std::chrono::sys_seconds a,
                                      std::chrono::sys_seconds b);

// The instant at which `amount` business seconds have passed since `start`.
// A zero amount is the first business moment at or after `start`.
std::chrono::sys_seconds business_add(const Calendar& cal, std::chrono::sys_seconds start,
                                      std::chrono::seconds amount);

// "09:00-17:00" -> {540, 1020}; nullopt when malformed or empty.
std::optional<std::pair<int, int>> parse_hours(std::string_view text);

} // namespace hd
