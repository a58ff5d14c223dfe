#pragma once
// A ticket's events reduced to what clocks and reports need (no text), in a
// compact encoding that the row cache stores with each row.
#include "core/ticket.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hd {

struct TimelineEvent {
    EventKind kind = EventKind::note;
    Timestamp at;
    int line = 0;
    bool ask = false;            // reply: a clarifying question
    bool force = false;          // close: a rule was overridden
    bool told_next = false;      // escalate: the requester was told next steps
    bool has_body = false;       // the event carries a message to the requester
    std::string_view resolution; // close: one of resolution_kinds
    Timestamp until;             // snooze: when the hold ends
    // priority: the priority before and after the event (the same when the
    // event names none), so the priority at any instant can be told.
    Priority priority_was = Priority::normal, priority_now = Priority::normal;
};

// `initial` is the ticket header's priority, the one in force before any
// priority event.
std::string encode_timeline(const std::vector<Event>& events, Priority initial);
// Empty on malformed input.
std::vector<TimelineEvent> decode_timeline(std::string_view bytes);

// A public message from the agent: it answers the requester.
bool answers_requester(EventKind kind, bool has_body);
inline bool answers_requester(const TimelineEvent& e) {
    return answers_requester(e.kind, e.has_body);
}

} // namespace hd
