#pragma once
// What hd check reports beyond invalid files: tickets whose history breaks
// the help desk practice (or could not have been written by hd). Pure.
#include "core/ticket.hpp"

#include <string>
#include <vector>

namespace hd {

struct PracticeFinding {
    int line; // of the event at fault, or 1 for the header
    std::string message;
};

std::vector<PracticeFinding> practice_findings(const Ticket& t);

} // namespace hd
