#pragma once
// The report in each format hd speaks. Each takes the report value and
// returns text; none reads a clock, a file or the terminal.
#include "core/report.hpp"
#include "core/trend.hpp"

#include <string>

namespace hd {

std::string report_text(const Report& r, bool color);
std::string report_json(const Report& r);        // schema "hd-report/1", see hd-report(1)
std::string report_csv(const Report& r);         // one row per ticket
std::string report_markdown(const Report& r);    // for a CI job summary
std::string report_junit(const Report& r);       // one test case per ticket and clock
std::string report_github(const Report& r);      // workflow commands (annotations)
std::string report_codequality(const Report& r); // GitLab Code Quality

// The dashboard: one HTML file, styles and SVG charts inline, no script.
struct HtmlPage {
    std::string desk_name;
    std::string web_url;            // [desk] web_url: "" for no links to ticket files
    std::vector<Stats> by_priority; // the current figures per priority
    std::vector<Stats> by_agent;    // and per agent (see group_stats)
    int long_clarification = 3;     // [sla] long_clarification
    size_t limit = 0;               // tickets listed under practice; 0 for all
};
std::string report_html(const Report& r, const Trend& trend, const HtmlPage& page);

// A link to a ticket file's line from a web_url pattern: {path} is the
// path, percent-encoded but for its slashes, {line} the line.
std::string ticket_url(std::string_view pattern, std::string_view path, int line);

// Text from tickets in each format, so that it stays text there.
std::string markdown_text(std::string_view s); // inside a table cell
std::string csv_text(std::string_view s);      // a whole text cell, quoted if needed
std::string xml_text(std::string_view s);      // an attribute value or a text node
// HTML text or a quoted attribute value: marks for what inert() marks,
// U+FFFD for noncharacters, and &, <, >, " and ' as references.
std::string html_text(std::string_view s);

// One workflow command, escaped, e.g. for a ticket file hd could not read.
std::string github_annotation(std::string_view level, std::string_view path, int line, int col,
                              std::string_view title, std::string_view message);

} // namespace hd
