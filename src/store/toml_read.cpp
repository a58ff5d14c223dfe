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
    throw Error(
        Exit::invalid,
        SourceLocation{path_, static_cast<int>(at.begin.line), static_cast<int>(at.begin.column)},
        what);
}

void TomlReader::fail(const toml::node* at, const std::string& what) const {
    if (at) fail_at(at->source(), what);
    throw Error(Exit::invalid, SourceLocation{path_}, what);
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

std::optional<int64_t> TomlReader::integer(const toml::table& t, std::string_view key,
                                           std::string_view where) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto i = n->as_integer()) return i->get();
    fail(n, label(key, where) + " must be an integer");
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
