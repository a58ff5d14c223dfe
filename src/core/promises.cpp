#include "core/promises.hpp"

namespace hd {

using namespace std::chrono;

Promises promises_for(const TicketRow& row, const SlaPolicy& policy, Timestamp now) {
    const Targets& tg = policy.targets[static_cast<size_t>(row.priority)];
    const Calendar& cal = policy.calendar_for(row.priority);
    auto after = [&](seconds span) { return Timestamp{business_add(cal, now.utc, span), 0}; };
    seconds answer = tg.next_response.value_or(hours(24));
    Promises p{after(answer), after(answer)};
    if (tg.periodic_update) {
        p.update_due = after(*tg.periodic_update);
        return p;
    }
    for (const Clock& c : ticket_clocks(row, decode_timeline(row.timeline), policy, now))
        if (c.kind == ClockKind::resolution && !c.stopped && c.due && now < *c.due) {
            p.update_due = *c.due;
            break;
        }
    return p;
}

} // namespace hd
