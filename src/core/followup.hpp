#pragma once
// The follow-up practice as pure rules: when a quiet requester is due a
// nudge, and what closing a ticket requires.
#include "core/state.hpp"
#include "core/ticket_row.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace hd {

struct FollowupPolicy {
    std::chrono::seconds first{std::chrono::hours(24 * 4)};  // quiet this long: follow-up 1
    std::chrono::seconds second{std::chrono::hours(24 * 2)}; // then this long: follow-up 2
    std::chrono::seconds close{std::chrono::hours(24 * 3)};  // then this long: close as no-response
};

struct NextStep {
    int followup;  // 1 or 2; 3 means "close as no-response"
    Timestamp due; // when it falls due
};

// nullopt unless the ticket waits on its requester.
std::optional<NextStep> next_followup(const TicketRow& r, const FollowupPolicy& p);

struct CloseRequest {
    std::string resolution, explain, of, reason;
    bool force = false;
};

// Error(usage) for a request that is incomplete, Error(refused) for one the
// practice forbids (saying why and how to proceed); returns the rule that
// --force overrode, or "" when none was needed.
std::string check_close(const TicketRow& r, const CloseRequest& c);

// Whether a resolution kind sends the requester a closing reply.
bool close_replies(std::string_view resolution);

} // namespace hd
