#include "core/holds.hpp"
#include "core/state.hpp"

#include <catch2/catch.hpp>

using namespace hd;
using namespace std::chrono;

namespace {

Timestamp t(const char* s) {
    return *parse_rfc3339(s);
}

Event ev(EventKind kind, const char* at) {
    Event e{.kind = kind, .at = t(at)};
    if (kind == EventKind::close) e.resolution = "solved";
    return e;
}

Event snooze(const char* at, const char* until) {
    return Event{.kind = EventKind::snooze, .at = t(at), .until = t(until)};
}

Ticket ticket(std::vector<Event> events) {
    Ticket tk;
    tk.id = "k3m9x2p";
    tk.title = "Sync stalls";
    tk.created = t("2026-11-01T09:00:00Z");
    tk.events = std::move(events);
    return tk;
}

} // namespace

TEST_CASE("a snooze holds the ticket until its until", "[holds]") {
    std::vector<Event> events{ev(EventKind::reply, "2026-11-02T10:00:00Z"),
                              snooze("2026-11-03T10:00:00Z", "2026-11-05T10:00:00Z"),
                              ev(EventKind::note, "2026-11-04T10:00:00Z")};
    auto holds = hold_stretches(events);
    REQUIRE(holds.size() == 1);
    CHECK(holds[0].from == t("2026-11-03T10:00:00Z"));
    CHECK(holds[0].to == t("2026-11-05T10:00:00Z"));

    // A message after the hold ran out does not shorten it.
    events.push_back(ev(EventKind::receive, "2026-11-07T10:00:00Z"));
    holds = hold_stretches(events);
    REQUIRE(holds.size() == 1);
    CHECK(holds[0].to == t("2026-11-05T10:00:00Z"));
}

TEST_CASE("a hold ends early when the requester writes, or on close or reopen", "[holds]") {
    for (EventKind k : {EventKind::receive, EventKind::close, EventKind::reopen}) {
        INFO(to_string(k));
        std::vector<Event> events{snooze("2026-11-03T10:00:00Z", "2026-11-10T10:00:00Z"),
                                  ev(k, "2026-11-04T12:00:00Z")};
        auto holds = hold_stretches(events);
        REQUIRE(holds.size() == 1);
        CHECK(holds[0].from == t("2026-11-03T10:00:00Z"));
        CHECK(holds[0].to == t("2026-11-04T12:00:00Z"));
    }
    // Replies, notes and follow-ups leave it on hold.
    for (EventKind k : {EventKind::reply, EventKind::note, EventKind::followup}) {
        INFO(to_string(k));
        std::vector<Event> events{snooze("2026-11-03T10:00:00Z", "2026-11-10T10:00:00Z"),
                                  ev(k, "2026-11-04T12:00:00Z")};
        auto holds = hold_stretches(events);
        REQUIRE(holds.size() == 1);
        CHECK(holds[0].to == t("2026-11-10T10:00:00Z"));
    }
}

TEST_CASE("a second snooze replaces the first; one not after itself only ends it", "[holds]") {
    auto replaced = hold_stretches(std::vector<Event>{
        snooze("2026-11-03T10:00:00Z", "2026-11-10T10:00:00Z"),
        snooze("2026-11-05T10:00:00Z", "2026-11-20T10:00:00Z"),
    });
    REQUIRE(replaced.size() == 2);
    CHECK(replaced[0].from == t("2026-11-03T10:00:00Z"));
    CHECK(replaced[0].to == t("2026-11-05T10:00:00Z"));
    CHECK(replaced[1].from == t("2026-11-05T10:00:00Z"));
    CHECK(replaced[1].to == t("2026-11-20T10:00:00Z"));

    // A shorter second snooze shortens the hold.
    auto shortened = hold_stretches(std::vector<Event>{
        snooze("2026-11-03T10:00:00Z", "2026-11-10T10:00:00Z"),
        snooze("2026-11-04T10:00:00Z", "2026-11-06T10:00:00Z"),
    });
    REQUIRE(shortened.size() == 2);
    CHECK(shortened[1].to == t("2026-11-06T10:00:00Z"));

    // hd snooze --clear: until = now.
    auto cleared = hold_stretches(std::vector<Event>{
        snooze("2026-11-03T10:00:00Z", "2026-11-10T10:00:00Z"),
        snooze("2026-11-04T10:00:00Z", "2026-11-04T10:00:00Z"),
    });
    REQUIRE(cleared.size() == 1);
    CHECK(cleared[0].from == t("2026-11-03T10:00:00Z"));
    CHECK(cleared[0].to == t("2026-11-04T10:00:00Z"));

    // Until before it: ends the open hold, starts none.
    auto backwards = hold_stretches(std::vector<Event>{
        snooze("2026-11-03T10:00:00Z", "2026-11-10T10:00:00Z"),
        snooze("2026-11-04T10:00:00Z", "2026-11-01T10:00:00Z"),
    });
    REQUIRE(backwards.size() == 1);
    CHECK(backwards[0].to == t("2026-11-04T10:00:00Z"));

    // Alone, such a snooze is no hold at all.
    CHECK(hold_stretches(std::vector<Event>{snooze("2026-11-04T10:00:00Z", "2026-11-04T10:00:00Z")})
              .empty());
    // Ended the moment it began: no stretch.
    CHECK(hold_stretches(std::vector<Event>{snooze("2026-11-04T10:00:00Z", "2026-11-09T10:00:00Z"),
                                            ev(EventKind::receive, "2026-11-04T10:00:00Z")})
              .empty());
}

