#pragma once
// Service-level clocks, computed from a ticket's timeline: pure functions of
// the ticket, the policy and "now". Definitions are in man/hd-sla.7.
#include "core/calendar.hpp"
#include "core/holds.hpp"
#include "core/ticket_row.hpp"
#include "core/timeline.hpp"

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hd {

enum class ClockKind { first_response, next_response, resolution, periodic_update };
std::string_view to_string(ClockKind k); // "first-response", ...

struct Targets {
    std::optional<std::chrono::seconds> first_response, next_response, resolution, periodic_update;
    std::string calendar = "24x7";
};

struct SlaPolicy {
    std::array<Targets, 4> targets; // by Priority
    std::map<std::string, Calendar> calendars;
    double at_risk = 0.75;      // share of a target after which a clock is at risk
    int long_clarification = 3; // clarifying questions that make a thread long

    const Calendar& calendar_for(Priority p) const;
};

// The policy with the common published targets, all in calendar time.
SlaPolicy default_policy();

struct Clock {
    ClockKind kind;
    std::chrono::seconds target{0};
    std::chrono::seconds elapsed{0}; // business time counted so far, or in all
    bool stopped = false;            // the stopping event happened
    bool breached = false;           // elapsed passed the target (now or when it stopped)
    bool at_risk = false;            // running, not breached, past the at-risk share
    bool paused = false;             // running but not counting now (waiting on the requester)
    Timestamp started;
    std::optional<Timestamp> due; // running clocks: when the target is (or was) reached
    int line = 1;                 // the ticket file line that matters
};

// Business time from a to b on `cal`, less the time on hold: what the
// resolution and periodic-update clocks count.
std::chrono::seconds unheld_between(const Calendar& cal, const std::vector<Hold>& holds,
                                    std::chrono::sys_seconds a, std::chrono::sys_seconds b);

// The instant at which `amount` business seconds outside the holds (in time
// order, not overlapping) have passed since `from`.
std::chrono::sys_seconds unheld_add(const Calendar& cal, const std::vector<Hold>& holds,
                                    std::chrono::sys_seconds from, std::chrono::seconds amount);

// Every clock of the ticket that has a target: the first response, each
// next response, the resolution and, while escalated, the periodic update.
std::vector<Clock> ticket_clocks(const TicketRow& row, const std::vector<TimelineEvent>& events,
                                 const SlaPolicy& policy, Timestamp now);

} // namespace hd
