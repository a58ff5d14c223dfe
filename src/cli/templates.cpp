#include "store/templates.hpp"
#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/state.hpp"
#include "render/json.hpp"
#include "service/compose.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct TemplatesOptions {
    bool json = false;
    std::string name, id, audience;
};

int list_templates(const TemplatesOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx, Intent::read);
    auto all = templates_in_effect(desk.repo->workdir(), desk.store->root());
    if (o.json) {
        auto arr = nlohmann::ordered_json::array();
        for (const auto& [key, t] : all) {
            auto dot = key.rfind('.');
            arr.push_back({{"name", key.substr(0, dot)},
                           {"audience", key.substr(dot + 1)},
                           {"source", t.path}});
        }
        *ctx.out << json_text(arr) << '\n';
        return 0;
    }
    size_t width = 0; // of the names, which are ASCII
    for (const auto& [key, t] : all)
        width = std::max(width, key.rfind('.'));
    std::string out;
    for (const auto& [key, t] : all) {
        auto dot = key.rfind('.');
        out += fmt::format("{:<{}}  {:<8}  {}\n", key.substr(0, dot), width, key.substr(dot + 1),
                           inert(t.path, Shape::line));
    }
    *ctx.out << out;
    return 0;
}

int show_template(const TemplatesOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx, Intent::read);
    std::optional<Audience> audience;
    if (!o.audience.empty()) {
        audience = parse_audience(o.audience);
        if (!audience)
            throw Error(Exit::usage,
                        fmt::format("--audience '{}': expected end-user or client", o.audience));
    }
    if (o.id.empty()) {
        std::string looked;
        auto t = find_template(desk.repo->workdir(), desk.store->root(), o.name,
                               audience.value_or(Audience::end_user), &looked);
        if (!t)
            throw Error(Exit::usage, fmt::format("no template '{}' (looked for {} and among hd's "
                                                 "built-in templates; hd templates lists them)",
                                                 o.name, looked));
        *ctx.out << inert(t->text, Shape::block);
        if (!t->text.ends_with('\n')) *ctx.out << '\n';
        return 0;
    }
    Ticket t = desk.store->load(desk.store->resolve(o.id));
    TicketState s = derive_state(t);
    if (audience) s.audience = *audience;
    Config config = desk.config();
    Timestamp now = ctx.clock();
    Composer composer(desk, config, resolve_identity(*desk.repo, ctx.env).author, now);
    // What the acting command would supply, shown as what it stands for.
    TemplateVars extra = followup_variables(s, now);
    extra.insert({{"explain", "(the --explain text)"},
                  {"duplicate_of", "(the --of ticket)"},
                  {"reference", "(the --to reference)"},
                  {"next_steps", "(the --next-steps text)"}});
    *ctx.out << inert(composer.render(o.name, t, s, "", extra), Shape::block) << '\n';
    return 0;
}

} // namespace

Runner add_templates(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<TemplatesOptions>();
    auto* cmd = app.add_subcommand(
        "templates", "List the reply templates in effect, or show one (rendered for a ticket)");
    cmd->add_flag("--json", o->json, "Print JSON: name, audience and source of each");
    auto* show = cmd->add_subcommand("show", "Print a template, or render it for ticket ID");
    show->add_option("name", o->name, "Template name, e.g. first-response")->required();
    show->add_option("id", o->id, "Render it for this ticket (as a reply would, no message)");
    show->add_option("--audience", o->audience, "end-user or client (default: the ticket's)")
        ->type_name("AUDIENCE");
    return [o, &ctx, show] {
        return show->parsed() ? show_template(*o, ctx) : list_templates(*o, ctx);
    };
}

} // namespace hd
