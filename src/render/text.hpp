#pragma once
// Output for people: a ticket as a readable thread, and aligned listings.
// Colour is a parameter; the caller decides from the terminal and NO_COLOR.
#include "core/state.hpp"
#include "core/ticket.hpp"
#include "core/ticket_row.hpp"

#include <string>
#include <vector>

namespace hd {

std::string render_ticket_text(const Ticket& t, const TicketState& s, Timestamp now, bool color);

// One line saying what an event did ("assigned to ...", "tags +vip"), inert.
std::string describe_event(const Event& e);

// The list table, one line per row. `columns` is the terminal's width, which
// the title is shortened to fit (0: no limit). The assignee column is left
// out when no row has an assignee. `below`, when given, holds a line per
// row (raw text, made inert here) printed indented under it.
std::string render_list_text(const std::vector<const TicketRow*>& rows, Timestamp now, bool color,
                             size_t columns = 0, const std::vector<std::string>& below = {});

} // namespace hd
