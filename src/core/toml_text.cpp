#include "core/toml_text.hpp"

#include "core/ticket_schema.hpp"

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

// The TOML text of one field's value, by the schema's type.
template <typename Record>
std::string value_text(const schema::Field<Record>& f, const Record& record) {
    return std::visit(
        [&](auto member) -> std::string {
            const auto& v = record.*member;
            using T = std::remove_cvref_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>)
                return f.type == schema::Type::text ? toml_text_value(v) : toml_basic_string(v);
            else if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, int>)
                return std::to_string(v);
            else if constexpr (std::is_same_v<T, Timestamp>)
                return format_rfc3339(v);
            else if constexpr (std::is_same_v<T, std::vector<std::string>>)
                return string_array(v);
            else if constexpr (std::is_same_v<T, std::optional<Priority>> ||
                               std::is_same_v<T, std::optional<Audience>>)
                return v ? toml_basic_string(to_string(*v)) : std::string("\"\"");
            else if constexpr (std::is_same_v<T, Person>)
                return fmt::format("{{ {} = {}, {} = {} }}", schema::key::name,
                                   toml_basic_string(v.name), schema::key::email,
                                   toml_basic_string(v.email));
            else
                return toml_basic_string(to_string(v));
        },
        f.member);
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
    for (const schema::TicketField& f : schema::header_fields())
        if (f.need != schema::Need::optional || schema::is_set(f, t))
            key(out, f.key, value_text(f, t));
    return out;
}

std::string render_event(const Event& e) {
    std::string out = "\n[[event]]\n";
    auto write = [&](const schema::EventField& f) {
        if (f.need != schema::Need::optional || schema::is_set(f, e))
            key(out, f.key, value_text(f, e));
    };
    for (const schema::EventField& f : schema::event_head_fields())
        write(f);
    for (const schema::EventField& f : schema::event_own_fields(e.kind))
        write(f);
    write(schema::event_body_field());
    return out;
}

} // namespace hd
