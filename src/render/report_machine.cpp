// Report formats for machines: JSON, CSV, JUnit XML, GitHub Actions
// workflow commands and GitLab Code Quality.
#include "render/report.hpp"

#include "core/display.hpp"
#include "core/utf8.hpp"
#include "render/json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hd {

using nlohmann::ordered_json;

namespace {

int severity(std::string_view state) {
    if (state == "breached") return 4;
    if (state == "at-risk") return 3;
    if (state == "running") return 2;
    if (state == "paused") return 1;
    return 0;
}

std::string clock_state(const Clock& c) {
    if (c.breached) return "breached";
    if (c.stopped) return "met";
    if (c.at_risk) return "at-risk";
    return c.paused ? "paused" : "running";
}

ordered_json seconds_or_null(const std::optional<std::chrono::seconds>& s) {
    return s ? ordered_json(s->count()) : ordered_json(nullptr);
}

ordered_json stats_json(const Stats& s) {
    ordered_json j;
    j["key"] = s.key;
    j["tickets"] = s.tickets;
    ordered_json by = ordered_json::object();
    for (Status st :
         {Status::fresh, Status::open, Status::waiting, Status::escalated, Status::closed}) {
        auto it = s.by_status.find(st);
        by[std::string(to_string(st))] = it == s.by_status.end() ? 0 : it->second;
    }
    j["by_status"] = by;
    j["first_response"] = {{"finished", s.first_times.size()},
                           {"within_target", s.first_within},
                           {"median_seconds", seconds_or_null(s.median(s.first_times))},
                           {"p90_seconds", seconds_or_null(s.p90(s.first_times))}};
    j["resolution"] = {{"finished", s.resolution_times.size()},
                       {"within_target", s.resolution_within},
                       {"median_seconds", seconds_or_null(s.median(s.resolution_times))},
                       {"p90_seconds", seconds_or_null(s.p90(s.resolution_times))}};
    j["open_breaches"] = s.open_breaches;
    j["at_risk"] = s.at_risk;
    j["quiet_closes_short"] = s.quiet_closes_short;
    j["overrides"] = s.overrides;
    j["long_threads"] = s.long_threads;
    j["escalations_untold"] = s.escalations_untold;
    j["reopenings"] = s.reopenings;
    j["on_hold"] = s.on_hold;
    return j;
}

// A JSON string, written directly for speed; made inert as json_text is.
std::string json_string(std::string_view s) {
    std::string out = "\"";
    bool high = false; // DEL and up: what inert_json may still have to escape
    for (char c : s) {
        high |= static_cast<unsigned char>(c) >= 0x7F;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += fmt::format("\\u{:04x}", c);
            else
                out += c;
        }
    }
    out += '"';
    return high ? inert_json(out) : out;
}

// Workflow command escaping: messages escape %, CR and LF; properties
// (file=, title=) also escape the ':' and ',' that separate them. Controls
// are marks first (GitHub's log would render escapes): a property is one
// line, a message may have several.
std::string gh_escape(std::string_view raw, bool property) {
    std::string out;
    for (char c : inert(raw, property ? Shape::line : Shape::block)) {
        if (c == '%')
            out += "%25";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else if (property && c == ':')
            out += "%3A";
        else if (property && c == ',')
            out += "%2C";
        else
            out += c;
    }
    return out;
}

std::string gh_property(std::string_view s) {
    return gh_escape(s, true);
}
std::string gh_message(std::string_view s) {
    return gh_escape(s, false);
}

std::string describe(const Finding& f) {
    const TicketRow& t = *f.ticket->row;
    return fmt::format("{} {} target of {} {} {} ({} ticket, agent {}): {}", t.id,
                       to_string(f.clock.kind), human_duration(f.clock.target),
                       f.breached ? "passed by" : "reached in", human_duration(f.past_or_left),
                       to_string(t.priority), inert(f.ticket->agent, Shape::line),
                       inert(t.title, Shape::line));
}

// FNV-1a: stable across runs and machines, so GitLab can follow a finding.
std::string fingerprint(std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return fmt::format("{:016x}", h);
}

} // namespace

// Text for an attribute or a text node, in XML and in HTML. XML 1.0 allows
// tab, LF, CR and U+0020 up, less U+FFFE and U+FFFF; anything else, the
// noncharacters and a byte that is not UTF-8 become U+FFFD. Line breaks and tabs are character
// references, so an attribute keeps them.
std::string xml_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        auto cp = decode_utf8(s, i);
        size_t len = cp ? cp->size : 1;
        char32_t c = cp ? cp->value : 0xFFFD;
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\t':
            out += "&#9;";
            break;
        case '\n':
            out += "&#10;";
            break;
        case '\r':
            out += "&#13;";
            break;
        default:
            // Noncharacters too: XML only discourages them, HTML forbids them.
            if (!cp || c < 0x20 || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
                out += "\uFFFD";
            else
                out.append(s, i, len);
        }
        i += len;
    }
    return out;
}

