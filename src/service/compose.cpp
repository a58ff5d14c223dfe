#include "service/compose.hpp"

#include "core/error.hpp"
#include "core/toml_text.hpp"
#include "render/template_render.hpp"
#include "store/templates.hpp"

#include <fmt/format.h>

namespace hd {

Composer::Composer(const Desk& desk, const Config& config, const Person& agent)
    : desk_(desk), config_(config), agent_(agent) {}

std::string Composer::signature(const Ticket& t, const TicketState& s) const {
    if (config_.signature.empty()) return agent_.name;
    TemplateVars vars = reply_variables(t, s, agent_, config_.desk_name, "");
    vars["agent"] = agent_.name;
    return trim_body(render_template(config_.signature,
                                     desk_.store->config_path() + " [desk] signature", vars,
                                     signature_variables()));
}

std::string Composer::render(std::string_view name, const Ticket& t, const TicketState& s,
                             std::string_view message, const TemplateVars& extra) const {
    std::string looked;
    auto tmpl =
        find_template(desk_.repo->workdir(), desk_.store->root(), name, t.audience, &looked);
    if (!tmpl)
        throw Error(Exit::usage, fmt::format("no template '{}' for the {} audience (looked for {} "
                                             "and among hd's built-in templates)",
                                             name, to_string(t.audience), looked));
    TemplateVars vars = reply_variables(t, s, agent_, config_.desk_name, message);
    vars["signature"] = signature(t, s);
    for (const auto& [k, v] : extra)
        vars[k] = v;
    return trim_body(render_template(tmpl->text, tmpl->path, vars, template_variables(name)));
}

} // namespace hd
