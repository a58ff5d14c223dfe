#pragma once
// Checks a Mustache template's tags before rendering: Mustache itself
// renders an unknown name as nothing, which would send a reply with a hole
// in it. Pure; the rendering engine is kainjow::mustache.
#include <set>
#include <string>
#include <string_view>

namespace hd {

// Error(invalid) naming path:line:col for a variable not in `known`, a
// partial, a delimiter change or an unclosed tag.
void check_template(std::string_view text, const std::string& path,
                    const std::set<std::string>& known);

} // namespace hd
