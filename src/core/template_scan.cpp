#include "core/template_scan.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

} // namespace

void check_template(std::string_view text, const std::string& path,
                    const std::set<std::string>& known) {
    size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string_view::npos) {
        size_t line = 1, col = 1;
        for (size_t i = 0; i < pos; ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        auto fail = [&](const std::string& what) {
            throw Error(Exit::invalid, fmt::format("{}:{}:{}: {}", path, line, col, what));
        };
        bool triple = text.substr(pos, 3) == "{{{";
        size_t close = text.find(triple ? "}}}" : "}}", pos);
        if (close == std::string_view::npos) fail("a tag is opened with {{ but never closed");
        std::string_view inner =
            text.substr(pos + (triple ? 3 : 2), close - pos - (triple ? 3 : 2));
        pos = close + (triple ? 3 : 2);
        if (inner.empty()) fail("an empty tag {{}}");
        char sigil = inner.front();
        if (sigil == '!') continue; // a comment
        if (sigil == '>') fail("partials ({{>name}}) are not supported in hd templates");
        if (sigil == '=') fail("changing delimiters ({{=...=}}) is not supported in hd templates");
        if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&') inner.remove_prefix(1);
        std::string name(trim(inner));
        if (!known.count(name)) {
            std::string list;
            for (const auto& k : known)
                list += (list.empty() ? "" : ", ") + k;
            fail(fmt::format("unknown variable '{}' (this template knows: {})", name, list));
        }
    }
}

} // namespace hd
