#include "core/queue.hpp"

#include <catch2/catch.hpp>
#include <deque>

using namespace hd;
using namespace std::chrono;

namespace {

Timestamp t(const char* s) {
    return *parse_rfc3339(s);
}

struct Ev {
    EventKind kind;
    const char* at;
    const char* until = nullptr; // snooze
    bool body = false;           // close: with a closing reply
};

// Tickets and the text their rows point into: never copied.
struct Desk {
    std::deque<Ticket> tickets;
    RowText text;
    std::deque<TicketRow> rows;

    const TicketRow* add(const char* id, Priority p, const char* created, std::vector<Ev> evs) {
        Ticket& tk = tickets.emplace_back();
        tk.id = id;
        tk.title = std::string("ticket ") + id;
        tk.priority = p;
        tk.created = t(created);
        int line = 10;
        for (const Ev& x : evs) {
            Event e{.kind = x.kind, .at = t(x.at), .by = "Sam Agent <sam@example.com>"};
            e.line = line += 6;
            if (x.kind == EventKind::close) e.resolution = "solved";
            if (x.body) e.body = "Done; write back if not.";
            if (x.until) e.until = t(x.until);
            if (x.kind == EventKind::escalate) e.to = "ENG-1";
            tk.events.push_back(e);
        }
        int n = 0;
        for (auto& e : tk.events) {
            if (e.kind == EventKind::receive) n = 0;
            if (e.kind == EventKind::followup) e.followup = ++n;
        }
        return &rows.emplace_back(make_row(tk, derive_state(tk), text));
    }
};

SlaPolicy policy() {
    SlaPolicy p;
    auto& n = p.targets[static_cast<size_t>(Priority::normal)];
    n.first_response = hours(4);
    n.next_response = hours(8);
    n.resolution = hours(24);
    auto& h = p.targets[static_cast<size_t>(Priority::high)];
    h.first_response = hours(1);
    h.next_response = hours(4);
    h.resolution = hours(24);
    h.periodic_update = hours(4);
    // Low: no targets at all.
    return p;
}

const Timestamp now = t("2026-11-23T12:00:00Z");

std::vector<std::string_view> ids(const std::vector<QueueEntry>& q) {
    std::vector<std::string_view> out;
    for (const auto& e : q)
        out.push_back(e.row->id);
    return out;
}

const QueueEntry& entry(const std::vector<QueueEntry>& q, std::string_view id) {
    for (const auto& e : q)
        if (e.row->id == id) return e;
    FAIL("no entry " << id);
    return q.front();
}

} // namespace

TEST_CASE("the queue: SLA work first, breached by how late, then least time left", "[queue]") {
    Desk d;
    std::vector<const TicketRow*> rows{
        // Fresh, 3h of 4h left.
        d.add("c", Priority::normal, "2026-11-23T11:00:00Z", {}),
        // Untimed: low has no targets; after every timed entry though older.
        d.add("e", Priority::low, "2026-11-20T00:00:00Z", {}),
        // Open: next response 2h of 8h, resolution 3h of 24h: 6h left.
        d.add("d", Priority::normal, "2026-11-23T00:00:00Z",
              {{EventKind::reply, "2026-11-23T01:00:00Z"},
               {EventKind::receive, "2026-11-23T10:00:00Z"}}),
        // Fresh, 1h late.
        d.add("b", Priority::normal, "2026-11-23T07:00:00Z", {}),
        // Escalated with a periodic update: 3h of 4h since the escalation.
        d.add("f", Priority::high, "2026-11-23T08:00:00Z",
              {{EventKind::escalate, "2026-11-23T09:00:00Z"}}),
        // Fresh, 2h late.
        d.add("a", Priority::normal, "2026-11-23T06:00:00Z", {}),
    };
    auto q = build_queue(rows, policy(), FollowupPolicy{}, now, false);
    CHECK(ids(q) == std::vector<std::string_view>{"a", "b", "f", "c", "d", "e"});
    for (const auto& e : q)
        CHECK(e.group == QueueGroup::sla);

    const auto& a = entry(q, "a");
    CHECK(a.action == "first response");
    CHECK(a.late);
    CHECK(a.timed);
    CHECK(a.left == -hours(2));
    CHECK(a.due == t("2026-11-23T10:00:00Z"));

    const auto& c = entry(q, "c");
    CHECK_FALSE(c.late);
    CHECK(c.left == hours(3));

    const auto& dd = entry(q, "d");
    CHECK(dd.action == "reply");
    CHECK(dd.left == hours(6));
    CHECK(dd.due == t("2026-11-23T18:00:00Z"));

    const auto& f = entry(q, "f");
    CHECK(f.action == "update");
    CHECK(f.left == hours(1));
    CHECK(f.due == t("2026-11-23T13:00:00Z"));

    const auto& e = entry(q, "e");
    CHECK(e.action == "first response");
    CHECK_FALSE(e.timed);
    CHECK_FALSE(e.due);
}

