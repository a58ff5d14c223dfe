#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/ticket_parse.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct NoteOptions {
    std::string id;
    BodyOptions body;
};

int run_note(const NoteOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx);
    std::string id = desk.store->resolve(o.id);
    auto body = read_body(ctx, o.body, "An internal note: never sent, never a response.");
    if (!body)
        throw Error(Exit::usage, "the note needs text: -m TEXT, -F FILE or - (standard input)");
    if (body->empty()) throw Error(Exit::usage, "the note is empty; nothing was recorded");

    Timestamp now = ctx.clock();
    Transaction tx(*desk.repo, ctx.env, now);
    Identity who = resolve_identity(*desk.repo, ctx.env);
    std::string path = desk.store->path_of(id);
    std::string text = tx.read_clean(path);
    Ticket t = parse_ticket(text, path);

    Event e;
    e.kind = EventKind::note;
    e.at = now;
    e.by = who.author.display();
    e.body = *body;
    std::string updated = append_event(text, e);
    parse_ticket(updated, path); // never commit a file hd itself cannot read back
    tx.write(path, updated);
    tx.commit(commit_message("note", t), who);
    return 0;
}

} // namespace

Runner add_note(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<NoteOptions>();
    auto* cmd = app.add_subcommand("note", "Add an internal note (never sent, never a response)");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix")->required();
    add_body_options(cmd, o->body);
    cmd->add_option("dash", o->body.dash, "- to read the note from standard input");
    return [o, &ctx] { return run_note(*o, ctx); };
}

} // namespace hd
