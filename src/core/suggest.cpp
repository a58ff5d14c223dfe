#include "core/suggest.hpp"

#include <algorithm>

namespace hd {

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

std::optional<std::string> suggest_option(std::string_view typed,
                                          const std::vector<std::string>& known) {
    if (!typed.starts_with("--")) return std::nullopt;
    std::string_view name = typed.substr(2);
    name = name.substr(0, name.find('='));
    if (name.empty()) return std::nullopt;
    std::vector<std::string_view> names;
    for (const auto& k : known) {
        if (!k.starts_with("--") || k.size() == 2) continue;
        if (k.substr(2) == name) return std::nullopt;
        names.push_back(std::string_view(k).substr(2));
    }
    std::optional<std::string_view> prefixed;
    size_t starts = 0;
    for (auto k : names)
        if (k.starts_with(name)) {
            prefixed = k;
            ++starts;
        }
    if (starts == 1) return "--" + std::string(*prefixed);
    size_t limit = name.size() < 4 ? 1 : 2, best = limit + 1, ties = 0;
    std::string_view closest;
    for (auto k : names) {
        size_t d = edit_distance(name, k);
        if (d < best) {
            best = d;
            closest = k;
            ties = 0;
        } else if (d == best && k != closest) {
            ++ties;
        }
    }
    if (best > limit || ties) return std::nullopt;
    return "--" + std::string(closest);
}

} // namespace hd
