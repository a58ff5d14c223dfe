#include "core/timeline.hpp"

#include "core/resolution.hpp"
#include "store/binary_codec.hpp"

namespace hd {

std::string encode_timeline(const std::vector<Event>& events, Priority initial) {
    BinaryWriter w;
    Priority current = initial;
    w.u(events.size());
    for (const Event& e : events) {
        w.u(static_cast<uint64_t>(e.kind));
        w.ts(e.at);
        w.u(static_cast<uint64_t>(e.line));
        w.u((e.ask ? 1u : 0u) | (e.force ? 2u : 0u) | (!e.next_steps.empty() ? 4u : 0u) |
            (!e.body.empty() ? 8u : 0u));
        uint64_t res = 0;
        for (size_t i = 0; i < resolution_kinds.size(); ++i)
            if (resolution_kinds[i] == e.resolution) res = i + 1;
        w.u(res);
        if (e.kind == EventKind::snooze) w.ts(e.until);
        if (e.kind == EventKind::priority) {
            w.u(static_cast<uint64_t>(current));
            if (e.priority) current = *e.priority;
            w.u(static_cast<uint64_t>(current));
        }
    }
    return w.out;
}

std::vector<TimelineEvent> decode_timeline(std::string_view bytes) {
    BinaryReader r(bytes);
    uint64_t n = r.u();
    std::vector<TimelineEvent> out;
    if (!r.ok() || n > bytes.size()) return out;
    out.resize(n);
    for (auto& e : out) {
        uint64_t kind = r.u();
        e.kind =
            static_cast<EventKind>(kind <= static_cast<uint64_t>(EventKind::snooze) ? kind : 0);
        e.at = r.ts();
        e.line = static_cast<int>(r.u());
        uint64_t flags = r.u();
        e.ask = flags & 1;
        e.force = flags & 2;
        e.told_next = flags & 4;
        e.has_body = flags & 8;
        uint64_t res = r.u();
        if (res > 0 && res <= resolution_kinds.size()) e.resolution = resolution_kinds[res - 1];
        if (e.kind == EventKind::snooze) e.until = r.ts();
        if (e.kind == EventKind::priority) {
            auto priority = [&] {
                uint64_t v = r.u();
                return static_cast<Priority>(v <= static_cast<uint64_t>(Priority::urgent) ? v : 1);
            };
            e.priority_was = priority();
            e.priority_now = priority();
        }
    }
    if (!r.ok() || !r.at_end()) out.clear();
    return out;
}

bool answers_requester(EventKind kind, bool has_body) {
    switch (kind) {
    case EventKind::reply:
    case EventKind::followup:
    case EventKind::escalate:
        return true;
    case EventKind::close:
        return has_body;
    default:
        return false;
    }
}

} // namespace hd
