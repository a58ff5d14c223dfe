#include "core/queue.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hd {

using namespace std::chrono;

std::string_view to_string(QueueGroup g) {
    switch (g) {
    case QueueGroup::sla:
        return "sla";
    case QueueGroup::followup:
        return "followup";
    case QueueGroup::rest:
        return "rest";
    }
    return "";
}

namespace {

std::string_view action_for(ClockKind k) {
    switch (k) {
    case ClockKind::first_response:
        return "first response";
    case ClockKind::periodic_update:
        return "update";
    case ClockKind::next_response:
    case ClockKind::resolution:
        break;
    }
    return "reply";
}

// The clock that runs out first among those counting now (of one kind,
// when given), or nullptr.
const Clock* tightest(const std::vector<Clock>& clocks,
                      std::optional<ClockKind> kind = std::nullopt) {
    const Clock* best = nullptr;
    for (const Clock& c : clocks) {
        if (c.stopped || c.paused || (kind && c.kind != *kind)) continue;
        if (!best || c.target - c.elapsed < best->target - best->elapsed) best = &c;
    }
    return best;
}

QueueEntry entry_for(const TicketRow& r, const SlaPolicy& sla, const FollowupPolicy& followup,
                     Timestamp now) {
    QueueEntry q{.row = &r};
    // On the requester's turn no answer is owed, and the follow-up cadence
    // alone decides: the clocks are read only for the others.
    std::vector<Clock> clocks;
    if (r.waiting_on != WaitingOn::requester)
        clocks = ticket_clocks(r, decode_timeline(r.timeline), sla, now);
    // A hold pauses what we owe over time, never an answer owed now.
    bool owed_answer = std::any_of(clocks.begin(), clocks.end(), [](const Clock& c) {
        return !c.stopped &&
               (c.kind == ClockKind::first_response || c.kind == ClockKind::next_response);
    });
    if (r.on_hold(now) && !owed_answer) {
        q.action = "wait (on hold)";
        q.due = r.hold_until;
        q.timed = true;
        q.left = duration_cast<seconds>(r.hold_until.utc - now.utc);
        return q;
    }
    if (r.waiting_on == WaitingOn::requester) {
        auto step = next_followup(r, followup);
        if (!step) return q;
        q.due = step->due;
        q.timed = true;
        q.left = duration_cast<seconds>(step->due.utc - now.utc);
        if (step->due <= now) {
            q.group = QueueGroup::followup;
            q.action = step->followup <= 2 ? fmt::format("follow-up {}", step->followup)
                                           : "close (no response)";
        } else {
            q.action = "wait (requester)";
        }
        return q;
    }
    const Clock* clock = tightest(clocks);
    if (r.waiting_on == WaitingOn::engineering) {
        // Waiting on engineering, the desk still owes the requester updates.
        if (const Clock* update = tightest(clocks, ClockKind::periodic_update)) {
            clock = update;
            q.group = QueueGroup::sla;
            q.action = "update";
        } else {
            q.action = "wait (engineering)";
        }
    } else {
        q.group = QueueGroup::sla;
        bool never_answered = std::any_of(clocks.begin(), clocks.end(), [](const Clock& c) {
            return c.kind == ClockKind::first_response && !c.stopped;
        });
        q.action = never_answered ? "first response" : clock ? action_for(clock->kind) : "reply";
        if (r.status == Status::fresh) q.action = "first response";
    }
    if (clock) {
        q.timed = true;
        q.left = clock->target - clock->elapsed;
        q.late = clock->breached;
        q.due = clock->due;
    }
    return q;
}

} // namespace

std::vector<QueueEntry> build_queue(const std::vector<const TicketRow*>& rows, const SlaPolicy& sla,
                                    const FollowupPolicy& followup, Timestamp now, bool rest) {
    std::vector<QueueEntry> out;
    for (const TicketRow* r : rows) {
        if (r->status == Status::closed) continue;
        QueueEntry q = entry_for(*r, sla, followup, now);
        if (q.group == QueueGroup::rest && !rest) continue;
        out.push_back(std::move(q));
    }
    std::stable_sort(out.begin(), out.end(), [](const QueueEntry& a, const QueueEntry& b) {
        if (a.group != b.group) return a.group < b.group;
        if (a.timed != b.timed) return a.timed;
        if (a.timed && a.left != b.left) return a.left < b.left;
        if (a.row->created.utc != b.row->created.utc) return a.row->created < b.row->created;
        return a.row->id < b.row->id;
    });
    return out;
}

} // namespace hd
