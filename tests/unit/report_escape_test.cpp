#include "render/report.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("CSV text cells that a spreadsheet would run are quoted text", "[report][csv]") {
    CHECK(csv_text("Printer on fire") == "Printer on fire");
    CHECK(csv_text("=1+1") == "\"'=1+1\"");
    CHECK(csv_text("+cmd|' /C calc'!A0") == "\"'+cmd|' /C calc'!A0\"");
    CHECK(csv_text("-2+3") == "\"'-2+3\"");
    CHECK(csv_text("@SUM(1+1)") == "\"'@SUM(1+1)\"");
    CHECK(csv_text("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_text("a, \"b\"") == "\"a, \"\"b\"\"\"");
    CHECK(csv_text("x=1-2") == "x=1-2"); // only the first character counts
}

TEST_CASE("CSV text cells are one line and show controls as marks", "[report][csv]") {
    CHECK(csv_text("\t=1+1") == "␉=1+1");
    CHECK(csv_text("\r=1+1") == "␍=1+1");
    CHECK(csv_text("a\nb\x1b[2J") == "a␊b␛[2J");
    CHECK(csv_text("\u202e=1") == "<U+202E>=1");
}

TEST_CASE("XML text holds only XML 1.0 characters", "[report][junit]") {
    CHECK(xml_text("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
    CHECK(xml_text(std::string_view("nul\0", 4)) == "nul\uFFFD");
    CHECK(xml_text("esc\x1b bel\x07") == "esc\uFFFD bel\uFFFD");
    CHECK(xml_text("\uFFFE\uFFFF") == "\uFFFD\uFFFD");
    CHECK(xml_text("bad\xff") == "bad\uFFFD");
    CHECK(xml_text("tab\tlf\ncr\r") == "tab&#9;lf&#10;cr&#13;");
    CHECK(xml_text("\u202e\u0085\U0010FFFD") == "\u202e\u0085\U0010FFFD");
}

TEST_CASE("Markdown text stays text in its table cell", "[report][markdown]") {
    CHECK(markdown_text("Can't log in (v2.4)") == "Can't log in (v2.4)");
    CHECK(markdown_text("a | b") == "a \\| b");
    CHECK(markdown_text("![x](https://e.example/p.png)") == "!\\[x\\](https://e.example/p.png)");
    CHECK(markdown_text("<img src=x>") == "\\<img src=x\\>");
    CHECK(markdown_text("**b** _i_ `c` ~s~ &amp; $x$ \\") ==
          "\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~s\\~ \\&amp; \\$x\\$ \\\\");
    CHECK(markdown_text("one\ntwo\x1b[1m") == "one␊two␛\\[1m");
}

TEST_CASE("workflow commands cannot be broken out of", "[report][github]") {
    CHECK(github_annotation("error", "t/a,b:c.toml", 3, 1, "x,y:z", "a\nb\r%c") ==
          "::error file=t/a%2Cb%3Ac.toml,line=3,col=1,title=x%2Cy%3Az::a%0Ab␍%25c\n");
    CHECK(github_annotation("error", "p", 1, 1, "t\n::warning::x", "m\x1b[31m\u202e") ==
          "::error file=p,line=1,col=1,title=t␊%3A%3Awarning%3A%3Ax::m␛[31m<U+202E>\n");
    CHECK(github_annotation("error", "p", 1, 1, "t", "m\r\n::error::x") ==
          "::error file=p,line=1,col=1,title=t::m%0A::error::x\n");
}

TEST_CASE("HTML text is inert text in an element or a quoted attribute", "[report][html]") {
    CHECK(html_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(html_text("a \"b\" & 'c'") == "a &quot;b&quot; &amp; &apos;c&apos;");
    CHECK(html_text("\u202egnp.exe") == "&lt;U+202E&gt;gnp.exe");
    CHECK(html_text("line\nbreak\x1b[2J") == "line␊break␛[2J");
    CHECK(html_text("\uFDD0\uFFFE\U0001FFFF bad\xff") == "\uFFFD\uFFFD\uFFFD bad\uFFFD");
    CHECK(html_text("Inês Ünal 日本") == "Inês Ünal 日本");
}

TEST_CASE("links to ticket files fill in the path and the line", "[report][html]") {
    CHECK(ticket_url("https://forge.example/o/d/blob/main/{path}#L{line}",
                     "tickets/k3/k3m9x2p.toml",
                     12) == "https://forge.example/o/d/blob/main/tickets/k3/k3m9x2p.toml#L12");
    // A desk in a directory whose name needs escaping in a URL.
    CHECK(ticket_url("https://f.example/{path}", "Support desk/tickets/k3/k3m9x2p.toml", 1) ==
          "https://f.example/Support%20desk/tickets/k3/k3m9x2p.toml");
    CHECK(ticket_url("https://f.example/{path}", "d\"<x>/t.toml", 1) ==
          "https://f.example/d%22%3Cx%3E/t.toml");
}
