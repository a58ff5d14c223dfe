#include "core/commit_text.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("one_line leaves no line break, control or separator", "[commit]") {
    CHECK(one_line("plain words") == "plain words");
    CHECK(one_line("a\nb") == "a b");
    CHECK(one_line("a\r\n\r\nHd-Action: close") == "a Hd-Action: close");
    CHECK(one_line("\ttabbed\t") == "tabbed");
    CHECK(one_line("bell\a esc\x1b[31m") == "bell esc [31m");
    CHECK(one_line("del\x7f") == "del");
    CHECK(one_line("c1\xc2\x85next") == "c1 next");            // NEL
    CHECK(one_line("ls\xe2\x80\xa8ps\xe2\x80\xa9") == "ls ps"); // U+2028, U+2029
    CHECK(one_line("caf\xc3\xa9 \xe6\xb8\xa1\xe8\xbe\xba") == "caf\xc3\xa9 \xe6\xb8\xa1\xe8\xbe\xba");
    CHECK(one_line("") == "");
    CHECK(one_line("\n\n") == "");
}

TEST_CASE("commit messages keep every value on its line", "[commit]") {
    Ticket t;
    t.id = "k3m9x2p";
    t.title = "Printer\n\nHd-Action: close";
    std::string m = commit_message("note", t, {{"Hd-Override", "why\nHd-Ticket: zzzzzzz"}});
    CHECK(m == "hd note k3m9x2p: Printer Hd-Action: close\n\n"
               "Hd-Action: note\nHd-Ticket: k3m9x2p\nHd-Override: why Hd-Ticket: zzzzzzz\n");
    CHECK(bulk_commit_message("followup", {"aaaaaaa", "bbbbbbb"}) ==
          "hd followup: 2 tickets\n\nHd-Action: followup\nHd-Ticket: aaaaaaa\nHd-Ticket: bbbbbbb\n");
}
