#pragma once
// What a message to the requester may promise, from the desk's own SLA:
// when they will hear from us next, and how soon an answer to their reply
// is due. Pure: the ticket's row, the policy and now in, instants out.
#include "core/sla.hpp"

namespace hd {

struct Promises {
    // The next update we owe: the periodic-update target when the policy
    // has one, else the resolution clock's due time while it lies ahead,
    // else one business day (the next-response target, when set) from now.
    Timestamp update_due;
    // An answer to a message they send now is due then (next-response target).
    Timestamp response_due;
};

Promises promises_for(const TicketRow& row, const SlaPolicy& policy, Timestamp now);

} // namespace hd
