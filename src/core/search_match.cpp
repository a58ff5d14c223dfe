#include "core/search_match.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hd {

namespace {

char fold(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Cut back to the start of a UTF-8 sequence, so a snippet never splits one.
size_t char_start(std::string_view s, size_t i) {
    while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

std::string snippet_of(std::string_view text, size_t at, size_t length) {
    size_t begin = text.rfind('\n', at);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    size_t end = text.find('\n', at + length);
    if (end == std::string_view::npos) end = text.size();
    constexpr size_t context = 36;
    bool cut_front = at > begin + context, cut_back = end > at + length + context;
    if (cut_front) begin = char_start(text, at - context);
    if (cut_back) end = char_start(text, at + length + context);
    return fmt::format("{}{}{}", cut_front ? "…" : "", text.substr(begin, end - begin),
                       cut_back ? "…" : "");
}

} // namespace

SearchText::SearchText(std::string_view needle) {
    for (char c : needle)
        folded_ += fold(c);
    // hd writes these escaped in TOML strings, so the raw bytes of a file
    // would not show them as they are.
    raw_ok_ = needle.find_first_of("\"\\\n\r\t") == std::string_view::npos;
    for (unsigned char c : needle)
        if (c < 0x20 || c == 0x7f) raw_ok_ = false;
}

std::optional<size_t> SearchText::find(std::string_view hay) const {
    if (folded_.empty() || hay.size() < folded_.size()) return std::nullopt;
    const char first = folded_[0];
    for (size_t i = 0; i + folded_.size() <= hay.size(); ++i) {
        if (fold(hay[i]) != first) continue;
        size_t k = 1;
        while (k < folded_.size() && fold(hay[i + k]) == folded_[k])
            ++k;
        if (k == folded_.size()) return i;
    }
    return std::nullopt;
}

bool SearchText::in(std::string_view hay) const {
    return find(hay).has_value();
}

bool SearchText::may_be_in_file(std::string_view raw) const {
    if (!raw_ok_ || in(raw)) return true;
    // A hand-written escape (\u00e9, a line-ending backslash) spells text
    // otherwise: such a file is read and searched as parsed.
    for (size_t at = raw.find('\\'); at != std::string_view::npos; at = raw.find('\\', at + 2))
        if (at + 1 < raw.size() &&
            (raw[at + 1] == 'u' || raw[at + 1] == 'U' || raw[at + 1] == '\n' ||
             raw[at + 1] == '\r' || raw[at + 1] == ' ' || raw[at + 1] == '\t'))
            return true;
    return false;
}

int line_in_file(std::string_view raw, const SearchMatch& m, const SearchText& s) {
    if (m.from > raw.size()) return m.line;
    auto pos = s.find(raw.substr(m.from));
    if (!pos) return m.line;
    std::string_view before = raw.substr(0, m.from + *pos);
    return 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
}

std::optional<SearchMatch> find_in_ticket(const Ticket& t, const SearchText& s) {
    auto at = [&](std::string_view where, std::string_view text, int line, size_t from = 0) {
        auto pos = s.find(text);
        return pos ? std::optional<SearchMatch>(SearchMatch{std::string(where), line,
                                                            snippet_of(text, *pos, s.size()), from})
                   : std::nullopt;
    };
    std::optional<SearchMatch> m;
    if ((m = at("title", t.title, 0)) || (m = at("summary", t.summary, 0)) ||
        (m = at("requester", t.requester.display(), 0)) || (m = at("body", t.body, 0)))
        return m;
    for (size_t i = 0; i < t.events.size(); ++i) {
        const Event& e = t.events[i];
        std::string where = fmt::format("event {} ({})", i + 1, to_string(e.kind));
        for (std::string_view text :
             {std::string_view(e.body), std::string_view(e.summary), std::string_view(e.title),
              std::string_view(e.explain), std::string_view(e.next_steps),
              std::string_view(e.reason), std::string_view(e.to)})
            if ((m = at(where, text, e.line, e.bytes.begin))) return m;
    }
    return std::nullopt;
}

} // namespace hd
