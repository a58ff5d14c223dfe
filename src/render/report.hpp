#pragma once
// The report in each format hd speaks. Each takes the report value and
// returns text; none reads a clock, a file or the terminal.
#include "core/report.hpp"

#include <string>

namespace hd {

std::string report_text(const Report& r, bool color);
std::string report_json(const Report& r);        // schema "hd-report/1", see hd-report(1)
std::string report_csv(const Report& r);         // one row per ticket
std::string report_markdown(const Report& r);    // for a CI job summary
std::string report_junit(const Report& r);       // one test case per ticket and clock
std::string report_github(const Report& r);      // workflow commands (annotations)
std::string report_codequality(const Report& r); // GitLab Code Quality

// Text from tickets in each format, so that it stays text there.
std::string markdown_text(std::string_view s); // inside a table cell
std::string csv_text(std::string_view s);      // a whole text cell, quoted if needed
std::string xml_text(std::string_view s);      // an attribute value or a text node

// One workflow command, escaped, e.g. for a ticket file hd could not read.
std::string github_annotation(std::string_view level, std::string_view path, int line, int col,
                              std::string_view title, std::string_view message);

} // namespace hd
