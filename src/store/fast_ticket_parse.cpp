#include "store/fast_ticket_parse.hpp"

#include "core/ids.hpp"
#include "core/resolution.hpp"
#include "core/toml_text.hpp"
#include "core/utf8.hpp"

#include <map>
#include <variant>
#include <vector>

namespace hd {

namespace {

struct Value {
    enum class Type { string, time, integer, boolean, strings, table } type;
    std::string s;
    Timestamp t;
    long long i = 0;
    bool b = false;
    std::vector<std::string> list;
    std::map<std::string, std::string> table; // inline tables of strings only
};

using Table = std::map<std::string, Value, std::less<>>;

struct Bail {}; // outside the subset, or invalid: let the full parser speak

class Reader {
  public:
    explicit Reader(std::string_view in) : in_(in) {}

    // Parses the whole document into the header table and event tables.
    void parse(Table& header, std::vector<std::pair<int, Table>>& events) {
        Table* current = &header;
        while (pos_ < in_.size()) {
            skip_blank();
            if (pos_ >= in_.size()) break;
            char c = in_[pos_];
            if (c == '\n') {
                next_line();
                continue;
            }
            if (c == '#') {
                skip_comment();
                continue;
            }
            if (c == '[') {
                if (in_.substr(pos_, 9) != "[[event]]") throw Bail{};
                pos_ += 9;
                int header_line = line_;
                end_of_line();
                events.emplace_back(header_line, Table{});
                current = &events.back().second;
                continue;
            }
            std::string key = bare_key();
            skip_blank();
            if (pos_ >= in_.size() || in_[pos_] != '=') throw Bail{};
            ++pos_;
            skip_blank();
            Value v = value();
            end_of_line();
            if (!current->emplace(std::move(key), std::move(v)).second) throw Bail{}; // duplicate
        }
    }

