#include "core/promises.hpp"

#include <catch2/catch.hpp>
#include <deque>

using namespace hd;
using namespace std::chrono;

namespace {

Timestamp t(const char* s) {
    return *parse_rfc3339(s);
}

// Tickets and the text their rows point into: never copied.
struct Desk {
    std::deque<Ticket> tickets;
    RowText text;
    std::deque<TicketRow> rows;

    const TicketRow& add(Priority p, const char* created,
                         std::vector<std::pair<EventKind, const char*>> evs) {
        Ticket& tk = tickets.emplace_back();
        tk.id = "k3m9x2p";
        tk.title = "Sync stalls";
        tk.priority = p;
        tk.created = t(created);
        for (auto [kind, at] : evs)
            tk.events.push_back(Event{.kind = kind, .at = t(at), .by = "Sam <sam@example.com>"});
        return rows.emplace_back(make_row(tk, derive_state(tk), text));
    }
};

SlaPolicy policy() {
    SlaPolicy p;
    auto& n = p.targets[static_cast<size_t>(Priority::normal)];
    n.first_response = hours(4);
    n.next_response = hours(8);
    n.resolution = hours(24);
    auto& l = p.targets[static_cast<size_t>(Priority::low)];
    l.resolution = hours(72); // no response targets
    auto& h = p.targets[static_cast<size_t>(Priority::high)];
    h.next_response = hours(2);
    h.resolution = hours(8);
    h.periodic_update = hours(4);
    return p;
}

Calendar office() {
    Calendar c;
    c.name = "office";
    c.always = false;
    c.zone = Calendar::find_zone("Europe/Lisbon", "test");
    for (int d = 1; d <= 5; ++d)
        c.hours[d] = {{9 * 60, 17 * 60}};
    return c;
}

} // namespace

TEST_CASE("promises: the periodic-update target wins", "[promises]") {
    Desk d;
    const auto& row = d.add(Priority::high, "2026-11-23T00:00:00Z",
                            {{EventKind::escalate, "2026-11-23T01:00:00Z"}});
    auto p = promises_for(row, policy(), t("2026-11-23T03:00:00Z"));
    CHECK(p.update_due == t("2026-11-23T07:00:00Z"));
    CHECK(p.response_due == t("2026-11-23T05:00:00Z"));
}

TEST_CASE("promises: else the running resolution clock's due time", "[promises]") {
    Desk d;
    // 1h counted before the reply, resumed at 02:00: 23h left from there.
    const auto& open = d.add(
        Priority::normal, "2026-11-23T00:00:00Z",
        {{EventKind::reply, "2026-11-23T01:00:00Z"}, {EventKind::receive, "2026-11-23T02:00:00Z"}});
    auto p = promises_for(open, policy(), t("2026-11-23T04:00:00Z"));
    CHECK(p.update_due == t("2026-11-24T01:00:00Z"));
    CHECK(p.response_due == t("2026-11-23T12:00:00Z"));

    // No response targets: an answer within a day.
    const auto& low = d.add(Priority::low, "2026-11-23T00:00:00Z", {});
    auto q = promises_for(low, policy(), t("2026-11-23T04:00:00Z"));
    CHECK(q.update_due == t("2026-11-26T00:00:00Z"));
    CHECK(q.response_due == t("2026-11-24T04:00:00Z"));
}

TEST_CASE("promises: else the next-response target from now", "[promises]") {
    Desk d;
    // Waiting on the requester: the resolution clock is paused.
    const auto& waiting = d.add(Priority::normal, "2026-11-23T00:00:00Z",
                                {{EventKind::reply, "2026-11-23T01:00:00Z"}});
    auto p = promises_for(waiting, policy(), t("2026-11-23T04:00:00Z"));
    CHECK(p.update_due == t("2026-11-23T12:00:00Z"));
    CHECK(p.response_due == t("2026-11-23T12:00:00Z"));

    // Resolution already breached: its due time is past, so not promised.
    const auto& late = d.add(Priority::normal, "2026-11-20T00:00:00Z", {});
    auto q = promises_for(late, policy(), t("2026-11-23T04:00:00Z"));
    CHECK(q.update_due == t("2026-11-23T12:00:00Z"));

    // No targets at all: a day.
    SlaPolicy none;
    auto r = promises_for(late, none, t("2026-11-23T04:00:00Z"));
    CHECK(r.update_due == t("2026-11-24T04:00:00Z"));
    CHECK(r.response_due == t("2026-11-24T04:00:00Z"));
}

TEST_CASE("promises: business hours are respected", "[promises]") {
    SlaPolicy p = policy();
    p.calendars["office"] = office();
    for (auto& tg : p.targets)
        tg.calendar = "office";
    Desk d;
    const Timestamp friday = t("2026-11-20T16:00:00Z"); // one working hour left that day

    // Next response 8h: 1h on Friday, 7h on Monday.
    const auto& waiting = d.add(Priority::normal, "2026-11-20T10:00:00Z",
                                {{EventKind::reply, "2026-11-20T11:00:00Z"}});
    auto w = promises_for(waiting, p, friday);
    CHECK(w.response_due == t("2026-11-23T16:00:00Z"));
    CHECK(w.update_due == t("2026-11-23T16:00:00Z"));

    // Periodic update 4h: 1h on Friday, 3h on Monday; next response 2h.
    const auto& escalated = d.add(Priority::high, "2026-11-20T10:00:00Z",
                                  {{EventKind::escalate, "2026-11-20T11:00:00Z"}});
    auto e = promises_for(escalated, p, friday);
    CHECK(e.update_due == t("2026-11-23T12:00:00Z"));
    CHECK(e.response_due == t("2026-11-23T10:00:00Z"));

    // Resolution 24h from Friday 15:00: 2h Friday, 8h Monday and Tuesday, 6h Wednesday.
    const auto& fresh = d.add(Priority::normal, "2026-11-20T15:00:00Z", {});
    auto f = promises_for(fresh, p, friday);
    CHECK(f.update_due == t("2026-11-25T15:00:00Z"));
    CHECK(f.response_due == t("2026-11-23T16:00:00Z"));
}
