#include "core/error.hpp"
#include "store/config.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace hd;

namespace {
// The message parse_config fails with, "" when the text loads.
std::string error_of(const std::string& text) {
    try {
        parse_config(text, "hd.toml");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::invalid);
        return e.what();
    }
    return "";
}
} // namespace

TEST_CASE("a misspelt key is named with its place and the key meant", "[config]") {
    CHECK(error_of("[sla.high]\nresolution = \"40h\"\nfirst_respons = \"4h\"\n") ==
          "hd.toml:3:1: unknown key 'first_respons' in [sla.high]; did you mean "
          "'first_response'?");
    CHECK(error_of("[desk]\nname = \"x\"\n  signatrue = \"y\"\n") ==
          "hd.toml:3:3: unknown key 'signatrue' in [desk]; did you mean 'signature'?");
    CHECK(error_of("[followup]\nfirst = \"2d\"\n") ==
          "hd.toml:2:1: unknown key 'first' in [followup]; did you mean 'first_after'?");
    CHECK(error_of("[followup]\ncadence = \"2d\"\n") ==
          "hd.toml:2:1: unknown key 'cadence' in [followup]");
    CHECK(error_of("[calendar.office]\ntimezone = \"UTC\"\nmon = \"09:00-17:00\"\nmonday = "
                   "\"09:00-17:00\"\n") ==
          "hd.toml:4:1: unknown key 'monday' in [calendar.office]; did you mean 'mon'?");
    CHECK(error_of("[sla]\nat_risc = 0.5\n") ==
          "hd.toml:2:1: unknown key 'at_risc' in [sla]; did you mean 'at_risk'?");
}

TEST_CASE("a misspelt table is named with the table meant", "[config]") {
    CHECK(error_of("[sla.lo]\nfirst_response = \"4h\"\n") ==
          "hd.toml:1:6: unknown table [sla.lo]; did you mean [sla.low]?");
    CHECK(error_of("[desk]\nname = \"x\"\n\n[folowup]\nfirst_after = \"2d\"\n") ==
          "hd.toml:4:2: unknown table [folowup]; did you mean [followup]?");
    CHECK(error_of("[mial]\nmax_message = \"x\"\n") ==
          "hd.toml:1:2: unknown table [mial]; did you mean [mail]?");
    CHECK(error_of("[mail]\nfrom = \"x\"\n") == "hd.toml:2:1: unknown key 'from' in [mail]");
    CHECK(error_of("nmae = \"x\"\n") == "hd.toml:1:1: unknown key 'nmae'");
}

TEST_CASE("of several unknown keys the first in the file is named", "[config]") {
    CHECK(error_of("[sla.high]\nzzz = \"1h\"\naaa = \"1h\"\n").starts_with("hd.toml:2:1: "));
}

TEST_CASE("every documented setting loads", "[config]") {
    CHECK(error_of(default_config_text("Desk")) == "");
    std::ifstream example(std::string(HD_SOURCE_DIR) + "/tickets-example/hd.toml");
    REQUIRE(example);
    std::stringstream text;
    text << example.rdbuf();
    CHECK(error_of(text.str()) == "");
    CHECK(error_of(R"([desk]
name = "x"
signature = "y"
web_url = "https://forge.example/org/desk/blob/main/{path}#L{line}"

[followup]
first_after = "2d"
second_after = "1d"
close_after = "1w"
clock = "calendar"
stale_explain = "z"

[sla]
at_risk = 0.75
long_clarification = 3

[sla.urgent]
first_response = "1h"
next_response = "2h"
resolution = "4h"
periodic_update = "1d"
calendar = "24x7"

[sla.low]
calendar = "office"

[calendar.office]
timezone = "Europe/Lisbon"
sun = "10:00-12:00"
mon = "09:00-17:30"
tue = "09:00-17:30"
wed = "09:00-17:30"
thu = "09:00-17:30"
fri = ["09:00-12:30", "13:30-17:00"]
sat = "10:00-12:00"
holidays = [2026-12-25, 2027-01-01]
)") == "");
}

TEST_CASE("web_url is an http(s) address with {path} and no room for markup", "[config]") {
    auto url = [](const std::string& v) { return "[desk]\nweb_url = \"" + v + "\"\n"; };
    CHECK(parse_config(url("https://forge.example/o/d/blob/main/{path}#L{line}"), "hd.toml")
              .web_url == "https://forge.example/o/d/blob/main/{path}#L{line}");
    CHECK(parse_config(url("http://git.local/desk/{path}"), "hd.toml").web_url ==
          "http://git.local/desk/{path}");
    CHECK(parse_config("", "hd.toml").web_url.empty());
    CHECK(error_of(url("javascript:alert(1)//{path}")) ==
          "hd.toml:2:11: desk: 'web_url' must be an http:// or https:// address");
    CHECK(error_of(url("https://forge.example/blob/main/")) ==
          "hd.toml:2:11: desk: 'web_url' must hold {path}, where the ticket file's path goes");
    CHECK(error_of(url("https://forge.example/{path}?x={id}")).find("found '{'") !=
          std::string::npos);
    for (const char* bad : {"https://f.example/{path} x", "https://f.example/{path}\\\"x",
                            "https://f.example/{path}<b>", "https://f.example/{path}\\u0007"})
        CHECK(error_of(url(bad)).find("may hold only {path} and {line}") != std::string::npos);
}

TEST_CASE("mail sizes read as bytes, KB, MB or GB", "[config]") {
    CHECK(parse_size("512") == 512u);
    CHECK(parse_size("10KB") == 10u * 1024);
    CHECK(parse_size("25MB") == 25u << 20);
    CHECK(parse_size("1GB") == 1u << 30);
    CHECK_FALSE(parse_size(""));
    CHECK_FALSE(parse_size("MB"));
    CHECK_FALSE(parse_size("10mb"));
    CHECK_FALSE(parse_size("10 MB"));
    CHECK_FALSE(parse_size("-1MB"));
    Config c =
        parse_config("[mail]\nmax_message = \"1MB\"\nattachment_limit = \"2KB\"\n", "hd.toml");
    CHECK(c.mail.max_message == 1u << 20);
    CHECK(c.mail.attachment_limit == 2048u);
    CHECK(error_of("[mail]\nmax_message = \"lots\"\n") ==
          "hd.toml:2:15: mail: 'max_message' must be a size such as 10MB or 512KB, not \"lots\"");
}
