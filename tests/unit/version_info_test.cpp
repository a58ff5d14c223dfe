#include "version_info.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <git2/common.h>
#include <regex>

using namespace hd;

TEST_CASE("the version line names the description only when there is one", "[version]") {
    CHECK(version_line("0.1.0", "v0.1.0-3-g1a2b3c4") == "hd 0.1.0 (v0.1.0-3-g1a2b3c4)");
    CHECK(version_line("0.1.0", "1a2b3c4-dirty") == "hd 0.1.0 (1a2b3c4-dirty)");
    CHECK(version_line("0.2.0", "") == "hd 0.2.0");
    CHECK(version_line() == version_line(version(), version_describe()));
    CHECK(std::regex_match(std::string(version()), std::regex("[0-9]+\\.[0-9]+\\.[0-9]+")));
}

TEST_CASE("the version text is JSON when --json is among the arguments", "[version]") {
    std::array<const char*, 1> plain{"--version"};
    CHECK(version_text(plain) == version_line());
    std::array<const char*, 2> json{"--version", "--json"};
    std::array<const char*, 2> json_first{"--json", "--version"};
    auto parsed = nlohmann::json::parse(version_text(json));
    CHECK(parsed == nlohmann::json::parse(version_text(json_first)));
    CHECK(parsed["version"] == std::string(version()));
    CHECK(parsed["describe"] == std::string(version_describe()));
}

TEST_CASE("the JSON names every library with the version in use", "[version]") {
    auto j = version_json();
    for (const char* name :
         {"libgit2", "gmime", "libxml2", "toml++", "fmt", "cli11", "nlohmann-json", "date"}) {
        INFO(name);
        REQUIRE(j["libraries"].contains(name));
        CHECK(std::regex_match(j["libraries"][name]["version"].get<std::string>(),
                               std::regex("[0-9]+\\.[0-9]+(\\.[0-9]+)?")));
    }
    int major = 0, minor = 0, rev = 0;
    git_libgit2_version(&major, &minor, &rev);
    CHECK(j["libraries"]["libgit2"]["version"] ==
          std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(rev));
    CHECK(j["libraries"]["libgit2"]["features"].is_array());
    CHECK(j["templates"].get<int>() > 0);
    CHECK(j["row_cache"].get<std::string>().size() == 16);
    auto features = j["features"].get<std::vector<std::string>>();
    CHECK(std::find(features.begin(), features.end(), "mail-in") != features.end());
}
