#include "service/compose.hpp"

#include "core/error.hpp"
#include "core/local_time.hpp"
#include "core/promises.hpp"
#include "core/toml_text.hpp"
#include "render/template_render.hpp"
#include "store/templates.hpp"

#include <fmt/format.h>

namespace hd {

Composer::Composer(const Desk& desk, const Config& config, const Person& agent, Timestamp now)
    : desk_(desk), config_(config), agent_(agent), now_(now) {}

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
    const auto& tmpl = desk_.templates->find(name, s.audience, &looked);
    if (!tmpl)
        throw Error(Exit::usage, fmt::format("no template '{}' for the {} audience (looked for {} "
                                             "and among hd's built-in templates)",
                                             name, to_string(s.audience), looked));
    TemplateVars vars = reply_variables(t, s, agent_, config_.desk_name, message);
    vars["signature"] = signature(t, s);
    // Promised times, in the requester's zone when the ticket knows it, else
    // the calendar's; worked out (the ticket's clocks) only for a template
    // that promises one, as a bulk follow-up's usually does not.
    if (tmpl->text.find("_due") != std::string::npos) {
        RowText text;
        Promises due = promises_for(make_row(t, s, text), config_.sla, now_);
        const date::time_zone* zone = config_.sla.calendar_for(s.priority).zone;
        if (auto theirs = zone_named(s.zone); theirs && !s.zone.empty()) zone = *theirs;
        vars["update_due"] = due_in_words(due.update_due, now_, zone, zone_label(zone));
        vars["response_due"] = due_in_words(due.response_due, now_, zone, zone_label(zone));
    }
    for (const auto& [k, v] : extra)
        vars[k] = v;
    return trim_body(render_template(tmpl->text, tmpl->path, vars, template_variables(name)));
}

} // namespace hd
