#include "core/event_order.hpp"

#include <catch2/catch.hpp>

using namespace hd;

namespace {
Timestamp at(const char* text) {
    return *parse_rfc3339(text);
}
} // namespace

TEST_CASE("a new event is stamped no earlier than the latest", "[order]") {
    Ticket t;
    t.created = at("2026-11-23T09:00:00Z");
    CHECK(stamp_after(t, at("2026-11-23T09:30:00Z")) == at("2026-11-23T09:30:00Z"));
    t.events.push_back(Event{.kind = EventKind::note, .at = at("2026-11-23T10:00:00Z")});
    t.events.push_back(Event{.kind = EventKind::note, .at = at("2026-11-23T09:45:00Z")});
    Timestamp s = stamp_after(t, at("2026-11-23T10:30:00+01:00")); // 09:30 UTC, behind
    CHECK(s.utc == at("2026-11-23T10:00:00Z").utc);
    CHECK(s.offset_minutes == 60); // the local offset is kept
    CHECK(latest_time(t) == at("2026-11-23T10:00:00Z"));
}

TEST_CASE("a given time that would break the order is found", "[order]") {
    Ticket t;
    t.created = at("2026-11-23T09:00:00Z");
    CHECK_FALSE(breaks_order(t, at("2026-11-23T09:00:00Z")));
    CHECK(breaks_order(t, at("2026-11-23T08:59:59Z")) == at("2026-11-23T09:00:00Z"));
    t.events.push_back(Event{.kind = EventKind::receive, .at = at("2026-11-24T09:00:00Z")});
    CHECK(breaks_order(t, at("2026-11-23T12:00:00Z")));
    CHECK_FALSE(breaks_order(t, at("2026-11-24T11:00:00+02:00"))); // the same instant
}
