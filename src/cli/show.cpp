#include "cli/commands.hpp"
#include "core/state.hpp"
#include "render/json.hpp"
#include "render/text.hpp"

namespace hd {

namespace {

struct ShowOptions {
    std::string id;
    bool json = false;
};

int run_show(const ShowOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx, Intent::read);
    Ticket t = desk.store->load(desk.store->resolve(o.id));
    TicketState s = derive_state(t);
    if (o.json)
        *ctx.out << json_text(ticket_full_json(t, s, ctx.clock())) << '\n';
    else
        *ctx.out << render_ticket_text(t, s, ctx.clock(), ctx.color());
    return 0;
}

} // namespace

Runner add_show(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ShowOptions>();
    auto* cmd = app.add_subcommand("show", "Show a ticket: its state and the whole conversation");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix")->required();
    cmd->add_flag("--json", o->json, "Print JSON (fields in hd-show(1))");
    return [o, &ctx] { return run_show(*o, ctx); };
}

} // namespace hd
