#pragma once
// Which tickets a listing shows: a pure predicate over ticket and state.
#include "core/ticket_row.hpp"

#include <string>
#include <vector>

namespace hd {

struct ListFilter {
    std::vector<Status> statuses; // empty: every status but closed, unless all
    std::vector<Priority> priorities;
    std::vector<Audience> audiences;
    std::vector<WaitingOn> waiting_on;
    std::vector<std::string> tags; // every one must be present
    std::string requester;         // case-insensitive part of name or email
    std::string assignee;          // exact
    bool all = false;              // closed tickets too

    bool matches(const TicketRow& r) const;
};

} // namespace hd
