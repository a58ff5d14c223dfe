#include "core/display.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("plain text is shown as it is", "[display]") {
    CHECK(inert("Printer on fire", Shape::line) == "Printer on fire");
    CHECK(inert("José Núñez, 東京, 🙂", Shape::line) == "José Núñez, 東京, 🙂");
    CHECK(inert("", Shape::block).empty());
}

TEST_CASE("terminal escapes become visible marks", "[display]") {
    CHECK(inert("\x1b[31mred\x1b[0m", Shape::line) == "␛[31mred␛[0m");
    CHECK(inert("bell\x07", Shape::line) == "bell␇");
    CHECK(inert("\x1b]0;owned\x07", Shape::block) == "␛]0;owned␇");
    CHECK(inert(std::string_view("a\0b", 3), Shape::line) == "a␀b");
    CHECK(inert("del\x7f", Shape::line) == "del␡");
    CHECK(inert("back\bspace", Shape::block) == "back␈space");
}

TEST_CASE("C1 controls and bidi controls are named by code point", "[display]") {
    CHECK(inert("\xc2\x9b"
                "31m",
                Shape::line) == "<U+009B>31m"); // 8-bit CSI
    CHECK(inert("\xc2\x80", Shape::line) == "<U+0080>");
    CHECK(inert("\xc2\x9f", Shape::line) == "<U+009F>");
    CHECK(inert("\xc2\xa0", Shape::line) == "\xc2\xa0"); // no-break space is text
    CHECK(inert("abc\u202Efed", Shape::line) == "abc<U+202E>fed");
    CHECK(inert("\u202A\u202B\u202C\u202D", Shape::line) == "<U+202A><U+202B><U+202C><U+202D>");
    CHECK(inert("\u2066x\u2067y\u2068z\u2069", Shape::block) ==
          "<U+2066>x<U+2067>y<U+2068>z<U+2069>");
    CHECK(inert("a\u2028b\u2029c", Shape::block) == "a<U+2028>b<U+2029>c");
    CHECK(inert("\u200d\u2065\u206a", Shape::line) == "\u200d\u2065\u206a");
}

TEST_CASE("one-line fields show line breaks, blocks keep them", "[display]") {
    CHECK(inert("one\ntwo\tthree", Shape::line) == "one␊two␉three");
    CHECK(inert("one\ntwo\tthree", Shape::block) == "one\ntwo\tthree");
    CHECK(inert("crlf\r\nline", Shape::block) == "crlf\nline");
    CHECK(inert("Approved\rDenied", Shape::block) == "Approved␍Denied");
    CHECK(inert("crlf\r\n", Shape::line) == "crlf␍␊");
}

TEST_CASE("bytes that are not UTF-8 are replaced", "[display]") {
    CHECK(inert("caf\xe9", Shape::line) == "caf\uFFFD");
    CHECK(inert("\x9b"
                "31m",
                Shape::line) == "\uFFFD31m");
}

TEST_CASE("hostile code points are found", "[display]") {
    CHECK_FALSE(find_hostile("Ana Lima <ana@example.org>"));
    CHECK(find_hostile("Ana\nLima") == 3u);
    CHECK(find_hostile("Ana\tLima") == 3u);
    CHECK(find_hostile("Ana \u202E") == 4u);
    CHECK(find_hostile("é\xc2\x85") == 2u);
    CHECK(find_hostile("ok\xff") == 2u);
}

TEST_CASE("display width counts code points", "[display]") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("José") == 4);
    CHECK(display_width(inert("\x1b[1m", Shape::line)) == 4);
}
