#include "core/trend.hpp"

#include "core/holds.hpp"
#include "core/share_out.hpp"

namespace hd {

using namespace std::chrono;

namespace {

constexpr seconds week_length = days(7);
constexpr seconds tick{1};
constexpr int breach_slot = 5; // after the five statuses

// What the tickets add up to, per priority and week. States (tickets by
// status, open breaches) are kept as the changes made in each week until
// the running sums at the end; a change before the first week counts from
// its start. Moments (a clock finished, a clock passed its target) count
// in the week they fall in.
struct Sums {
    sys_seconds now;
    int n;
    std::array<std::vector<TrendWeek>, 4> weeks; // by Priority

    Sums(sys_seconds now_, int n_) : now(now_), n(n_) {
        for (auto& w : weeks)
            w.resize(static_cast<size_t>(n));
    }

    // The week (start, end] that holds t; -1 before the first and after now.
    int week_of(sys_seconds t) const {
        if (t > now) return -1;
        auto back = (now - t) / week_length;
        return back < n ? n - 1 - static_cast<int>(back) : -1;
    }

    void change(Priority p, int slot, sys_seconds t, int d) {
        if (d == 0 || t > now) return;
        auto back = (now - t) / week_length;
        TrendWeek& w = weeks[static_cast<size_t>(p)]
                            [static_cast<size_t>(back < n ? n - 1 - static_cast<int>(back) : 0)];
        (slot == breach_slot ? w.open_breaches : w.status[static_cast<size_t>(slot)]) += d;
    }

    TrendWeek* at(Priority p, sys_seconds t) {
        int k = week_of(t);
        return k < 0 ? nullptr : &weeks[static_cast<size_t>(p)][static_cast<size_t>(k)];
    }
};

// One ticket's figures while it had one priority, [from, to): a report made
// at any time in that window judges all the ticket's clocks by this
// priority's targets, on its calendar. What changed before the window
// counts from its start; at its end, the ticket takes what it holds along
// to the next window's priority.
class Part {
  public:
    Part(Sums& sums, Priority p, sys_seconds from, sys_seconds to)
        : sums_(sums), p_(p), from_(from), to_(to) {}

    void change(int slot, sys_seconds t, int d) {
        if (t >= to_) return;
        sums_.change(p_, slot, std::max(t, from_), d);
        held_[static_cast<size_t>(slot)] += d;
    }
    void finish(bool first, sys_seconds t, seconds elapsed, bool within) {
        TrendWeek* w = inside(t) ? sums_.at(p_, t) : nullptr;
        if (!w) return;
        (first ? w->first_times : w->resolution_times).push_back(elapsed);
        (first ? w->first_within : w->resolution_within) += within;
    }
    void passed(sys_seconds t) {
        if (TrendWeek* w = inside(t) ? sums_.at(p_, t) : nullptr) ++w->passed;
    }
    // An open clock past its target from `from` on, until `until` if it ends.
    void breach(sys_seconds from, std::optional<sys_seconds> until) {
        passed(from);
        change(breach_slot, from, 1);
        if (until) change(breach_slot, *until, -1);
    }
    void done() {
        for (size_t slot = 0; slot < held_.size(); ++slot)
            sums_.change(p_, static_cast<int>(slot), to_, -held_[slot]);
    }

  private:
    bool inside(sys_seconds t) const { return from_ <= t && t < to_; }

