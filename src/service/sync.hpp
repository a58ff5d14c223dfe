#pragma once
// Sharing a desk through a remote: fetch, merge (hd's ticket merge, in
// process), push, and again when someone pushed first. The network is the
// git CLI's, so a user's credential helpers, ssh set-up, insteadOf rules and
// proxies work as they do for git; the merge and the commit are hd's own,
// under its lock and its journal.
#include "context.hpp"
#include "core/sync_result.hpp"
#include "service/desk.hpp"

#include <string>

namespace hd {

struct SyncOptions {
    std::string remote; // "" for the branch's upstream, else origin
    bool dry_run = false;
    int tries = 5; // fetch-merge-push rounds before giving up on a busy remote
};

// Fetches and merges what the remote has; with dry_run, fetches and says
// what would merge, changing nothing but remote-tracking refs.
SyncResult pull_desk(Context& ctx, Desk& desk, const SyncOptions& o);

// Pushes the branch; when the remote moved first, fetches, merges and
// tries again, o.tries times at most. `so_far` (from pull_desk) gathers
// what came in on the way. Error(external) when the push keeps failing.
void push_desk(Context& ctx, Desk& desk, const SyncOptions& o, SyncResult& so_far);

// pull_desk, then push_desk unless a dry run.
SyncResult sync_desk(Context& ctx, Desk& desk, const SyncOptions& o);

} // namespace hd
