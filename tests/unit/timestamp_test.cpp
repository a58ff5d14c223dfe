#include "core/timestamp.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("RFC 3339 times round-trip with their offset", "[timestamp]") {
    for (const char* s : {"2026-11-23T09:30:00+01:00", "2026-11-23T09:30:00Z",
                          "1999-12-31T23:59:59-05:30", "2024-02-29T00:00:00+14:00"}) {
        auto t = parse_rfc3339(s);
        REQUIRE(t);
        CHECK(format_rfc3339(*t) == s);
    }
}

TEST_CASE("offsets name the same instant", "[timestamp]") {
    auto a = parse_rfc3339("2026-11-23T09:30:00+01:00");
    auto b = parse_rfc3339("2026-11-23T08:30:00Z");
    auto c = parse_rfc3339("2026-11-23T03:30:00-05:00");
    REQUIRE((a && b && c));
    CHECK(a->utc == b->utc);
    CHECK(b->utc == c->utc);
    CHECK(a->offset_minutes == 60);
    CHECK(c->offset_minutes == -300);
}

TEST_CASE("accepted variants of RFC 3339", "[timestamp]") {
    CHECK(parse_rfc3339("2026-11-23 09:30:00Z"));
    CHECK(parse_rfc3339("2026-11-23t09:30:00z"));
    auto frac = parse_rfc3339("2026-11-23T09:30:00.123456+01:00");
    REQUIRE(frac);
    CHECK(format_rfc3339(*frac) == "2026-11-23T09:30:00+01:00");
}

TEST_CASE("malformed times are rejected", "[timestamp]") {
    for (const char* s :
         {"", "2026-11-23", "2026-11-23T09:30:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
          "2026-11-23T24:00:00Z", "2026-11-23T09:30:00+1:00", "2026-11-23T09:30:00+01:00x",
          "last tuesday", "2026-11-23T09:30:00.Z"}) {
        INFO(s);
        CHECK_FALSE(parse_rfc3339(s));
    }
}

TEST_CASE("a time is what TOML calls a time", "[timestamp]") {
    // TOML has no leap second and no offset of a whole day; ticket files
    // are TOML, so neither reader may accept what the other refuses.
    for (const char* s :
         {"2026-12-31T23:59:60Z", "2026-12-31T23:59:60+01:00", "2026-11-23T09:30:00+24:00",
          "2026-11-23T09:30:00-23:60", "2026-11-23T09:30:00.1234567890Z", "2026-11-23T09:30:00Z ",
          "2026-11-23T09:30:00\\u005A"}) {
        INFO(s);
        CHECK_FALSE(parse_rfc3339(s));
    }
    CHECK_FALSE(from_local(LocalTime{2026, 12, 31, 23, 59, 60}, 0));
    CHECK(parse_rfc3339("2026-11-23T09:30:00.123456789-23:59"));
    CHECK(parse_rfc3339("0001-01-01T00:00:00Z"));
}

TEST_CASE("local fields follow the stored offset", "[timestamp]") {
    auto t = parse_rfc3339("2026-12-31T23:30:00-02:00");
    REQUIRE(t);
    auto lt = local_fields(*t);
    CHECK(lt.year == 2026);
    CHECK(lt.day == 31);
    auto utc = local_fields(with_offset(*t, 0));
    CHECK(utc.year == 2027);
    CHECK(utc.hour == 1);
}

TEST_CASE("ages are compact", "[timestamp]") {
    using namespace std::chrono;
    CHECK(format_age(seconds(5)) == "0m");
    CHECK(format_age(minutes(7)) == "7m");
    CHECK(format_age(hours(5)) == "5h");
    CHECK(format_age(hours(50)) == "2d");
    CHECK(format_age(seconds(-10)) == "0m");
}

TEST_CASE("a time refused for want of an offset says so", "[timestamp]") {
    CHECK(time_refusal("HD_NOW", "2026-11-20T10:00:00") ==
          "HD_NOW '2026-11-20T10:00:00': the time needs a UTC offset (e.g. +01:00 or Z), as in "
          "2026-11-20T10:00:00+01:00");
    CHECK(time_refusal("--at", "2026-11-20 10:00:00.5").find("needs a UTC offset") !=
          std::string::npos);
    for (std::string_view bad :
         {"yesterday", "2026-11-20", "2026-11-20T25:00:00", "", "2026-11-20T10:00:00+01:00x"}) {
        std::string why = time_refusal("--at", bad);
        CHECK(why.find("not an RFC 3339 time") != std::string::npos);
        CHECK(why.find("UTC offset") == std::string::npos);
    }
}
