#pragma once
// hd search over the ticket files: each listed row's file is read from the
// work tree and searched, on every core; files that cannot hold the text
// are skipped before parsing.
#include "core/search_match.hpp"
#include "store/repo.hpp"
#include "store/ticket_store.hpp"

#include <vector>

namespace hd {

struct SearchHit {
    const TicketRow* row;
    SearchMatch match;
};

// Hits in the order of `rows`. A file that cannot be read or parsed now is
// passed over (the row itself was readable when it was listed).
std::vector<SearchHit> search_tickets(const Repo& repo, const std::vector<const TicketRow*>& rows,
                                      const SearchText& text);

} // namespace hd
