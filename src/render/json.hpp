#pragma once
// Machine output: the JSON that --json prints (fields listed in hd(1)).
#include "core/state.hpp"
#include "core/ticket.hpp"
#include "core/ticket_row.hpp"

#include <nlohmann/json.hpp>

namespace hd {

nlohmann::ordered_json row_json(const TicketRow& r);
nlohmann::ordered_json event_json(const Event& e);
// The row plus the requester's words and every event.
nlohmann::ordered_json ticket_full_json(const Ticket& t, const TicketState& s);

} // namespace hd
