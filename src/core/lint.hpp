#pragma once
// Reply lint: the practice's checks on a reply before it is recorded.
// Pure: the reply and what it should mention in, findings out.
#include <string>
#include <vector>

namespace hd {

struct LintInput {
    std::string body;
    std::string greeting_name;
    std::string agent_name;
    std::string signature; // as rendered for this agent
    std::string summary;   // the agent's restatement, "" if none
    bool first_response = false;
};

struct LintFinding {
    std::string rule; // empty, greeting, signature, restatement, placeholder
    std::string message;
};

std::vector<LintFinding> lint_reply(const LintInput& in);

} // namespace hd