TEST_CASE("derived state: hold_until, holds and the quiet time held", "[holds][state]") {
    auto none = derive_state(ticket({ev(EventKind::reply, "2026-11-02T10:00:00Z")}));
    CHECK(none.holds.empty());
    CHECK(none.hold_until == Timestamp{});
    CHECK(none.quiet_held == seconds(0));

    // Held after our last word: all of it is quiet time held.
    auto held = derive_state(ticket({ev(EventKind::reply, "2026-11-02T10:00:00Z"),
                                     snooze("2026-11-03T10:00:00Z", "2026-11-05T10:00:00Z")}));
    REQUIRE(held.holds.size() == 1);
    CHECK(held.hold_until == t("2026-11-05T10:00:00Z"));
    CHECK(held.quiet_held == hours(48));
    CHECK(held.status == Status::waiting);
    CHECK(held.last_activity == t("2026-11-03T10:00:00Z"));

    // Only the part after our last word counts.
    auto straddles = derive_state(ticket({snooze("2026-11-02T10:00:00Z", "2026-11-04T10:00:00Z"),
                                          ev(EventKind::reply, "2026-11-03T10:00:00Z")}));
    CHECK(straddles.quiet_held == hours(24));
    CHECK(straddles.hold_until == t("2026-11-04T10:00:00Z"));

    auto before = derive_state(ticket({snooze("2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z"),
                                       ev(EventKind::reply, "2026-11-03T10:00:00Z")}));
    CHECK(before.quiet_held == seconds(0));
    CHECK(before.hold_until == t("2026-11-02T10:00:00Z"));

    // Two stretches after the last reply add up; hold_until is the latest end.
    auto two = derive_state(ticket({ev(EventKind::reply, "2026-11-02T10:00:00Z"),
                                    snooze("2026-11-03T10:00:00Z", "2026-11-04T10:00:00Z"),
                                    snooze("2026-11-05T10:00:00Z", "2026-11-05T16:00:00Z")}));
    REQUIRE(two.holds.size() == 2);
    CHECK(two.quiet_held == hours(30));
    CHECK(two.hold_until == t("2026-11-05T16:00:00Z"));

    // Ended early by the requester: hold_until is when they wrote.
    auto ended = derive_state(ticket({ev(EventKind::reply, "2026-11-02T10:00:00Z"),
                                      snooze("2026-11-03T10:00:00Z", "2026-11-09T10:00:00Z"),
                                      ev(EventKind::receive, "2026-11-04T10:00:00Z")}));
    CHECK(ended.hold_until == t("2026-11-04T10:00:00Z"));
    CHECK(ended.quiet_held == hours(24));
    CHECK(ended.status == Status::open);
}

TEST_CASE("title, audience, greet and zone follow their latest event", "[holds][state]") {
    Ticket tk = ticket({});
    tk.audience = Audience::end_user;
    tk.greet = "Watanabe-san";
    tk.zone = "Asia/Tokyo";
    auto plain = derive_state(tk);
    CHECK(plain.title == "Sync stalls");
    CHECK(plain.audience == Audience::end_user);
    CHECK(plain.greet == "Watanabe-san");
    CHECK(plain.zone == "Asia/Tokyo");

    tk.events = {
        Event{.kind = EventKind::title, .at = t("2026-11-02T10:00:00Z"), .title = "Sync stops"},
        Event{.kind = EventKind::title, .at = t("2026-11-02T11:00:00Z"), .title = "Sync halts"},
        Event{.kind = EventKind::audience,
              .at = t("2026-11-02T12:00:00Z"),
              .audience = Audience::client},
        Event{.kind = EventKind::greet, .at = t("2026-11-02T13:00:00Z"), .greet = "渡辺さん"},
        Event{.kind = EventKind::zone, .at = t("2026-11-02T14:00:00Z"), .zone = "Europe/Berlin"},
    };
    auto s = derive_state(tk);
    CHECK(s.title == "Sync halts");
    CHECK(s.audience == Audience::client);
    CHECK(s.greet == "渡辺さん");
    CHECK(s.zone == "Europe/Berlin");
    CHECK(s.status == Status::fresh); // bookkeeping, not replies
    CHECK(s.public_replies == 0);
    CHECK(s.last_activity == t("2026-11-02T14:00:00Z"));

    // "" clears greet and zone.
    tk.events.push_back(Event{.kind = EventKind::greet, .at = t("2026-11-02T15:00:00Z")});
    tk.events.push_back(Event{.kind = EventKind::zone, .at = t("2026-11-02T16:00:00Z")});
    auto cleared = derive_state(tk);
    CHECK(cleared.greet == "");
    CHECK(cleared.zone == "");
    CHECK(cleared.title == "Sync halts");
}

TEST_CASE("a closing reply is a public reply, so the ticket is not new after reopening",
          "[holds][state]") {
    Event close = ev(EventKind::close, "2026-11-02T10:00:00Z");
    close.body = "Fixed in 2.4; write back if not.";
    auto s = derive_state(ticket({close, ev(EventKind::receive, "2026-11-03T10:00:00Z")}));
    CHECK(s.public_replies == 1);
    CHECK(s.last_agent_public == t("2026-11-02T10:00:00Z"));
    CHECK(s.reopenings == 1);
    CHECK(s.status == Status::open);
    CHECK(s.waiting_on == WaitingOn::us);

    // A silent close (spam) says nothing to the requester.
    Event spam = ev(EventKind::close, "2026-11-02T10:00:00Z");
    spam.resolution = "spam";
    auto quiet = derive_state(ticket({spam, ev(EventKind::receive, "2026-11-03T10:00:00Z")}));
    CHECK(quiet.public_replies == 0);
    CHECK(quiet.status == Status::fresh);
    CHECK(quiet.last_agent_public == Timestamp{});
}
