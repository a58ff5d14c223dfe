#pragma once
// Stretches on hold (hd snooze), from a ticket's events or its timeline:
// the one rule both the derived state and the SLA clocks follow.
#include "core/ticket.hpp"

#include <optional>
#include <vector>

namespace hd {

// From a snooze to its `until`, or to the event that ended it sooner: the
// requester writing, a close, a reopen or another snooze (which starts a
// new stretch, or with an `until` not after it only ends this one).
struct Hold {
    Timestamp from, to;
};

// `Events` holds Event or TimelineEvent: anything with kind, at and until.
template <typename Events> std::vector<Hold> hold_stretches(const Events& events) {
    std::vector<Hold> out;
    std::optional<Hold> open;
    for (const auto& e : events) {
        bool ends = e.kind == EventKind::receive || e.kind == EventKind::close ||
                    e.kind == EventKind::reopen || e.kind == EventKind::snooze;
        if (open && (ends || !(e.at < open->to))) {
            if (e.at < open->to) open->to = e.at;
            if (open->from < open->to) out.push_back(*open);
            open.reset();
        }
        if (e.kind == EventKind::snooze && e.at < e.until) open = Hold{e.at, e.until};
    }
    if (open) out.push_back(*open);
    return out;
}

} // namespace hd
