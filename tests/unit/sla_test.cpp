#include "core/report.hpp"
#include "core/sla.hpp"

#include <catch2/catch.hpp>
#include <deque>

using namespace hd;
using namespace std::chrono;

namespace {

Timestamp t(const char* s) {
    return *parse_rfc3339(s);
}

struct Built {
    Ticket ticket;
    RowText text;
    TicketRow row;
};

Built build(Priority p, const char* created, std::vector<std::pair<EventKind, const char*>> evs) {
    Built b;
    b.ticket.id = "k3m9x2p";
    b.ticket.title = "t";
    b.ticket.priority = p;
    b.ticket.created = t(created);
    int line = 10;
    for (auto [kind, at] : evs) {
        Event e{.kind = kind, .at = t(at), .by = "Sam Agent <sam@example.com>"};
        e.line = line += 6;
        if (kind == EventKind::close) e.resolution = "solved";
        b.ticket.events.push_back(e);
    }
    b.row = make_row(b.ticket, derive_state(b.ticket), b.text);
    return b;
}

SlaPolicy policy() {
    SlaPolicy p;
    auto& n = p.targets[static_cast<size_t>(Priority::normal)];
    n.first_response = hours(4);
    n.next_response = hours(8);
    n.resolution = hours(24);
    return p;
}

const Clock* find(const std::vector<Clock>& cs, ClockKind k, int nth = 0) {
    for (const auto& c : cs)
        if (c.kind == k && nth-- == 0) return &c;
    return nullptr;
}

} // namespace

TEST_CASE("first response: met, breached, running and at risk", "[sla]") {
    auto p = policy();
    auto met = build(Priority::normal, "2026-11-23T09:00:00Z",
                     {{EventKind::reply, "2026-11-23T10:00:00Z"}});
    auto c =
        ticket_clocks(met.row, decode_timeline(met.row.timeline), p, t("2026-11-30T00:00:00Z"));
    REQUIRE(find(c, ClockKind::first_response));
    CHECK(find(c, ClockKind::first_response)->stopped);
    CHECK_FALSE(find(c, ClockKind::first_response)->breached);
    CHECK(find(c, ClockKind::first_response)->elapsed == hours(1));
    CHECK(find(c, ClockKind::first_response)->line == 16);

    // Notes never stop the clock.
    auto noted = build(Priority::normal, "2026-11-23T09:00:00Z",
                       {{EventKind::note, "2026-11-23T09:10:00Z"}});
    auto running =
        ticket_clocks(noted.row, decode_timeline(noted.row.timeline), p, t("2026-11-23T12:30:00Z"));
    const Clock* fr = find(running, ClockKind::first_response);
    REQUIRE(fr);
    CHECK_FALSE(fr->stopped);
    CHECK(fr->at_risk); // 3.5h of 4h
    CHECK(fr->due == t("2026-11-23T13:00:00Z"));
    auto late =
        ticket_clocks(noted.row, decode_timeline(noted.row.timeline), p, t("2026-11-23T14:00:00Z"));
    CHECK(find(late, ClockKind::first_response)->breached);
}

TEST_CASE("next response runs from the oldest unanswered message", "[sla]") {
    auto b = build(Priority::normal, "2026-11-23T09:00:00Z",
                   {{EventKind::reply, "2026-11-23T09:30:00Z"},
                    {EventKind::receive, "2026-11-23T10:00:00Z"},
                    {EventKind::receive, "2026-11-23T15:00:00Z"},
                    {EventKind::reply, "2026-11-23T19:00:00Z"}});
    auto c =
        ticket_clocks(b.row, decode_timeline(b.row.timeline), policy(), t("2026-11-24T00:00:00Z"));
    const Clock* next = find(c, ClockKind::next_response);
    REQUIRE(next);
    CHECK(next->elapsed == hours(9));
    CHECK(next->breached);
    CHECK(next->line == 22); // the first unanswered message
}

TEST_CASE("resolution pauses while waiting on the requester and continues after reopening",
          "[sla]") {
    auto b = build(Priority::normal, "2026-11-23T00:00:00Z",
                   {{EventKind::reply, "2026-11-23T02:00:00Z"},    // 2h counted, then paused
                    {EventKind::receive, "2026-11-25T00:00:00Z"},  // resumes
                    {EventKind::close, "2026-11-25T03:00:00Z"},    // 3h more: 5h
                    {EventKind::reopen, "2026-11-26T00:00:00Z"}}); // resumes again
    auto c =
        ticket_clocks(b.row, decode_timeline(b.row.timeline), policy(), t("2026-11-26T04:00:00Z"));
    const Clock* res = find(c, ClockKind::resolution);
    REQUIRE(res);
    CHECK_FALSE(res->stopped);
    CHECK(res->elapsed == hours(9));
    CHECK(res->due == t("2026-11-26T19:00:00Z"));

    auto waiting = build(Priority::normal, "2026-11-23T00:00:00Z",
                         {{EventKind::reply, "2026-11-23T02:00:00Z"}});
    auto w = ticket_clocks(waiting.row, decode_timeline(waiting.row.timeline), policy(),
                           t("2026-12-30T00:00:00Z"));
    CHECK(find(w, ClockKind::resolution)->paused);
    CHECK_FALSE(find(w, ClockKind::resolution)->breached);
}

