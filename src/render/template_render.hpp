#pragma once
// Renders a Mustache template (kainjow::mustache) for plain-text mail:
// no HTML escaping, and every tag checked against the known names first.
#include "core/reply_vars.hpp"

#include <set>
#include <string>
#include <string_view>

namespace hd {

// Error(invalid) naming path:line:col for an unknown name or bad syntax.
// An empty value counts as absent, so {{#x}} sections skip it.
std::string render_template(std::string_view text, const std::string& path,
                            const TemplateVars& vars, const std::set<std::string>& known);

} // namespace hd
