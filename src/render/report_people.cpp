// Report formats for people: aligned text and Markdown.
#include "render/report.hpp"

#include "core/display.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

std::string opt(const std::optional<std::chrono::seconds>& s) {
    return s ? human_duration(*s) : "-";
}

std::string share(int within, size_t total) {
    if (total == 0) return "-";
    return fmt::format("{:.0f}%", 100.0 * within / static_cast<double>(total));
}

struct Row {
    std::vector<std::string> cells;
};

std::vector<std::string> header(const Report& r) {
    return {r.by,      "tickets", "new",     "open",    "waiting", "escalated", "closed", "1st p50",
            "1st p90", "1st ok",  "res p50", "res p90", "res ok",  "breaches",  "at risk"};
}

// A group's figures; its key (an agent's name, say) is given as shown.
std::vector<std::string> cells(const Stats& s, std::string key) {
    auto n = [&](Status st) {
        auto it = s.by_status.find(st);
        return std::to_string(it == s.by_status.end() ? 0 : it->second);
    };
    return {std::move(key),
            std::to_string(s.tickets),
            n(Status::fresh),
            n(Status::open),
            n(Status::waiting),
            n(Status::escalated),
            n(Status::closed),
            opt(s.median(s.first_times)),
            opt(s.p90(s.first_times)),
            share(s.first_within, s.first_times.size()),
            opt(s.median(s.resolution_times)),
            opt(s.p90(s.resolution_times)),
            share(s.resolution_within, s.resolution_times.size()),
            std::to_string(s.open_breaches),
            std::to_string(s.at_risk)};
}

std::string line(std::string_view s) {
    return inert(s, Shape::line);
}

std::string finding_line(const Finding& f) {
    const TicketRow& row = *f.ticket->row;
    return fmt::format("{} {} {} {} ({}, {}): {}", row.id, to_string(f.clock.kind),
                       f.breached ? "breached," : "at risk,",
                       f.breached ? human_duration(f.past_or_left) + " over"
                                  : human_duration(f.past_or_left) + " left",
                       to_string(row.priority), line(f.ticket->agent), line(row.title));
}

std::string practice_lines(const Stats& s) {
    return fmt::format("Follow-up: {} quiet ticket(s) closed with fewer than two follow-ups, {} "
                       "rule override(s).\n"
                       "Conversation: {} long clarification thread(s), {} escalation(s) "
                       "without next steps, {} reopening(s), {} on hold.\n",
                       s.quiet_closes_short, s.overrides, s.long_threads, s.escalations_untold,
                       s.reopenings, s.on_hold);
}

} // namespace

// Text inside a Markdown table cell: it stays text in its cell. Line breaks
// and controls are marks already; what would start markup, HTML, an entity,
// math or a new cell is escaped with a backslash, as CommonMark allows for
// any ASCII punctuation.
std::string markdown_text(std::string_view s) {
    std::string out;
    for (char c : line(s)) {
        if (std::string_view("\\`*_[]<>|~&$").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string report_text(const Report& r, bool color) {
    std::vector<std::vector<std::string>> table{header(r)};
    for (const auto& g : r.groups)
        table.push_back(cells(g, line(g.key)));
    table.push_back(cells(r.total, r.total.key));
    std::vector<size_t> width(table[0].size(), 0);
    for (const auto& row : table)
        for (size_t i = 0; i < row.size(); ++i)
            width[i] = std::max(width[i], display_width(row[i]));
    std::string out = fmt::format("SLA report at {}\n\n", format_rfc3339(r.now));
    for (size_t k = 0; k < table.size(); ++k) {
        std::string line;
        for (size_t i = 0; i < table[k].size(); ++i)
            line += i == 0 ? fmt::format("{:<{}}", table[k][i], width[i])
                           : fmt::format("  {:>{}}", table[k][i], width[i]);
        if (color && k == 0) line = "\x1b[1m" + line + "\x1b[0m";
        out += line + "\n";
    }
    out += "\n" + practice_lines(r.total);
    if (r.findings.empty()) return out + "\nNo breaches, nothing at risk.\n";
    out += "\nTime over or left is counted on each priority's calendar.\n";
    out += "\n";
    for (const auto& f : r.findings) {
        std::string mark = f.breached ? "BREACH " : "at risk";
        if (color) mark = (f.breached ? "\x1b[31m" : "\x1b[33m") + mark + "\x1b[0m";
        out += mark + "  " + finding_line(f) + "\n";
    }
    if (r.findings_omitted)
        out += fmt::format("... and {} more (--limit 0 shows all; --format csv or json lists "
                           "every ticket)\n",
                           r.findings_omitted);
    return out;
}

std::string report_markdown(const Report& r) {
    std::string out =
        fmt::format("## SLA report\n\nAt {}: {} ticket(s), {} breach(es), {} at "
                    "risk.\n\n",
                    format_rfc3339(r.now), r.total.tickets, r.total.open_breaches, r.total.at_risk);
    auto row = [](const std::vector<std::string>& c) {
        std::string line = "|";
        for (const auto& x : c)
            line += " " + x + " |";
        return line + "\n";
    };
    auto h = header(r);
    out += row(h);
    out += "|" + std::string(":---|");
    for (size_t i = 1; i < h.size(); ++i)
        out += "---:|";
    out += "\n";
    for (const auto& g : r.groups)
        out += row(cells(g, markdown_text(g.key)));
    out += row(cells(r.total, "**all**"));
    out += "\n" + practice_lines(r.total);
    if (!r.findings.empty()) {
        out += "\n### Breaches and tickets at risk\n\n| ticket | clock | state | when | priority | "
               "agent | title |\n|---|---|---|---|---|---|---|\n";
        for (const auto& f : r.findings) {
            const TicketRow& t = *f.ticket->row;
            out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", t.id,
                               to_string(f.clock.kind), f.breached ? "**breached**" : "at risk",
                               f.breached ? human_duration(f.past_or_left) + " over"
                                          : human_duration(f.past_or_left) + " left",
                               to_string(t.priority), markdown_text(f.ticket->agent),
                               markdown_text(t.title));
        }
        if (r.findings_omitted) out += fmt::format("\n... and {} more.\n", r.findings_omitted);
    }
    return out;
}

} // namespace hd
