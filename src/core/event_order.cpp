#include "core/event_order.hpp"

#include "core/toml_text.hpp"

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

std::string insert_event(std::string text, const Ticket& t, const Event& e) {
    for (const Event& later : t.events)
        if (e.at < later.at) {
            // An event's bytes start at its header line and end where the
            // next one starts, blank line included: the new one goes the same way.
            std::string piece = render_event(e).substr(1) + "\n";
            text.insert(later.bytes.begin, piece);
            return text;
        }
    return append_event(std::move(text), e);
}

std::string append_event(std::string text, const Event& e) {
    if (!text.empty() && text.back() != '\n') text += '\n';
    return text + render_event(e);
}

} // namespace hd
