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
    std::string assignee;          // case-insensitive part of the assignee's name or email
    std::string assignee_email;    // exactly this person (any case): --mine
    bool unassigned = false;
    bool all = false; // closed tickets too

    bool matches(const TicketRow& r) const;
    // Whether matches() reads more than status, priority, audience and
    // waiting on (RowKey's fields): tags, requester or assignee.
    bool reads_text() const;
};

// ASCII lower case, for the case-insensitive matches of names and addresses.
std::string ascii_lower(std::string_view s);

// Whether "Name <email>" `who` is the person with this email (any case).
bool is_person(std::string_view who, std::string_view email);

} // namespace hd
