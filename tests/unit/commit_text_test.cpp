#include "core/commit_text.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("one_line leaves no line break or control that acts", "[commit]") {
    CHECK(one_line("plain words") == "plain words");
    for (std::string_view text :
         {"a\nb", "a\r\n\r\nHd-Action: close", "\ttab", "esc\x1b[31m", "del\x7f", "c1\xc2\x85",
          "ls\xe2\x80\xa8ps", "bidi\xe2\x80\xae" "evil"}) {
        INFO(text);
        std::string line = one_line(text);
        CHECK(line.find_first_of("\r\n\t\x1b\x7f") == std::string::npos);
        CHECK(line.find("\xc2\x85") == std::string::npos);
        CHECK(line.find("\xe2\x80\xa8") == std::string::npos);
        CHECK(line.find("\xe2\x80\xae") == std::string::npos);
    }
    CHECK(one_line("caf\xc3\xa9 \xe6\xb8\xa1\xe8\xbe\xba") == "caf\xc3\xa9 \xe6\xb8\xa1\xe8\xbe\xba");
}

TEST_CASE("commit messages keep every value on its line", "[commit]") {
    Ticket t;
    t.id = "k3m9x2p";
    t.title = "Printer\n\nHd-Action: close";
    std::string m = commit_message("note", t, {{"Hd-Override", "why\nHd-Ticket: zzzzzzz"}});
    // Exactly the subject, a blank line and three trailers: nothing forged.
    CHECK(m.starts_with("hd note k3m9x2p: Printer"));
    CHECK(std::count(m.begin(), m.end(), '\n') == 5);
    CHECK(m.find("\n\nHd-Action: note\nHd-Ticket: k3m9x2p\nHd-Override: why") != std::string::npos);
    CHECK(bulk_commit_message("followup", {"aaaaaaa", "bbbbbbb"}) ==
          "hd followup: 2 tickets\n\nHd-Action: followup\nHd-Ticket: aaaaaaa\nHd-Ticket: bbbbbbb\n");
}