  private:
    void next_line() {
        ++pos_;
        ++line_;
    }
    void skip_blank() {
        while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t'))
            ++pos_;
    }
    void skip_comment() {
        while (pos_ < in_.size() && in_[pos_] != '\n') {
            auto u = static_cast<unsigned char>(in_[pos_]);
            if ((u < 0x20 && u != '\t') || u == 0x7F) throw Bail{};
            ++pos_;
        }
    }
    // After a value or header: blanks, an optional comment, then a newline.
    void end_of_line() {
        skip_blank();
        if (pos_ < in_.size() && in_[pos_] == '#') skip_comment();
        if (pos_ < in_.size() && in_[pos_] == '\r') ++pos_;
        if (pos_ < in_.size()) {
            if (in_[pos_] != '\n') throw Bail{};
            next_line();
        }
    }
    std::string bare_key() {
        size_t start = pos_;
        while (pos_ < in_.size()) {
            char c = in_[pos_];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-')
                ++pos_;
            else
                break;
        }
        if (pos_ == start) throw Bail{};
        return std::string(in_.substr(start, pos_ - start));
    }
    static void hex(std::string& out, std::string_view digits) {
        char32_t cp = 0;
        for (char c : digits) {
            cp <<= 4;
            if (c >= '0' && c <= '9')
                cp |= static_cast<char32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                cp |= static_cast<char32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                cp |= static_cast<char32_t>(c - 'A' + 10);
            else
                throw Bail{};
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) throw Bail{};
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    // One escape after a backslash; returns false for a line-ending backslash.
    bool escape(std::string& out, bool multiline) {
        if (pos_ >= in_.size()) throw Bail{};
        char c = in_[pos_++];
        switch (c) {
        case 'b':
            out += '\b';
            return true;
        case 't':
            out += '\t';
            return true;
        case 'n':
            out += '\n';
            return true;
        case 'f':
            out += '\f';
            return true;
        case 'r':
            out += '\r';
            return true;
        case '"':
            out += '"';
            return true;
        case '\\':
            out += '\\';
            return true;
        case 'u':
            if (pos_ + 4 > in_.size()) throw Bail{};
            hex(out, in_.substr(pos_, 4));
            pos_ += 4;
            return true;
        case 'U':
            if (pos_ + 8 > in_.size()) throw Bail{};
            hex(out, in_.substr(pos_, 8));
            pos_ += 8;
            return true;
        default:
            if (!multiline) throw Bail{};
            // A backslash ending a line trims the line break and the
            // whitespace after it; only blanks may stand between.
            --pos_;
            size_t p = pos_;
            while (p < in_.size() && (in_[p] == ' ' || in_[p] == '\t'))
                ++p;
            if (p >= in_.size() || (in_[p] != '\n' && in_[p] != '\r')) throw Bail{};
            pos_ = p;
            while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t' ||
                                         in_[pos_] == '\n' || in_[pos_] == '\r')) {
                if (in_[pos_] == '\n') ++line_;
                ++pos_;
            }
            return false;
        }
    }
    static void plain_char(char c) {
        auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7F) throw Bail{};
    }
    std::string basic_string() {
        ++pos_; // the opening quote
        std::string out;
        while (true) {
            if (pos_ >= in_.size()) throw Bail{};
            char c = in_[pos_++];
            if (c == '"') return out;
            if (c == '\\')
                escape(out, false);
            else {
                plain_char(c);
                out += c;
            }
        }
    }
    std::string multiline_string() {
        pos_ += 3;
        if (pos_ < in_.size() && in_[pos_] == '\n')
            next_line();
        else if (in_.substr(pos_, 2) == "\r\n")
            pos_ += 2, ++line_;
        std::string out;
        while (true) {
            if (pos_ >= in_.size()) throw Bail{};
            if (in_.substr(pos_, 3) == "\"\"\"") {
                // Up to two more quotes may close it: they belong to the text.
                size_t extra = 0;
                while (extra < 2 && pos_ + 3 + extra < in_.size() && in_[pos_ + 3 + extra] == '"')
                    ++extra;
                out.append(extra, '"');
                pos_ += 3 + extra;
                return out;
            }
            char c = in_[pos_++];
            if (c == '\\') {
                escape(out, true);
            } else if (c == '\n') {
                ++line_;
                out += c;
            } else if (c == '\r' && pos_ < in_.size() && in_[pos_] == '\n') {
                out += "\r\n";
            } else {
                plain_char(c);
                out += c;
            }
        }
    }
    Value value() {
        if (pos_ >= in_.size()) throw Bail{};
        Value v;
        char c = in_[pos_];
        if (c == '"') {
            v.type = Value::Type::string;
            v.s = in_.substr(pos_, 3) == "\"\"\"" ? multiline_string() : basic_string();
        } else if (c == '[') {
            v.type = Value::Type::strings;
            ++pos_;
            while (true) {
                skip_blank();
                if (pos_ >= in_.size()) throw Bail{};
                if (in_[pos_] == ']') {
                    ++pos_;
                    break;
                }
                if (in_[pos_] != '"' || in_.substr(pos_, 3) == "\"\"\"") throw Bail{};
                v.list.push_back(basic_string());
                skip_blank();
                if (pos_ < in_.size() && in_[pos_] == ',')
                    ++pos_;
                else if (pos_ < in_.size() && in_[pos_] == ']')
                    continue;
                else
                    throw Bail{};
            }
        } else if (c == '{') {
            v.type = Value::Type::table;
            ++pos_;
            skip_blank();
            if (pos_ < in_.size() && in_[pos_] == '}') {
                ++pos_;
                return v;
            }
            while (true) {
                skip_blank();
                std::string key = bare_key();
                skip_blank();
                if (pos_ >= in_.size() || in_[pos_] != '=') throw Bail{};
                ++pos_;
                skip_blank();
                if (pos_ >= in_.size() || in_[pos_] != '"' || in_.substr(pos_, 3) == "\"\"\"")
                    throw Bail{};
                if (!v.table.emplace(std::move(key), basic_string()).second) throw Bail{};
                skip_blank();
                if (pos_ < in_.size() && in_[pos_] == ',')
                    ++pos_;
                else if (pos_ < in_.size() && in_[pos_] == '}') {
                    ++pos_;
                    break;
                } else
                    throw Bail{};
            }
        } else if (in_.substr(pos_, 4) == "true" || in_.substr(pos_, 5) == "false") {
            v.type = Value::Type::boolean;
            v.b = in_[pos_] == 't';
            pos_ += v.b ? 4 : 5;
        } else if (c >= '0' && c <= '9') {
            size_t end = pos_;
            while (end < in_.size() && in_[end] != ' ' && in_[end] != '\t' && in_[end] != '\n' &&
                   in_[end] != '\r' && in_[end] != '#')
                ++end;
            std::string_view token = in_.substr(pos_, end - pos_);
            // A date-time that is 'T'-joined; a space-joined one is left to
            // the full parser.
            if (token.size() >= 19 && token[4] == '-') {
                auto t = parse_rfc3339(token);
                if (!t) throw Bail{};
                v.type = Value::Type::time;
                v.t = *t;
            } else {
                if (token.size() > 1 && token[0] == '0') throw Bail{}; // TOML forbids it
                long long n = 0;
                for (char d : token) {
                    if (d < '0' || d > '9' || n > 100000000) throw Bail{};
                    n = n * 10 + (d - '0');
                }
                v.type = Value::Type::integer;
                v.i = n;
            }
            pos_ = end;
        } else {
            throw Bail{};
        }
        return v;
    }

    std::string_view in_;
    size_t pos_ = 0;
    int line_ = 1;
};

