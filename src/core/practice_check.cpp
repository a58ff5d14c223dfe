#include "core/practice_check.hpp"

#include <fmt/format.h>

namespace hd {

std::vector<PracticeFinding> practice_findings(const Ticket& t) {
    std::vector<PracticeFinding> out;
    Timestamp previous = t.created;
    int followups = 0;
    bool closed = false;
    for (const Event& e : t.events) {
        // Clones that merge may put an agent's words after a close the
        // agent did not see: the requester was written to on a closed
        // ticket, and only a reopen says the conversation goes on.
        bool to_requester = e.kind == EventKind::reply || e.kind == EventKind::followup ||
                            e.kind == EventKind::escalate;
        if (closed && to_requester)
            out.push_back({e.line, fmt::format("{} after the ticket was closed, with no reopen "
                                               "between (hd reopen, if the conversation goes on)",
                                               to_string(e.kind))});
        if (e.kind == EventKind::close) closed = true;
        if (e.kind == EventKind::reopen || e.kind == EventKind::receive) closed = false;
        if (e.at < previous)
            out.push_back({e.line, fmt::format("{} event dated {} comes before the one above it",
                                               to_string(e.kind), format_rfc3339(e.at))});
        if (e.at > previous) previous = e.at;
        switch (e.kind) {
        case EventKind::receive:
        case EventKind::reopen:
            followups = 0;
            break;
        case EventKind::followup:
            if (e.followup != followups + 1)
                out.push_back({e.line, fmt::format("follow-up {} after {} follow-up(s)", e.followup,
                                                   followups)});
            followups = e.followup;
            break;
        case EventKind::escalate:
            if (e.next_steps.empty())
                out.push_back({e.line, fmt::format("escalated to {} without telling the "
                                                   "requester the next steps",
                                                   e.to)});
            break;
        case EventKind::close:
            if (e.resolution != "solved" && e.resolution != "spam" &&
                e.resolution != "unsubscribe" && e.explain.empty())
                out.push_back(
                    {e.line, fmt::format("closed as {} without an explanation", e.resolution)});
            if (e.force && e.reason.empty())
                out.push_back({e.line, "a rule was overridden (force) without a reason"});
            if (e.resolution == "duplicate" && e.of.empty())
                out.push_back({e.line, "closed as a duplicate without naming the other ticket"});
            break;
        default:
            break;
        }
    }
    return out;
}

} // namespace hd
