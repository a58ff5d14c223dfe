#pragma once
// Ticket IDs: 7 characters of Crockford's base32 alphabet (no i, l, o, u),
// drawn at random. Random IDs need no coordination between clones and keep
// short prefixes unique; man/hd-format.5 gives the collision bound.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

inline constexpr std::string_view id_alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
inline constexpr size_t id_length = 7;

// Deterministic: the caller brings the randomness, so tests are exact.
std::string make_id(std::uint64_t random_bits);

bool is_valid_id(std::string_view id);

// Folds what a person types into alphabet characters: upper case to lower,
// and the look-alikes i/l to 1 and o to 0. Returns "" if anything else remains.
std::string normalize_id_prefix(std::string_view typed);

// The ticket's shard directory and file, relative to the ticket root.
std::string ticket_relpath(std::string_view id);

struct PrefixMatch {
    enum class Kind { unique, none, ambiguous } kind;
    std::vector<std::string> ids; // the match, or the candidates
};

// `sorted_ids` must be sorted; an exact match wins even if it prefixes others.
PrefixMatch match_prefix(const std::vector<std::string>& sorted_ids, std::string_view prefix);

} // namespace hd
