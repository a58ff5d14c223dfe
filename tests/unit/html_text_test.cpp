#include "mail/html_text.hpp"

#include "core/mail_text.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace hd;

TEST_CASE("html: text and whitespace", "[html_text]") {
    CHECK(html_to_text("") == "");
    CHECK(html_to_text("Hello") == "Hello");
    CHECK(html_to_text("<p>  Hello \n\t <b>big</b>   world  </p>") == "Hello big world");
    CHECK(html_to_text("<b>a</b><i>b</i> <u>c</u>") == "ab c");
    CHECK(html_to_text("<p>a&nbsp;b&nbsp;&nbsp;c</p>") == "a b  c");
    CHECK(html_to_text("<p>&amp; &lt;tag&gt; &copy; &eacute; &#x1F642;</p>") ==
          "& <tag> © é 🙂");
    CHECK(html_to_text("<p>Jos\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac</p>") == "José 東京");
}

TEST_CASE("html: head, scripts, styles and hidden text are skipped", "[html_text]") {
    CHECK(html_to_text("<html><head><title>Subject</title><style>p { color: red }</style>"
                       "<script>alert(1)</script></head><body><p>Body</p>"
                       "<script>var x = '<p>no</p>';</script></body></html>") == "Body");
    CHECK(html_to_text("<span style=\"display: none\">preview</span>Text") == "Text");
    CHECK(html_to_text("<div style='DISPLAY:NONE;max-height:0'>x</div>Text") == "Text");
    CHECK(html_to_text("<div hidden>x</div><p style=\"mso-hide: all\">y</p>Text") == "Text");
    CHECK(html_to_text("<p>a<!-- comment -->b</p>") == "ab");
}

TEST_CASE("html: blocks, paragraphs and breaks", "[html_text]") {
    CHECK(html_to_text("<p>one</p><p>two</p>") == "one\n\ntwo");
    CHECK(html_to_text("<div>one</div><div>two</div>") == "one\ntwo");
    CHECK(html_to_text("one<br>two<br/>three") == "one\ntwo\nthree");
    // Gmail's blank line is an empty div holding a <br>
    CHECK(html_to_text("<div>Hi,</div><div><br></div><div>It works.</div>") == "Hi,\n\nIt works.");
    CHECK(html_to_text("<div>a<br></div><div>b</div>") == "a\nb");
    CHECK(html_to_text("a<br><br><br><br>b") == "a\n\nb");
    CHECK(html_to_text("<h1>Title</h1>text") == "Title\n\ntext");
    CHECK(html_to_text("<br><br><p>start</p><p></p><br>") == "start");
    // Outlook's empty paragraphs
    CHECK(html_to_text("<p>Hi</p><p>&nbsp;</p><p>Bye</p>") == "Hi\n\nBye");
    CHECK(html_to_text("<p>a  <br>  b</p>") == "a\nb");
}

TEST_CASE("html: lists", "[html_text]") {
    CHECK(html_to_text("<p>Steps:</p><ul><li>one</li><li>two</li></ul><p>Done</p>") ==
          "Steps:\n\n- one\n- two\n\nDone");
    CHECK(html_to_text("<ol><li>first</li><li>second</li></ol>") == "1. first\n2. second");
    CHECK(html_to_text("<ol start=\"4\"><li>four</li><li>five</li></ol>") == "4. four\n5. five");
    CHECK(html_to_text("<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>") ==
          "- a\n  - b\n  - c\n- d");
    CHECK(html_to_text("<ol><li><p>wrapped</p></li><li><p>items</p></li></ol>") ==
          "1. wrapped\n2. items");
    CHECK(html_to_text("<ul><li></li><li>only</li></ul>") == "- only");
    CHECK(html_to_text("<li>stray</li>") == "- stray");
}

TEST_CASE("html: links show their address when the text does not", "[html_text]") {
    CHECK(html_to_text("See <a href=\"https://example.org/reset\">the reset page</a>.") ==
          "See the reset page <https://example.org/reset>.");
    CHECK(html_to_text("<a href=\"https://example.org/\">https://example.org</a>") ==
          "https://example.org");
    CHECK(html_to_text("<a href=\"https://example.org\">example.org</a>") == "example.org");
    CHECK(html_to_text("<a href=\"mailto:ana@example.org\">ana@example.org</a>") ==
          "ana@example.org");
    CHECK(html_to_text("<a href=\"https://evil.example/\">https://bank.example/</a>") ==
          "https://bank.example/ <https://evil.example/>");
    CHECK(html_to_text("<a href=\"#top\">Top</a>") == "Top");
    CHECK(html_to_text("<a name=\"x\">Anchor</a>") == "Anchor");
    CHECK(html_to_text("<a href=\"https://t.example/px\"><img src=\"logo.png\"></a>Hi") == "Hi");
    CHECK(html_to_text("<a href=\" https://example.org/a\nb \">x</a>") ==
          "x <https://example.org/ab>");
}

