#include "core/char_width.hpp"
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

TEST_CASE("display width counts terminal columns", "[display]") {
    CHECK(display_width("") == 0);
    CHECK(display_width("Ana Lima") == 8);
    CHECK(display_width("José") == 4);
    CHECK(display_width("Jose\u0301") == 4);           // e + combining acute
    CHECK(display_width("渡辺健一") == 8);             // CJK ideographs
    CHECK(display_width("プリンター") == 10);          // katakana and the long vowel mark
    CHECK(display_width("한국어") == 6);               // Hangul syllables
    CHECK(display_width("ＡＢ") == 4);                 // fullwidth Latin
    CHECK(display_width("ｱｲ") == 2);                   // halfwidth katakana
    CHECK(display_width("🙂") == 2);                 // emoji presentation
    CHECK(display_width("a\u200bb\u200dc") == 3);      // zero width space and joiner
    CHECK(display_width("\u1100\u1161") == 2);         // conjoining jamo: the vowel takes none
    CHECK(display_width("\U00020000\U00031350") == 4); // Extension B, and H (Unicode 15)
    CHECK(display_width("\U0001FAE8") == 2);           // an emoji new in Unicode 15
    CHECK(display_width("\u00ad") == 1);               // the soft hyphen shows
    CHECK(display_width("caf\xe9") == 4);              // a byte that is not UTF-8: one U+FFFD
    CHECK(display_width("␛[2J") == 4);                 // control pictures are narrow
}

TEST_CASE("char width follows wcwidth", "[display]") {
    CHECK(char_width(U'a') == 1);
    CHECK(char_width(U'\u0300') == 0);
    CHECK(char_width(U'\u20DD') == 0); // enclosing mark
    CHECK(char_width(U'\uFE0F') == 0); // variation selector
    CHECK(char_width(U'\u3000') == 2); // ideographic space (Fullwidth)
    CHECK(char_width(U'\u3099') == 0); // combining kana voicing mark, inside a wide block
    CHECK(char_width(U'\u303F') == 1);
    CHECK(char_width(U'\u4DC0') == 1); // Yijing hexagrams are not wide in Unicode 15
    CHECK(char_width(U'\uFF61') == 1);
    CHECK(char_width(U'\U0010FFFD') == 1);
}

TEST_CASE("text is fitted to a width at a column boundary", "[display]") {
    CHECK(fit_width("Printer on fire", 20) == "Printer on fire");
    CHECK(fit_width("Printer on fire", 15) == "Printer on fire");
    CHECK(fit_width("Printer on fire", 10) == "Printer o…");
    CHECK(fit_width("Printer", 1) == "…");
    CHECK(fit_width("Printer", 0).empty());
    // A wide character is never cut in half: the result is a column short.
    CHECK(fit_width("渡辺健一", 7) == "渡辺健…");
    CHECK(fit_width("渡辺健一", 6) == "渡辺…");
    CHECK(display_width(fit_width("渡辺健一", 6)) == 5);
    // A combining mark stays with its letter; multi-byte text is never split.
    CHECK(fit_width("Jose\u0301 Nun\u0303ez", 5) == "Jose\u0301…");
    CHECK(fit_width("ééééé", 3) == "éé…");
    for (size_t w = 0; w < 12; ++w) {
        std::string fitted = fit_width("東京 office プリンター", w);
        CHECK(display_width(fitted) <= w);
        CHECK_FALSE(find_hostile(fitted));
    }
}
