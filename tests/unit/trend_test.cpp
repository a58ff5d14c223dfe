#include "core/report.hpp"
#include "core/sla.hpp"
#include "core/trend.hpp"

#include <catch2/catch.hpp>
#include <deque>

using namespace hd;
using namespace std::chrono;

namespace {

Timestamp t(const char* s) {
    return *parse_rfc3339(s);
}

// One event: what, when, and what some kinds carry.
struct Ev {
    EventKind kind;
    const char* at;
    const char* resolution = "solved"; // close
    std::optional<Priority> priority;  // priority
    const char* until = nullptr;       // snooze
    bool body = true;                  // close: a closing reply
};

struct Built {
    Ticket ticket;
    RowText text;
    TicketRow row;
};

// Built tickets stay where they are: rows point into their text.
std::deque<Built> desk;

const TicketRow* ticket(Priority p, const char* created, std::vector<Ev> evs) {
    Built& b = desk.emplace_back();
    b.ticket.id = "t" + std::to_string(desk.size());
    b.ticket.title = "t";
    b.ticket.priority = p;
    b.ticket.created = t(created);
    int line = 10;
    for (const Ev& v : evs) {
        Event e{.kind = v.kind, .at = t(v.at), .by = "Sam Agent <sam@example.com>"};
        e.line = line += 6;
        if (v.kind == EventKind::close) {
            e.resolution = v.resolution;
            if (v.body) e.body = "Closing.";
        }
        if (v.kind == EventKind::reply || v.kind == EventKind::escalate) e.body = "Hello.";
        if (v.kind == EventKind::priority) e.priority = v.priority;
        if (v.kind == EventKind::snooze) e.until = t(v.until);
        b.ticket.events.push_back(e);
    }
    b.row = make_row(b.ticket, derive_state(b.ticket), b.text);
    return &b.row;
}

// Calendar time throughout: normal answers in 4h and resolves in 24h,
// urgent in 1h and 4h.
SlaPolicy policy() {
    SlaPolicy p;
    auto& n = p.targets[static_cast<size_t>(Priority::normal)];
    n.first_response = hours(4);
    n.next_response = hours(8);
    n.resolution = hours(24);
    auto& u = p.targets[static_cast<size_t>(Priority::urgent)];
    u.first_response = hours(1);
    u.next_response = hours(2);
    u.resolution = hours(4);
    return p;
}

const TrendSeries* series(const Trend& tr, std::string_view key) {
    for (const auto& s : tr.by_priority)
        if (s.key == key) return &s;
    return nullptr;
}

// Status counts at the end of a week: new, open, waiting, escalated, closed.
std::array<int, 5> st(int fresh, int open, int waiting, int escalated, int closed) {
    return {fresh, open, waiting, escalated, closed};
}

// Weeks end at 2026-11-09, 11-16 and 11-23, at noon UTC.
const char* now = "2026-11-23T12:00:00Z";

} // namespace

TEST_CASE("trend: weeks end at the report's time, seven days apart", "[trend]") {
    Trend tr = build_trend(std::vector<const TicketRow*>{}, policy(), t(now), 3);
    REQUIRE(tr.total.weeks.size() == 3);
    CHECK(tr.total.weeks[0].start == t("2026-11-02T12:00:00Z"));
    CHECK(tr.total.weeks[0].end == t("2026-11-09T12:00:00Z"));
    CHECK(tr.total.weeks[2].end == t(now));
    CHECK(tr.by_priority.empty());
    // The offset of now is kept for display.
    Trend lisbon =
        build_trend(std::vector<const TicketRow*>{}, policy(), t("2026-11-23T13:00:00+01:00"), 1);
    CHECK(format_rfc3339(lisbon.total.weeks[0].end) == "2026-11-23T13:00:00+01:00");
}