    Sums& sums_;
    Priority p_;
    sys_seconds from_, to_;
    std::array<int, 6> held_{};
};

bool is_request(std::string_view resolution) {
    return resolution != "spam" && resolution != "unsubscribe";
}

// The ticket's events up to `to`, with the clocks of man/hd-sla.7 as
// ticket_clocks() counts them, under priority p: each change of status,
// each clock that finished or passed its target, and how long each open
// clock was past it. A clock is past its target once its time exceeds the
// target by a second, which on a business calendar may be hours after the
// target was reached.
void walk(const TicketRow& row, const std::vector<TimelineEvent>& events,
          const std::vector<Hold>& holds, Priority p, const SlaPolicy& policy, Part& out,
          sys_seconds to) {
    const Targets& tg = policy.targets[static_cast<size_t>(p)];
    const Calendar& cal = policy.calendar_for(p);
    const sys_seconds created = row.created.utc;

    // Status, as derive_state() derives it.
    bool closed = false, escalated = false, answered = false, our_turn = true;
    auto status = [&] {
        return closed      ? Status::closed
               : escalated ? Status::escalated
               : !answered ? Status::fresh
               : our_turn  ? Status::open
                           : Status::waiting;
    };
    Status st = Status::fresh;
    out.change(static_cast<int>(st), created, 1);

    bool first_open = tg.first_response.has_value();
    bool next_open = false;
    sys_seconds next_start{};
    bool res_running = true, res_closed = false, res_escalated = false, res_passed = false;
    seconds res_elapsed{0};
    sys_seconds since = created;
    bool update_on = false;
    sys_seconds update_start{};

    // When a clock counting business time from `start` is past `target`.
    auto past = [&](sys_seconds start, seconds target) {
        return business_add(cal, start, target + tick);
    };

    for (const TimelineEvent& e : events) {
        const sys_seconds at = e.at.utc;
        if (at >= to) break;
        const bool answers = answers_requester(e);

        // First response: stopped by the first answer, gone with a close
        // that came before any.
        if (first_open && (answers || e.kind == EventKind::close)) {
            seconds elapsed = business_between(cal, created, at);
            bool late = elapsed > *tg.first_response;
            if (answers) {
                out.finish(true, at, elapsed, !late);
                if (late) out.breach(past(created, *tg.first_response), at);
            } else if (late) {
                if (sys_seconds b = past(created, *tg.first_response); b < at) out.breach(b, at);
            }
            first_open = false;
        }

        // Next response: from a requester's message after the first answer
        // to the next answer; gone with a close.
        if (tg.next_response) {
            if (answers && next_open) {
                if (business_between(cal, next_start, at) > *tg.next_response)
                    out.breach(past(next_start, *tg.next_response), at);
                next_open = false;
            } else if (!answers && e.kind == EventKind::receive && answered && !next_open) {
                next_open = true;
                next_start = at;
            } else if (e.kind == EventKind::close && next_open) {
                if (business_between(cal, next_start, at) > *tg.next_response)
                    if (sys_seconds b = past(next_start, *tg.next_response); b < at)
                        out.breach(b, at);
                next_open = false;
            }
        }

        // Resolution: paused while waiting on the requester and on hold,
        // stopped by each close, going on from there after a reopening.
        if (tg.resolution) {
            bool was = res_running && !res_closed;
            bool closing = false, reopening = false;
            if (e.kind == EventKind::close) {
                closing = !res_closed;
                res_closed = true;
                res_escalated = false;
            } else if (e.kind == EventKind::reopen || e.kind == EventKind::receive) {
                reopening = res_closed;
                res_closed = false;
                res_running = true;
                if (e.kind == EventKind::reopen) res_escalated = false;
            } else if (e.kind == EventKind::reply || e.kind == EventKind::followup) {
                res_running = res_escalated;
            } else if (e.kind == EventKind::escalate) {
                res_escalated = res_running = true;
            }
            bool running = res_running && !res_closed;
            if (was && !running) {
                seconds stretch = unheld_between(cal, holds, since, at);
                if (!res_passed && res_elapsed + stretch > *tg.resolution) {
                    sys_seconds b =
                        unheld_add(cal, holds, since, *tg.resolution - res_elapsed + tick);
                    out.passed(b);
                    out.change(breach_slot, b, 1);
                    res_passed = true;
                }
                res_elapsed += stretch;
            }
            if (!was && running) since = at;
            if (closing) {
                if (res_passed) out.change(breach_slot, at, -1);
                if (is_request(e.resolution))
                    out.finish(false, at, res_elapsed, res_elapsed <= *tg.resolution);
            }
            if (reopening && res_passed) out.change(breach_slot, at, 1);
        }

        switch (e.kind) {
        case EventKind::receive:
            if (closed) closed = escalated = false;
            our_turn = true;
            break;
        case EventKind::reply:
        case EventKind::followup:
            our_turn = false;
            break;
        case EventKind::close:
            closed = true;
            escalated = false;
            break;
        case EventKind::escalate:
            escalated = true;
            our_turn = false;
            break;
        case EventKind::reopen:
            closed = escalated = false;
            our_turn = true;
            break;
        default:
            break;
        }
        answered |= answers;
        if (Status now = status(); now != st) {
            out.change(static_cast<int>(st), at, -1);
            out.change(static_cast<int>(now), at, 1);
            st = now;
        }

        // Periodic update: while escalated, from the desk's latest answer.
        if (tg.periodic_update) {
            bool on = st == Status::escalated;
            if (update_on && (!on || answers)) {
                sys_seconds b = unheld_add(cal, holds, update_start, *tg.periodic_update + tick);
                if (b < at) out.breach(b, at);
            }
            if (on && answers) update_start = at;
            update_on = on;
        }
    }

    // What is still open at the end passes its target when its time comes.
    if (first_open) out.breach(past(created, *tg.first_response), std::nullopt);
    if (next_open) out.breach(past(next_start, *tg.next_response), std::nullopt);
    if (tg.resolution && res_running && !res_closed && !res_passed) {
        sys_seconds b = unheld_add(cal, holds, since, *tg.resolution - res_elapsed + tick);
        out.passed(b);
        out.change(breach_slot, b, 1);
    }
    if (update_on)
        out.breach(unheld_add(cal, holds, update_start, *tg.periodic_update + tick), std::nullopt);
}

void add_ticket(const TicketRow& row, const SlaPolicy& policy, Sums& sums) {
    if (sums.now < row.created.utc) return;
    const std::vector<TimelineEvent> events = decode_timeline(row.timeline);
    const std::vector<Hold> holds = hold_stretches(events);
    // The priorities the ticket had, each from when it was set.
    std::vector<std::pair<sys_seconds, Priority>> spans;
    for (const TimelineEvent& e : events)
        if (e.kind == EventKind::priority) {
            if (spans.empty()) spans.emplace_back(row.created.utc, e.priority_was);
            if (e.priority_now != spans.back().second) spans.emplace_back(e.at.utc, e.priority_now);
        }
    if (spans.empty()) spans.emplace_back(row.created.utc, row.priority);
    for (size_t k = 0; k < spans.size(); ++k) {
        sys_seconds from = spans[k].first;
        sys_seconds to = k + 1 < spans.size() ? spans[k + 1].first : sums.now + tick;
        if (!(from < to)) continue;
        Part part(sums, spans[k].second, from, to);
        walk(row, events, holds, spans[k].second, policy, part, to);
        part.done();
    }
}

} // namespace

Trend build_trend(const std::vector<const TicketRow*>& rows, const SlaPolicy& policy, Timestamp now,
                  int weeks) {
    const int n = std::max(weeks, 1);
    size_t workers = workers_for(rows.size(), 2048);
    std::vector<Sums> sums(workers, Sums(now.utc, n));
    share_out(rows.size(), workers, [&](size_t from, size_t to, size_t w) {
        for (size_t i = from; i < to; ++i)
            add_ticket(*rows[i], policy, sums[w]);
    });
    Sums& all = sums[0];
    for (size_t w = 1; w < sums.size(); ++w)
        for (size_t p = 0; p < 4; ++p)
            for (size_t k = 0; k < static_cast<size_t>(n); ++k) {
                TrendWeek& a = all.weeks[p][k];
                const TrendWeek& b = sums[w].weeks[p][k];
                a.first_times.insert(a.first_times.end(), b.first_times.begin(),
                                     b.first_times.end());
                a.resolution_times.insert(a.resolution_times.end(), b.resolution_times.begin(),
                                          b.resolution_times.end());
                a.first_within += b.first_within;
                a.resolution_within += b.resolution_within;
                a.passed += b.passed;
                for (size_t s = 0; s < 5; ++s)
                    a.status[s] += b.status[s];
                a.open_breaches += b.open_breaches;
            }

    Trend t;
    t.total.key = "all";
    t.total.weeks.resize(static_cast<size_t>(n));
    for (size_t k = 0; k < static_cast<size_t>(n); ++k) {
        Timestamp end{now.utc - (n - 1 - static_cast<int>(k)) * week_length, now.offset_minutes};
        t.total.weeks[k].end = end;
        t.total.weeks[k].start = Timestamp{end.utc - week_length, now.offset_minutes};
    }
    for (Priority p : {Priority::urgent, Priority::high, Priority::normal, Priority::low}) {
        std::vector<TrendWeek>& weeks_of = all.weeks[static_cast<size_t>(p)];
        bool any = false;
        for (size_t k = 0; k < weeks_of.size(); ++k) {
            TrendWeek& w = weeks_of[k];
            if (k > 0) {
                for (size_t s = 0; s < 5; ++s)
                    w.status[s] += weeks_of[k - 1].status[s];
                w.open_breaches += weeks_of[k - 1].open_breaches;
            }
            w.start = t.total.weeks[k].start;
            w.end = t.total.weeks[k].end;
            TrendWeek& sum = t.total.weeks[k];
            sum.first_times.insert(sum.first_times.end(), w.first_times.begin(),
                                   w.first_times.end());
            sum.resolution_times.insert(sum.resolution_times.end(), w.resolution_times.begin(),
                                        w.resolution_times.end());
            sum.first_within += w.first_within;
            sum.resolution_within += w.resolution_within;
            sum.passed += w.passed;
            for (size_t s = 0; s < 5; ++s)
                sum.status[s] += w.status[s];
            sum.open_breaches += w.open_breaches;
            any |= w.passed || w.open_breaches || !w.first_times.empty() ||
                   !w.resolution_times.empty();
            for (int s : w.status)
                any |= s != 0;
        }
        if (!any) continue;
        const Targets& tg = policy.targets[static_cast<size_t>(p)];
        t.by_priority.push_back({.key = std::string(to_string(p)),
                                 .first_target = tg.first_response,
                                 .resolution_target = tg.resolution,
                                 .weeks = std::move(weeks_of)});
    }
    return t;
}

Trend build_trend(const Report& r, const SlaPolicy& policy, int weeks) {
    std::vector<const TicketRow*> rows;
    rows.reserve(r.tickets.size());
    for (const TicketReport& t : r.tickets)
        rows.push_back(t.row);
    return build_trend(rows, policy, r.now, weeks);
}

} // namespace hd
