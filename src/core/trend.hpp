#pragma once
// Service levels over the weeks before a report's time, as they stood then:
// for each week, the first responses and resolutions that finished in it
// against their targets, the clocks that passed their target in it, and the
// tickets by status and the open breaches at its end. Each ticket's
// timeline is walked once, and what it adds goes to the week in which it
// happened; an event never changes the weeks before it. The rules are in
// man/hd-sla.7 (TRENDS).
#include "core/report.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace hd {

struct TrendWeek {
    Timestamp start, end; // the week is (start, end]
    // Clocks that finished in the week: first responses at the first answer,
    // resolutions at each close (but spam and unsubscribe).
    std::vector<std::chrono::seconds> first_times, resolution_times;
    int first_within = 0, resolution_within = 0;
    int passed = 0;              // clocks of any kind that passed their target in the week
    std::array<int, 5> status{}; // tickets by status at the end, in Status order
    int open_breaches = 0;       // open clocks past their target at the end
    int backlog() const { return status[0] + status[1] + status[2] + status[3]; }
};

struct TrendSeries {
    std::string key; // "all", or a priority
    // The priority's targets; none for "all", whose tickets have several.
    std::optional<std::chrono::seconds> first_target, resolution_target;
    std::vector<TrendWeek> weeks; // oldest first; the last one ends at the report's time
};

struct Trend {
    TrendSeries total;
    // urgent, high, normal, low: those with a figure other than zero in
    // some week. A ticket counts under the priority it had at each moment.
    std::vector<TrendSeries> by_priority;
};

// The `weeks` weeks ending at `now`, over `rows`.
Trend build_trend(const std::vector<const TicketRow*>& rows, const SlaPolicy& policy, Timestamp now,
                  int weeks);

// The same over the tickets of a report, ending at its time.
Trend build_trend(const Report& r, const SlaPolicy& policy, int weeks);

} // namespace hd