TEST_CASE("trend: finished clocks go to the week they stopped in, statuses as they stood",
          "[trend]") {
    // Answered in 1h, then waiting on the requester until the close a week
    // later: the resolution counted 1h.
    const TicketRow* a = ticket(
        Priority::normal, "2026-11-10T09:00:00Z",
        {{EventKind::reply, "2026-11-10T10:00:00Z"}, {EventKind::close, "2026-11-17T10:00:00Z"}});
    Trend tr = build_trend({a}, policy(), t(now), 3);
    const auto& w = tr.total.weeks;
    CHECK(w[0].status == st(0, 0, 0, 0, 0)); // not created yet on 11-09
    CHECK(w[0].first_times.empty());
    CHECK(w[1].first_times == std::vector<seconds>{hours(1)});
    CHECK(w[1].first_within == 1);
    CHECK(w[1].resolution_times.empty());
    CHECK(w[1].status == st(0, 0, 1, 0, 0)); // waiting at the end of the week
    CHECK(w[1].backlog() == 1);
    CHECK(w[2].resolution_times == std::vector<seconds>{hours(1)});
    CHECK(w[2].resolution_within == 1);
    CHECK(w[2].status == st(0, 0, 0, 0, 1));
    CHECK(w[2].backlog() == 0);
    for (const auto& week : w) {
        CHECK(week.passed == 0);
        CHECK(week.open_breaches == 0);
    }
    REQUIRE(tr.by_priority.size() == 1);
    CHECK(tr.by_priority[0].key == "normal");
    CHECK(tr.by_priority[0].first_target == hours(4));
    CHECK(tr.by_priority[0].resolution_target == hours(24));
}

TEST_CASE("trend: breaches are dated when the target passed, open ones carried to each week's "
          "end",
          "[trend]") {
    // Created before the first week and unanswered for ten days: both the
    // first response (4h) and the resolution (24h) passed their targets
    // before the weeks shown, so they count as open breaches from the
    // start, and not among any week's new ones.
    const TicketRow* b = ticket(Priority::normal, "2026-10-30T00:00:00Z",
                                {{EventKind::reply, "2026-11-12T00:00:00Z"}});
    Trend tr = build_trend({b}, policy(), t(now), 3);
    const auto& w = tr.total.weeks;
    CHECK(w[0].status == st(1, 0, 0, 0, 0));
    CHECK(w[0].open_breaches == 2);
    CHECK(w[0].passed == 0);
    // The late answer stops the first response (312h, not within); the
    // resolution stays breached while it waits on the requester.
    CHECK(w[1].first_times == std::vector<seconds>{hours(312)});
    CHECK(w[1].first_within == 0);
    CHECK(w[1].open_breaches == 1);
    CHECK(w[1].status == st(0, 0, 1, 0, 0));
    CHECK(w[2].open_breaches == 1);

    // The same ticket, created within the weeks: the targets pass on
    // 11-10 at 04:00:01 (first response) and 11-11 at 00:00:01.
    const TicketRow* c = ticket(Priority::normal, "2026-11-10T00:00:00Z",
                                {{EventKind::reply, "2026-11-17T00:00:00Z"}});
    tr = build_trend({c}, policy(), t(now), 3);
    CHECK(tr.total.weeks[0].passed == 0);
    CHECK(tr.total.weeks[1].passed == 2);
    CHECK(tr.total.weeks[1].open_breaches == 2);
    CHECK(tr.total.weeks[2].open_breaches == 1);
    CHECK(tr.total.weeks[2].first_times == std::vector<seconds>{hours(168)});
}

TEST_CASE("trend: a later event never changes an earlier week", "[trend]") {
    // Seen at 11-16, the ticket is still waiting; the close on 11-20 only
    // shows from the week that holds it.
    const TicketRow* a = ticket(
        Priority::normal, "2026-11-10T09:00:00Z",
        {{EventKind::reply, "2026-11-10T10:00:00Z"}, {EventKind::close, "2026-11-20T10:00:00Z"}});
    Trend before = build_trend({a}, policy(), t("2026-11-16T12:00:00Z"), 2);
    Trend after = build_trend({a}, policy(), t(now), 3);
    for (size_t k = 0; k < 2; ++k) {
        CHECK(before.total.weeks[k].status == after.total.weeks[k].status);
        CHECK(before.total.weeks[k].first_times == after.total.weeks[k].first_times);
        CHECK(before.total.weeks[k].resolution_times == after.total.weeks[k].resolution_times);
    }
    CHECK(after.total.weeks[2].resolution_times == std::vector<seconds>{hours(1)});
}

