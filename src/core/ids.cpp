#include "core/ids.hpp"

#include <algorithm>

namespace hd {

std::string make_id(std::uint64_t bits) {
    std::string id;
    id.reserve(id_length);
    for (size_t i = 0; i < id_length; ++i) {
        id.push_back(id_alphabet[bits & 31]);
        bits >>= 5;
    }
    return id;
}

bool is_valid_id(std::string_view id) {
    return id.size() == id_length && std::all_of(id.begin(), id.end(), [](char c) {
               return id_alphabet.find(c) != std::string_view::npos;
           });
}

std::string normalize_id_prefix(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c == 'i' || c == 'l') c = '1';
        if (c == 'o') c = '0';
        if (id_alphabet.find(c) == std::string_view::npos) return "";
        out.push_back(c);
    }
    return out;
}

std::string ticket_relpath(std::string_view id) {
    return "tickets/" + std::string(id.substr(0, 2)) + "/" + std::string(id) + ".toml";
}

PrefixMatch match_prefix(const std::vector<std::string>& ids, std::string_view prefix) {
    auto lo = std::lower_bound(ids.begin(), ids.end(), prefix);
    std::vector<std::string> hits;
    for (auto it = lo; it != ids.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
        if (*it == prefix) return {PrefixMatch::Kind::unique, {*it}};
        hits.push_back(*it);
    }
    if (hits.empty()) return {PrefixMatch::Kind::none, {}};
    if (hits.size() == 1) return {PrefixMatch::Kind::unique, std::move(hits)};
    return {PrefixMatch::Kind::ambiguous, std::move(hits)};
}

} // namespace hd
