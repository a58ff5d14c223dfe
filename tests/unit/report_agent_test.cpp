#include "core/report.hpp"

#include <catch2/catch.hpp>
#include <deque>

using namespace hd;
using namespace std::chrono;

namespace {

Timestamp t(const char* s) {
    return *parse_rfc3339(s);
}

constexpr const char* ana = "Ana Replier <ana@example.com>";
constexpr const char* bo = "Bo Closer <bo@example.com>";
constexpr const char* cy = "Cy Owner <cy@example.com>";
constexpr const char* dee = "Dee Early <dee@example.com>";

struct Ev {
    EventKind kind;
    const char* at;
    const char* by;
    const char* assignee = "";
};

// Tickets and the text their rows point into: never copied.
struct Desk {
    std::deque<Ticket> tickets;
    RowText text;
    std::vector<TicketRow> rows;

    void add(const char* id, std::vector<Ev> evs) {
        Ticket& tk = tickets.emplace_back();
        tk.id = id;
        tk.title = "t";
        tk.created = t("2026-11-23T00:00:00Z");
        for (const Ev& x : evs) {
            Event e{.kind = x.kind, .at = t(x.at), .by = x.by};
            if (x.kind == EventKind::close) {
                e.resolution = "solved";
                e.body = "Fixed; write back if not.";
            }
            e.assignee = x.assignee;
            tk.events.push_back(e);
        }
        rows.push_back(make_row(tk, derive_state(tk), text));
    }
};

SlaPolicy policy() {
    SlaPolicy p;
    auto& n = p.targets[static_cast<size_t>(Priority::normal)];
    n.first_response = hours(4);
    n.next_response = hours(8);
    n.resolution = hours(24);
    return p;
}

const Stats* group(const Report& r, std::string_view key) {
    for (const Stats& s : r.groups)
        if (s.key == key) return &s;
    return nullptr;
}

} // namespace

