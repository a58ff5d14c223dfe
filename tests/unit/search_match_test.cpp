#include "core/search_match.hpp"

#include <catch2/catch.hpp>

using namespace hd;

namespace {

Ticket printer() {
    Ticket t;
    t.id = "k3m9x2p";
    t.title = "Printer jams";
    t.summary = "Paper stuck in tray";
    t.requester = {"Ana Lima", "ana@example.org"};
    t.body = "Hello,\nthe printer makes a grinding noise\nThanks";
    Event receive{.kind = EventKind::receive, .body = "It still jams on tray 2."};
    receive.line = 12;
    Event note{.kind = EventKind::note, .body = "Ordered a new roller."};
    note.line = 18;
    Event escalate{.kind = EventKind::escalate,
                   .body = "Passed on.",
                   .to = "HW-77",
                   .next_steps = "A technician visits on Monday."};
    escalate.line = 24;
    Event retitle{.kind = EventKind::title, .title = "Printer grinds"};
    retitle.line = 30;
    Event close{.kind = EventKind::close,
                .resolution = "workaround",
                .explain = "Tray 1 only until the part arrives."};
    close.line = 36;
    t.events = {receive, note, escalate, retitle, close};
    return t;
}

} // namespace

TEST_CASE("search text: ASCII letters in any case, other characters as they are",
          "[search_match]") {
    SearchText s("Sync");
    CHECK(s.in("the SYNC stalls"));
    CHECK(s.in("async"));
    CHECK(s.find("aSyNc") == 1u);
    CHECK_FALSE(s.in("syn c"));
    CHECK_FALSE(s.in("Syn"));
    CHECK(s.size() == 4);

    SearchText name("Núñez");
    CHECK(name.in("José Núñez"));
    CHECK(name.in("JOSÉ NúñEZ"));
    CHECK_FALSE(name.in("JOSÉ NÚÑEZ")); // Ú and Ñ are not ASCII: no case folding
    CHECK(SearchText("ÑEZ").in("NÚÑez"));
    CHECK(SearchText("渡辺").find("こんにちは渡辺さん") == 15u);

    CHECK_FALSE(SearchText("").in("anything"));
}

TEST_CASE("search text: may a file's raw bytes hold the needle", "[search_match]") {
    const std::string raw = "title = \"Sync STALLS\"\nbody = \"\"\"\nJosé wrote\n\"\"\"\n";
    CHECK(SearchText("stalls").may_be_in_file(raw));
    CHECK(SearchText("josé").may_be_in_file(raw));
    CHECK_FALSE(SearchText("printer").may_be_in_file(raw));
    CHECK_FALSE(SearchText("JOSÉ").may_be_in_file(raw)); // É is not folded

    // hd escapes these in TOML strings: any file may hold them.
    for (const char* needle :
         {"say \"hi\"", "C:\\temp", "two\nlines", "tab\there", "cr\r", "\x1b[31m"}) {
        INFO(needle);
        CHECK(SearchText(needle).may_be_in_file(""));
        CHECK(SearchText(needle).may_be_in_file(raw));
    }
}

TEST_CASE("search text: a file written by hand with TOML escapes", "[search_match]") {
    // hd-format(5): any TOML string form is fine in a file edited by hand.
    // The parsed title is "Café" and "Sync", so search would find them.
    CHECK(SearchText("café").may_be_in_file("title = \"Caf\\u00e9 closed\"\n"));
    CHECK(SearchText("sync").may_be_in_file("title = \"\\u0053ync stalls\"\n"));
}

TEST_CASE("find in ticket: where, in the order of the fields", "[search_match]") {
    Ticket t = printer();
    auto where = [&](const char* needle) {
        auto m = find_in_ticket(t, SearchText(needle));
        return m ? m->where : std::string("-");
    };
    CHECK(where("PRINTER") == "title"); // in the body as well: the title comes first
    CHECK(where("stuck") == "summary");
    CHECK(where("ana@EXAMPLE") == "requester");
    CHECK(where("Lima") == "requester");
    CHECK(where("grinding") == "body");
    CHECK(where("still jams") == "event 1 (receive)");
    CHECK(where("roller") == "event 2 (note)");
    CHECK(where("hw-77") == "event 3 (escalate)");
    CHECK(where("technician") == "event 3 (escalate)");
    CHECK(where("grinds") == "event 4 (title)");
    CHECK(where("part arrives") == "event 5 (close)");
    CHECK(where("toner") == "-");

    auto requester = find_in_ticket(t, SearchText("example.org"));
    REQUIRE(requester);
    CHECK(requester->snippet == "Ana Lima <ana@example.org>");
    CHECK(requester->line == 0);
}

TEST_CASE("find in ticket: the line, and the matching line as snippet", "[search_match]") {
    Ticket t = printer();
    auto body = find_in_ticket(t, SearchText("NOISE"));
    REQUIRE(body);
    CHECK(body->line == 0);
    CHECK(body->snippet == "the printer makes a grinding noise");

    auto note = find_in_ticket(t, SearchText("new roller"));
    REQUIRE(note);
    CHECK(note->line == 18);
    CHECK(note->snippet == "Ordered a new roller.");

    auto close = find_in_ticket(t, SearchText("tray 1"));
    REQUIRE(close);
    CHECK(close->where == "event 5 (close)");
    CHECK(close->line == 36);
    CHECK(close->snippet == "Tray 1 only until the part arrives.");
}

TEST_CASE("find in ticket: long lines are cut with … around the match", "[search_match]") {
    Ticket t;
    t.title = "t";
    t.body = std::string(50, 'a') + "NEEDLE" + std::string(50, 'b') + "\nnext line";
    auto m = find_in_ticket(t, SearchText("needle"));
    REQUIRE(m);
    CHECK(m->snippet == "…" + std::string(36, 'a') + "NEEDLE" + std::string(36, 'b') + "…");

    // Short context on one side: cut only on the other.
    t.body = "ab NEEDLE " + std::string(50, 'c');
    m = find_in_ticket(t, SearchText("needle"));
    REQUIRE(m);
    CHECK(m->snippet == "ab NEEDLE " + std::string(35, 'c') + "…");
}

TEST_CASE("find in ticket: a cut never splits a UTF-8 sequence", "[search_match]") {
    std::string a;
    for (int i = 0; i < 30; ++i)
        a += "あ"; // three bytes each
    Ticket t;
    t.title = "t";
    // The cut 36 bytes before the match falls inside a character: it starts
    // at that character instead; likewise after.
    t.body = a + "!needle!" + a;
    auto m = find_in_ticket(t, SearchText("NEEDLE"));
    REQUIRE(m);
    std::string twelve, eleven;
    for (int i = 0; i < 12; ++i)
        twelve += "あ";
    for (int i = 0; i < 11; ++i)
        eleven += "あ";
    CHECK(m->snippet == "…" + twelve + "!needle!" + eleven + "…");
}
