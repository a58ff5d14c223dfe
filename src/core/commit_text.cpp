#include "core/commit_text.hpp"

#include "core/display.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

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
    return inert(text, Shape::line);
}

std::string commit_message(std::string_view action, const Ticket& t, const Trailers& extra) {
    // The title as it stands, after any title event.
    std::string title = t.title;
    for (const Event& e : t.events)
        if (e.kind == EventKind::title) title = e.title;
    return fmt::format("hd {} {}: {}\n\n", one_line(action), one_line(t.id), one_line(title)) +
           trailer_block(action, {t.id}, extra);
}

std::string bulk_commit_message(std::string_view action, const std::vector<std::string>& ids,
                                const Trailers& extra) {
    return fmt::format("hd {}: {} tickets\n\n", one_line(action), ids.size()) +
           trailer_block(action, ids, extra);
}

} // namespace hd
