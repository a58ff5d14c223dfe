#pragma once
// Commit messages of hd actions: "hd <action> <id>: <title>" and trailers
// scripts grep for. Every value comes from people (titles, reasons,
// references), so each is made one inert line first: a newline in it could
// otherwise end the subject or start a forged trailer, and an escape would
// act on the terminal of whoever runs git log.
#include "core/ticket.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hd {

using Trailers = std::vector<std::pair<std::string, std::string>>;

// `text` on one line, every control shown as a mark (see display.hpp):
// a line break reads as a visible mark and can start nothing.
std::string one_line(std::string_view text);

// For one ticket: "hd <action> <id>: <title>", then Hd-Action, Hd-Ticket
// and the `extra` trailers.
std::string commit_message(std::string_view action, const Ticket& t, const Trailers& extra = {});

// For several: "hd <action>: N tickets", an Hd-Ticket trailer for each.
std::string bulk_commit_message(std::string_view action, const std::vector<std::string>& ids,
                                const Trailers& extra = {});

} // namespace hd
