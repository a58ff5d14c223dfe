#include "core/followup.hpp"

#include "core/error.hpp"
#include "core/resolution.hpp"

#include <fmt/format.h>

namespace hd {

std::optional<NextStep> next_followup(const TicketRow& r, const FollowupPolicy& p) {
    if (r.status != Status::waiting || r.waiting_on != WaitingOn::requester) return std::nullopt;
    Timestamp due = r.last_agent_public;
    int n = std::min(r.followups, 2) + 1;
    due.utc += n == 1 ? p.first : n == 2 ? p.second : p.close;
    // Time on hold is not time the requester kept quiet.
    due.utc += r.quiet_held;
    return NextStep{n, due};
}

bool close_replies(std::string_view resolution) {
    return resolution != "spam" && resolution != "unsubscribe";
}

std::string check_close(const TicketRow& r, const CloseRequest& c) {
    if (!is_resolution_kind(c.resolution))
        throw Error(Exit::usage, fmt::format("--resolution '{}': expected one of solved, "
                                             "workaround, wont-fix, duplicate, no-response, spam, "
                                             "unsubscribe",
                                             c.resolution));
    if (c.force != !c.reason.empty())
        throw Error(Exit::usage,
                    "--force and --reason go together: say why the rule is overridden");
    bool plain = c.resolution == "solved" || !close_replies(c.resolution);
    if (!plain && c.explain.empty())
        throw Error(Exit::usage,
                    fmt::format("--resolution {} needs --explain TEXT: why the request is not "
                                "simply fixed, and what is done instead",
                                c.resolution));
    if (c.resolution == "duplicate" && c.of.empty())
        throw Error(Exit::usage, "--resolution duplicate needs --of ID: the ticket it repeats");
    if (c.resolution != "duplicate" && !c.of.empty())
        throw Error(Exit::usage, "--of goes with --resolution duplicate");
    if (r.status == Status::closed)
        throw Error(Exit::refused, fmt::format("{} is already closed ({})", r.id, r.resolution));

    std::string rule;
    if (r.status == Status::escalated && c.explain.empty() && close_replies(c.resolution))
        rule = "closing an escalated ticket needs --explain TEXT: what came of the escalation";
    else if (c.resolution == "no-response" && r.followups < 2)
        rule = fmt::format("{} has had {} follow-up(s) since the requester last wrote{}; the "
                           "practice is two before closing for no response (hd followup {})",
                           r.id, r.followups,
                           r.followups ? " (our last message was on " +
                                             format_rfc3339(r.last_agent_public).substr(0, 10) + ")"
                                       : "",
                           r.id);
    if (!rule.empty() && !c.force)
        throw Error(Exit::refused, rule + "; to override: --force --reason TEXT");
    if (rule.empty() && c.force)
        throw Error(Exit::usage, "--force: no rule of the practice stands in the way; drop it");
    return rule;
}

} // namespace hd
