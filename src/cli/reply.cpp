#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/lint.hpp"
#include "core/reply_vars.hpp"
#include "core/state.hpp"
#include "core/toml_text.hpp"
#include "service/compose.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct ReplyOptions {
    std::string id, template_name;
    BodyOptions body;
    bool ask = false, dry_run = false, no_lint = false, strict = false, backfill = false;
    MailFlags mail;
};

// The template a reply uses unless told: the first reply says the problem
// back through first-response; a later question goes through clarify.
std::string choose_template(const ReplyOptions& o, bool first_response) {
    if (o.template_name == "none") return "";
    if (!o.template_name.empty()) return o.template_name;
    if (first_response) return "first-response";
    return o.ask ? "clarify" : "";
}

int run_reply(const ReplyOptions& o, Context& ctx) {
    ctx.backfill = o.backfill;
    Desk desk = open_desk(ctx);
    std::string id = desk.store->resolve(o.id);
    Ticket t = desk.store->load(id);
    TicketState s = derive_state(t);
    if (s.status == Status::closed)
        throw Error(Exit::refused,
                    fmt::format("{} is closed; when the requester writes back, record it with "
                                "hd receive, which reopens it",
                                id));
    Config config = desk.config();
    Mailer mailer(ctx, desk, config,
                  mail_mode(config, o.mail.send, o.mail.no_send, o.mail.print, o.dry_run));
    Identity who = resolve_identity(*desk.repo, ctx.env);
    bool first = s.public_replies == 0;
    std::string name = choose_template(o, first);
    for (std::string_view action : {"followup-", "close-", "escalate"})
        if (name.starts_with(action))
            throw Error(Exit::usage,
                        fmt::format("--template {}: that template belongs to hd {}, which also "
                                    "records what it does",
                                    name, action.substr(0, action.find('-'))));

    Composer composer(desk, config, who.author, ctx.clock());
    TemplateVars extra;
    if (o.ask) extra["ask"] = "yes";
    auto render = [&](const std::string& message) {
        return composer.render(name, t, s, message, extra);
    };
    bool templated = !name.empty();
    if (templated) render(""); // fail on a missing or broken template before anything else

    std::string body;
    if (o.ask && !body_given(o.body) && !(ctx.stdin_tty && ctx.stdout_tty))
        throw Error(Exit::usage, "--ask needs the question itself: -m TEXT, -F FILE or -");
    if (body_given(o.body)) {
        std::string message = require_body(read_body(ctx, o.body, ""), "the reply");
        body = templated ? render(message) : message;
    } else if (ctx.stdin_tty && ctx.stdout_tty) {
        body = require_body(read_body(ctx, o.body, "Your reply; it is sent to the requester.",
                                      templated ? render("") : ""),
                            "the reply");
    } else if (templated) {
        body = render("");
    } else {
        throw Error(
            Exit::usage,
            "the reply needs text: -m TEXT, -F FILE, - (standard input) or --template NAME");
    }

    if (!o.no_lint) {
        // The reply as the requester will read it: the template's greeting
        // and signature count, and so does the name they are greeted by.
        auto findings = lint_reply(LintInput{body, greeting_name(t, s), who.author.name,
                                             composer.signature(t, s), s.summary, first});
        for (const auto& f : findings)
            *ctx.err << fmt::format("hd: lint: {} [{}]\n", inert(f.message, Shape::line), f.rule);
        if (o.strict && !findings.empty())
            throw Error(Exit::refused,
                        fmt::format("{} lint finding(s) and --strict: nothing was recorded",
                                    findings.size()));
    }

    std::vector<std::pair<std::string, std::string>> trailers;
    if (!name.empty()) trailers.emplace_back("Hd-Template", name);
    if (o.ask) trailers.emplace_back("Hd-Ask", "yes");
    auto make = [&](const Ticket& current, const Person& agent, Timestamp now) {
        Event e{
            .kind = EventKind::reply, .at = now, .by = agent.display(), .body = body, .ask = o.ask};
        mailer.deliver(current, e);
        return e;
    };
    if (o.dry_run) {
        *ctx.out << inert(body, Shape::block)
                 << "\n\n--- hd would commit (nothing was written) ---\n"
                 << inert(commit_message("reply", t, trailers), Shape::block);
        if (mailer.mode() == Mailer::Mode::preview) make(t, who.author, ctx.clock());
        return 0;
    }
    record_event(ctx, desk, id, "reply", make, trailers);
    mailer.recorded();
    return 0;
}

} // namespace

Runner add_reply(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReplyOptions>();
    auto* cmd = app.add_subcommand("reply", "Record a public reply to the requester");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix")->required();
    add_body_options(cmd, o->body);
    cmd->add_option("dash", o->body.dash, "- to read the reply from standard input");
    cmd->add_option("--template", o->template_name,
                    "Reply through this template (none: send the text as it is)")
        ->type_name("NAME");
    cmd->add_flag("--ask", o->ask, "This reply is a clarifying question (waits on the requester)");
    cmd->add_flag("--dry-run", o->dry_run, "Print the reply and the commit; write nothing");
    cmd->add_flag("--no-lint", o->no_lint, "Skip the reply checks");
    cmd->add_flag("--strict", o->strict, "Refuse the reply (exit 6) if a check finds anything");
    cmd->get_option("--no-lint")->excludes("--strict");
    add_mail_flags(cmd, o->mail);
    add_backfill_flag(cmd, o->backfill);
    return [o, &ctx] { return run_reply(*o, ctx); };
}

} // namespace hd