const Value* find(const Table& t, std::string_view key, Value::Type type) {
    auto it = t.find(key);
    if (it == t.end()) return nullptr;
    if (it->second.type != type) throw Bail{};
    return &it->second;
}

std::string str(const Table& t, std::string_view key, bool required = false) {
    const Value* v = find(t, key, Value::Type::string);
    if (!v) {
        if (required) throw Bail{};
        return "";
    }
    if (required && v->s.empty()) throw Bail{};
    return v->s;
}

std::optional<Timestamp> time_of(const Table& t, std::string_view key) {
    auto it = t.find(key);
    if (it == t.end()) return std::nullopt;
    if (it->second.type == Value::Type::time) return it->second.t;
    if (it->second.type == Value::Type::string)
        if (auto ts = parse_rfc3339(it->second.s)) return ts;
    throw Bail{};
}

std::vector<std::string> strings(const Table& t, std::string_view key) {
    const Value* v = find(t, key, Value::Type::strings);
    return v ? v->list : std::vector<std::string>{};
}

Event event_of(const Table& t, int line) {
    Event e;
    e.line = line;
    auto kind = parse_event_kind(str(t, "kind", true));
    if (!kind) throw Bail{};
    e.kind = *kind;
    auto at = time_of(t, "at");
    if (!at) throw Bail{};
    e.at = *at;
    e.by = str(t, "by", true);
    e.body = trim_body(str(t, "body"));
    auto flag = [&](std::string_view key) {
        const Value* v = find(t, key, Value::Type::boolean);
        return v && v->b;
    };
    switch (e.kind) {
    case EventKind::reply:
        e.ask = flag("ask");
        break;
    case EventKind::followup: {
        const Value* n = find(t, "followup", Value::Type::integer);
        if (!n || n->i < 1 || n->i > 2) throw Bail{};
        e.followup = static_cast<int>(n->i);
        break;
    }
    case EventKind::close:
        e.resolution = str(t, "resolution", true);
        if (!is_resolution_kind(e.resolution)) throw Bail{};
        e.explain = trim_body(str(t, "explain"));
        e.of = str(t, "of");
        e.force = flag("force");
        e.reason = trim_body(str(t, "reason"));
        break;
    case EventKind::escalate:
        e.to = str(t, "to", true);
        e.next_steps = trim_body(str(t, "next_steps"));
        break;
    case EventKind::restate:
        e.summary = str(t, "summary", true);
        break;
    case EventKind::priority:
        e.priority = parse_priority(str(t, "priority", true));
        if (!e.priority) throw Bail{};
        break;
    case EventKind::assign:
        if (!find(t, "assignee", Value::Type::string)) throw Bail{};
        e.assignee = str(t, "assignee");
        break;
    case EventKind::tag:
        e.add = strings(t, "add");
        e.remove = strings(t, "remove");
        break;
    default:
        break;
    }
    return e;
}

} // namespace

std::optional<Ticket> fast_parse_ticket(std::string_view text, const std::string& path) {
    // Carriage returns are left to the full parser, which knows how TOML
    // treats them inside strings.
    if (find_invalid_utf8(text) || text.find('\r') != std::string_view::npos) return std::nullopt;
    try {
        Table header;
        std::vector<std::pair<int, Table>> events;
        Reader(text).parse(header, events);
        if (header.count("event")) return std::nullopt;
        Ticket t;
        t.path = path;
        t.id = str(header, "id", true);
        if (!is_valid_id(t.id)) return std::nullopt;
        auto slash = path.rfind('/');
        std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
        if (name.size() > 5 && name.ends_with(".toml") && name.substr(0, name.size() - 5) != t.id)
            return std::nullopt;
        t.title = str(header, "title", true);
        auto created = time_of(header, "created");
        if (!created) return std::nullopt;
        t.created = *created;
        const Value* req = find(header, "requester", Value::Type::table);
        if (!req) return std::nullopt;
        auto email = req->table.find("email");
        if (email == req->table.end() || email->second.empty()) return std::nullopt;
        t.requester.email = email->second;
        if (auto name_it = req->table.find("name"); name_it != req->table.end())
            t.requester.name = name_it->second;
        if (const Value* a = find(header, "audience", Value::Type::string)) {
            auto v = parse_audience(a->s);
            if (!v) return std::nullopt;
            t.audience = *v;
        }
        if (const Value* p = find(header, "priority", Value::Type::string)) {
            auto v = parse_priority(p->s);
            if (!v) return std::nullopt;
            t.priority = *v;
        }
        t.summary = str(header, "summary");
        t.tags = strings(header, "tags");
        t.body = trim_body(str(header, "body"));
        for (const auto& [line, table] : events)
            t.events.push_back(event_of(table, line));
        return t;
    } catch (const Bail&) {
        return std::nullopt;
    }
}

} // namespace hd