// A text cell: shown as people see it (see display.hpp), and, when a
// spreadsheet would take it for a formula, prefixed with a quote as OWASP
// advises. Cells with numbers are written without this.
std::string csv_text(std::string_view raw) {
    std::string s = inert(raw, Shape::line);
    bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos;
    if (!formula && s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = formula ? "\"'" : "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string report_json(const Report& r) {
    ordered_json j;
    j["schema"] = "hd-report/1";
    j["generated_at"] = format_rfc3339(r.now);
    j["group_by"] = r.by;
    j["totals"] = stats_json(r.total);
    j["groups"] = ordered_json::array();
    for (const auto& g : r.groups)
        j["groups"].push_back(stats_json(g));
    j["findings"] = ordered_json::array();
    for (const auto& f : r.findings) {
        const TicketRow& t = *f.ticket->row;
        ordered_json x;
        x["id"] = t.id;
        x["path"] = t.path;
        x["line"] = f.clock.line;
        x["clock"] = to_string(f.clock.kind);
        x["state"] = f.breached ? "breached" : "at-risk";
        x["target_seconds"] = f.clock.target.count();
        x["elapsed_seconds"] = f.clock.elapsed.count();
        x[f.breached ? "past_seconds" : "left_seconds"] = f.past_or_left.count();
        x["due"] = f.clock.due ? ordered_json(format_rfc3339(*f.clock.due)) : ordered_json(nullptr);
        x["priority"] = to_string(t.priority);
        x["agent"] = f.ticket->agent;
        x["title"] = t.title;
        j["findings"].push_back(x);
    }
    // Tickets are most of the output at scale: written directly, not
    // through a JSON tree of 100,000 objects.
    std::string head = json_text(j);
    head.pop_back(); // the closing brace
    while (!head.empty() && (head.back() == '\n' || head.back() == ' '))
        head.pop_back();
    std::string out = head + ",\n  \"tickets\": [";
    bool first = true;
    for (const auto& tr : r.tickets) {
        const TicketRow& t = *tr.row;
        out += first ? "\n" : ",\n";
        first = false;
        out += fmt::format(
            "    {{\"id\": {}, \"title\": {}, \"path\": {}, \"status\": \"{}\", "
            "\"priority\": \"{}\", \"audience\": \"{}\", \"agent\": {}, \"created\": \"{}\", "
            "\"clarifications\": {}, \"reopenings\": {}, \"overrides\": {}, "
            "\"quiet_close_short\": {}, \"escalation_untold\": {}, \"on_hold_until\": {}, "
            "\"clocks\": [",
            json_string(t.id), json_string(t.title), json_string(t.path), to_string(t.status),
            to_string(t.priority), to_string(t.audience), json_string(tr.agent),
            format_rfc3339(t.created), tr.clarifications, tr.reopenings, tr.overrides,
            tr.quiet_close_short, tr.escalation_untold,
            tr.on_hold ? "\"" + format_rfc3339(t.hold_until) + "\"" : std::string("null"));
        for (size_t i = 0; i < tr.clocks.size(); ++i) {
            const Clock& c = tr.clocks[i];
            out += fmt::format("{}{{\"clock\": \"{}\", \"state\": \"{}\", \"target_seconds\": {}, "
                               "\"elapsed_seconds\": {}, \"started\": \"{}\", \"due\": {}, "
                               "\"line\": {}}}",
                               i ? ", " : "", to_string(c.kind), clock_state(c), c.target.count(),
                               c.elapsed.count(), format_rfc3339(c.started),
                               c.due ? "\"" + format_rfc3339(*c.due) + "\"" : "null", c.line);
        }
        out += "]}";
    }
    out += first ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

std::string report_csv(const Report& r) {
    std::string out = "id,title,status,priority,audience,agent,created,first_response_seconds,"
                      "first_response,next_response,resolution_seconds,resolution,"
                      "periodic_update,clarifications,reopenings,path\r\n";
    for (const auto& tr : r.tickets) {
        const TicketRow& t = *tr.row;
        std::string cols[4], secs[4];
        for (const auto& c : tr.clocks) {
            auto k = static_cast<size_t>(c.kind);
            // The worst next-response clock speaks for the ticket.
            if (cols[k].empty() || severity(clock_state(c)) > severity(cols[k])) {
                cols[k] = clock_state(c);
                secs[k] = std::to_string(c.elapsed.count());
            }
        }
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n", t.id,
                           csv_text(t.title), to_string(t.status), to_string(t.priority),
                           to_string(t.audience), csv_text(tr.agent), format_rfc3339(t.created),
                           secs[0], cols[0], cols[1], secs[2], cols[2], cols[3], tr.clarifications,
                           tr.reopenings, csv_text(t.path));
    }
    return out;
}

std::string report_junit(const Report& r) {
    // One suite per clock; one case per ticket not yet closed and clock.
    std::string suites;
    int all_tests = 0, all_failures = 0;
    for (ClockKind kind : {ClockKind::first_response, ClockKind::next_response,
                           ClockKind::resolution, ClockKind::periodic_update}) {
        std::string cases;
        int tests = 0, failures = 0;
        for (const auto& tr : r.tickets) {
            const TicketRow& t = *tr.row;
            if (t.status == Status::closed) continue;
            for (const auto& c : tr.clocks) {
                if (c.kind != kind || c.stopped) continue;
                ++tests;
                cases += fmt::format(
                    "    <testcase classname=\"hd.sla.{}\" name=\"{} {}: {}\" time=\"0\" "
                    "file=\"{}\"",
                    to_string(t.priority), t.id, to_string(kind),
                    xml_text(inert(t.title, Shape::line)), xml_text(t.path));
                if (c.breached) {
                    ++failures;
                    std::string detail =
                        fmt::format("{} {} target of {} missed by {}; agent {}; see {} line {}",
                                    t.id, to_string(kind), human_duration(c.target),
                                    human_duration(c.elapsed - c.target),
                                    inert(tr.agent, Shape::line), t.path, c.line);
                    cases += fmt::format(">\n      <failure type=\"sla-breach\" "
                                         "message=\"{}\">{}</failure>\n    </testcase>\n",
                                         xml_text(detail), xml_text(detail));
                } else {
                    cases += " />\n";
                }
            }
        }
        all_tests += tests;
        all_failures += failures;
        suites += fmt::format("  <testsuite name=\"hd sla {}\" tests=\"{}\" failures=\"{}\" "
                              "errors=\"0\" skipped=\"0\" time=\"0\" timestamp=\"{}\">\n{}  "
                              "</testsuite>\n",
                              to_string(kind), tests, failures, format_rfc3339(r.now), cases);
    }
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"hd "
                       "report\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">\n{}"
                       "</testsuites>\n",
                       all_tests, all_failures, suites);
}

