#pragma once
// Composing messages to the requester from templates: the desk's signature,
// the template chosen by name and audience, and its variables. Shared by
// reply, followup, close and escalate.
#include "core/reply_vars.hpp"
#include "core/state.hpp"
#include "service/desk.hpp"

namespace hd {

class Composer {
  public:
    // `now` is when the message goes out: the promises it makes count from it.
    Composer(const Desk& desk, const Config& config, const Person& agent, Timestamp now);

    // Error(usage) naming where hd looked when the template does not exist;
    // Error(invalid) for a template with an unknown variable.
    std::string render(std::string_view name, const Ticket& t, const TicketState& s,
                       std::string_view message, const TemplateVars& extra = {}) const;

    // The desk's signature for this agent and ticket.
    std::string signature(const Ticket& t, const TicketState& s) const;

  private:
    const Desk& desk_;
    const Config& config_;
    Person agent_;
    Timestamp now_;
};

} // namespace hd
