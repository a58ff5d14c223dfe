#include "core/state.hpp"
#include "core/ticket_row.hpp"
#include "render/text.hpp"

#include <catch2/catch.hpp>
#include <regex>

using namespace hd;

namespace {

Ticket hostile_ticket() {
    Timestamp at = *parse_rfc3339("2026-11-23T09:30:00+01:00");
    Ticket t;
    t.id = "h0st11e";
    t.title = "ESC\x1b[2J title\nsecond line\u202e";
    t.requester = {"Mallory\x1b]0;owned\x07", "m@example.org"};
    t.summary = "sum\x9b";
    t.tags = {"tag\x1b[5m"};
    t.body = "body\x1b[1m\n\ttabbed\r\nline\u2066";
    t.created = at;
    t.path = "tickets/h0/h0st11e.toml";
    t.events.push_back(Event{.kind = EventKind::note,
                             .at = at,
                             .by = "Eve\x1b[8m <eve@example.org>",
                             .body = "note\x07"});
    t.events.push_back(Event{.kind = EventKind::escalate,
                             .at = at,
                             .by = "Sam <sam@example.com>",
                             .to = "ENG\x1b[2J",
                             .next_steps = "next\x1b[31m"});
    return t;
}

// Whatever a terminal acts on, once hd's own colour codes are taken out.
bool has_raw_controls(const std::string& out) {
    std::string text = std::regex_replace(out, std::regex("\x1b\\[[0-9;]*m"), "");
    for (unsigned char c : text)
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return true;
    return text.find("\u202e") != std::string::npos || text.find("\u2066") != std::string::npos ||
           text.find("\xc2\x9b") != std::string::npos;
}

} // namespace

TEST_CASE("a ticket's text is shown inert, with colour or without", "[render]") {
    Ticket t = hostile_ticket();
    TicketState s = derive_state(t);
    for (bool color : {false, true}) {
        std::string out = render_ticket_text(t, s, t.created, color);
        CHECK_FALSE(has_raw_controls(out));
        CHECK(out.find("ESC␛[2J title␊second line<U+202E>") != std::string::npos);
        CHECK(out.find("  body␛[1m\n  \ttabbed\n  line<U+2066>") != std::string::npos);
        CHECK(out.find("escalated to ENG␛[2J") != std::string::npos);
    }
}

TEST_CASE("a listing's names and titles are shown inert", "[render]") {
    Ticket t = hostile_ticket();
    TicketState s = derive_state(t);
    RowText text;
    TicketRow row = make_row(t, s, text);
    for (bool color : {false, true}) {
        std::string out = render_list_text({&row}, t.created, color);
        CHECK_FALSE(has_raw_controls(out));
        CHECK(std::count(out.begin(), out.end(), '\n') == 2);
        CHECK(out.find("Mallory␛]0;owned␇") != std::string::npos);
    }
}
