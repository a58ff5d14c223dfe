#include "cli/commands.hpp"

namespace hd {

namespace {

struct RestateOptions {
    std::string id, text;
};

int run_restate(const RestateOptions& o, Context& ctx) {
    require_one_line(o.text, "the restatement");
    Desk desk = open_desk(ctx);
    std::string id = desk.store->resolve(o.id);
    record_event(ctx, desk, id, "restate", [&](const Ticket&, const Person& agent, Timestamp now) {
        return Event{
            .kind = EventKind::restate, .at = now, .by = agent.display(), .summary = o.text};
    });
    return 0;
}

} // namespace

Runner add_restate(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<RestateOptions>();
    auto* cmd = app.add_subcommand(
        "restate", "Record your one-line restatement of the problem (the ticket's summary)");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix")->required();
    cmd->add_option("text", o->text, "The problem, in one line of your own words")->required();
    return [o, &ctx] { return run_restate(*o, ctx); };
}

} // namespace hd
