#include "render/template_render.hpp"

#include "core/error.hpp"
#include "core/template_scan.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

namespace hd {

std::string render_template(std::string_view text, const std::string& path,
                            const TemplateVars& vars, const std::set<std::string>& known) {
    check_template(text, path, known);
    kainjow::mustache::mustache tmpl{std::string(text)};
    tmpl.set_custom_escape([](const std::string& s) { return s; });
    if (!tmpl.is_valid())
        throw Error(Exit::invalid, fmt::format("{}: {}", path, tmpl.error_message()));
    kainjow::mustache::data data;
    for (const auto& [k, v] : vars)
        if (!v.empty()) data.set(k, v);
    std::string raw = tmpl.render(data);
    if (!tmpl.is_valid())
        throw Error(Exit::invalid, fmt::format("{}: {}", path, tmpl.error_message()));
    // Sections left out leave blank lines behind; a mail needs one at most.
    std::string out;
    int newlines = 0;
    for (char c : raw) {
        newlines = c == '\n' ? newlines + 1 : 0;
        if (newlines <= 2) out += c;
    }
    return out;
}

} // namespace hd
