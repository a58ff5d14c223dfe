#include "core/calendar.hpp"

#include <catch2/catch.hpp>
#include <random>

using namespace hd;
using namespace std::chrono;

namespace {

sys_seconds at(const char* rfc3339) {
    return parse_rfc3339(rfc3339)->utc;
}

Calendar office() {
    Calendar c;
    c.name = "office";
    c.always = false;
    c.zone = Calendar::find_zone("Europe/Lisbon", "test");
    for (int d = 1; d <= 5; ++d)
        c.hours[d] = {{9 * 60, 17 * 60}};
    c.holidays.insert(sys_days(year(2026) / 12 / 25));
    return c;
}

Calendar all_day(const char* zone) {
    Calendar c;
    c.always = false;
    c.zone = Calendar::find_zone(zone, "test");
    for (auto& h : c.hours)
        h = {{0, 24 * 60}};
    return c;
}

} // namespace

TEST_CASE("working hours and weekends", "[calendar]") {
    Calendar c = office();
    // Friday 16:00 to Monday 10:00 in Lisbon (UTC+0 in November): two hours.
    CHECK(business_between(c, at("2026-11-20T16:00:00Z"), at("2026-11-23T10:00:00Z")) == hours(2));
    // A 16-hour target on an 8-hour day takes two working days.
    CHECK(business_add(c, at("2026-11-23T09:00:00Z"), hours(16)) == at("2026-11-24T17:00:00Z"));
    CHECK(business_between(c, at("2026-11-23T10:00:00Z"), at("2026-11-23T09:00:00Z")) ==
          seconds(0));
}

TEST_CASE("holidays are skipped", "[calendar]") {
    Calendar c = office();
    // Thursday 24 December 16:00 to Monday 28 December 10:00: Friday is Christmas.
    CHECK(business_between(c, at("2026-12-24T16:00:00Z"), at("2026-12-28T10:00:00Z")) == hours(2));
}

TEST_CASE("a ticket created at night starts at the next business minute", "[calendar]") {
    Calendar c = office();
    CHECK(business_add(c, at("2026-11-21T22:00:00Z"), seconds(0)) == at("2026-11-23T09:00:00Z"));
    CHECK(business_add(c, at("2026-11-21T22:00:00Z"), hours(1)) == at("2026-11-23T10:00:00Z"));
}

TEST_CASE("hours follow the zone across DST changes in both directions", "[calendar]") {
    // In summer Lisbon is UTC+1: 09:00 local is 08:00 UTC.
    Calendar c = office();
    CHECK(business_between(c, at("2026-07-01T08:00:00Z"), at("2026-07-01T16:00:00Z")) == hours(8));
    // A whole local day is 25 hours when clocks go back, 23 when they go forward.
    Calendar d = all_day("Europe/Lisbon");
    CHECK(business_between(d, at("2026-10-25T00:00:00+01:00"), at("2026-10-26T00:00:00Z")) ==
          hours(25));
    CHECK(business_between(d, at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00+01:00")) ==
          hours(23));
    Calendar ny = all_day("America/New_York");
    CHECK(business_between(ny, at("2026-11-01T00:00:00-04:00"), at("2026-11-02T00:00:00-05:00")) ==
          hours(25));
}

TEST_CASE("offsets from different clones name the same instants", "[calendar]") {
    Calendar c = office();
    CHECK(business_between(c, at("2026-11-23T10:00:00+01:00"), at("2026-11-23T06:00:00-05:00")) ==
          hours(2));
}

TEST_CASE("adding then measuring gives the same duration", "[calendar]") {
    std::mt19937 rng(11);
    for (Calendar c : {office(), all_day("America/New_York"), Calendar{}}) {
        for (int i = 0; i < 300; ++i) {
            sys_seconds start = at("2026-01-01T00:00:00Z") + minutes(rng() % (365 * 24 * 60));
            seconds amount = minutes(1 + rng() % (60 * 24 * 10));
            auto end = business_add(c, start, amount);
            INFO(format_rfc3339({start, 0}) << " + " << amount.count() << "s");
            CHECK(business_between(c, start, end) == amount);
        }
    }
}

TEST_CASE("working hours are parsed strictly", "[calendar]") {
    CHECK(parse_hours("09:00-17:30") == std::pair{540, 1050});
    CHECK(parse_hours("00:00-24:00") == std::pair{0, 1440});
    for (const char* bad : {"9-17", "17:00-09:00", "09:00", "09:00-25:00", "09:60-10:00", ""}) {
        INFO(bad);
        CHECK_FALSE(parse_hours(bad));
    }
}