TEST_CASE("html: pre keeps its spacing", "[html_text]") {
    CHECK(html_to_text("<p>Log:</p><pre>\n  line 1\n\n    line   2  \n</pre><p>end</p>") ==
          "Log:\n\n  line 1\n\n    line   2\n\nend");
    CHECK(html_to_text("<pre>a<br>b</pre>") == "a\nb");
    CHECK(html_to_text("<pre>a\r\nb</pre>") == "a\nb");
}

TEST_CASE("html: tables read row by row", "[html_text]") {
    CHECK(html_to_text("<table><tr><th>Name</th><th>Qty</th></tr><tr><td>Bolt</td><td>4</td>"
                       "</tr></table>") == "Name Qty\nBolt 4");
    CHECK(html_to_text("<p>before</p><table><tr><td>x</td></tr></table><p>after</p>") ==
          "before\n\nx\n\nafter");
}

TEST_CASE("html: blockquotes become > lines", "[html_text]") {
    CHECK(html_to_text("<p>New</p><blockquote><p>old 1</p><p>old 2</p></blockquote>") ==
          "New\n\n> old 1\n>\n> old 2");
    CHECK(html_to_text("<blockquote>a<blockquote>b</blockquote>c</blockquote>d") ==
          "> a\n>\n> > b\n>\n> c\n\nd");
    CHECK(html_to_text("<blockquote><pre>x\n  y</pre></blockquote>") == "> x\n>   y");
    CHECK(html_to_text("<blockquote><ul><li>item</li></ul></blockquote>") == "> - item");
}

TEST_CASE("html: broken markup is read anyway", "[html_text]") {
    CHECK(html_to_text("<p>unclosed <b>bold <i>both") == "unclosed bold both");
    CHECK(html_to_text("</div></p>stray ends</b>") == "stray ends");
    CHECK(html_to_text("<table><td>a<td>b</table>after") == "a b\n\nafter");
    CHECK(html_to_text("a < b and c > d") == "a < b and c > d");
    CHECK(html_to_text("<p>x</p") == "x");
    CHECK(html_to_text("&bogus; AT&T") == "&bogus; AT&T");
}

TEST_CASE("html: a < that opens no tag is text", "[html_text]") {
    CHECK(html_to_text("<<<>>>") == "<<<>>>");
    CHECK(html_to_text("<3 you") == "<3 you");
    CHECK(html_to_text("x < p> y") == "x < p> y");
    CHECK(html_to_text("<p>1 <2 </ 3</p>") == "1 <2 </ 3");
    CHECK(html_to_text("ends with <") == "ends with <");
    CHECK(html_to_text("<a href=\"x\" title=\"a<b\">link</a>") == "link <x>");
    CHECK(html_to_text("<p>a</p><!-- x < y --><?php ?>b") == "a\n\nb");
}

TEST_CASE("html: the input is taken as UTF-8 whatever it declares", "[html_text]") {
    CHECK(html_to_text("<meta charset=\"iso-8859-1\"><p>caf\xc3\xa9</p>") == "café");
    CHECK(html_to_text("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                       "charset=windows-1252\"><p>caf\xc3\xa9</p>") == "café");
    CHECK(html_to_text("<p>caf\xe9 ok</p>") == "caf\xef\xbf\xbd ok");
    CHECK(html_to_text(std::string("a\0b", 3)) == "a\xef\xbf\xbd"
                                                  "b");
}

TEST_CASE("html: deep nesting does not exhaust the stack", "[html_text]") {
    std::string html = "<p>before</p>";
    for (int i = 0; i < 200; ++i)
        html += "<div><blockquote>";
    html += "deep";
    CHECK(html_to_text(html).starts_with("before"));
}

TEST_CASE("html: quoted history is cut by new_text", "[html_text]") {
    // Gmail
    CHECK(new_text(html_to_text(
              "<div dir=\"ltr\">It works now, thanks!<div><br></div><div>Ana</div></div><br>"
              "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, Nov 23, "
              "2026 at 9:30 AM Sam Agent &lt;<a href=\"mailto:sam@example.com\">sam@example.com"
              "</a>&gt; wrote:<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px "
              "0px 0.8ex\"><div dir=\"ltr\">Please clear the cache.<div><br></div><div>Sam</div>"
              "</div></blockquote></div>")) == "It works now, thanks!\n\nAna");
    // Apple Mail: the attribution sits inside the quote
    CHECK(new_text(html_to_text("<div>On my way.</div><div><br><blockquote type=\"cite\"><div>"
                                "On 23 Nov 2026, at 09:30, Sam wrote:</div><br><div>Coming?"
                                "</div></blockquote></div>")) == "On my way.");
    // Outlook: no quote, a header block
    CHECK(new_text(html_to_text(
              "<p class=MsoNormal>Fixed.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
              "<div style=\"border-top:solid #E1E1E1 1.0pt\"><p class=MsoNormal><b>From:</b> Sam "
              "&lt;sam@example.com&gt;<br><b>Sent:</b> Monday, November 23, 2026 9:30 AM<br>"
              "<b>To:</b> Ana<br><b>Subject:</b> Login</p></div><p class=MsoNormal>Old</p>")) ==
          "Fixed.");
}
