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

// The one rule for a time in a ticket file, whichever reader meets it: a
// TOML offset date-time. "2026-11-23T09:30:00+01:00" or "...Z"; a space or a
// lower-case t may separate date and time, and z may stand for Z; up to nine
// digits of fractional seconds are accepted and dropped. The date must
// exist, the seconds run to 59 (TOML has no leap second) and the offset
// stays within 23:59 of UTC. Returns nullopt on anything else.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

// Why `text`, a time a person gave where an RFC 3339 time is wanted, was
// refused, for an error message that starts with `what` (where it came
// from: "HD_NOW", "--at"): a local time without an offset is told it needs
// one (e.g. +01:00 or Z), anything else what such a time looks like.
std::string time_refusal(std::string_view what, std::string_view text);

// Whether `text` is a valid time but for its missing UTC offset.
bool lacks_offset(std::string_view text);

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
// break the rule of parse_rfc3339 (a real date, seconds up to 59, an offset
// under a day). Readers that split a time themselves end here, so every
// reader applies the same rule.
std::optional<Timestamp> from_local(const LocalTime& lt, int offset_minutes);

// "3d", "5h", "12m", "just now": compact age for listings.
std::string format_age(std::chrono::seconds age);

} // namespace hd
