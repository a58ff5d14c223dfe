#pragma once
// The order contract of a ticket file: events are appended in time order,
// so after any hd action the file order of events is their time order
// (equal times keep file order). Clocks disagree between clones, and a
// person may hand-write a time, so the stamp of a new event is never
// earlier than anything the ticket already records.
#include "core/ticket.hpp"

#include <optional>

namespace hd {

// The latest time the ticket records: its creation or any event's.
Timestamp latest_time(const Ticket& t);

// The time to stamp a new event with: `now`, or the ticket's latest time
// when that is later (in `now`'s offset, so local times stay local).
Timestamp stamp_after(const Ticket& t, Timestamp now);

// For an event whose time was given (an arrival time): nullopt when it
// keeps the order, else the latest time it must not precede.
std::optional<Timestamp> breaks_order(const Ticket& t, Timestamp at);

// `text` with `e` appended, every byte before it kept.
std::string append_event(std::string text, const Event& e);

// `text` (the file of `t`) with `e` put in time order: after every event
// not later than it, before the first later one.
std::string insert_event(std::string text, const Ticket& t, const Event& e);

} // namespace hd
