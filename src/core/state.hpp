#pragma once
// Derived state: computed from the header and events every time, never
// stored (the file is the single source of truth). Rules in man/hd-format.5.
#include "core/holds.hpp"
#include "core/ticket.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace hd {

enum class Status { fresh, open, waiting, escalated, closed };
enum class WaitingOn { us, requester, engineering, nobody };

std::string_view to_string(Status s); // "new", "open", ...
std::string_view to_string(WaitingOn w);
std::optional<Status> parse_status(std::string_view s);
std::optional<WaitingOn> parse_waiting_on(std::string_view s);

struct TicketState {
    Status status = Status::fresh;
    WaitingOn waiting_on = WaitingOn::us;
    std::string title;
    Audience audience = Audience::end_user;
    std::string greet; // "" for the requester's first name
    std::string zone;  // the requester's time zone, "" when unknown
    std::string summary;
    Priority priority = Priority::normal;
    std::string assignee;
    std::vector<std::string> tags;
    Timestamp last_activity; // the latest event of any kind, or creation
    int public_replies = 0;  // replies and follow-ups
    int messages = 1;        // from the requester, counting the opening one
    int notes = 0;
    std::string resolution; // when closed

    // Follow-up bookkeeping: follow-ups sent since the requester last wrote,
    // and when the agent last spoke publicly (the quiet period starts there).
    int followups = 0;
    Timestamp last_agent_public;
    int reopenings = 0;

    std::vector<Hold> holds;
    // The end of the latest hold; on hold while that is after now (an event
    // that ends a hold early is in the past). Zero when there is none.
    Timestamp hold_until;
    // Time on hold since the agent last spoke publicly: it does not count
    // toward the quiet period before the next follow-up.
    std::chrono::seconds quiet_held{0};
};

TicketState derive_state(const Ticket& t);

// Who speaks for the desk on a ticket in the desk's automatic messages
// (bulk follow-ups and closes): its assignee, else `fallback`.
Person assignee_or(const TicketState& s, const Person& fallback);

// Whether the requester sees this event (a message either way); the rest is
// the desk's own bookkeeping and internal notes.
bool is_public(const Event& e);

} // namespace hd
