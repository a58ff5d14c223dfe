#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/toml_text.hpp"
#include "service/compose.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct EscalateOptions {
    std::string id, to, next_steps;
    bool dry_run = false;
    BodyOptions body;
    MailFlags mail;
};

int run_escalate(const EscalateOptions& o, Context& ctx) {
    require_one_line(o.to, "--to");
    if (o.next_steps.find_first_not_of(" \t\n") == std::string::npos)
        throw Error(Exit::usage, "--next-steps must say what happens next for the requester");
    require_utf8(o.next_steps, "--next-steps");
    Desk desk = open_desk(ctx);
    std::string id = desk.store->resolve(o.id);
    Config config = desk.config();
    Mailer mailer(ctx, desk, config,
                  mail_mode(config, o.mail.send, o.mail.no_send, o.mail.print, o.dry_run));
    std::string message = body_given(o.body) ? *read_body(ctx, o.body, "") : "";
    Identity who = resolve_identity(*desk.repo, ctx.env);
    Composer composer(desk, config, who.author, ctx.clock());

    std::string commit;
    auto results = record_events(
        ctx, desk, {id}, "escalate",
        [&](const Ticket& t, const TicketState& s, const Person& agent, Timestamp now,
            std::string&) -> std::optional<Event> {
            if (s.status == Status::closed)
                throw Error(Exit::refused,
                            fmt::format("{} is closed; reopen it first (hd reopen)", t.id));
            Event e{.kind = EventKind::escalate, .at = now, .by = agent.display()};
            e.to = o.to;
            e.next_steps = trim_body(o.next_steps);
            e.body = composer.render("escalate", t, s, message,
                                     {{"reference", o.to}, {"next_steps", e.next_steps}});
            mailer.deliver(t, e);
            return e;
        },
        o.dry_run, &commit, {{"Hd-Escalated-To", o.to}});
    mailer.recorded();
    if (o.dry_run)
        *ctx.out << inert(results.front().event->body, Shape::block)
                 << "\n\n--- hd would commit (nothing was written) ---\n"
                 << inert(commit, Shape::block);
    return 0;
}

} // namespace

Runner add_escalate(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<EscalateOptions>();
    auto* cmd = app.add_subcommand(
        "escalate", "Hand a ticket to engineering and tell the requester the next steps");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix")->required();
    cmd->add_option("--to", o->to, "The engineering reference: issue key or URL")
        ->required()
        ->type_name("REF");
    cmd->add_option("--next-steps", o->next_steps, "What happens next, as told to the requester")
        ->required()
        ->type_name("TEXT");
    cmd->add_flag("--dry-run", o->dry_run, "Print the message and the commit; write nothing");
    cmd->add_option("-m,--message", o->body.messages, "Add this text to the message")
        ->allow_extra_args(false);
    add_mail_flags(cmd, o->mail);
    return [o, &ctx] { return run_escalate(*o, ctx); };
}

} // namespace hd
