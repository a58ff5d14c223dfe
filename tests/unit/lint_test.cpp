#include "core/lint.hpp"

#include <catch2/catch.hpp>

using namespace hd;

namespace {
LintInput good() {
    return LintInput{.body = "Hello Ana,\n\nAs I understand it, your login fails after a reset.\n"
                             "I'll write again tomorrow.\n\nKind regards,\nSam Agent",
                     .greeting_name = "Ana",
                     .agent_name = "Sam Agent",
                     .signature = "Kind regards,\nSam Agent",
                     .summary = "Your login fails after a reset.",
                     .first_response = true};
}

std::vector<std::string> rules(const LintInput& in) {
    std::vector<std::string> out;
    for (auto& f : lint_reply(in))
        out.push_back(f.rule);
    return out;
}
} // namespace

TEST_CASE("a warm, complete first response passes", "[lint]") {
    CHECK(rules(good()).empty());
}

TEST_CASE("each rule fires on its own", "[lint]") {
    auto in = good();
    in.body = "   \n\n";
    CHECK(rules(in) == std::vector<std::string>{"empty"});

    in = good();
    in.body.replace(0, 9, "Hello,");
    CHECK(rules(in) == std::vector<std::string>{"greeting"});

    in = good();
    in.body = in.body.substr(0, in.body.find("\n\nKind regards"));
    CHECK(rules(in) == std::vector<std::string>{"signature"});

    in = good();
    in.summary = "";
    CHECK(rules(in) == std::vector<std::string>{"restatement"});

    in = good();
    in.summary = "The printer is on fire";
    CHECK(rules(in) == std::vector<std::string>{"restatement"});
    in.first_response = false;
    CHECK(rules(in).empty());

    for (const char* hole : {"{{name}}", "TODO", "[CUSTOMER NAME]", "XXX"}) {
        in = good();
        in.body += std::string("\nP.S. ") + hole;
        INFO(hole);
        CHECK(rules(in) == std::vector<std::string>{"placeholder"});
    }
}

TEST_CASE("lint reads past capitals and line wrapping", "[lint]") {
    auto in = good();
    in.body = "hi ANA!\n\nAs I understand it, your LOGIN fails\nafter a   reset.\n\nSam Agent";
    CHECK(rules(in).empty());
}

TEST_CASE("a name in the last lines counts as a signature", "[lint]") {
    auto in = good();
    in.first_response = false;
    in.body = "Hello Ana,\n\nFixed now.\n\nBest,\nSam Agent\nAcme Support";
    CHECK(rules(in).empty());
}