TEST_CASE("a ticket closed before any answer owed no first response", "[sla]") {
    auto b = build(Priority::normal, "2026-11-23T00:00:00Z",
                   {{EventKind::close, "2026-11-24T00:00:00Z"}});
    auto c =
        ticket_clocks(b.row, decode_timeline(b.row.timeline), policy(), t("2026-11-30T00:00:00Z"));
    CHECK_FALSE(find(c, ClockKind::first_response));
}

TEST_CASE("report metrics: medians, percentiles, shares and findings", "[sla]") {
    std::deque<Built> tickets; // rows point into each Built: never copy one
    const char* replies[] = {"2026-11-23T01:00:00Z", "2026-11-23T02:00:00Z", "2026-11-23T03:00:00Z",
                             "2026-11-23T06:00:00Z"};
    for (const char* r : replies)
        tickets.push_back(build(Priority::normal, "2026-11-23T00:00:00Z", {{EventKind::reply, r}}));
    tickets.push_back(build(Priority::normal, "2026-11-23T00:00:00Z", {}));
    std::vector<TicketRow> rows;
    for (auto& b : tickets)
        rows.push_back(b.row);
    Report r = build_report(rows, policy(), t("2026-11-23T07:00:00Z"), {});
    REQUIRE(r.groups.size() == 1);
    const Stats& s = r.total;
    CHECK(s.tickets == 5);
    CHECK(s.median(s.first_times) == hours(2));
    CHECK(s.p90(s.first_times) == hours(6));
    CHECK(s.first_within == 3);
    CHECK(s.open_breaches == 1);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].breached);
    CHECK(r.findings[0].past_or_left == hours(3));
    CHECK(human_duration(hours(26)) == "26h");
    CHECK(human_duration(minutes(90)) == "1h 30m");
}

namespace {

// As build(), with snoozes: each ("snooze", at) pair takes its until from `untils`.
Built build_held(Priority p, const char* created,
                 std::vector<std::pair<EventKind, const char*>> evs,
                 std::vector<const char*> untils) {
    Built b;
    b.ticket.id = "k3m9x2p";
    b.ticket.title = "t";
    b.ticket.priority = p;
    b.ticket.created = t(created);
    int line = 10;
    size_t u = 0;
    for (auto [kind, at] : evs) {
        Event e{.kind = kind, .at = t(at), .by = "Sam Agent <sam@example.com>"};
        e.line = line += 6;
        if (kind == EventKind::close) e.resolution = "solved";
        if (kind == EventKind::snooze) e.until = t(untils.at(u++));
        b.ticket.events.push_back(e);
    }
    b.row = make_row(b.ticket, derive_state(b.ticket), b.text);
    return b;
}

SlaPolicy policy_with_updates() {
    SlaPolicy p = policy();
    p.targets[static_cast<size_t>(Priority::normal)].periodic_update = hours(4);
    return p;
}

} // namespace

TEST_CASE("resolution: time on hold does not count, and the clock is paused while on hold",
          "[sla][holds]") {
    // Escalated (the clock keeps running), then on hold from 02:00 to the next day 02:00.
    auto b = build_held(Priority::normal, "2026-11-23T00:00:00Z",
                        {{EventKind::escalate, "2026-11-23T01:00:00Z"},
                         {EventKind::snooze, "2026-11-23T02:00:00Z"}},
                        {"2026-11-24T02:00:00Z"});
    auto events = decode_timeline(b.row.timeline);
    auto during = ticket_clocks(b.row, events, policy(), t("2026-11-23T12:00:00Z"));
    const Clock* res = find(during, ClockKind::resolution);
    REQUIRE(res);
    CHECK(res->paused);
    CHECK_FALSE(res->stopped);
    CHECK(res->elapsed == hours(2));
    CHECK_FALSE(res->at_risk);
    CHECK_FALSE(res->due);

    // After the hold: 30h passed, 24h of it on hold; due is now + the 18h left.
    auto after = ticket_clocks(b.row, events, policy(), t("2026-11-24T06:00:00Z"));
    res = find(after, ClockKind::resolution);
    REQUIRE(res);
    CHECK_FALSE(res->paused);
    CHECK(res->elapsed == hours(6));
    CHECK_FALSE(res->breached);
    CHECK(res->due == t("2026-11-25T00:00:00Z"));

    // Without the hold the same ticket would be breached by then.
    auto plain = build(Priority::normal, "2026-11-23T00:00:00Z",
                       {{EventKind::escalate, "2026-11-23T01:00:00Z"}});
    auto unheld = ticket_clocks(plain.row, decode_timeline(plain.row.timeline), policy(),
                                t("2026-11-24T06:00:00Z"));
    CHECK(find(unheld, ClockKind::resolution)->elapsed == hours(30));
    CHECK(find(unheld, ClockKind::resolution)->breached);
}

