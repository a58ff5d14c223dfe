#include "core/sla.hpp"

namespace hd {

using namespace std::chrono;

namespace {

constexpr std::array<std::string_view, 4> clock_names{"first-response", "next-response",
                                                      "resolution", "periodic-update"};

Timestamp at(sys_seconds t) {
    return Timestamp{t, 0};
}

// Fills breached, at_risk and due for a clock whose elapsed time is known.
void judge(Clock& c, const Calendar& cal, const SlaPolicy& p, sys_seconds counted_from,
           seconds already) {
    c.breached = c.elapsed > c.target;
    if (!c.stopped && !c.paused) {
        // A paused clock is not moving, so it is not at risk now.
        c.at_risk = !c.breached && c.elapsed.count() >= p.at_risk * c.target.count();
        // When the target fell before this stretch began, the moment it was
        // passed lies in an earlier stretch: no single due time to give.
        if (already < c.target) c.due = at(business_add(cal, counted_from, c.target - already));
    }
}

} // namespace

seconds unheld_between(const Calendar& cal, const std::vector<Hold>& holds, sys_seconds a,
                       sys_seconds b) {
    seconds s = business_between(cal, a, b);
    for (const Hold& h : holds)
        s -= business_between(cal, std::max(a, h.from.utc), std::min(b, h.to.utc));
    return s;
}

// Count up to each hold that comes first, then go on from its end.
sys_seconds unheld_add(const Calendar& cal, const std::vector<Hold>& holds, sys_seconds from,
                       seconds amount) {
    sys_seconds cur = from;
    for (const Hold& h : holds) {
        if (h.to.utc <= cur) continue;
        if (business_add(cal, cur, amount) <= h.from.utc) break;
        if (cur < h.from.utc) amount -= business_between(cal, cur, h.from.utc);
        cur = h.to.utc;
    }
    return business_add(cal, cur, amount);
}

std::string_view to_string(ClockKind k) {
    return clock_names[static_cast<size_t>(k)];
}

const Calendar& SlaPolicy::calendar_for(Priority p) const {
    static const Calendar always;
    auto it = calendars.find(targets[static_cast<size_t>(p)].calendar);
    return it == calendars.end() ? always : it->second;
}

SlaPolicy default_policy() {
    SlaPolicy p;
    auto set = [&](Priority pr, int first_h, int next_h, int resolve_h) {
        auto& t = p.targets[static_cast<size_t>(pr)];
        t.first_response = hours(first_h);
        t.next_response = hours(next_h);
        t.resolution = hours(resolve_h);
    };
    set(Priority::urgent, 1, 2, 4);
    set(Priority::high, 4, 8, 8);
    set(Priority::normal, 8, 16, 24);
    set(Priority::low, 24, 48, 72);
    return p;
}

std::vector<Clock> ticket_clocks(const TicketRow& row, const std::vector<TimelineEvent>& events,
                                 const SlaPolicy& policy, Timestamp now) {
    const Targets& tg = policy.targets[static_cast<size_t>(row.priority)];
    const Calendar& cal = policy.calendar_for(row.priority);
    std::vector<Clock> out;
    auto business = [&](sys_seconds a, sys_seconds b) { return business_between(cal, a, b); };
    // Time on hold does not count toward the resolution or the periodic
    // update (the requester was told what we wait for); responses still do.
    const std::vector<Hold> holds = hold_stretches(events);
    auto unheld = [&](sys_seconds a, sys_seconds b) { return unheld_between(cal, holds, a, b); };
    bool on_hold = !holds.empty() && now < holds.back().to;
    // A running clock that counted `already` before `from` reaches its
    // target once the business time left has passed outside the holds.
    auto due_after_holds = [&](Clock& c, sys_seconds from, seconds already) {
        if (holds.empty() || !c.due) return;
        c.due = at(unheld_add(cal, holds, from, c.target - already));
    };

    // First response: creation to the first public agent message. A ticket
    // closed before anyone answered (spam, say) owed no answer.
    if (tg.first_response) {
        Clock c{.kind = ClockKind::first_response, .target = *tg.first_response};
        c.started = row.created;
        bool cancelled = false;
        for (const auto& e : events) {
            if (answers_requester(e)) {
                c.stopped = true;
                c.elapsed = business(row.created.utc, e.at.utc);
                c.line = e.line;
                break;
            }
            if (e.kind == EventKind::close) {
                cancelled = true;
                break;
            }
        }
        if (!cancelled) {
            if (!c.stopped) c.elapsed = business(row.created.utc, now.utc);
            judge(c, cal, policy, row.created.utc, seconds(0));
            out.push_back(c);
        }
    }

    // Next response: from the oldest unanswered requester message (after the
    // first answer) to the next public agent message.
    if (tg.next_response) {
        bool answered_once = false;
        std::optional<Clock> open;
        for (const auto& e : events) {
            if (answers_requester(e)) {
                answered_once = true;
                if (open) {
                    open->stopped = true;
                    open->elapsed = business(open->started.utc, e.at.utc);
                    judge(*open, cal, policy, open->started.utc, seconds(0));
                    out.push_back(*open);
                    open.reset();
                }
            } else if (e.kind == EventKind::receive && answered_once && !open) {
                open = Clock{.kind = ClockKind::next_response, .target = *tg.next_response};
                open->started = e.at;
                open->line = e.line;
            } else if (e.kind == EventKind::close) {
                open.reset();
            }
        }
        if (open && row.status != Status::closed) {
            open->elapsed = business(open->started.utc, now.utc);
            judge(*open, cal, policy, open->started.utc, seconds(0));
            out.push_back(*open);
        }
    }

    // Resolution: creation to close, not counting time spent waiting on the
    // requester; a reopened ticket's clock goes on from where it stopped.
    // Spam and unsubscribe requests were never problems to resolve.
    bool not_a_request = row.status == Status::closed &&
                         (row.resolution == "spam" || row.resolution == "unsubscribe");
    if (tg.resolution && !not_a_request) {
        Clock c{.kind = ClockKind::resolution, .target = *tg.resolution};
        c.started = row.created;
        bool running = true, closed = false, escalated = false;
        sys_seconds since = row.created.utc;
        for (const auto& e : events) {
            bool was = running && !closed;
            if (e.kind == EventKind::close) {
                closed = true;
                escalated = false;
                c.line = e.line;
            } else if (e.kind == EventKind::reopen || e.kind == EventKind::receive) {
                if (closed) c.line = e.line; // the clock goes on from here
                closed = false;
                running = true;
                if (e.kind == EventKind::reopen) escalated = false;
            } else if (e.kind == EventKind::reply || e.kind == EventKind::followup) {
                // Waiting on the requester pauses it; an update on an
                // escalated ticket leaves it waiting on engineering.
                running = escalated;
            } else if (e.kind == EventKind::escalate) {
                escalated = true;
                running = true; // waiting on engineering still counts
            }
            bool now_running = running && !closed;
            if (was && !now_running) c.elapsed += unheld(since, e.at.utc);
            if (!was && now_running) since = e.at.utc;
        }
        c.stopped = closed;
        c.paused = !closed && (!running || on_hold);
        if (!closed && running) {
            seconds before = c.elapsed;
            c.elapsed += unheld(since, now.utc);
            judge(c, cal, policy, since, before);
            due_after_holds(c, since, before);
        } else {
            judge(c, cal, policy, since, c.elapsed);
        }
        out.push_back(c);
    }

    // Periodic update: while escalated, the requester hears from us at least
    // this often.
    if (tg.periodic_update && row.status == Status::escalated) {
        Clock c{.kind = ClockKind::periodic_update, .target = *tg.periodic_update};
        for (const auto& e : events)
            if (answers_requester(e)) {
                c.started = e.at;
                c.line = e.line;
            }
        c.elapsed = unheld(c.started.utc, now.utc);
        c.paused = on_hold;
        judge(c, cal, policy, c.started.utc, seconds(0));
        due_after_holds(c, c.started.utc, seconds(0));
        out.push_back(c);
    }
    return out;
}

} // namespace hd
