#include "core/lint.hpp"

#include <fmt/format.h>
#include <regex>
#include <string_view>

namespace hd {

namespace {

std::string fold(std::string_view s) {
    // Lower case ASCII and single spaces, so line wrapping and capitals in a
    // reply do not hide a restatement it does contain.
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::vector<std::string_view> nonempty_lines(std::string_view s) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t nl = s.find('\n', start);
        std::string_view line = s.substr(start, nl == std::string_view::npos ? nl : nl - start);
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) out.push_back(line);
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return out;
}

bool contains_folded(std::string_view hay, std::string_view needle) {
    std::string n = fold(needle);
    while (!n.empty() && (n.back() == '.' || n.back() == ' '))
        n.pop_back();
    return !n.empty() && fold(hay).find(n) != std::string::npos;
}

} // namespace

std::vector<LintFinding> lint_reply(const LintInput& in) {
    std::vector<LintFinding> out;
    auto lines = nonempty_lines(in.body);
    if (lines.empty()) {
        out.push_back({"empty", "the reply is empty"});
        return out;
    }
    if (!in.greeting_name.empty() && !contains_folded(lines.front(), in.greeting_name))
        out.push_back({"greeting",
                       fmt::format("the first line does not greet {} by name", in.greeting_name)});

    bool signed_off = !in.signature.empty() && contains_folded(in.body, in.signature);
    for (size_t i = lines.size() > 4 ? lines.size() - 4 : 0; !signed_off && i < lines.size(); ++i)
        signed_off = contains_folded(lines[i], in.agent_name);
    if (!signed_off)
        out.push_back({"signature", fmt::format("no signature: end with your name ({}) or the "
                                                "desk's signature",
                                                in.agent_name)});

    if (in.first_response) {
        if (in.summary.empty())
            out.push_back({"restatement", "first response, but the problem was never restated: "
                                          "run hd restate ID TEXT first"});
        else if (!contains_folded(in.body, in.summary))
            out.push_back(
                {"restatement", fmt::format("the first response does not say the problem back "
                                            "(\"{}\")",
                                            in.summary)});
    }

    static const std::regex placeholder(R"(\{\{|\}\}|\bTODO\b|\bXXX\b|\[[A-Z][A-Z _]*\])");
    std::smatch m;
    if (std::regex_search(in.body, m, placeholder))
        out.push_back({"placeholder", fmt::format("an unfilled placeholder: \"{}\"", m.str())});
    return out;
}

} // namespace hd
