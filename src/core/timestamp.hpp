#pragma once
// Instants as stored in ticket files: RFC 3339 with the writer's UTC offset.
// The offset is kept so a time written in Lisbon reads back as written.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hd {

struct Timestamp {
    std::chrono::sys_seconds utc{};
    int offset_minutes = 0;

    friend bool operator==(const Timestamp& a, const Timestamp& b) = default;
    friend auto operator<=>(const Timestamp& a, const Timestamp& b) { return a.utc <=> b.utc; }
};

// Accepts "2026-11-23T09:30:00+01:00", "...Z", a space or lower-case t as the
// separator, and fractional seconds (dropped). Returns nullopt on anything else.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

// Always "YYYY-MM-DDTHH:MM:SS+HH:MM" (or "Z" for a zero offset).
std::string format_rfc3339(const Timestamp& t);

// Same instant, shown in another offset.
Timestamp with_offset(const Timestamp& t, int offset_minutes);

// Broken-down local fields of a timestamp, in its own offset.
struct LocalTime {
    int year, month, day, hour, minute, second;
};
LocalTime local_fields(const Timestamp& t);

// Builds a timestamp from local fields and an offset; nullopt if the fields
// do not name a real date and time.
std::optional<Timestamp> from_local(const LocalTime& lt, int offset_minutes);

// "3d", "5h", "12m", "just now": compact age for listings.
std::string format_age(std::chrono::seconds age);

} // namespace hd