TEST_CASE("trend: a reopened ticket resolves again, each close in its week", "[trend]") {
    const TicketRow* d = ticket(Priority::normal, "2026-11-10T12:00:00Z",
                                {{EventKind::reply, "2026-11-10T13:00:00Z"},
                                 {EventKind::close, "2026-11-11T12:00:00Z"},
                                 {EventKind::receive, "2026-11-18T12:00:00Z"},
                                 {EventKind::reply, "2026-11-18T14:00:00Z"},
                                 {EventKind::close, "2026-11-19T12:00:00Z"}});
    Trend tr = build_trend({d}, policy(), t(now), 3);
    const auto& w = tr.total.weeks;
    CHECK(w[1].resolution_times == std::vector<seconds>{hours(1)});
    CHECK(w[1].status == st(0, 0, 0, 0, 1));
    // 1h before the first close and 2h from the requester's message to the reply.
    CHECK(w[2].resolution_times == std::vector<seconds>{hours(3)});
    CHECK(w[2].resolution_within == 1);
    CHECK(w[2].first_times.empty());
}

TEST_CASE("trend: spam closes resolve nothing; a close before any answer owes none", "[trend]") {
    const TicketRow* s =
        ticket(Priority::normal, "2026-11-17T00:00:00Z",
               {{EventKind::close, "2026-11-18T00:00:00Z", "spam", std::nullopt, nullptr, false}});
    Trend tr = build_trend({s}, policy(), t(now), 3);
    const auto& w = tr.total.weeks[2];
    CHECK(w.first_times.empty());
    CHECK(w.resolution_times.empty());
    CHECK(w.status == st(0, 0, 0, 0, 1));
    // The first response passed 4h at 04:00:01 and was in breach until the
    // close; the resolution reached 24h at the very moment of the close,
    // which is no breach.
    CHECK(w.passed == 1);
    CHECK(w.open_breaches == 0);
    Trend mid = build_trend({s}, policy(), t("2026-11-17T12:00:00Z"), 1);
    CHECK(mid.total.weeks[0].open_breaches == 1);
    CHECK(mid.total.weeks[0].passed == 1);
}

TEST_CASE("trend: a ticket counts under the priority it had at each moment", "[trend]") {
    // Raised to urgent after two hours without an answer: from then on its
    // clocks are judged by the urgent targets (1h, 4h).
    const TicketRow* c =
        ticket(Priority::normal, "2026-11-17T00:00:00Z",
               {{EventKind::priority, "2026-11-17T02:00:00Z", "", Priority::urgent}});
    CHECK(c->priority == Priority::urgent);
    Trend tr = build_trend({c}, policy(), t(now), 3);
    const TrendSeries* urgent = series(tr, "urgent");
    const TrendSeries* normal = series(tr, "normal");
    REQUIRE(urgent);
    // Normal for two hours within the last week, it shows at no week's end
    // and passed no target then: no series.
    CHECK_FALSE(normal);
    CHECK(urgent->weeks[2].status == st(1, 0, 0, 0, 0));
    // First response past 1h already when raised (a breach from then on,
    // not a new one of the week); the resolution passes 4h at 04:00:01.
    CHECK(urgent->weeks[2].open_breaches == 2);
    CHECK(urgent->weeks[2].passed == 1);
    CHECK(tr.total.weeks[2].open_breaches == 2);

    // Seen at 01:30 it was normal and within its targets.
    Trend early = build_trend({c}, policy(), t("2026-11-17T01:30:00Z"), 1);
    REQUIRE(early.by_priority.size() == 1);
    CHECK(early.by_priority[0].key == "normal");
    CHECK(early.total.weeks[0].open_breaches == 0);
}

