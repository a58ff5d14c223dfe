#include "core/event_order.hpp"

namespace hd {

Timestamp latest_time(const Ticket& t) {
    Timestamp latest = t.created;
    for (const auto& e : t.events)
        if (e.at.utc > latest.utc) latest = e.at;
    return latest;
}

Timestamp stamp_after(const Ticket& t, Timestamp now) {
    Timestamp latest = latest_time(t);
    if (latest.utc <= now.utc) return now;
    return Timestamp{latest.utc, now.offset_minutes};
}

std::optional<Timestamp> breaks_order(const Ticket& t, Timestamp at) {
    Timestamp latest = latest_time(t);
    if (at.utc < latest.utc) return latest;
    return std::nullopt;
}

} // namespace hd