TEST_CASE("the queue: untimed SLA entries oldest first", "[queue]") {
    Desk d;
    std::vector<const TicketRow*> rows{
        d.add("y", Priority::low, "2026-11-22T00:00:00Z", {}),
        d.add("x", Priority::low, "2026-11-21T00:00:00Z", {}),
        d.add("z", Priority::low, "2026-11-23T00:00:00Z", {}),
    };
    auto q = build_queue(rows, policy(), FollowupPolicy{}, now, false);
    CHECK(ids(q) == std::vector<std::string_view>{"x", "y", "z"});
}

TEST_CASE("the queue: a reply after a closing reply is not a first response", "[queue]") {
    Desk d;
    std::vector<const TicketRow*> rows{
        d.add("n", Priority::normal, "2026-11-23T00:00:00Z",
              {{EventKind::close, "2026-11-23T01:00:00Z", nullptr, true},
               {EventKind::receive, "2026-11-23T09:00:00Z"}}),
    };
    auto q = build_queue(rows, policy(), FollowupPolicy{}, now, false);
    REQUIRE(q.size() == 1);
    CHECK(q[0].action == "reply");
    CHECK(q[0].left == hours(5)); // next response: 3h of 8h
}

TEST_CASE("the queue: due follow-ups after SLA work, oldest due first", "[queue]") {
    Desk d;
    std::vector<const TicketRow*> rows{
        // Follow-up 2 due 2026-11-18.
        d.add("h", Priority::normal, "2026-11-10T00:00:00Z",
              {{EventKind::reply, "2026-11-12T12:00:00Z"},
               {EventKind::followup, "2026-11-16T12:00:00Z"}}),
        // Close (no response) due 2026-11-20.
        d.add("i", Priority::normal, "2026-11-09T00:00:00Z",
              {{EventKind::reply, "2026-11-10T12:00:00Z"},
               {EventKind::followup, "2026-11-14T12:00:00Z"},
               {EventKind::followup, "2026-11-17T12:00:00Z"}}),
        // Follow-up 1 due 2026-11-16 (created last, due first).
        d.add("g", Priority::normal, "2026-11-11T00:00:00Z",
              {{EventKind::reply, "2026-11-12T12:00:00Z"}}),
        // SLA work, still in time.
        d.add("s", Priority::normal, "2026-11-23T11:00:00Z", {}),
        // Waiting, not due: only with rest.
        d.add("j", Priority::normal, "2026-11-22T00:00:00Z",
              {{EventKind::reply, "2026-11-22T12:00:00Z"}}),
        // Closed: never.
        d.add("l", Priority::normal, "2026-11-01T00:00:00Z",
              {{EventKind::reply, "2026-11-01T12:00:00Z"},
               {EventKind::close, "2026-11-02T12:00:00Z"}}),
    };
    auto q = build_queue(rows, policy(), FollowupPolicy{}, now, false);
    CHECK(ids(q) == std::vector<std::string_view>{"s", "g", "h", "i"});
    const auto& g = entry(q, "g");
    CHECK(g.group == QueueGroup::followup);
    CHECK(g.action == "follow-up 1");
    CHECK(g.due == t("2026-11-16T12:00:00Z"));
    CHECK(g.left == -hours(24 * 7));
    CHECK(entry(q, "h").action == "follow-up 2");
    CHECK(entry(q, "h").due == t("2026-11-18T12:00:00Z"));
    CHECK(entry(q, "i").action == "close (no response)");
    CHECK(entry(q, "i").due == t("2026-11-20T12:00:00Z"));
}

