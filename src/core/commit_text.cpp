#include "core/commit_text.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

// The length of a character to blank out at `s[i]`, or 0 to keep it.
size_t control_at(std::string_view s, size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return 1;
    auto next = [&](size_t k) {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
    };
    if (c == 0xc2 && next(1) >= 0x80 && next(1) <= 0x9f) return 2; // C1 controls
    if (c == 0xe2 && next(1) == 0x80 && (next(2) == 0xa8 || next(2) == 0xa9))
        return 3; // line and paragraph separators
    return 0;
}

std::string trailer_block(std::string_view action, const std::vector<std::string>& ids,
                          const Trailers& extra) {
    std::string out = fmt::format("Hd-Action: {}\n", one_line(action));
    for (const auto& id : ids)
        out += fmt::format("Hd-Ticket: {}\n", one_line(id));
    for (const auto& [key, value] : extra)
        out += fmt::format("{}: {}\n", one_line(key), one_line(value));
    return out;
}

} // namespace

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        size_t n = control_at(text, i);
        bool space = n > 0 || text[i] == ' ';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            i += n ? n : 1;
            continue;
        }
        out += text[i++];
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::string commit_message(std::string_view action, const Ticket& t, const Trailers& extra) {
    return fmt::format("hd {} {}: {}\n\n", one_line(action), one_line(t.id), one_line(t.title)) +
           trailer_block(action, {t.id}, extra);
}

std::string bulk_commit_message(std::string_view action, const std::vector<std::string>& ids,
                                const Trailers& extra) {
    return fmt::format("hd {}: {} tickets\n\n", one_line(action), ids.size()) +
           trailer_block(action, ids, extra);
}

} // namespace hd