std::string github_annotation(std::string_view level, std::string_view path, int line, int col,
                              std::string_view title, std::string_view message) {
    return fmt::format("::{} file={},line={},col={},title={}::{}\n", level, gh_property(path), line,
                       col, gh_property(title), gh_message(message));
}

std::string report_github(const Report& r) {
    int breaches = 0, risks = 0;
    for (const auto& f : r.findings)
        (f.breached ? breaches : risks)++;
    // The summary first: GitHub shows only the first few annotations of each kind.
    std::string out =
        fmt::format("::notice title={}::{} ticket(s): {} SLA breach(es), {} at risk\n",
                    gh_property("hd report"), r.total.tickets, breaches, risks);
    for (const auto& f : r.findings) {
        const TicketRow& t = *f.ticket->row;
        std::string title = fmt::format("SLA {} {}: {}", to_string(f.clock.kind),
                                        f.breached ? "breached" : "at risk", t.id);
        out += fmt::format("::{} file={},line={},endLine={},title={}::{}\n",
                           f.breached ? "error" : "warning", gh_property(t.path), f.clock.line,
                           f.clock.line, gh_property(title), gh_message(describe(f)));
    }
    if (r.findings_omitted)
        out += fmt::format("::notice title={}::{} more finding(s) not annotated (--limit)\n",
                           gh_property("hd report"), r.findings_omitted);
    return out;
}

std::string report_codequality(const Report& r) {
    ordered_json arr = ordered_json::array();
    for (const auto& f : r.findings) {
        const TicketRow& t = *f.ticket->row;
        bool severe = t.priority == Priority::urgent || t.priority == Priority::high;
        arr.push_back(
            {{"description", describe(f)},
             {"check_name", fmt::format("hd-sla-{}-{}", to_string(f.clock.kind),
                                        f.breached ? "breach" : "at-risk")},
             {"fingerprint", fingerprint(fmt::format("{}|{}|{}|{}", t.id, to_string(f.clock.kind),
                                                     format_rfc3339(f.clock.started), f.breached))},
             {"severity", f.breached ? (severe ? "critical" : "major") : "minor"},
             {"location", {{"path", t.path}, {"lines", {{"begin", f.clock.line}}}}}});
    }
    return json_text(arr) + "\n";
}

} // namespace hd
