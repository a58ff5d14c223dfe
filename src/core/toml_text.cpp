#include "core/toml_text.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

void escape_control(std::string& out, char c) {
    switch (c) {
    case '\b':
        out += "\\b";
        break;
    case '\t':
        out += "\\t";
        break;
    case '\n':
        out += "\\n";
        break;
    case '\f':
        out += "\\f";
        break;
    case '\r':
        out += "\\r";
        break;
    default:
        out += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
    }
}

bool is_control(char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
}

std::string multiline(std::string_view s) {
    std::string out = "\"\"\"\n";
    int quotes = 0; // consecutive unescaped quotes just written
    for (char c : s) {
        if (c == '"') {
            // Three quotes in a row would end the string; escape every third.
            if (quotes == 2) {
                out += "\\\"";
                quotes = 0;
            } else {
                out += '"';
                ++quotes;
            }
            continue;
        }
        quotes = 0;
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n' || c == '\t')
            out += c;
        else if (is_control(c))
            escape_control(out, c);
        else
            out += c;
    }
    out += "\n\"\"\"";
    return out;
}

void key(std::string& out, std::string_view k, std::string_view value) {
    out += k;
    out += " = ";
    out += value;
    out += '\n';
}

std::string string_array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += toml_basic_string(items[i]);
    }
    return out + "]";
}

} // namespace

std::string trim_body(std::string_view s) {
    while (!s.empty() &&
           (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

std::string toml_basic_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += "\\\"";
        else if (c == '\\')
            out += "\\\\";
        else if (is_control(c))
            escape_control(out, c);
        else
            out += c;
    }
    return out + "\"";
}

std::string toml_text_value(std::string_view s) {
    std::string body = trim_body(s);
    if (body.find('\n') == std::string::npos) return toml_basic_string(body);
    return multiline(body);
}

std::string render_ticket_header(const Ticket& t) {
    std::string out;
    key(out, "id", toml_basic_string(t.id));
    key(out, "title", toml_basic_string(t.title));
    key(out, "created", format_rfc3339(t.created));
    key(out, "requester",
        fmt::format("{{ name = {}, email = {} }}", toml_basic_string(t.requester.name),
                    toml_basic_string(t.requester.email)));
    key(out, "audience", toml_basic_string(to_string(t.audience)));
    key(out, "priority", toml_basic_string(to_string(t.priority)));
    if (!t.summary.empty()) key(out, "summary", toml_basic_string(t.summary));
    if (!t.tags.empty()) key(out, "tags", string_array(t.tags));
    if (!t.body.empty()) key(out, "body", toml_text_value(t.body));
    return out;
}

std::string render_event(const Event& e) {
    std::string out = "\n[[event]]\n";
    key(out, "kind", toml_basic_string(to_string(e.kind)));
    key(out, "at", format_rfc3339(e.at));
    key(out, "by", toml_basic_string(e.by));
    if (e.ask) key(out, "ask", "true");
    if (e.followup) key(out, "followup", std::to_string(e.followup));
    if (!e.resolution.empty()) key(out, "resolution", toml_basic_string(e.resolution));
    if (!e.of.empty()) key(out, "of", toml_basic_string(e.of));
    if (!e.explain.empty()) key(out, "explain", toml_text_value(e.explain));
    if (e.force) key(out, "force", "true");
    if (!e.reason.empty()) key(out, "reason", toml_text_value(e.reason));
    if (!e.to.empty()) key(out, "to", toml_basic_string(e.to));
    if (!e.next_steps.empty()) key(out, "next_steps", toml_text_value(e.next_steps));
    if (e.kind == EventKind::restate) key(out, "summary", toml_basic_string(e.summary));
    if (e.priority) key(out, "priority", toml_basic_string(to_string(*e.priority)));
    if (e.kind == EventKind::assign) key(out, "assignee", toml_basic_string(e.assignee));
    if (!e.add.empty()) key(out, "add", string_array(e.add));
    if (!e.remove.empty()) key(out, "remove", string_array(e.remove));
    if (!e.body.empty()) key(out, "body", toml_text_value(e.body));
    return out;
}

} // namespace hd
