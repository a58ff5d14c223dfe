#pragma once
// What a sync brought in and did: the value hd sync and the --sync bulk
// actions hand to the renderers.
#include "core/ticket.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hd {

// A ticket the incoming commits created or added events to.
struct IncomingTicket {
    std::string id, title;
    bool created = false;
    std::vector<Event> events; // the new ones, in file order
};

enum class MergeKind {
    up_to_date,   // nothing came in
    fast_forward, // only new commits came in
    merged,       // both sides had commits: a merge commit joins them
};
std::string_view to_string(MergeKind k);

struct SyncResult {
    std::string remote, branch; // "origin", "main" (the remote's branch)
    MergeKind merge = MergeKind::up_to_date;
    std::string before, after; // HEAD before and after (hex; "" when unborn)
    std::string remote_head;   // the remote's branch as last fetched ("" when it has none)
    bool pushed = false;       // this run pushed commits
    int tries = 0;             // push attempts made
    std::vector<IncomingTicket> incoming;
};

} // namespace hd