TEST_CASE("resolution: a hold ended early by the requester counts only until then",
          "[sla][holds]") {
    // Open (our turn), held 02:00-(03:00, when they wrote) of a hold meant to last a week.
    auto b = build_held(Priority::normal, "2026-11-23T00:00:00Z",
                        {{EventKind::reply, "2026-11-23T01:00:00Z"},
                         {EventKind::receive, "2026-11-23T01:30:00Z"},
                         {EventKind::snooze, "2026-11-23T02:00:00Z"},
                         {EventKind::receive, "2026-11-23T03:00:00Z"}},
                        {"2026-11-30T02:00:00Z"});
    auto c =
        ticket_clocks(b.row, decode_timeline(b.row.timeline), policy(), t("2026-11-23T05:00:00Z"));
    const Clock* res = find(c, ClockKind::resolution);
    REQUIRE(res);
    CHECK_FALSE(res->paused);
    // 00:00-01:00 and 01:30-05:00 less the hour on hold.
    CHECK(res->elapsed == minutes(210));
    CHECK(res->due == t("2026-11-24T01:30:00Z"));
}

TEST_CASE("periodic update: time on hold does not count, and it is paused while on hold",
          "[sla][holds]") {
    auto b = build_held(Priority::normal, "2026-11-23T07:00:00Z",
                        {{EventKind::escalate, "2026-11-23T08:00:00Z"},
                         {EventKind::snooze, "2026-11-23T09:00:00Z"}},
                        {"2026-11-23T20:00:00Z"});
    auto events = decode_timeline(b.row.timeline);
    auto during = ticket_clocks(b.row, events, policy_with_updates(), t("2026-11-23T12:00:00Z"));
    const Clock* up = find(during, ClockKind::periodic_update);
    REQUIRE(up);
    CHECK(up->paused);
    CHECK(up->elapsed == hours(1));
    CHECK_FALSE(up->breached);
    CHECK_FALSE(up->due);

    auto after = ticket_clocks(b.row, events, policy_with_updates(), t("2026-11-23T22:00:00Z"));
    up = find(after, ClockKind::periodic_update);
    REQUIRE(up);
    CHECK_FALSE(up->paused);
    CHECK(up->elapsed == hours(3)); // 14h since the escalation, 11h on hold
    CHECK_FALSE(up->breached);
    CHECK(up->at_risk);
    CHECK(up->due == t("2026-11-23T23:00:00Z"));
}

TEST_CASE("first and next response clocks run on while on hold", "[sla][holds]") {
    auto fresh =
        build_held(Priority::normal, "2026-11-23T00:00:00Z",
                   {{EventKind::snooze, "2026-11-23T01:00:00Z"}}, {"2026-11-23T10:00:00Z"});
    auto c = ticket_clocks(fresh.row, decode_timeline(fresh.row.timeline), policy(),
                           t("2026-11-23T05:00:00Z"));
    const Clock* first = find(c, ClockKind::first_response);
    REQUIRE(first);
    CHECK_FALSE(first->paused);
    CHECK(first->elapsed == hours(5));
    CHECK(first->breached);
    CHECK(first->due == t("2026-11-23T04:00:00Z"));
    CHECK(find(c, ClockKind::resolution)->paused);

    auto answered = build_held(Priority::normal, "2026-11-23T00:00:00Z",
                               {{EventKind::reply, "2026-11-23T01:00:00Z"},
                                {EventKind::receive, "2026-11-23T02:00:00Z"},
                                {EventKind::snooze, "2026-11-23T03:00:00Z"}},
                               {"2026-11-23T20:00:00Z"});
    auto n = ticket_clocks(answered.row, decode_timeline(answered.row.timeline), policy(),
                           t("2026-11-23T07:00:00Z"));
    const Clock* next = find(n, ClockKind::next_response);
    REQUIRE(next);
    CHECK_FALSE(next->paused);
    CHECK(next->elapsed == hours(5));
    CHECK(next->at_risk == false); // 5h of 8h
    CHECK(next->due == t("2026-11-23T10:00:00Z"));
    auto late = ticket_clocks(answered.row, decode_timeline(answered.row.timeline), policy(),
                              t("2026-11-23T12:00:00Z"));
    CHECK(find(late, ClockKind::next_response)->elapsed == hours(10));
    CHECK(find(late, ClockKind::next_response)->breached);
}
