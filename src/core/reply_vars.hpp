#pragma once
// The values a reply template sees, computed from the ticket: pure.
#include "core/state.hpp"
#include "core/ticket.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace hd {

using TemplateVars = std::map<std::string, std::string>;

// Names a template may use: the common set plus the template's own
// (followup-N: days_waiting, last_reply_date; close-*: explain,
// duplicate_of; escalate: reference, next_steps).
std::set<std::string> template_variables(std::string_view template_name);

// Names the desk's signature (hd.toml) may use: the common set and "agent".
std::set<std::string> signature_variables();

std::string first_name(std::string_view full_name);

// The name to greet the requester by: the ticket's greet name when set
// (a family name with an honorific, say), else the first word of the name.
std::string greeting_name(const Ticket& t, const TicketState& s);

// A follow-up's own variables: whole days since the agent last wrote, and that date.
TemplateVars followup_variables(const TicketState& s, Timestamp now);

// The common variables (update_due, response_due and ask are the
// composer's, which knows the clock and the policy); `signature` is filled in by the caller once
// rendered.
TemplateVars reply_variables(const Ticket& t, const TicketState& s, const Person& agent,
                             std::string_view desk_name, std::string_view message);

} // namespace hd
