#include "core/duration.hpp"
#include "core/error.hpp"
#include "core/followup.hpp"
#include "core/practice_check.hpp"
#include "store/config.hpp"

#include <catch2/catch.hpp>

using namespace hd;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

Timestamp nov(int d, int hour = 10) {
    return *from_local({2026, 11, d, hour, 0, 0}, 0);
}

Ticket ticket(std::vector<std::pair<EventKind, int>> events) {
    Ticket t;
    t.id = "k3m9x2p";
    t.created = nov(1, 9);
    for (auto [kind, d] : events) {
        Event e{.kind = kind, .at = nov(d)};
        if (kind == EventKind::followup) e.followup = 0; // numbered below
        t.events.push_back(e);
    }
    int n = 0;
    for (auto& e : t.events) {
        if (e.kind == EventKind::receive) n = 0;
        if (e.kind == EventKind::followup) e.followup = ++n;
    }
    return t;
}

TicketRow row_of(const Ticket& t, RowText& text) {
    return make_row(t, derive_state(t), text);
}

} // namespace

TEST_CASE("durations", "[followup]") {
    CHECK(parse_duration("4d") == hours(96));
    CHECK(parse_duration("36h") == hours(36));
    CHECK(parse_duration("90m") == minutes(90));
    CHECK(parse_duration("1w") == hours(24 * 7));
    CHECK(parse_duration("1d12h") == hours(36));
    for (const char* bad : {"", "4", "d", "4x", "-1d", "1.5d", "4 d"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration(bad));
    }
    CHECK(format_duration(hours(36)) == "1d12h");
    CHECK(format_duration(minutes(90)) == "1h30m");
    CHECK(format_duration(seconds(0)) == "0m");
}

TEST_CASE("follow-ups fall due on the cadence from the agent's last word", "[followup]") {
    FollowupPolicy p; // 4d, 2d, 3d
    RowText text;
    auto none = row_of(ticket({}), text);
    CHECK_FALSE(next_followup(none, p)); // new: our turn, not theirs

    auto one = next_followup(row_of(ticket({{EventKind::reply, 2}}), text), p);
    REQUIRE(one);
    CHECK(one->followup == 1);
    CHECK(one->due == nov(6));

    auto two =
        next_followup(row_of(ticket({{EventKind::reply, 2}, {EventKind::followup, 6}}), text), p);
    REQUIRE(two);
    CHECK(two->followup == 2);
    CHECK(two->due == nov(8));

    auto close = next_followup(
        row_of(ticket({{EventKind::reply, 2}, {EventKind::followup, 6}, {EventKind::followup, 8}}),
               text),
        p);
    REQUIRE(close);
    CHECK(close->followup == 3);
    CHECK(close->due == nov(11));
}

TEST_CASE("a requester's message resets the count; notes change nothing", "[followup]") {
    FollowupPolicy p;
    RowText text;
    auto t = ticket({{EventKind::reply, 2},
                     {EventKind::followup, 6},
                     {EventKind::receive, 7},
                     {EventKind::reply, 8},
                     {EventKind::note, 9}});
    auto step = next_followup(row_of(t, text), p);
    REQUIRE(step);
    CHECK(step->followup == 1);
    CHECK(step->due == nov(12));
    auto answered = ticket({{EventKind::reply, 2}, {EventKind::receive, 3}});
    CHECK_FALSE(next_followup(row_of(answered, text), p)); // our turn again
}

TEST_CASE("closing rules", "[followup]") {
    RowText text;
    auto quiet_once = row_of(ticket({{EventKind::reply, 2}, {EventKind::followup, 6}}), text);
    auto quiet_twice = row_of(
        ticket({{EventKind::reply, 2}, {EventKind::followup, 6}, {EventKind::followup, 8}}), text);
    auto refused = [&](const TicketRow& r, CloseRequest c) {
        try {
            check_close(r, c);
        } catch (const Error& e) {
            return std::pair{e.code(), std::string(e.what())};
        }
        return std::pair{Exit::ok, std::string()};
    };
    CHECK(refused(quiet_twice, {.resolution = "no-response", .explain = "quiet"}).first ==
          Exit::ok);
    auto once = refused(quiet_once, {.resolution = "no-response", .explain = "quiet"});
    CHECK(once.first == Exit::refused);
    CHECK_THAT(once.second, Catch::Contains("1 follow-up(s)") && Catch::Contains("2026-11-06"));
    CHECK(check_close(quiet_once, {.resolution = "no-response",
                                   .explain = "quiet",
                                   .reason = "requester left the company",
                                   .force = true}) != "");
    CHECK(refused(quiet_once, {.resolution = "spam"}).first == Exit::ok);
    CHECK(refused(quiet_once, {.resolution = "unsubscribe"}).first == Exit::ok);
    CHECK(refused(quiet_once, {.resolution = "solved"}).first == Exit::ok);
    CHECK(refused(quiet_once, {.resolution = "workaround"}).first == Exit::usage);
    CHECK(refused(quiet_once, {.resolution = "duplicate", .explain = "same"}).first == Exit::usage);
    CHECK(refused(quiet_once, {.resolution = "fixed"}).first == Exit::usage);
    CHECK(refused(quiet_once, {.resolution = "solved", .force = true}).first == Exit::usage);

    auto escalated = row_of(ticket({{EventKind::escalate, 2}}), text);
    CHECK(refused(escalated, {.resolution = "solved"}).first == Exit::refused);
    CHECK(refused(escalated, {.resolution = "solved", .explain = "fixed in 2.4"}).first ==
          Exit::ok);
    CHECK(refused(escalated, {.resolution = "spam"}).first == Exit::ok);

    auto closed = row_of(ticket({{EventKind::reply, 2}, {EventKind::close, 3}}), text);
    CHECK(refused(closed, {.resolution = "solved"}).first == Exit::refused);
}