TEST_CASE("report by agent: each part of the work goes to whoever did it", "[report]") {
    Desk d;
    // Assigned to Cy; Ana answered first (1h), Bo closed it (2h of resolution).
    d.add("t1", {{EventKind::assign, "2026-11-23T00:30:00Z", cy, cy},
                 {EventKind::reply, "2026-11-23T01:00:00Z", ana},
                 {EventKind::receive, "2026-11-23T02:00:00Z", "Req <req@example.org>"},
                 {EventKind::close, "2026-11-23T03:00:00Z", bo}});
    // Nobody assigned: Ana answered first (1h) and owns the breached next response.
    d.add("t2", {{EventKind::reply, "2026-11-23T01:00:00Z", ana},
                 {EventKind::receive, "2026-11-23T02:00:00Z", "Req <req@example.org>"}});
    // Never answered: nobody's.
    d.add("t3", {});
    // Assigned to Cy later; Dee's late first answer (5h) stays Dee's.
    d.add("t4", {{EventKind::reply, "2026-11-23T05:00:00Z", dee},
                 {EventKind::receive, "2026-11-23T06:00:00Z", "Req <req@example.org>"},
                 {EventKind::assign, "2026-11-23T07:00:00Z", cy, cy}});

    CHECK(d.rows[0].first_agent == "Ana Replier");
    CHECK(d.rows[0].closer == "Bo Closer");
    CHECK(d.rows[3].first_agent == "Dee Early");

    Report r = build_report(d.rows, policy(), t("2026-11-23T20:00:00Z"), {.by = "agent"});
    CHECK(r.by == "agent");
    REQUIRE(r.tickets.size() == 4);
    CHECK(r.tickets[0].agent == "Cy Owner");
    CHECK(r.tickets[1].agent == "Ana Replier");
    CHECK(r.tickets[2].agent == "(nobody)");
    CHECK(r.tickets[3].agent == "Cy Owner");

    std::vector<std::string> keys;
    for (const Stats& s : r.groups)
        keys.push_back(s.key);
    CHECK(keys == std::vector<std::string>{"(nobody)", "Ana Replier", "Bo Closer", "Cy Owner",
                                           "Dee Early"});

    const Stats* nobody = group(r, "(nobody)");
    REQUIRE(nobody);
    CHECK(nobody->tickets == 1);
    CHECK(nobody->open_breaches == 1); // first response, 20h
    CHECK(nobody->at_risk == 1);       // resolution, 20h of 24h
    CHECK(nobody->first_times.empty());

    const Stats* a = group(r, "Ana Replier");
    REQUIRE(a);
    CHECK(a->tickets == 1);
    CHECK(a->first_times == std::vector<seconds>{hours(1), hours(1)});
    CHECK(a->first_within == 2);
    CHECK(a->open_breaches == 1); // t2's next response, 18h of 8h
    CHECK(a->at_risk == 1);       // t2's resolution, 19h of 24h
    CHECK(a->resolution_times.empty());
    CHECK(a->by_status.at(Status::open) == 1);

    const Stats* b = group(r, "Bo Closer");
    REQUIRE(b);
    CHECK(b->tickets == 0);
    CHECK(b->resolution_times == std::vector<seconds>{hours(2)});
    CHECK(b->resolution_within == 1);
    CHECK(b->first_times.empty());
    CHECK(b->open_breaches == 0);
    CHECK(b->by_status.empty());

    const Stats* c = group(r, "Cy Owner");
    REQUIRE(c);
    CHECK(c->tickets == 2);
    CHECK(c->first_times.empty());
    CHECK(c->resolution_times.empty());
    CHECK(c->open_breaches == 1); // t4's next response, 14h of 8h
    CHECK(c->at_risk == 1);       // t4's resolution, 19h of 24h
    CHECK(c->by_status.at(Status::closed) == 1);
    CHECK(c->by_status.at(Status::open) == 1);

    const Stats* dd = group(r, "Dee Early");
    REQUIRE(dd);
    CHECK(dd->tickets == 0);
    CHECK(dd->first_times == std::vector<seconds>{hours(5)});
    CHECK(dd->first_within == 0);
    CHECK(dd->open_breaches == 0);

    // The total counts every ticket once.
    CHECK(r.total.tickets == 4);
    CHECK(r.total.first_times.size() == 3);
    CHECK(r.total.first_within == 2);
    CHECK(r.total.resolution_times == std::vector<seconds>{hours(2)});
    CHECK(r.total.open_breaches == 3);
    CHECK(r.total.at_risk == 3);
}

TEST_CASE("report by agent: a closing reply that was the first answer is the closer's",
          "[report]") {
    Desk d;
    d.add("t1", {{EventKind::close, "2026-11-23T02:00:00Z", bo}});
    Report r = build_report(d.rows, policy(), t("2026-11-23T20:00:00Z"), {.by = "agent"});
    REQUIRE(r.groups.size() == 1);
    CHECK(r.groups[0].key == "Bo Closer");
    CHECK(r.groups[0].tickets == 1);
    CHECK(r.groups[0].first_times == std::vector<seconds>{hours(2)});
    CHECK(r.groups[0].resolution_times == std::vector<seconds>{hours(2)});
}

TEST_CASE("report by agent: --agent keeps the owner's tickets", "[report]") {
    Desk d;
    d.add("t1", {{EventKind::reply, "2026-11-23T01:00:00Z", ana}});
    d.add("t2", {{EventKind::reply, "2026-11-23T01:00:00Z", dee}});
    Report r = build_report(d.rows, policy(), t("2026-11-23T20:00:00Z"),
                            {.agent = "Dee Early", .by = "agent"});
    REQUIRE(r.tickets.size() == 1);
    CHECK(r.tickets[0].row->id == "t2");
    REQUIRE(r.groups.size() == 1);
    CHECK(r.groups[0].key == "Dee Early");
}
