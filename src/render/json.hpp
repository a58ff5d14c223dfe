#pragma once
// Machine output: the JSON that --json prints (fields listed in hd(1)).
#include "core/state.hpp"
#include "core/ticket.hpp"
#include "core/ticket_row.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace hd {

// `now` decides whether the ticket is on hold (on_hold_until, else null).
nlohmann::ordered_json row_json(const TicketRow& r, Timestamp now);
nlohmann::ordered_json event_json(const Event& e);
// The row plus the requester's words and every event.
nlohmann::ordered_json ticket_full_json(const Ticket& t, const TicketState& s, Timestamp now);

// JSON text in which DEL, C1 controls, bidi controls and U+2028/U+2029 are
// \u escapes as well (control characters below U+0020 are already): the
// same value for a parser, and nothing that acts when it reaches a terminal.
std::string inert_json(std::string_view json);
// `j` indented by two, made inert.
std::string json_text(const nlohmann::ordered_json& j);

} // namespace hd
