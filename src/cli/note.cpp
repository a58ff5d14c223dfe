#include "cli/commands.hpp"

namespace hd {

namespace {

struct NoteOptions {
    std::string id;
    BodyOptions body;
    bool backfill = false;
};

int run_note(const NoteOptions& o, Context& ctx) {
    ctx.backfill = o.backfill;
    Desk desk = open_desk(ctx);
    std::string id = desk.store->resolve(o.id);
    std::string body = require_body(
        read_body(ctx, o.body, "An internal note: never sent, never a response."), "the note");
    record_event(ctx, desk, id, "note", [&](const Ticket&, const Person& agent, Timestamp now) {
        return Event{.kind = EventKind::note, .at = now, .by = agent.display(), .body = body};
    });
    return 0;
}

} // namespace

Runner add_note(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<NoteOptions>();
    auto* cmd = app.add_subcommand("note", "Add an internal note (never sent, never a response)");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix")->required();
    add_body_options(cmd, o->body);
    cmd->add_option("dash", o->body.dash, "- to read the note from standard input");
    add_backfill_flag(cmd, o->backfill);
    return [o, &ctx] { return run_note(*o, ctx); };
}

} // namespace hd
