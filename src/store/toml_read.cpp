#include "store/toml_read.hpp"

#include <fmt/format.h>

namespace hd {

toml::table TomlReader::parse(std::string_view text) const {
    try {
        return toml::parse(text, path_);
    } catch (const toml::parse_error& e) {
        fail_at(e.source(), std::string(e.description()));
    }
}

void TomlReader::fail_at(const toml::source_region& at, const std::string& what) const {
    throw Error(Exit::invalid,
                fmt::format("{}:{}:{}: {}", path_, at.begin.line, at.begin.column, what));
}

void TomlReader::fail(const toml::node* at, const std::string& what) const {
    if (at) fail_at(at->source(), what);
    throw Error(Exit::invalid, fmt::format("{}: {}", path_, what));
}

std::string TomlReader::label(std::string_view key, std::string_view where) const {
    if (where.empty()) return fmt::format("'{}'", key);
    return fmt::format("{}: '{}'", where, key);
}

std::optional<std::string> TomlReader::string(const toml::table& t, std::string_view key,
                                              std::string_view where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto s = n->as_string()) return s->get();
    fail(n, label(key, where) + " must be a string");
}

std::string TomlReader::required_string(const toml::table& t, std::string_view key,
                                        std::string_view where) const {
    auto s = string(t, key, where);
    if (!s) fail_at(t.source(), label(key, where) + " is missing");
    if (s->empty()) fail(t.get(key), label(key, where) + " is empty");
    return *s;
}

std::optional<bool> TomlReader::boolean(const toml::table& t, std::string_view key,
                                        std::string_view where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto b = n->as_boolean()) return b->get();
    fail(n, label(key, where) + " must be true or false");
}

std::optional<int64_t> TomlReader::integer(const toml::table& t, std::string_view key,
                                           std::string_view where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto i = n->as_integer()) return i->get();
    fail(n, label(key, where) + " must be an integer");
}

std::optional<Timestamp> TomlReader::time(const toml::table& t, std::string_view key,
                                          std::string_view where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto dt = n->as_date_time()) {
        const toml::date_time& v = dt->get();
        if (!v.offset) fail(n, label(key, where) + " needs a UTC offset (e.g. +01:00 or Z)");
        auto ts = from_local(LocalTime{v.date.year, v.date.month, v.date.day, v.time.hour,
                                       v.time.minute, v.time.second},
                             v.offset->minutes);
        if (ts) return ts;
    } else if (auto s = n->as_string()) {
        // Hand-edited files sometimes quote the time; accept it when exact.
        if (auto ts = parse_rfc3339(s->get())) return ts;
    }
    fail(n, label(key, where) + " must be an RFC 3339 time such as 2026-11-23T09:30:00+01:00");
}

std::vector<std::string> TomlReader::strings(const toml::table& t, std::string_view key,
                                             std::string_view where) const {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) fail(n, label(key, where) + " must be an array of strings");
    for (const toml::node& item : *arr) {
        auto s = item.as_string();
        if (!s) fail(&item, label(key, where) + " must hold only strings");
        out.push_back(s->get());
    }
    return out;
}

} // namespace hd
