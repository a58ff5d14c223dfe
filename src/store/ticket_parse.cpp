#include "store/ticket_parse.hpp"

#include "core/ticket_schema.hpp"
#include "store/toml_read.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace hd {

namespace {

using Got = schema::FieldSource::Got;

// A toml++ table as the schema reads it.
class TomlSource final : public schema::FieldSource {
  public:
    TomlSource(const TomlReader& r, const toml::table& t) : r_(r), t_(t) {}

    Got string(std::string_view key, std::string& out) override {
        return scalar<std::string>(key, out);
    }
    Got boolean(std::string_view key, bool& out) override { return scalar<bool>(key, out); }
    Got integer(std::string_view key, int64_t& out) override { return scalar<int64_t>(key, out); }
    Got time(std::string_view key, Timestamp& out) override {
        const toml::node* n = t_.get(key);
        if (!n) return Got::absent;
        std::optional<Timestamp> ts;
        if (auto dt = n->as_date_time()) {
            const toml::date_time& v = dt->get();
            if (!v.offset) return Got::local_time;
            ts = from_local(LocalTime{v.date.year, v.date.month, v.date.day, v.time.hour,
                                      v.time.minute, v.time.second},
                            v.offset->minutes);
        } else if (auto s = n->as_string()) {
            // Hand-edited files sometimes quote the time; accept it when exact.
            ts = parse_rfc3339(s->get());
        } else {
            return Got::wrong_type;
        }
        if (!ts) return Got::bad_time;
        out = *ts;
        return Got::ok;
    }
    Got strings(std::string_view key, std::vector<std::string>& out) override {
        const toml::node* n = t_.get(key);
        if (!n) return Got::absent;
        const toml::array* arr = n->as_array();
        if (!arr) return Got::wrong_type;
        out.clear();
        for (const toml::node& item : *arr) {
            auto s = item.as_string();
            if (!s) return Got::wrong_type;
            out.push_back(s->get());
        }
        return Got::ok;
    }
    FieldSource* table(std::string_view key, Got& got) override {
        const toml::node* n = t_.get(key);
        got = !n ? Got::absent : n->is_table() ? Got::ok : Got::wrong_type;
        if (got != Got::ok) return nullptr;
        child_ = std::make_unique<TomlSource>(r_, *n->as_table());
        return child_.get();
    }
    [[noreturn]] void fail(std::string_view key, const std::string& message) override {
        if (const toml::node* n = key.empty() ? nullptr : t_.get(key)) r_.fail(n, message);
        if (t_.source().begin.line > 0) r_.fail_at(t_.source(), message);
        r_.fail(nullptr, message);
    }

  private:
    template <typename T, typename Out> Got scalar(std::string_view key, Out& out) {
        const toml::node* n = t_.get(key);
        if (!n) return Got::absent;
        auto v = n->as<T>();
        if (!v) return Got::wrong_type;
        out = v->get();
        return Got::ok;
    }

    const TomlReader& r_;
    const toml::table& t_;
    std::unique_ptr<TomlSource> child_; // the requester, once per ticket
};

// Offsets where each line starts, so that toml++'s line numbers become the
// byte ranges of events.
std::vector<size_t> line_starts(std::string_view text) {
    std::vector<size_t> out{0};
    for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
        out.push_back(i + 1);
    return out;
}

} // namespace

Ticket parse_ticket(std::string_view text, const std::string& path) {
    TomlReader r(path);
    toml::table doc = r.parse(text);
    Ticket t;
    t.path = path;
    TomlSource header(r, doc);
    schema::decode_header(header, path, t);

    const toml::node* ev = doc.get(schema::key::event);
    if (!ev) return t;
    const toml::array* arr = ev->as_array();
    if (!arr) r.fail(ev, "'event' must be an array of tables ([[event]])");
    std::vector<size_t> starts = line_starts(text);
    t.events.reserve(arr->size());
    for (size_t i = 0; i < arr->size(); ++i) {
        const toml::table* et = (*arr)[i].as_table();
        if (!et) r.fail(&(*arr)[i], fmt::format("event {} must be a table", i + 1));
        Event& e = t.events.emplace_back();
        e.line = static_cast<int>(et->source().begin.line);
        size_t line = std::clamp<size_t>(static_cast<size_t>(e.line), 1, starts.size());
        e.bytes.begin = starts[line - 1];
        if (i > 0) t.events[i - 1].bytes.end = e.bytes.begin;
        TomlSource source(r, *et);
        schema::decode_event(source, i, e);
    }
    if (!t.events.empty()) t.events.back().bytes.end = text.size();
    return t;
}

} // namespace hd
