#pragma once
// What to do next (hd next): the open tickets in the order they need an
// agent. Pure: rows, policies and now in, an ordered list out.
#include "core/followup.hpp"
#include "core/sla.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace hd {

enum class QueueGroup {
    sla,      // owed something by us, with an SLA clock running
    followup, // a quiet requester's follow-up (or the close after two) is due
    rest,     // nothing to do yet: waiting on the requester or engineering, or on hold
};
std::string_view to_string(QueueGroup g); // "sla", "followup", "rest"

struct QueueEntry {
    const TicketRow* row = nullptr;
    QueueGroup group = QueueGroup::rest;
    std::string action; // "first response", "reply", "update", "follow-up 1", ...
    std::optional<Timestamp> due;
    // The running clock's target minus its elapsed time (business time;
    // negative when late); for the other groups, time until `due`.
    std::chrono::seconds left{0};
    bool late = false;
    bool timed = false; // a clock with a target, or a due time, decides the place
};

// Sla entries first, breached and then least time left first (a ticket
// owed an answer without any target comes after the timed ones, oldest
// first); then due follow-ups, oldest due first; then, with `rest`, the
// others by when they next need us. Closed tickets never appear.
std::vector<QueueEntry> build_queue(const std::vector<const TicketRow*>& rows, const SlaPolicy& sla,
                                    const FollowupPolicy& followup, Timestamp now, bool rest);

} // namespace hd