TEST_CASE("practice findings point at the event", "[followup]") {
    Ticket t = ticket({});
    Event esc{.kind = EventKind::escalate, .at = nov(3), .to = "ENG-1"};
    esc.line = 12;
    Event early{.kind = EventKind::note, .at = nov(2)};
    early.line = 18;
    Event f2{.kind = EventKind::followup, .at = nov(4), .followup = 2};
    f2.line = 22;
    Event close{.kind = EventKind::close, .at = nov(5), .resolution = "wont-fix", .force = true};
    close.line = 30;
    t.events = {esc, early, f2, close};
    auto found = practice_findings(t);
    REQUIRE(found.size() == 5);
    CHECK(found[0].line == 12);
    CHECK_THAT(found[0].message, Catch::Contains("next steps"));
    CHECK(found[1].line == 18);
    CHECK(found[2].line == 22);
    CHECK(found[3].line == 30);
    CHECK_THAT(found[4].message, Catch::Contains("without a reason"));
}

TEST_CASE("the follow-up cadence is read from hd.toml", "[followup]") {
    auto c = parse_config("[followup]\nfirst_after = \"2d\"\nsecond_after = \"36h\"\n", "hd.toml");
    CHECK(c.followup.first == hours(48));
    CHECK(c.followup.second == hours(36));
    CHECK(c.followup.close == hours(72));
    auto bad = [](const char* text) {
        try {
            parse_config(text, "hd.toml");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK_THAT(bad("[followup]\nfirst_after = \"soon\"\n"), Catch::Contains("hd.toml:2:15"));
    CHECK_THAT(bad("[followup]\nclock = \"business\"\n"), Catch::Contains("calendar"));
}

namespace {

Event snoozed(int day, int until_day) {
    return Event{.kind = EventKind::snooze, .at = nov(day), .until = nov(until_day)};
}

} // namespace

TEST_CASE("time on hold pushes the next follow-up back", "[followup][holds]") {
    FollowupPolicy p; // 4d, 2d, 3d
    RowText text;

    // Quiet since 2 November, on hold 3 to 5 November: due 6 + 2 days.
    Ticket held = ticket({{EventKind::reply, 2}});
    held.events.push_back(snoozed(3, 5));
    auto r = row_of(held, text);
    CHECK(r.quiet_held == hours(48));
    auto step = next_followup(r, p);
    REQUIRE(step);
    CHECK(step->followup == 1);
    CHECK(step->due == nov(8));

    // Only the part of a hold after our last word counts.
    Ticket straddles = ticket({});
    straddles.events = {snoozed(2, 4), Event{.kind = EventKind::reply, .at = nov(3)}};
    step = next_followup(row_of(straddles, text), p);
    REQUIRE(step);
    CHECK(step->due == nov(8)); // 3 + 4 days + 1 day held

    Ticket before = ticket({});
    before.events = {snoozed(1, 2), Event{.kind = EventKind::reply, .at = nov(3)}};
    step = next_followup(row_of(before, text), p);
    REQUIRE(step);
    CHECK(step->due == nov(7));

    // Follow-up 2 after a hold since follow-up 1.
    Ticket second = ticket({{EventKind::reply, 2}, {EventKind::followup, 6}});
    second.events.push_back(snoozed(7, 9));
    step = next_followup(row_of(second, text), p);
    REQUIRE(step);
    CHECK(step->followup == 2);
    CHECK(step->due == nov(10));

    // A hold cleared early (snooze --clear) counts only until it was cleared.
    Ticket cleared = ticket({{EventKind::reply, 2}});
    cleared.events.push_back(snoozed(3, 20));
    cleared.events.push_back(snoozed(4, 4));
    step = next_followup(row_of(cleared, text), p);
    REQUIRE(step);
    CHECK(step->due == nov(7));
}
