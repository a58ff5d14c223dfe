#pragma once
// "Did you mean ...?" for names a person mistyped: options on the command
// line, keys and tables in hd.toml.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

// Edits (insert, delete, replace, swap two neighbours) from a to b.
size_t edit_distance(std::string_view a, std::string_view b);

// The long option a mistyped one most likely meant ("--staus" → "--status"),
// among `known` (each with its dashes). `typed` may carry "=value". A known
// option is meant when `typed` starts it and starts no other ("--wait" →
// "--waiting-on"), else when it is the one closest to `typed` and at most
// two edits away (one, when the name typed has fewer than four letters).
// Nothing for a short option, an option that is known, or a tie.
std::optional<std::string> suggest_option(std::string_view typed,
                                          const std::vector<std::string>& known);

} // namespace hd
