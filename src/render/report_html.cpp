// The report as a dashboard: one HTML5 file with its styles and SVG charts
// inline, no script and nothing fetched (its Content-Security-Policy allows
// neither). Every chart has a table with its numbers beside it; table cells
// carry the machine values (seconds, counts) in data- attributes.
#include "render/report.hpp"

#include "core/display.hpp"
#include "core/utf8.hpp"
#include "render/svg_chart.hpp"

#include <array>
#include <cctype>
#include <cstdlib>
#include <fmt/format.h>
#include <tuple>

namespace hd {

using std::chrono::seconds;

namespace {

constexpr std::string_view style = R"css(
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #ffffff; --fg: #1b1f24; --muted: #59636e; --line: #d5dae0;
  --grid: #e4e8ec; --bad: #c62828; --warn: #9a6700; --good: #1a7f37;
  --s1: #1f6feb; --s2: #8250df; --s3: #d4560b; --s4: #0f8a8a; --s5: #6e7781;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1116; --panel: #161b22; --fg: #e6edf3; --muted: #9ba6b2; --line: #30363d;
    --grid: #262c33; --bad: #ff7b72; --warn: #e3b341; --good: #56d364;
    --s1: #58a6ff; --s2: #bc8cff; --s3: #ff9e5e; --s4: #39c5cf; --s5: #8b949e;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
header, main, footer { max-width: 96rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.25rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 0 0 .25rem; }
p { margin: .25rem 0 .75rem; }
.meta, .note, figcaption p { color: var(--muted); }
a { color: var(--s1); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .92em; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 8.5rem), 1fr)); }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; }
.card .n { display: block; font-size: 1.9rem; font-weight: 650; line-height: 1.2; font-variant-numeric: tabular-nums; }
.card .l { color: var(--muted); font-size: .9rem; }
.card.bad { border-color: var(--bad); } .card.bad .n { color: var(--bad); }
.card.warn { border-color: var(--warn); } .card.warn .n { color: var(--warn); }
.card.good .n { color: var(--good); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; margin: 1rem 0; }
.charts { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); align-items: start; }
figure { margin: 0; min-width: 0; background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; }
figcaption { margin-bottom: .5rem; }
svg.chart { display: block; width: 100%; max-width: 36rem; height: auto; margin: 0 auto; }
svg.chart text { font-size: 11px; fill: var(--muted); font-family: inherit; }
svg.chart .grid line { stroke: var(--grid); stroke-width: 1; }
svg.chart .series path { fill: none; stroke-width: 2.25; stroke-linejoin: round; }
svg.chart .dashed path { stroke-dasharray: 5 4; }
svg.chart .target { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 2 3; }
svg.chart text.target-label { fill: var(--bad); }
.s1 path { stroke: var(--s1); } .s1 circle, .s1 rect, .key.s1::before { fill: var(--s1); background: var(--s1); }
.s2 path { stroke: var(--s2); } .s2 circle, .s2 rect, .key.s2::before { fill: var(--s2); background: var(--s2); }
.s3 path { stroke: var(--s3); } .s3 circle, .s3 rect, .key.s3::before { fill: var(--s3); background: var(--s3); }
.s4 path { stroke: var(--s4); } .s4 circle, .s4 rect, .key.s4::before { fill: var(--s4); background: var(--s4); }
.s5 path { stroke: var(--s5); } .s5 circle, .s5 rect, .key.s5::before { fill: var(--s5); background: var(--s5); }
.legend { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; }
.key::before { content: ""; display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .35rem; vertical-align: -.05rem; }
.key.dashed::before { height: .25rem; vertical-align: .2rem; }
.key.target::before { background: none; border-top: 2px dotted var(--bad); height: 0; vertical-align: .25rem; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: .9rem; width: 100%; }
th, td { padding: .3rem .5rem; text-align: right; border-bottom: 1px solid var(--grid); white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { color: var(--muted); font-weight: 600; border-bottom-color: var(--line); vertical-align: bottom; }
tr.all td { font-weight: 650; border-top: 1px solid var(--line); }
td.text, th.text { text-align: left; white-space: normal; overflow-wrap: anywhere; min-width: 10rem; }
.findings th, .findings td { vertical-align: top; text-align: left; }
.tag { display: inline-block; padding: 0 .4rem; border-radius: .25rem; font-size: .8rem; font-weight: 650; }
.breach .tag { background: var(--bad); color: var(--panel); }
.risk .tag { background: var(--warn); color: var(--panel); }
.ok { color: var(--good); }
footer { color: var(--muted); font-size: .85rem; padding-top: 1.5rem; padding-bottom: 2rem; }
@media (max-width: 40rem) {
  body { font-size: 14px; }
  svg.chart text { font-size: 16px; }
  .card { padding: .5rem .75rem; }
  .card .n { font-size: 1.5rem; }
  table.findings, table.findings tbody, table.findings tr { display: block; width: 100%; }
  table.findings thead { display: none; }
  table.findings tr { padding: .5rem 0; border-bottom: 1px solid var(--line); }
  table.findings td { display: inline; border: 0; padding: 0 .4rem 0 0; white-space: normal; text-align: left; }
  table.findings td.text { display: block; padding: .1rem 0 0; min-width: 0; text-align: left; }
  table.findings td[data-label="due"]::before, table.findings td[data-label="agent"]::before {
    content: attr(data-label) " "; color: var(--muted); }
  table.findings td[data-label="due"] { display: block; padding-top: .1rem; }
}
@media print {
  :root { --bg: #fff; --panel: #fff; --fg: #000; --muted: #333; --line: #999; --grid: #ccc; }
  body { font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0; }
  .card, figure, .panel { border-color: #999; break-inside: avoid; }
  h2 { break-after: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
  .scroll { overflow: visible; }
  th, td { white-space: normal; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string e(std::string_view s) {
    return html_text(s);
}

// "2026-11-23 12:00 UTC", or with the offset of the time.
std::string when(const Timestamp& t) {
    LocalTime l = local_fields(t);
    int off = t.offset_minutes;
    std::string zone = off == 0 ? "UTC"
                                : fmt::format("{}{:02}:{:02}", off < 0 ? '-' : '+',
                                              std::abs(off) / 60, std::abs(off) % 60);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} {}", l.year, l.month, l.day, l.hour, l.minute,
                       zone);
}

std::string day(const Timestamp& t) {
    LocalTime l = local_fields(t);
    return fmt::format("{:04}-{:02}-{:02}", l.year, l.month, l.day);
}

std::string short_day(const Timestamp& t) {
    LocalTime l = local_fields(t);
    return fmt::format("{} {}", l.day, month_names[static_cast<size_t>(l.month - 1)]);
}

std::string share(int within, size_t of) {
    if (of == 0) return "-";
    return fmt::format("{:.0f}%", 100.0 * within / static_cast<double>(of));
}

std::optional<double> share_value(int within, size_t of) {
    if (of == 0) return std::nullopt;
    return 100.0 * within / static_cast<double>(of);
}

std::optional<double> secs(const std::optional<seconds>& s) {
    if (!s) return std::nullopt;
    return static_cast<double>(s->count());
}

int count(const Stats& s, Status st) {
    auto it = s.by_status.find(st);
    return it == s.by_status.end() ? 0 : it->second;
}

// Table cells, each with its value for machines.
std::string td_count(std::string_view field, long long n) {
    return fmt::format("<td data-field=\"{}\" data-value=\"{}\">{}</td>", field, n, n);
}
std::string td_duration(std::string_view field, const std::optional<seconds>& s) {
    if (!s) return fmt::format("<td data-field=\"{}\" data-value=\"\">-</td>", field);
    return fmt::format("<td data-field=\"{}\" data-value=\"{}\">{}</td>", field, s->count(),
                       e(human_duration(*s)));
}
std::string td_share(std::string_view field, int within, size_t of) {
    return fmt::format("<td data-field=\"{}\" data-within=\"{}\" data-of=\"{}\">{}</td>", field,
                       within, of, share(within, of));
}

std::string th(std::string_view label, std::string_view title = "") {
    if (title.empty()) return fmt::format("<th scope=\"col\">{}</th>", e(label));
    return fmt::format("<th scope=\"col\" title=\"{}\">{}</th>", e(title), e(label));
}

std::string legend(const std::vector<svg::Series>& series, bool target) {
    std::string out = "<ul class=\"legend\">";
    for (const auto& s : series)
        out += fmt::format("<li class=\"key s{}{}\">{}</li>", s.style, s.dashed ? " dashed" : "",
                           e(s.name));
    if (target) out += "<li class=\"key target\">target</li>";
    return out + "</ul>";
}

std::string figure(std::string_view title, std::string_view about, const std::string& chart,
                   const std::string& keys, const std::string& table) {
    return fmt::format("<figure>\n<figcaption><h3>{}</h3><p>{}</p></figcaption>\n{}\n{}\n"
                       "<div class=\"scroll\">{}</div>\n</figure>\n",
                       e(title), e(about), chart, keys, table);
}

// The link to a ticket's file, or its ID alone.
std::string ticket_link(const HtmlPage& page, const TicketRow& t, int line) {
    std::string id = fmt::format("<code>{}</code>", e(t.id));
    if (page.web_url.empty()) return id;
    return fmt::format("<a href=\"{}\">{}</a>", e(ticket_url(page.web_url, t.path, line)), id);
}

// The text report's table, one row per group and a last one for all.
std::string stats_table(std::string_view id, std::string_view by, const std::vector<Stats>& groups,
                        const Stats& total) {
    std::string out =
        fmt::format("<table id=\"{}\" data-table=\"{}\">\n<thead><tr>{}", e(id), e(id), th(by));
    for (auto [label, title] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"tickets", ""},
             {"new", ""},
             {"open", ""},
             {"waiting", ""},
             {"escalated", ""},
             {"closed", ""},
             {"1st p50", "first response, median"},
             {"1st p90", "first response, 90th percentile"},
             {"1st ok", "first responses within target"},
             {"res p50", "resolution, median"},
             {"res p90", "resolution, 90th percentile"},
             {"res ok", "resolutions within target"},
             {"breaches", "open clocks past their target"},
             {"at risk", "open clocks at risk"}})
        out += th(label, title);
    out += "</tr></thead>\n<tbody>\n";
    auto row = [&](const Stats& s, bool all) {
        std::string r = fmt::format(
            "<tr data-key=\"{}\"{}><th scope=\"row\" class=\"text\">{}</th>", e(s.key),
            all ? " class=\"all\"" : "", all ? std::string("all") : "<bdi>" + e(s.key) + "</bdi>");
        r += td_count("tickets", s.tickets);
        for (Status st :
             {Status::fresh, Status::open, Status::waiting, Status::escalated, Status::closed})
            r += td_count(to_string(st), count(s, st));
        r += td_duration("first_p50", s.median(s.first_times));
        r += td_duration("first_p90", s.p90(s.first_times));
        r += td_share("first_ok", s.first_within, s.first_times.size());
        r += td_duration("resolution_p50", s.median(s.resolution_times));
        r += td_duration("resolution_p90", s.p90(s.resolution_times));
        r += td_share("resolution_ok", s.resolution_within, s.resolution_times.size());
        r += td_count("open_breaches", s.open_breaches);
        r += td_count("at_risk", s.at_risk);
        return r + "</tr>\n";
    };
    for (const Stats& g : groups)
        out += row(g, false);
    out += row(total, true);
    return out + "</tbody>\n</table>";
}

std::vector<std::string> week_labels(const TrendSeries& s) {
    std::vector<std::string> out;
    for (const TrendWeek& w : s.weeks)
        out.push_back(short_day(w.end));
    return out;
}

std::string week_cell(const TrendWeek& w) {
    return fmt::format("<th scope=\"row\" data-end=\"{}\">{}</th>", e(format_rfc3339(w.end)),
                       e(day(w.end)));
}

// First responses or resolutions per week: median and 90th percentile
// against the target, with the table of the same.
std::string times_figure(const TrendSeries& s, bool first, std::string_view id) {
    std::string_view what = first ? "First response" : "Resolution";
    svg::Series p50{.name = "median", .style = 1},
        p90{.name = "90th percentile", .style = 2, .dashed = true};
    std::optional<seconds> target = first ? s.first_target : s.resolution_target;
    std::string table =
        fmt::format("<table data-table=\"{}\">\n<thead><tr>{}{}{}{}{}</tr></thead>\n<tbody>\n",
                    e(id), th("week ending"), th(first ? "answered" : "resolved"), th("median"),
                    th("p90"), th("within target"));
    for (const TrendWeek& w : s.weeks) {
        const auto& times = first ? w.first_times : w.resolution_times;
        int within = first ? w.first_within : w.resolution_within;
        auto m = percentile(times, 0.5), q = percentile(times, 0.9);
        p50.values.push_back(secs(m));
        p90.values.push_back(secs(q));
        table += "<tr>" + week_cell(w) +
                 td_count("finished", static_cast<long long>(times.size())) +
                 td_duration("p50", m) + td_duration("p90", q) +
                 td_share("within", within, times.size()) + "</tr>\n";
    }
    table += "</tbody>\n</table>";
    std::string title =
        s.key == "all" ? std::string(what) + " time" : fmt::format("{} time, {}", what, s.key);
    std::string about = fmt::format(
        "{} finished each week, in business time{}.", first ? "First answers" : "Closed tickets",
        target ? fmt::format("; the {} target is {}", s.key, human_duration(*target))
               : std::string("; each priority has its own target"));
    svg::Chart c{.id = std::string(id),
                 .title = title + ", median and 90th percentile per week",
                 .labels = week_labels(s),
                 .series = {p50, p90},
                 .unit = svg::Unit::duration};
    if (target) c.target = static_cast<double>(target->count());
    return figure(title, about, svg::line_chart(c), legend(c.series, target.has_value()), table);
}

std::string within_figure(const TrendSeries& s) {
    svg::Series f{.name = "first response", .style = 1}, r{.name = "resolution", .style = 3};
    std::string table = fmt::format("<table data-table=\"trend-within\">\n<thead><tr>{}{}{}</tr>"
                                    "</thead>\n<tbody>\n",
                                    th("week ending"), th("first response"), th("resolution"));
    for (const TrendWeek& w : s.weeks) {
        f.values.push_back(share_value(w.first_within, w.first_times.size()));
        r.values.push_back(share_value(w.resolution_within, w.resolution_times.size()));
        table += "<tr>" + week_cell(w) + td_share("first", w.first_within, w.first_times.size()) +
                 td_share("resolution", w.resolution_within, w.resolution_times.size()) + "</tr>\n";
    }
    table += "</tbody>\n</table>";
    svg::Chart c{.id = "chart-within",
                 .title = "Share of first responses and resolutions within target, per week",
                 .labels = week_labels(s),
                 .series = {f, r},
                 .unit = svg::Unit::percent};
    return figure("Within target",
                  "Of the clocks that finished each week, the share that met its target.",
                  svg::line_chart(c), legend(c.series, false), table);
}

// Tickets by status at the end of each week, and the breaches of the week.
std::string backlog_figure(const TrendSeries& s, std::string_view id, bool with_breaches) {
    svg::Series fresh{.name = "new", .style = 5}, open{.name = "open", .style = 1},
        waiting{.name = "waiting", .style = 4}, esc{.name = "escalated", .style = 3};
    std::string table =
        fmt::format("<table data-table=\"{}\">\n<thead><tr>{}{}{}{}{}{}", e(id), th("week ending"),
                    th("new"), th("open"), th("waiting"), th("escalated"), th("backlog"));
    if (with_breaches)
        table += th("passed target", "clocks that passed their target that week") +
                 th("open breaches", "open clocks past their target at the end of the week");
    table += "</tr></thead>\n<tbody>\n";
    for (const TrendWeek& w : s.weeks) {
        fresh.values.push_back(w.status[0]);
        open.values.push_back(w.status[1]);
        waiting.values.push_back(w.status[2]);
        esc.values.push_back(w.status[3]);
        table += "<tr>" + week_cell(w) + td_count("new", w.status[0]) +
                 td_count("open", w.status[1]) + td_count("waiting", w.status[2]) +
                 td_count("escalated", w.status[3]) + td_count("backlog", w.backlog());
        if (with_breaches)
            table += td_count("passed", w.passed) + td_count("open_breaches", w.open_breaches);
        table += "</tr>\n";
    }
    table += "</tbody>\n</table>";
    std::string title = s.key == "all" ? "Backlog" : fmt::format("Backlog, {}", s.key);
    svg::Chart c{.id = "chart-" + std::string(id),
                 .title = title + ": tickets not closed at the end of each week, by status",
                 .labels = week_labels(s),
                 .series = {fresh, open, waiting, esc}};
    return figure(title,
                  "Tickets not closed at the end of each week, by their status at that time.",
                  svg::bar_chart(c, true), legend(c.series, false), table);
}

std::string breaches_figure(const TrendSeries& s) {
    svg::Series passed{.name = "passed target that week", .style = 3},
        open{.name = "open breaches at the end", .style = 2};
    std::string table =
        fmt::format("<table data-table=\"trend-breaches\">\n<thead><tr>{}{}{}</tr></thead>\n"
                    "<tbody>\n",
                    th("week ending"), th("passed target"), th("open breaches"));
    for (const TrendWeek& w : s.weeks) {
        passed.values.push_back(w.passed);
        open.values.push_back(w.open_breaches);
        table += "<tr>" + week_cell(w) + td_count("passed", w.passed) +
                 td_count("open_breaches", w.open_breaches) + "</tr>\n";
    }
    table += "</tbody>\n</table>";
    svg::Chart c{.id = "chart-breaches",
                 .title = "Clocks that passed their target each week, and open breaches at "
                          "the end of each week",
                 .labels = week_labels(s),
                 .series = {passed, open}};
    return figure("Breaches",
                  "Clocks of every kind (first and next response, resolution, periodic update) "
                  "that passed their target each week, and the open ones past it at its end.",
                  svg::bar_chart(c, false), legend(c.series, false), table);
}

// Who holds what now: the tickets not closed, per agent.
std::string agents_figure(const std::vector<Stats>& agents, const Stats& total) {
    svg::Series fresh{.name = "new", .style = 5}, open{.name = "open", .style = 1},
        waiting{.name = "waiting", .style = 4}, esc{.name = "escalated", .style = 3};
    std::vector<std::string> labels;
    for (const Stats& a : agents) {
        labels.push_back(inert(a.key, Shape::line));
        fresh.values.push_back(count(a, Status::fresh));
        open.values.push_back(count(a, Status::open));
        waiting.values.push_back(count(a, Status::waiting));
        esc.values.push_back(count(a, Status::escalated));
    }
    svg::Chart c{.id = "chart-agents",
                 .title = "Tickets not closed, per agent, by status",
                 .labels = labels,
                 .series = {fresh, open, waiting, esc}};
    return figure("Work in hand",
                  "Each agent's tickets not closed now, by status. A ticket is its assignee's, "
                  "else its first answerer's; response and resolution figures go to whoever "
                  "answered or closed.",
                  svg::hbar_chart(c), legend(c.series, false),
                  stats_table("now-agent", "agent", agents, total));
}

std::string finding_rows(const Report& r, const HtmlPage& page) {
    std::string out;
    for (const Finding& f : r.findings) {
        const TicketRow& t = *f.ticket->row;
        std::string_view state = f.breached ? "breached" : "at-risk";
        out += fmt::format("<tr class=\"{}\" data-id=\"{}\" data-clock=\"{}\" data-state=\"{}\" "
                           "data-seconds=\"{}\">"
                           "<td><span class=\"tag\">{}</span></td><td data-label=\"ticket\">{}</td>"
                           "<td data-label=\"clock\">{}</td><td data-label=\"{}\">{}</td>"
                           "<td data-label=\"priority\">{}</td><td data-label=\"due\">{}</td>"
                           "<td class=\"text\" data-label=\"agent\"><bdi>{}</bdi></td>"
                           "<td class=\"text\" data-label=\"title\"><bdi>{}</bdi></td></tr>\n",
                           f.breached ? "breach" : "risk", e(t.id), to_string(f.clock.kind), state,
                           f.past_or_left.count(), f.breached ? "BREACH" : "at risk",
                           ticket_link(page, t, f.clock.line), to_string(f.clock.kind),
                           f.breached ? "over" : "left",
                           e(human_duration(f.past_or_left) + (f.breached ? " over" : " left")),
                           to_string(t.priority),
                           f.clock.due ? e(when(*f.clock.due)) : std::string("-"),
                           e(f.ticket->agent), e(t.title));
    }
    return out;
}

std::string burning(const Report& r, const HtmlPage& page) {
    std::string out = "<section aria-labelledby=\"h-burning\">\n<h2 id=\"h-burning\">Burning "
                      "now</h2>\n";
    if (r.findings.empty())
        return out + "<p class=\"ok\" id=\"no-findings\">No breaches, nothing at risk.</p>\n"
                     "</section>\n";
    out += "<p class=\"note\">Open clocks past their target, the worst first, then those at "
           "risk, the nearest to their target first. Time over or left is counted on each "
           "priority's calendar.</p>\n";
    out += "<div class=\"scroll\"><table class=\"findings\" data-table=\"findings\">\n"
           "<thead><tr>" +
           th("") + th("ticket") + th("clock") + th("over or left") + th("priority") + th("due") +
           "<th scope=\"col\" class=\"text\">agent</th>"
           "<th scope=\"col\" class=\"text\">title</th></tr></thead>\n<tbody>\n" +
           finding_rows(r, page) + "</tbody>\n</table></div>\n";
    if (r.findings_omitted)
        out += fmt::format("<p class=\"note\" data-omitted=\"{}\">... and {} more (--limit 0 "
                           "shows all; --format csv or json lists every ticket).</p>\n",
                           r.findings_omitted, r.findings_omitted);
    return out + "</section>\n";
}

// The practice counts of the text report, and the tickets behind them.
std::string practice(const Report& r, const HtmlPage& page) {
    const Stats& s = r.total;
    std::string out = "<section aria-labelledby=\"h-practice\">\n<h2 id=\"h-practice\">Follow-up "
                      "and practice</h2>\n<ul class=\"cards\" data-table=\"practice\">\n";
    for (auto [field, n, label] :
         std::initializer_list<std::tuple<std::string_view, int, std::string_view>>{
             {"quiet_closes_short", s.quiet_closes_short,
              "quiet tickets closed with fewer than two follow-ups"},
             {"overrides", s.overrides, "rule overrides"},
             {"long_threads", s.long_threads, "long clarification threads"},
             {"escalations_untold", s.escalations_untold, "escalations without next steps"},
             {"reopenings", s.reopenings, "reopenings"},
             {"on_hold", s.on_hold, "on hold now"}})
        out += fmt::format("<li class=\"card{}\"><span class=\"n\" data-field=\"{}\">{}</span>"
                           "<span class=\"l\">{}</span></li>\n",
                           n && field != "on_hold" && field != "reopenings" ? " warn" : "", field,
                           n, e(label));
    out += "</ul>\n";
    std::string rows;
    size_t listed = 0, more = 0;
    for (const TicketReport& t : r.tickets) {
        std::vector<std::string> what;
        if (t.quiet_close_short)
            what.push_back("closed for no response with fewer than two "
                           "follow-ups");
        if (t.overrides) what.push_back(fmt::format("{} rule override(s)", t.overrides));
        if (t.escalation_untold) what.push_back("escalated without next steps");
        if (t.clarifications >= page.long_clarification)
            what.push_back(fmt::format("{} clarifying questions", t.clarifications));
        if (what.empty()) continue;
        if (page.limit && listed == page.limit) {
            ++more;
            continue;
        }
        ++listed;
        std::string joined;
        for (const auto& w : what)
            joined += (joined.empty() ? "" : "; ") + w;
        rows += fmt::format("<tr data-id=\"{}\"><td>{}</td><td class=\"text\">{}</td>"
                            "<td class=\"text\"><bdi>{}</bdi></td></tr>\n",
                            e(t.row->id), ticket_link(page, *t.row, 1), e(joined), e(t.row->title));
    }
    if (!rows.empty()) {
        out += "<div class=\"scroll\"><table data-table=\"practice-tickets\">\n<thead><tr>" +
               th("ticket") +
               "<th scope=\"col\" class=\"text\">what</th>"
               "<th scope=\"col\" class=\"text\">title</th></tr></thead>\n<tbody>\n" +
               rows + "</tbody>\n</table></div>\n";
        if (more) out += fmt::format("<p class=\"note\">... and {} more.</p>\n", more);
    }
    return out + "</section>\n";
}

std::string card(std::string_view field, std::string value, std::string_view label,
                 std::string_view tone) {
    return fmt::format("<li class=\"card{}{}\"><span class=\"n\" data-field=\"{}\">{}</span>"
                       "<span class=\"l\">{}</span></li>\n",
                       tone.empty() ? "" : " ", tone, field, value, e(label));
}

} // namespace

std::string html_text(std::string_view raw) {
    // As in XML: what HTML forbids in text (controls, noncharacters) is
    // already a mark or U+FFFD there.
    return xml_text(inert(raw, Shape::line));
}

std::string ticket_url(std::string_view pattern, std::string_view path, int line) {
    std::string encoded;
    for (unsigned char c : path) {
        if (std::isalnum(c) ||
            std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos)
            encoded += static_cast<char>(c);
        else
            encoded += fmt::format("%{:02X}", c);
    }
    std::string out;
    for (size_t i = 0; i < pattern.size();) {
        if (pattern.substr(i).starts_with("{path}")) {
            out += encoded;
            i += 6;
        } else if (pattern.substr(i).starts_with("{line}")) {
            out += std::to_string(line);
            i += 6;
        } else {
            out += pattern[i++];
        }
    }
    return out;
}

std::string report_html(const Report& r, const Trend& trend, const HtmlPage& page) {
    const Stats& s = r.total;
    int backlog = count(s, Status::fresh) + count(s, Status::open) + count(s, Status::waiting) +
                  count(s, Status::escalated);
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
        "'unsafe-inline'\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"color-scheme\" content=\"light dark\">\n"
        "<title>{}: service levels at {}</title>\n<style>{}</style>\n</head>\n<body>\n"
        "<header>\n<h1><bdi>{}</bdi>: service levels</h1>\n"
        "<p class=\"meta\">At <time datetime=\"{}\">{}</time> &middot; {} ticket(s) &middot; "
        "trends over the {} weeks before</p>\n</header>\n<main>\n",
        e(page.desk_name), e(when(r.now)), style, e(page.desk_name), e(format_rfc3339(r.now)),
        e(when(r.now)), s.tickets, trend.total.weeks.size());

    out += "<section aria-labelledby=\"h-now\">\n<h2 id=\"h-now\">Now</h2>\n<ul class=\"cards\" "
           "data-table=\"totals\">\n";
    out += card("open_breaches", std::to_string(s.open_breaches), "open breaches",
                s.open_breaches ? "bad" : "good");
    out += card("at_risk", std::to_string(s.at_risk), "at risk", s.at_risk ? "warn" : "");
    out += card("backlog", std::to_string(backlog), "tickets not closed", "");
    out += card("first_ok", share(s.first_within, s.first_times.size()),
                "first responses within target", "");
    out += card("resolution_ok", share(s.resolution_within, s.resolution_times.size()),
                "resolutions within target", "");
    out += card("tickets", std::to_string(s.tickets), "tickets in all", "");
    out += "</ul>\n<div class=\"panel\"><h3>By priority</h3>\n<div class=\"scroll\">" +
           stats_table("now-priority", "priority", page.by_priority, s) + "</div></div>\n";
    out += "</section>\n";

    out += burning(r, page);

    out += fmt::format("<section aria-labelledby=\"h-trend\">\n<h2 id=\"h-trend\">The last {} "
                       "weeks</h2>\n<p class=\"note\">Each week ends on the day shown, at the "
                       "report's time. Clocks count in the week they finished; the backlog "
                       "and open breaches are as they stood at the end of the week.</p>\n"
                       "<div class=\"charts\">\n",
                       trend.total.weeks.size());
    out += times_figure(trend.total, true, "trend-first");
    out += times_figure(trend.total, false, "trend-resolution");
    out += within_figure(trend.total);
    out += backlog_figure(trend.total, "trend-backlog", false);
    out += breaches_figure(trend.total);
    out += "</div>\n</section>\n";

    if (!trend.by_priority.empty()) {
        out += "<section aria-labelledby=\"h-priority\">\n<h2 id=\"h-priority\">By "
               "priority</h2>\n<p class=\"note\">A ticket counts under the priority it had "
               "at the time.</p>\n";
        for (const TrendSeries& p : trend.by_priority) {
            out += fmt::format("<h3 id=\"h-priority-{}\">{}</h3>\n<div class=\"charts\">\n",
                               e(p.key), e(p.key));
            out += times_figure(p, true, "trend-first-" + p.key);
            out += times_figure(p, false, "trend-resolution-" + p.key);
            out += backlog_figure(p, "trend-backlog-" + p.key, true);
            out += "</div>\n";
        }
        out += "</section>\n";
    }

    out += "<section aria-labelledby=\"h-agents\">\n<h2 id=\"h-agents\">By agent</h2>\n"
           "<div class=\"charts\">\n" +
           agents_figure(page.by_agent, s) + "</div>\n</section>\n";

    out += practice(r, page);

    out += fmt::format("</main>\n<footer>\n<p>Made by hd report from the ticket files as they "
                       "were at {}. Times are business time on each priority's calendar; "
                       "hd-sla(7) defines every clock.</p>\n</footer>\n</body>\n</html>\n",
                       e(when(r.now)));
    return out;
}

} // namespace hd
