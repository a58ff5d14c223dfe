#include "core/local_time.hpp"

#include <catch2/catch.hpp>

using namespace hd;

namespace {

Timestamp t(const char* s) {
    return *parse_rfc3339(s);
}

const date::time_zone* zone(const char* name) {
    auto z = zone_named(name);
    REQUIRE(z);
    REQUIRE(*z != nullptr);
    return *z;
}

const Timestamp now = t("2026-11-23T10:00:00Z"); // a Monday

} // namespace

TEST_CASE("zone_named knows the tz database, and UTC as no zone", "[local_time]") {
    for (const char* utc : {"", "UTC", "Etc/UTC"}) {
        INFO(utc);
        auto z = zone_named(utc);
        REQUIRE(z);
        CHECK(*z == nullptr);
    }
    auto berlin = zone_named("Europe/Berlin");
    REQUIRE(berlin);
    REQUIRE(*berlin != nullptr);
    CHECK(zone_label(*berlin) == "Europe/Berlin");
    CHECK(zone_label(nullptr) == "UTC");
    CHECK_FALSE(zone_named("Mars/Olympus_Mons"));
    CHECK_FALSE(zone_named("europe/nowhere"));
}

TEST_CASE("parse_when: an RFC 3339 time keeps its offset", "[local_time]") {
    auto when = parse_when("2026-12-04T09:00:00+01:00", now, nullptr);
    REQUIRE(when);
    CHECK(when->utc == t("2026-12-04T08:00:00Z").utc);
    CHECK(when->offset_minutes == 60);
    CHECK(format_rfc3339(*parse_when("2026-12-04T09:00:00Z", now, zone("Asia/Tokyo"))) ==
          "2026-12-04T09:00:00Z");
}

TEST_CASE("parse_when: a date is the start of that day in the zone", "[local_time]") {
    const auto* berlin = zone("Europe/Berlin");
    // Winter: UTC+1.
    auto winter = parse_when("2026-12-04", now, berlin);
    REQUIRE(winter);
    CHECK(format_rfc3339(*winter) == "2026-12-04T00:00:00+01:00");
    CHECK(winter->utc == t("2026-12-03T23:00:00Z").utc);
    // Summer: UTC+2.
    auto summer = parse_when("2027-07-01", now, berlin);
    REQUIRE(summer);
    CHECK(format_rfc3339(*summer) == "2027-07-01T00:00:00+02:00");
    // The day DST starts (at 02:00): midnight is still UTC+1.
    CHECK(format_rfc3339(*parse_when("2027-03-28", now, berlin)) == "2027-03-28T00:00:00+01:00");
    // The day it ends: midnight is still UTC+2.
    CHECK(format_rfc3339(*parse_when("2026-10-25", now, berlin)) == "2026-10-25T00:00:00+02:00");
    // No zone: UTC.
    CHECK(format_rfc3339(*parse_when("2026-12-04", now, nullptr)) == "2026-12-04T00:00:00Z");
    // Tokyo is ahead of UTC.
    CHECK(parse_when("2026-12-04", now, zone("Asia/Tokyo"))->utc == t("2026-12-03T15:00:00Z").utc);

    std::string why;
    CHECK_FALSE(parse_when("2026-02-30", now, berlin, &why));
    CHECK(why == "no such date");
    CHECK_FALSE(parse_when("2026-13-01", now, berlin, &why));
    CHECK(why == "no such date");
    CHECK_FALSE(parse_when("2026-1x-04", now, berlin, &why));
    CHECK(why == "not a date (YYYY-MM-DD)");
}

TEST_CASE("parse_when: a span from now", "[local_time]") {
    CHECK(format_rfc3339(*parse_when("4h", now, nullptr)) == "2026-11-23T14:00:00Z");
    CHECK(format_rfc3339(*parse_when("3d", now, nullptr)) == "2026-11-26T10:00:00Z");
    CHECK(format_rfc3339(*parse_when("2w", now, nullptr)) == "2026-12-07T10:00:00Z");
    CHECK(format_rfc3339(*parse_when("90m", now, nullptr)) == "2026-11-23T11:30:00Z");
    // Said in the zone's offset at that instant.
    CHECK(format_rfc3339(*parse_when("4h", now, zone("Europe/Berlin"))) ==
          "2026-11-23T15:00:00+01:00");
}

TEST_CASE("parse_when: a time without an offset, and garbage, say why", "[local_time]") {
    std::string why;
    CHECK_FALSE(parse_when("2026-12-04T09:00:00", now, nullptr, &why));
    CHECK(why == "needs a UTC offset (e.g. +01:00 or Z)");
    why.clear();
    CHECK_FALSE(parse_when("2026-12-04T09:00:00.5", now, nullptr, &why));
    CHECK(why == "needs a UTC offset (e.g. +01:00 or Z)");
    for (const char* bad : {"tomorrow", "", "4", "-2d", "2026-12-04T25:00:00Z", "12/04/2026"}) {
        INFO(bad);
        why.clear();
        CHECK_FALSE(parse_when(bad, now, nullptr, &why));
        CHECK(why == "expected an RFC 3339 time (2026-12-04T09:00:00+01:00), a date (2026-12-04) "
                     "or a span from now (4h, 3d, 2w)");
    }
    // `why` is optional.
    CHECK_FALSE(parse_when("soon", now, nullptr));
}

TEST_CASE("due_in_words: today, tomorrow, or the weekday and date", "[local_time]") {
    CHECK(due_in_words(t("2026-11-23T17:00:00Z"), now, nullptr, "UTC") == "today at 17:00 (UTC)");
    CHECK(due_in_words(t("2026-11-24T09:30:00Z"), now, nullptr, "UTC") ==
          "tomorrow at 09:30 (UTC)");
    CHECK(due_in_words(t("2026-12-03T10:00:00Z"), now, nullptr, "UTC") ==
          "Thursday 3 December at 10:00 (UTC)");
    CHECK(due_in_words(t("2026-11-25T08:05:00Z"), now, nullptr, "") ==
          "Wednesday 25 November at 08:05 (UTC)");
    // The year when it is not now's.
    CHECK(due_in_words(t("2027-01-05T10:00:00Z"), now, nullptr, "UTC") ==
          "Tuesday 5 January 2027 at 10:00 (UTC)");
    CHECK(due_in_words(t("2027-01-01T10:00:00Z"), t("2026-12-31T20:00:00Z"), nullptr, "UTC") ==
          "tomorrow at 10:00 (UTC)");
}

TEST_CASE("due_in_words: days and hours in the reader's zone", "[local_time]") {
    const auto* tokyo = zone("Asia/Tokyo");
    // 16:00 UTC is 01:00 the next day in Tokyo, where it is 19:00 now.
    CHECK(due_in_words(t("2026-11-23T16:00:00Z"), now, tokyo, "Asia/Tokyo") ==
          "tomorrow at 01:00 (Asia/Tokyo)");
    CHECK(due_in_words(t("2026-11-23T14:00:00Z"), now, tokyo, "Asia/Tokyo") ==
          "today at 23:00 (Asia/Tokyo)");
    const auto* berlin = zone("Europe/Berlin");
    CHECK(due_in_words(t("2026-12-03T09:00:00Z"), now, berlin, "Europe/Berlin") ==
          "Thursday 3 December at 10:00 (Europe/Berlin)");
    // Summer time.
    CHECK(due_in_words(t("2027-06-01T08:00:00Z"), now, berlin, "Europe/Berlin") ==
          "Tuesday 1 June 2027 at 10:00 (Europe/Berlin)");
}
