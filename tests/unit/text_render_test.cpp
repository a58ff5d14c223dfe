#include "core/display.hpp"
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

TEST_CASE("a listing aligns wide text and fits the terminal", "[render]") {
    Timestamp at = *parse_rfc3339("2026-11-23T09:30:00+01:00");
    Ticket a;
    a.id = "aaaaaaa";
    a.title = "東京のオフィスのプリンターが火を噴いています";
    a.requester = {"渡辺健一", "w@example.jp"};
    a.created = at;
    a.events.push_back(Event{.kind = EventKind::assign,
                             .at = at,
                             .by = "Sam <sam@example.com>",
                             .assignee = "Kim Agent <kim@example.com>"});
    Ticket b;
    b.id = "bbbbbbb";
    b.title = "Printer on fire and smoking, and now the whole office smells of it";
    b.requester = {"Ana Lima", "ana@example.org"};
    b.created = at;
    RowText text;
    TicketRow ra = make_row(a, derive_state(a), text);
    TicketRow rb = make_row(b, derive_state(b), text);

    auto lines = [](const std::string& out) {
        std::vector<std::string> v;
        for (size_t start = 0, nl; (nl = out.find('\n', start)) != std::string::npos;
             start = nl + 1)
            v.push_back(out.substr(start, nl - start));
        return v;
    };
    auto title_column = [](const std::string& l, std::string_view title) {
        return display_width(l.substr(0, l.find(title.substr(0, 6))));
    };
    std::string wide = render_list_text({&ra, &rb}, at, false);
    auto v = lines(wide);
    REQUIRE(v.size() == 3);
    CHECK(v[0].find("ASSIGNEE") != std::string::npos);
    CHECK(v[1].find("Kim Agent") != std::string::npos);
    CHECK(v[1].find("kim@example.com") == std::string::npos);
    CHECK(title_column(v[1], "東京") == title_column(v[0], "TITLE"));
    CHECK(title_column(v[2], "Printe") == title_column(v[0], "TITLE"));
    CHECK(v[2].find(b.title) != std::string::npos); // no terminal: no limit

    for (size_t columns : {70, 71, 80}) {
        auto fitted = lines(render_list_text({&ra, &rb}, at, false, columns));
        for (const auto& l : fitted)
            CHECK(display_width(l) <= columns);
        CHECK(fitted[1].ends_with("…"));
        CHECK(fitted[2].ends_with("…"));
        CHECK(display_width(fitted[2]) == columns);
    }

    // Nobody assigned: no assignee column.
    std::string plain = render_list_text({&rb}, at, false);
    CHECK(plain.find("ASSIGNEE") == std::string::npos);
}
