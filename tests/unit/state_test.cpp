#include "core/state.hpp"

#include <catch2/catch.hpp>

using namespace hd;

namespace {

Timestamp at(int hour) {
    return *from_local({2026, 11, 23, hour, 0, 0}, 0);
}

Ticket ticket_with(std::vector<std::pair<EventKind, int>> events) {
    Ticket t;
    t.id = "k3m9x2p";
    t.created = at(0);
    for (auto [kind, hour] : events) {
        Event e;
        e.kind = kind;
        e.at = at(hour);
        if (kind == EventKind::close) e.resolution = "solved";
        t.events.push_back(e);
    }
    return t;
}

} // namespace

TEST_CASE("a ticket with no public reply is new, whatever the notes", "[state]") {
    auto s = derive_state(ticket_with({{EventKind::note, 1}, {EventKind::note, 2}}));
    CHECK(s.status == Status::fresh);
    CHECK(s.waiting_on == WaitingOn::us);
    CHECK(s.notes == 2);
    CHECK(s.last_activity == at(2));
}

TEST_CASE("replies and messages take turns", "[state]") {
    CHECK(derive_state(ticket_with({{EventKind::reply, 1}})).status == Status::waiting);
    auto s = derive_state(ticket_with({{EventKind::reply, 1}, {EventKind::receive, 2}}));
    CHECK(s.status == Status::open);
    CHECK(s.waiting_on == WaitingOn::us);
    CHECK(s.messages == 2);
    CHECK(derive_state(ticket_with({{EventKind::reply, 1}, {EventKind::note, 2}})).status ==
          Status::waiting);
    CHECK(derive_state(ticket_with({{EventKind::reply, 1}, {EventKind::followup, 5}})).status ==
          Status::waiting);
}

TEST_CASE("escalation waits on engineering until the requester writes", "[state]") {
    auto s = derive_state(ticket_with({{EventKind::escalate, 1}}));
    CHECK(s.status == Status::escalated);
    CHECK(s.waiting_on == WaitingOn::engineering);
    auto s2 = derive_state(ticket_with({{EventKind::escalate, 1}, {EventKind::receive, 2}}));
    CHECK(s2.status == Status::escalated);
    CHECK(s2.waiting_on == WaitingOn::us);
}

TEST_CASE("closing, reopening and writing to a closed ticket", "[state]") {
    auto closed = derive_state(ticket_with({{EventKind::reply, 1}, {EventKind::close, 2}}));
    CHECK(closed.status == Status::closed);
    CHECK(closed.resolution == "solved");
    CHECK(closed.waiting_on == WaitingOn::nobody);
    auto reopened = derive_state(
        ticket_with({{EventKind::reply, 1}, {EventKind::close, 2}, {EventKind::reopen, 3}}));
    CHECK(reopened.status == Status::open);
    CHECK(reopened.resolution.empty());
    auto wrote = derive_state(
        ticket_with({{EventKind::escalate, 1}, {EventKind::close, 2}, {EventKind::receive, 3}}));
    CHECK(wrote.status == Status::open);
}

TEST_CASE("restatement, priority, assignee and tags follow their latest event", "[state]") {
    Ticket t = ticket_with({});
    t.summary = "first words";
    t.tags = {"a", "b"};
    Event restate{.kind = EventKind::restate, .at = at(1), .summary = "better words"};
    Event prio{.kind = EventKind::priority, .at = at(2), .priority = Priority::urgent};
    Event assign{.kind = EventKind::assign, .at = at(3), .assignee = "Sam"};
    Event tag{.kind = EventKind::tag, .at = at(4), .add = {"c", "a"}, .remove = {"b"}};
    t.events = {restate, prio, assign, tag};
    auto s = derive_state(t);
    CHECK(s.summary == "better words");
    CHECK(s.priority == Priority::urgent);
    CHECK(s.assignee == "Sam");
    CHECK(s.tags == std::vector<std::string>{"a", "c"});
}

TEST_CASE("status names", "[state]") {
    CHECK(to_string(Status::fresh) == "new");
    CHECK(parse_status("escalated") == Status::escalated);
    CHECK_FALSE(parse_status("pending"));
}
