#include "core/report.hpp"

#include "core/share_out.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <thread>

namespace hd {

using namespace std::chrono;

namespace {

// What of a ticket a group counts: grouped by agent, a ticket's parts go to
// whoever did that part of the work.
enum Part : unsigned {
    ticket_part = 1,     // the ticket, its status, open clocks and practice counts: its owner
    first_part = 2,      // a met first response: who sent it
    resolution_part = 4, // a finished resolution: who closed it
    all_parts = 7,
};

ClockCounts count_clocks(const std::vector<Clock>& clocks) {
    ClockCounts n;
    for (const Clock& c : clocks) {
        if (c.kind == ClockKind::first_response && c.stopped) {
            n.first_time = c.elapsed;
            n.first_within = !c.breached;
        }
        if (c.kind == ClockKind::resolution && c.stopped) {
            n.resolution_time = c.elapsed;
            n.resolution_within = !c.breached;
        }
        if (!c.stopped && c.breached) ++n.open_breaches;
        if (!c.stopped && c.at_risk) ++n.at_risk;
    }
    return n;
}

bool is_finding(const Clock& c) {
    return !c.stopped && (c.breached || c.at_risk);
}

void add(Stats& s, const TicketReport& t, const SlaPolicy& policy, unsigned parts = all_parts) {
    const ClockCounts& n = t.counts;
    if (n.first_time && (parts & first_part)) {
        s.first_times.push_back(*n.first_time);
        s.first_within += n.first_within;
    }
    if (n.resolution_time && (parts & resolution_part)) {
        s.resolution_times.push_back(*n.resolution_time);
        s.resolution_within += n.resolution_within;
    }
    if (!(parts & ticket_part)) return;
    s.open_breaches += n.open_breaches;
    s.at_risk += n.at_risk;
    ++s.tickets;
    ++s.by_status[t.row->status];
    s.quiet_closes_short += t.quiet_close_short;
    s.overrides += t.overrides;
    s.long_threads += t.clarifications >= policy.long_clarification;
    s.escalations_untold += t.escalation_untold;
    s.reopenings += t.reopenings;
    s.on_hold += t.on_hold;
}

void measure(TicketReport& t, const SlaPolicy& policy, Timestamp now, bool all_clocks) {
    const TicketRow& row = *t.row;
    auto events = decode_timeline(row.timeline);
    t.clocks = ticket_clocks(row, events, policy, now);
    t.counts = count_clocks(t.clocks);
    if (!all_clocks) {
        std::erase_if(t.clocks, [](const Clock& c) { return !is_finding(c); });
        t.clocks.shrink_to_fit();
    }
    t.on_hold = row.on_hold(now);
    int followups = 0;
    bool closed = false;
    for (const auto& e : events) {
        switch (e.kind) {
        case EventKind::reply:
            t.clarifications += e.ask;
            break;
        case EventKind::followup:
            ++followups;
            break;
        case EventKind::receive:
        case EventKind::reopen:
            followups = 0;
            t.reopenings += closed;
            closed = false;
            break;
        case EventKind::escalate:
            t.escalation_untold |= !e.told_next;
            break;
        case EventKind::close:
            closed = true;
            t.overrides += e.force;
            if (e.resolution == "no-response" && followups < 2) t.quiet_close_short = true;
            break;
        default:
            break;
        }
    }
}

} // namespace

std::optional<seconds> percentile(std::vector<seconds> v, double q) {
    if (v.empty()) return std::nullopt;
    size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
    auto nth = v.begin() + static_cast<std::ptrdiff_t>(std::clamp<size_t>(rank, 1, v.size()) - 1);
    std::nth_element(v.begin(), nth, v.end());
    return *nth;
}

std::optional<seconds> Stats::median(const std::vector<seconds>& v) const {
    return percentile(v, 0.5);
}
std::optional<seconds> Stats::p90(const std::vector<seconds>& v) const {
    return percentile(v, 0.9);
}

std::string human_duration(seconds s) {
    // Hours, never days: in business time a "day" would be ambiguous.
    long long v = s.count() < 0 ? -s.count() : s.count();
    long long h = v / 3600, m = v % 3600 / 60;
    if (h) return m ? fmt::format("{}h {}m", h, m) : fmt::format("{}h", h);
    return fmt::format("{}m", m);
}

std::vector<Stats> group_stats(const Report& r, const SlaPolicy& policy, std::string_view by) {
    std::map<std::string, Stats> groups;
    auto group = [&](const std::string& key) -> Stats& {
        Stats& s = groups[key];
        s.key = key;
        return s;
    };
    for (const TicketReport& t : r.tickets) {
        if (by == "agent") {
            // The owner answers for the ticket; the work done is credited to
            // whoever did it (an earlier agent's late first response stays theirs).
            std::string owner(t.agent);
            add(group(owner), t, policy, ticket_part);
            add(group(t.row->first_agent.empty() ? owner : std::string(t.row->first_agent)), t,
                policy, first_part);
            add(group(t.row->closer.empty() ? owner : std::string(t.row->closer)), t, policy,
                resolution_part);
            continue;
        }
        add(group(by == "audience" ? std::string(to_string(t.row->audience))
                                   : std::string(to_string(t.row->priority))),
            t, policy);
    }
    std::vector<Stats> out;
    if (by == "priority") {
        for (Priority p : {Priority::urgent, Priority::high, Priority::normal, Priority::low})
            if (auto it = groups.find(std::string(to_string(p))); it != groups.end())
                out.push_back(std::move(it->second));
    } else {
        for (auto& [k, s] : groups)
            out.push_back(std::move(s));
    }
    return out;
}

Report build_report(const std::vector<TicketRow>& rows, const SlaPolicy& policy, Timestamp now,
                    const ReportOptions& o) {
    Report r;
    r.now = now;
    r.by = o.by;
    r.tickets.reserve(rows.size());
    for (const TicketRow& row : rows) {
        if (o.since && row.created < *o.since) continue;
        if (o.until && !(row.created < *o.until)) continue;
        if (!o.priorities.empty() &&
            std::find(o.priorities.begin(), o.priorities.end(), row.priority) == o.priorities.end())
            continue;
        TicketReport t{.row = &row};
        std::string_view assignee = row.assignee.substr(0, row.assignee.find(" <"));
        t.agent = !assignee.empty()          ? assignee
                  : !row.first_agent.empty() ? row.first_agent
                                             : "(nobody)";
        if (!o.agent.empty() && t.agent != o.agent) continue;
        r.tickets.push_back(std::move(t));
    }
    // The clocks of 100,000 tickets are independent: share them out.
    size_t n = r.tickets.size();
    share_out(n, workers_for(n, 2048), [&](size_t from, size_t to, size_t) {
        for (size_t i = from; i < to; ++i)
            measure(r.tickets[i], policy, now, o.all_clocks);
    });

    for (const TicketReport& t : r.tickets)
        for (const Clock& c : t.clocks) {
            if (!is_finding(c)) continue;
            if (c.breached)
                r.findings.push_back({&t, c, true, c.elapsed - c.target});
            else
                r.findings.push_back({&t, c, false, c.target - c.elapsed});
        }
    std::stable_sort(r.findings.begin(), r.findings.end(), [](const Finding& a, const Finding& b) {
        if (a.breached != b.breached) return a.breached;
        if (a.breached) return a.past_or_left > b.past_or_left;
        return a.past_or_left < b.past_or_left;
    });

    r.total.key = "all";
    for (const TicketReport& t : r.tickets)
        add(r.total, t, policy);
    r.groups = group_stats(r, policy, o.by);
    return r;
}

} // namespace hd
