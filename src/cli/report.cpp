#include "core/report.hpp"
#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/trend.hpp"
#include "render/report.hpp"
#include "store/files.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>

namespace hd {

namespace {

struct ReportOptions_ {
    std::string format = "text", fail_on = "breach", since, until, agent, by = "priority", as_of;
    std::vector<std::string> priorities;
    bool check = false;
    std::optional<int> limit;
    int weeks = 12;
};

std::optional<Timestamp> parse_when(const std::string& text, std::string_view flag) {
    if (text.empty()) return std::nullopt;
    if (auto t = parse_rfc3339(text)) return t;
    if (auto t = parse_rfc3339(text + "T00:00:00Z")) return t;
    if (lacks_offset(text)) throw Error(Exit::usage, time_refusal(flag, text));
    throw Error(Exit::usage, fmt::format("{} '{}': expected a date (2026-11-01) or an RFC 3339 "
                                         "time",
                                         flag, text));
}

int run_report(const ReportOptions_& o, Context& ctx) {
    static const std::vector<std::string> formats{"text",  "json",   "csv",         "markdown",
                                                  "junit", "github", "codequality", "html"};
    if (std::find(formats.begin(), formats.end(), o.format) == formats.end())
        throw Error(Exit::usage, fmt::format("--format '{}': expected text, json, csv, markdown, "
                                             "junit, github, codequality or html",
                                             o.format));
    if (o.weeks < 1 || o.weeks > 520)
        throw Error(Exit::usage, fmt::format("--weeks {}: expected 1 to 520", o.weeks));
    if (o.fail_on != "breach" && o.fail_on != "at-risk")
        throw Error(Exit::usage,
                    fmt::format("--fail-on '{}': expected breach or at-risk", o.fail_on));
    if (o.by != "priority" && o.by != "agent" && o.by != "audience")
        throw Error(Exit::usage,
                    fmt::format("--by '{}': expected priority, agent or audience", o.by));
    ReportOptions opts;
    opts.since = parse_when(o.since, "--since");
    opts.until = parse_when(o.until, "--until");
    opts.agent = o.agent;
    opts.by = o.by;
    opts.all_clocks = o.format == "json" || o.format == "csv" || o.format == "junit";
    for (const auto& p : o.priorities) {
        auto v = parse_priority(p);
        if (!v)
            throw Error(Exit::usage,
                        fmt::format("--priority '{}': expected low, normal, high or urgent", p));
        opts.priorities.push_back(*v);
    }

    std::optional<Timestamp> as_of = parse_when(o.as_of, "--as-of");
    Desk desk = open_desk(ctx, Intent::read);
    Config config = desk.config();
    // As it stood then: later events and tickets do not exist yet.
    auto set = as_of ? desk.store->load_rows_as_of(*as_of)
                     : desk.store->load_rows([](const TicketRow&) { return true; }, true);
    Report r = build_report(set->rows, config.sla, as_of.value_or(ctx.clock()), opts);

    // People read the worst findings; machines get every one. GitHub shows
    // only the first few annotations of a step anyway.
    if (o.limit && *o.limit < 0) throw Error(Exit::usage, "--limit must be 0 (all) or more");
    size_t limit = o.limit ? static_cast<size_t>(*o.limit)
                           : (o.format == "text"                               ? 20
                              : o.format == "markdown" || o.format == "github" ? 50
                              : o.format == "html"                             ? 100
                                                                               : 0);
    if (limit && r.findings.size() > limit) {
        r.findings_omitted = r.findings.size() - limit;
        r.findings.resize(limit);
    }
    std::string out;
    if (o.format == "text")
        out = report_text(r, ctx.color());
    else if (o.format == "json")
        out = report_json(r);
    else if (o.format == "csv")
        out = report_csv(r);
    else if (o.format == "markdown")
        out = report_markdown(r);
    else if (o.format == "junit")
        out = report_junit(r);
    else if (o.format == "codequality")
        out = report_codequality(r);
    else if (o.format == "html") {
        // The trend over the same tickets; the page has both groupings.
        Trend trend = build_trend(r, config.sla, o.weeks);
        HtmlPage page{.desk_name = config.desk_name,
                      .web_url = config.web_url,
                      .by_priority = group_stats(r, config.sla, "priority"),
                      .by_agent = group_stats(r, config.sla, "agent"),
                      .long_clarification = config.sla.long_clarification,
                      .limit = limit};
        out = report_html(r, trend, page);
    } else {
        out = report_github(r);
        for (const auto& b : set->broken) {
            out += github_annotation("error", b.path, std::max(b.line, 1), std::max(b.column, 1),
                                     "hd: unreadable ticket", b.message);
        }
        // On GitHub Actions the Markdown report also becomes the job summary.
        if (auto summary = ctx.env("GITHUB_STEP_SUMMARY"); summary && !summary->empty()) {
            std::ofstream f(*summary, std::ios::app);
            f << report_markdown(r);
        }
    }
    *ctx.out << out;
    for (const auto& b : set->broken)
        *ctx.err << "hd: " << inert(b.message, Shape::line) << '\n';
    if (!set->broken.empty()) return static_cast<int>(Exit::invalid);
    if (o.check) {
        bool fail = r.total.open_breaches > 0 || (o.fail_on == "at-risk" && r.total.at_risk > 0);
        return fail ? static_cast<int>(Exit::found) : 0;
    }
    return 0;
}

} // namespace

Runner add_report(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReportOptions_>();
    auto* cmd = app.add_subcommand("report", "SLA report: metrics, breaches and tickets at risk");
    cmd->add_option("-f,--format", o->format,
                    "text, json, csv, markdown, junit, github, codequality or html")
        ->capture_default_str();
    cmd->add_flag("--check", o->check, "Exit 1 when a ticket is in breach (see --fail-on)");
    cmd->add_option("--fail-on", o->fail_on, "With --check: breach, or at-risk as well")
        ->capture_default_str();
    cmd->add_option("--since", o->since, "Only tickets created at or after this date or time");
    cmd->add_option("--until", o->until, "Only tickets created before this date or time");
    cmd->add_option("--as-of", o->as_of,
                    "The report as it stood at this date or time (later events ignored)")
        ->type_name("TIME");
    cmd->add_option("-p,--priority", o->priorities, "Only this priority (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--agent", o->agent, "Only tickets of this agent");
    cmd->add_option("--limit", o->limit,
                    "Show at most N findings (default 20 for text, 50 for markdown and github, "
                    "all for the rest; 0 for all)");
    cmd->add_option("--by", o->by, "Group metrics by priority, agent or audience")
        ->capture_default_str();
    cmd->add_option("--weeks", o->weeks, "With --format html: weeks of trend, ending now")
        ->capture_default_str();
    return [o, &ctx] { return run_report(*o, ctx); };
}

} // namespace hd