TEST_CASE("trend: time on hold does not count toward the resolution", "[trend]") {
    // Unanswered, on hold from 13:00 for four days: the first response
    // passes 4h at 16:00:01, the resolution 24h counted outside the hold,
    // on 11-21 at 12:00:01.
    const TicketRow* e = ticket(
        Priority::normal, "2026-11-16T12:00:00Z",
        {{EventKind::snooze, "2026-11-16T13:00:00Z", "", std::nullopt, "2026-11-20T13:00:00Z"}});
    Trend tr = build_trend({e}, policy(), t(now), 3);
    CHECK(tr.total.weeks[2].passed == 2);
    CHECK(tr.total.weeks[2].open_breaches == 2);
    Trend before = build_trend({e}, policy(), t("2026-11-21T12:00:00Z"), 1);
    CHECK(before.total.weeks[0].open_breaches == 1);
    Trend after = build_trend({e}, policy(), t("2026-11-21T12:00:01Z"), 1);
    CHECK(after.total.weeks[0].open_breaches == 2);
}

TEST_CASE("trend: the open breaches at the end of the last week are the report's", "[trend]") {
    std::vector<const TicketRow*> rows{
        ticket(Priority::normal, "2026-11-20T00:00:00Z", {}),
        ticket(Priority::urgent, "2026-11-22T00:00:00Z",
               {{EventKind::reply, "2026-11-22T00:30:00Z"},
                {EventKind::receive, "2026-11-22T08:00:00Z"}}),
        ticket(Priority::normal, "2026-11-18T00:00:00Z",
               {{EventKind::escalate, "2026-11-18T01:00:00Z"},
                {EventKind::reply, "2026-11-19T01:00:00Z"}}),
        ticket(Priority::urgent, "2026-11-21T00:00:00Z",
               {{EventKind::reply, "2026-11-21T02:00:00Z"},
                {EventKind::close, "2026-11-21T03:00:00Z"},
                {EventKind::reopen, "2026-11-22T03:00:00Z"}}),
    };
    SlaPolicy p = policy();
    p.targets[static_cast<size_t>(Priority::normal)].periodic_update = hours(12);
    for (const char* at : {"2026-11-20T06:00:00Z", "2026-11-21T02:30:00Z", "2026-11-22T08:30:00Z",
                           "2026-11-22T10:00:01Z", now}) {
        int open = 0;
        std::array<int, 5> by_status{};
        for (const TicketRow* r : rows) {
            if (t(at) < r->created) continue;
            // The report as it stood then: the events up to that time.
            const Built* b = nullptr;
            for (const Built& x : desk)
                if (&x.row == r) b = &x;
            Ticket then = b->ticket;
            std::erase_if(then.events, [&](const Event& e) { return t(at) < e.at; });
            RowText text;
            TicketRow row = make_row(then, derive_state(then), text);
            ++by_status[static_cast<size_t>(row.status)];
            for (const Clock& c : ticket_clocks(row, decode_timeline(row.timeline), p, t(at)))
                open += !c.stopped && c.breached;
        }
        Trend tr = build_trend(rows, p, t(at), 2);
        INFO(at);
        CHECK(tr.total.weeks.back().open_breaches == open);
        CHECK(tr.total.weeks.back().status == by_status);
    }
}

TEST_CASE("timelines keep the priority before and after each change", "[trend][timeline]") {
    const TicketRow* r =
        ticket(Priority::low, "2026-11-17T00:00:00Z",
               {{EventKind::priority, "2026-11-17T01:00:00Z", "", Priority::high},
                {EventKind::priority, "2026-11-17T02:00:00Z", "", std::nullopt},
                {EventKind::priority, "2026-11-17T03:00:00Z", "", Priority::urgent}});
    auto events = decode_timeline(r->timeline);
    REQUIRE(events.size() == 3);
    CHECK(events[0].priority_was == Priority::low);
    CHECK(events[0].priority_now == Priority::high);
    CHECK(events[1].priority_was == Priority::high); // names none: unchanged
    CHECK(events[1].priority_now == Priority::high);
    CHECK(events[2].priority_was == Priority::high);
    CHECK(events[2].priority_now == Priority::urgent);
}
