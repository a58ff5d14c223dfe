#include "store/fast_ticket_parse.hpp"
#include "store/ticket_parse.hpp"

#include "core/ticket_schema.hpp"
#include "core/utf8.hpp"

#include <map>
#include <memory>
#include <variant>
#include <vector>

namespace hd {

namespace {

struct Value;
using Table = std::map<std::string, Value, std::less<>>;

struct Value {
    enum class Type { string, time, integer, boolean, strings, table } type;
    std::string s;
    Timestamp t;
    long long i = 0;
    bool b = false;
    std::vector<std::string> list;
    std::unique_ptr<Table> table; // one-line inline tables of strings only
};

struct RawEvent {
    int line;     // of its [[event]] header
    size_t begin; // the start of that line
    Table table;
};

struct Bail {}; // outside the subset, or invalid: let the full parser speak

class Reader {
  public:
    explicit Reader(std::string_view in) : in_(in) {}

    // Parses the whole document into the header table and event tables.
    void parse(Table& header, std::vector<RawEvent>& events) {
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
                size_t begin = pos_; // only blanks stand before it on its line
                while (begin > 0 && (in_[begin - 1] == ' ' || in_[begin - 1] == '\t'))
                    --begin;
                pos_ += 9;
                int header_line = line_;
                end_of_line();
                events.push_back(RawEvent{header_line, begin, Table{}});
                current = &events.back().table;
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
            v.table = std::make_unique<Table>();
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
                Value item{.type = Value::Type::string, .s = basic_string()};
                if (!v.table->emplace(std::move(key), std::move(item)).second) throw Bail{};
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

using Got = schema::FieldSource::Got;

// A parsed table as the schema reads it. Values are moved out: each key is
// read once.
class TableSource final : public schema::FieldSource {
  public:
    explicit TableSource(Table& t) : t_(t) {}

    Got string(std::string_view key, std::string& out) override {
        Value* v = nullptr;
        Got got = find(key, Value::Type::string, v);
        if (got == Got::ok) out = std::move(v->s);
        return got;
    }
    Got boolean(std::string_view key, bool& out) override {
        Value* v = nullptr;
        Got got = find(key, Value::Type::boolean, v);
        if (got == Got::ok) out = v->b;
        return got;
    }
    Got integer(std::string_view key, int64_t& out) override {
        Value* v = nullptr;
        Got got = find(key, Value::Type::integer, v);
        if (got == Got::ok) out = v->i;
        return got;
    }
    Got time(std::string_view key, Timestamp& out) override {
        auto it = t_.find(key);
        if (it == t_.end()) return Got::absent;
        if (it->second.type == Value::Type::time) {
            out = it->second.t;
            return Got::ok;
        }
        if (it->second.type != Value::Type::string) return Got::wrong_type;
        auto ts = parse_rfc3339(it->second.s);
        if (!ts) return Got::bad_time;
        out = *ts;
        return Got::ok;
    }
    Got strings(std::string_view key, std::vector<std::string>& out) override {
        Value* v = nullptr;
        Got got = find(key, Value::Type::strings, v);
        if (got == Got::ok) out = std::move(v->list);
        return got;
    }
    FieldSource* table(std::string_view key, Got& got) override {
        Value* v = nullptr;
        got = find(key, Value::Type::table, v);
        if (got != Got::ok) return nullptr;
        child_ = std::make_unique<TableSource>(*v->table);
        return child_.get();
    }
    [[noreturn]] void fail(std::string_view, const std::string&) override { throw Bail{}; }

  private:
    Got find(std::string_view key, Value::Type type, Value*& out) {
        auto it = t_.find(key);
        if (it == t_.end()) return Got::absent;
        if (it->second.type != type) return Got::wrong_type;
        out = &it->second;
        return Got::ok;
    }

    Table& t_;
    std::unique_ptr<TableSource> child_; // the requester, once per ticket
};

} // namespace

std::optional<Ticket> fast_parse_ticket(std::string_view text, const std::string& path) {
    // Carriage returns are left to the full parser, which knows how TOML
    // treats them inside strings.
    if (find_invalid_utf8(text) || text.find('\r') != std::string_view::npos) return std::nullopt;
    try {
        Table header;
        std::vector<RawEvent> events;
        Reader(text).parse(header, events);
        if (header.count(schema::key::event)) return std::nullopt;
        Ticket t;
        t.path = path;
        TableSource doc(header);
        schema::decode_header(doc, path, t);
        t.events.resize(events.size());
        for (size_t i = 0; i < events.size(); ++i) {
            Event& e = t.events[i];
            e.line = events[i].line;
            e.bytes = {events[i].begin, i + 1 < events.size() ? events[i + 1].begin : text.size()};
            TableSource source(events[i].table);
            schema::decode_event(source, i, e);
        }
        return t;
    } catch (const Bail&) {
        return std::nullopt;
    }
}

Ticket read_ticket(std::string_view text, const std::string& path) {
    if (auto fast = fast_parse_ticket(text, path)) return std::move(*fast);
    return parse_ticket(text, path);
}

} // namespace hd
