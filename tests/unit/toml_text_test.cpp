#include "core/toml_text.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <toml++/toml.h>

using namespace hd;

namespace {
std::string read_back(const std::string& value) {
    auto doc = toml::parse("k = " + value + "\n");
    return doc["k"].value<std::string>().value();
}
} // namespace

TEST_CASE("strings survive a round trip through a TOML parser", "[toml_text]") {
    for (std::string s : {"plain", "with \"quotes\"", "\"\"\" triple", "ends with quote\"",
                          "ends with two\"\"", "back\\slash", "tab\there", "line\nbreak",
                          "multi\nline \"\"\"\"\"\" quotes\n\"", "cr\r\nlf", "bell\x07", "del\x7f",
                          "unicode é 東京 🙂", "\n\nleading blank lines", "x\\\ny"}) {
        INFO(s);
        CHECK(read_back(toml_basic_string(s)) == s);
        CHECK(trim_body(read_back(toml_text_value(s))) == trim_body(s));
    }
}

TEST_CASE("random text round-trips", "[toml_text]") {
    std::mt19937 rng(7);
    const std::vector<std::string> tokens{"a",    "b", " ", "\"", "\\", "\n", "\t", "\r",
                                          "\x01", "'", "#", "=",  "[",  "]",  "é",  "🙂"};
    for (int i = 0; i < 2000; ++i) {
        std::string s;
        int len = static_cast<int>(rng() % 40);
        for (int k = 0; k < len; ++k)
            s += tokens[rng() % tokens.size()];
        INFO(s);
        REQUIRE(trim_body(read_back(toml_text_value(s))) == trim_body(s));
    }
}

TEST_CASE("multi-line text is written as a readable block", "[toml_text]") {
    CHECK(toml_text_value("one\ntwo\n\n") == "\"\"\"\none\ntwo\n\"\"\"");
    CHECK(toml_text_value("one line\n") == "\"one line\"");
}

TEST_CASE("an event renders as an appendable table", "[toml_text]") {
    Event e;
    e.kind = EventKind::close;
    e.at = *parse_rfc3339("2026-11-23T09:30:00+01:00");
    e.by = "Sam <sam@example.com>";
    e.resolution = "workaround";
    e.explain = "Fixed in 2.4; use the export until then.";
    e.force = true;
    e.reason = "requester asked";
    std::string text = render_event(e);
    CHECK(text.starts_with("\n[[event]]\nkind = \"close\"\nat = 2026-11-23T09:30:00+01:00\n"));
    auto doc = toml::parse(text);
    auto& ev = *doc["event"].as_array()->get(0)->as_table();
    CHECK(ev["resolution"].value<std::string>() == "workaround");
    CHECK(ev["force"].value<bool>() == true);
    CHECK(ev["reason"].value<std::string>() == "requester asked");
}