TEST_CASE("the queue: waiting and on-hold tickets only with rest; closed never", "[queue]") {
    Desk d;
    std::vector<const TicketRow*> rows{
        // Waiting on the requester, follow-up 1 due in 3 days.
        d.add("j", Priority::normal, "2026-11-22T00:00:00Z",
              {{EventKind::reply, "2026-11-22T12:00:00Z"}}),
        // On hold for 2 more days (the follow-up would be due otherwise).
        d.add("k", Priority::normal, "2026-11-10T00:00:00Z",
              {{EventKind::reply, "2026-11-12T12:00:00Z"},
               {EventKind::snooze, "2026-11-21T12:00:00Z", "2026-11-25T12:00:00Z"}}),
        // Escalated, no periodic-update target: waits on engineering;
        // the resolution clock has 12h left.
        d.add("m", Priority::normal, "2026-11-23T00:00:00Z",
              {{EventKind::escalate, "2026-11-23T01:00:00Z"}}),
        d.add("l", Priority::normal, "2026-11-01T00:00:00Z",
              {{EventKind::reply, "2026-11-01T12:00:00Z"},
               {EventKind::close, "2026-11-02T12:00:00Z"}}),
    };
    CHECK(build_queue(rows, policy(), FollowupPolicy{}, now, false).empty());

    auto q = build_queue(rows, policy(), FollowupPolicy{}, now, true);
    CHECK(ids(q) == std::vector<std::string_view>{"m", "k", "j"});
    for (const auto& e : q)
        CHECK(e.group == QueueGroup::rest);
    CHECK(entry(q, "m").action == "wait (engineering)");
    CHECK(entry(q, "m").left == hours(12));
    const auto& k = entry(q, "k");
    CHECK(k.action == "wait (on hold)");
    CHECK(k.due == t("2026-11-25T12:00:00Z"));
    CHECK(k.left == hours(48));
    const auto& j = entry(q, "j");
    CHECK(j.action == "wait (requester)");
    CHECK(j.due == t("2026-11-26T12:00:00Z"));
    CHECK(j.left == hours(72));
}

TEST_CASE("the queue: a hold that ran out puts the follow-up back, later by the hold", "[queue]") {
    Desk d;
    std::vector<const TicketRow*> rows{
        // Quiet since 11-12, held 11-14 to 11-18: follow-up 1 due 11-20.
        d.add("k", Priority::normal, "2026-11-10T00:00:00Z",
              {{EventKind::reply, "2026-11-12T12:00:00Z"},
               {EventKind::snooze, "2026-11-14T12:00:00Z", "2026-11-18T12:00:00Z"}}),
    };
    auto q = build_queue(rows, policy(), FollowupPolicy{}, now, false);
    REQUIRE(q.size() == 1);
    CHECK(q[0].group == QueueGroup::followup);
    CHECK(q[0].action == "follow-up 1");
    CHECK(q[0].due == t("2026-11-20T12:00:00Z"));
}

TEST_CASE("queue group names", "[queue]") {
    CHECK(to_string(QueueGroup::sla) == "sla");
    CHECK(to_string(QueueGroup::followup) == "followup");
    CHECK(to_string(QueueGroup::rest) == "rest");
}
