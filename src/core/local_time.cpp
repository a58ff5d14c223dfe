#include "core/local_time.hpp"

#include "core/duration.hpp"

#include <array>
#include <date/tz.h>
#include <fmt/format.h>

namespace hd {

using namespace std::chrono;

namespace {

constexpr std::array<std::string_view, 7> weekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> months{"January",   "February", "March",    "April",
                                                  "May",       "June",     "July",     "August",
                                                  "September", "October",  "November", "December"};

int offset_at(const date::time_zone* zone, sys_seconds t) {
    if (!zone) return 0;
    return static_cast<int>(duration_cast<minutes>(zone->get_info(t).offset).count());
}

} // namespace

std::optional<const date::time_zone*> zone_named(std::string_view name) {
    if (name.empty() || name == "UTC" || name == "Etc/UTC") return nullptr;
    try {
        return date::locate_zone(std::string(name));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string zone_label(const date::time_zone* zone) {
    return zone ? std::string(zone->name()) : "UTC";
}

Timestamp in_zone(const Timestamp& t, const date::time_zone* zone) {
    return with_offset(t, offset_at(zone, t.utc));
}

std::optional<Timestamp> parse_when(std::string_view text, Timestamp now,
                                    const date::time_zone* zone, std::string* why) {
    auto fail = [&](std::string message) -> std::optional<Timestamp> {
        if (why) *why = std::move(message);
        return std::nullopt;
    };
    if (auto span = parse_duration(text)) {
        Timestamp t{now.utc + *span, 0};
        return in_zone(t, zone);
    }
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        int y = 0, m = 0, d = 0;
        if (std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
            return fail("not a date (YYYY-MM-DD)");
        date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(m)),
                                 date::day(static_cast<unsigned>(d))};
        if (!ymd.ok()) return fail("no such date");
        date::local_seconds local{date::local_days(ymd).time_since_epoch()};
        sys_seconds at = zone ? zone->to_sys(local, date::choose::earliest)
                              : sys_seconds{local.time_since_epoch()};
        return in_zone(Timestamp{at, 0}, zone);
    }
    if (auto t = parse_rfc3339(text)) return t;
    if (lacks_offset(text)) return fail("needs a UTC offset (e.g. +01:00 or Z)");
    return fail("expected an RFC 3339 time (2026-12-04T09:00:00+01:00), a date (2026-12-04) or "
                "a span from now (4h, 3d, 2w)");
}

std::string due_in_words(const Timestamp& due, const Timestamp& now, const date::time_zone* zone,
                         std::string_view zone_name) {
    LocalTime d = local_fields(in_zone(due, zone));
    LocalTime n = local_fields(in_zone(now, zone));
    auto day_number = [](const LocalTime& t) {
        return date::sys_days(date::year(t.year) / t.month / t.day).time_since_epoch().count();
    };
    long diff = day_number(d) - day_number(n);
    std::string zone_text = zone_name.empty() ? "UTC" : std::string(zone_name);
    std::string clock = fmt::format("{:02}:{:02}", d.hour, d.minute);
    if (diff == 0) return fmt::format("today at {} ({})", clock, zone_text);
    if (diff == 1) return fmt::format("tomorrow at {} ({})", clock, zone_text);
    unsigned wd = date::weekday(date::sys_days(date::year(d.year) / d.month / d.day)).c_encoding();
    std::string year = d.year == n.year ? "" : fmt::format(" {}", d.year);
    return fmt::format("{} {} {}{} at {} ({})", weekdays[wd], d.day, months[d.month - 1], year,
                       clock, zone_text);
}

} // namespace hd
