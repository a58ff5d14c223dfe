#pragma once
// Times as people say them, in a time zone: a date or a span from now read
// from a flag, and a due time said back in words ("tomorrow at 10:00").
// Zone rules come from the tz database, as for the business calendars.
#include "core/timestamp.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace hd {

// The zone named `name` ("" or "UTC": UTC), or nullopt when the tz database
// does not know it.
std::optional<const date::time_zone*> zone_named(std::string_view name);

// The tz database's name of `zone` ("UTC" for nullptr).
std::string zone_label(const date::time_zone* zone);

// `t` shown with the UTC offset that `zone` has at that instant.
Timestamp in_zone(const Timestamp& t, const date::time_zone* zone);

// A time given on the command line: an RFC 3339 time with an offset, a date
// (YYYY-MM-DD, the start of that day in `zone`), or a span from `now` such
// as "4h", "3d" or "2w". nullopt for anything else; `why` then says what.
std::optional<Timestamp> parse_when(std::string_view text, Timestamp now,
                                    const date::time_zone* zone, std::string* why = nullptr);

// `due` in words for a message, in `zone` (named `zone_name` for the reader):
// "today at 17:00 (UTC)", "tomorrow at 09:30 (Asia/Tokyo)", or
// "Thursday 3 December at 10:00 (Europe/Berlin)"; the year is added when it
// is not now's.
std::string due_in_words(const Timestamp& due, const Timestamp& now, const date::time_zone* zone,
                         std::string_view zone_name);

} // namespace hd
