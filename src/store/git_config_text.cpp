#include "store/git_config_text.hpp"

#include "core/filter.hpp"

namespace hd {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// A value: quotes removed, a comment cut off; nullopt for an unclosed quote.
std::optional<std::string> read_value(std::string_view raw) {
    std::string out, pending; // spaces are kept only between words
    bool quoted = false;
    for (char c : raw) {
        if (c == '"') {
            quoted = !quoted;
            out += pending;
            pending.clear();
            continue;
        }
        if (!quoted && (c == '#' || c == ';')) break;
        if (!quoted && (c == ' ' || c == '\t' || c == '\r')) {
            if (!out.empty()) pending += c;
            continue;
        }
        out += pending;
        pending.clear();
        out += c;
    }
    if (quoted) return std::nullopt;
    return out;
}

} // namespace

std::optional<std::vector<ConfigLine>> read_plain_config(std::string_view text) {
    // Escapes and line continuations are where readers part ways.
    if (text.find('\\') != std::string_view::npos) return std::nullopt;
    std::vector<ConfigLine> out;
    std::string section, sub;
    bool in_section = false;
    while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view line = trim(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (line.empty() || line.front() == '#' || line.front() == ';') continue;
        if (line.front() == '[') {
            size_t close = line.find(']');
            if (close == std::string_view::npos) return std::nullopt;
            std::string_view rest = trim(line.substr(close + 1));
            if (!rest.empty() && rest.front() != '#' && rest.front() != ';') return std::nullopt;
            std::string_view head = line.substr(1, close - 1);
            size_t space = head.find_first_of(" \t");
            std::string_view name = head.substr(0, space);
            if (name.empty()) return std::nullopt;
            for (char c : name)
                if (!is_key_char(c)) return std::nullopt; // "[a.b]" and the like
            section = ascii_lower(name);
            sub.clear();
            if (space != std::string_view::npos) {
                std::string_view quoted = trim(head.substr(space));
                if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"')
                    return std::nullopt;
                sub = quoted.substr(1, quoted.size() - 2);
                if (sub.find('"') != std::string::npos) return std::nullopt;
            }
            // What an include brings in is for a full reader to follow.
            if (section == "include" || section == "includeif") return std::nullopt;
            in_section = true;
            continue;
        }
        if (!in_section) return std::nullopt;
        size_t eq = line.find('=');
        std::string_view key = trim(line.substr(0, eq));
        if (key.empty() || !((key.front() >= 'a' && key.front() <= 'z') ||
                             (key.front() >= 'A' && key.front() <= 'Z')))
            return std::nullopt;
        for (char c : key)
            if (!is_key_char(c)) return std::nullopt;
        std::optional<std::string> value;
        if (eq == std::string_view::npos)
            value = "";
        else
            value = read_value(line.substr(eq + 1));
        if (!value) return std::nullopt;
        out.push_back({section, sub, ascii_lower(key), std::move(*value)});
    }
    return out;
}

std::optional<std::string> last_value(const std::vector<ConfigLine>& lines,
                                      std::string_view section, std::string_view sub,
                                      std::string_view key) {
    std::optional<std::string> found;
    for (const auto& l : lines)
        if (l.section == section && l.subsection == sub && l.key == key) found = l.value;
    return found;
}

} // namespace hd
