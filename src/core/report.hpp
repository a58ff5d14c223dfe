#pragma once
// The SLA report as a value: clocks per ticket, findings (breaches and
// at-risk clocks), and metrics per group. Renderers in src/render/ turn it
// into text, JSON, CSV, Markdown, JUnit, GitHub or GitLab output.
#include "core/sla.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hd {

struct ReportOptions {
    std::optional<Timestamp> since, until; // tickets created in [since, until)
    std::vector<Priority> priorities;
    std::string agent;
    std::string by = "priority"; // priority, agent or audience
    // Keep every clock of every ticket (the formats that print them: json,
    // csv, junit); else only the open clocks that are findings, which at
    // 100,000 tickets saves tens of megabytes.
    bool all_clocks = true;
};

// What the statistics count of a ticket's clocks, kept whether or not the
// clocks are. A ticket has at most one first-response and one resolution
// clock.
struct ClockCounts {
    std::optional<std::chrono::seconds> first_time, resolution_time; // finished clocks
    bool first_within = false, resolution_within = false;
    int open_breaches = 0, at_risk = 0;
};

struct TicketReport {
    const TicketRow* row;
    // Who owns it: the assignee's name, else who answered first, else "(nobody)"
    std::string_view agent;
    std::vector<Clock> clocks; // every clock, or only findings (ReportOptions::all_clocks)
    ClockCounts counts;
    int clarifications = 0; // clarifying questions asked
    int reopenings = 0;
    int overrides = 0;              // closes that overrode a rule
    bool quiet_close_short = false; // closed for no response with fewer than two follow-ups
    bool escalation_untold = false; // escalated without telling the requester next steps
    bool on_hold = false;           // snoozed at the report's time
};

struct Finding {
    const TicketReport* ticket;
    Clock clock;
    bool breached;                     // else at risk
    std::chrono::seconds past_or_left; // past the target, or left until it
};

struct Stats {
    std::string key;
    int tickets = 0;
    std::map<Status, int> by_status;
    std::vector<std::chrono::seconds> first_times, resolution_times; // finished clocks
    int first_within = 0, resolution_within = 0;
    int open_breaches = 0, at_risk = 0;
    int quiet_closes_short = 0, overrides = 0, long_threads = 0, escalations_untold = 0,
        reopenings = 0, on_hold = 0;

    std::optional<std::chrono::seconds> median(const std::vector<std::chrono::seconds>& v) const;
    std::optional<std::chrono::seconds> p90(const std::vector<std::chrono::seconds>& v) const;
};

struct Report {
    Timestamp now;
    std::string by;
    std::vector<TicketReport> tickets;
    std::vector<Finding> findings; // breaches first, worst first; then at risk, soonest first
    size_t findings_omitted = 0;   // cut by a display limit (counted in the stats all the same)
    std::vector<Stats> groups;
    Stats total;
};

Report build_report(const std::vector<TicketRow>& rows, const SlaPolicy& policy, Timestamp now,
                    const ReportOptions& options);

// The report's metrics grouped by another key (priority, agent or audience),
// from the clocks it has already measured, in the order of build_report.
std::vector<Stats> group_stats(const Report& r, const SlaPolicy& policy, std::string_view by);

// Nearest rank: the smallest value with at least a share q of the values at
// or below it; nullopt for no values.
std::optional<std::chrono::seconds> percentile(std::vector<std::chrono::seconds> v, double q);

// "2h 30m" style, for people.
std::string human_duration(std::chrono::seconds s);

} // namespace hd
