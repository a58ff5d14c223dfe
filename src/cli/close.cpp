#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/followup.hpp"
#include "core/toml_text.hpp"
#include "service/compose.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct CloseOptions {
    std::string id;
    CloseRequest req;
    bool stale = false, dry_run = false;
    BodyOptions body;
    SyncStep sync;
    MailFlags mail;
};

int run_close(CloseOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx);
    Config config = desk.config();
    CloseRequest req = o.req;
    // Blank text would be trimmed away on reading: it explains nothing.
    req.explain = trim_body(req.explain);
    req.reason = trim_body(req.reason);
    if (!o.req.explain.empty() && req.explain.empty())
        throw Error(Exit::usage, "--explain is blank: say why and what is done instead");
    if (req.force != !req.reason.empty())
        throw Error(Exit::usage,
                    "--force and --reason go together: say why the rule is overridden");
    if (!req.of.empty() && req.resolution != "duplicate")
        throw Error(Exit::usage, "--of goes with --resolution duplicate");
    std::vector<std::string> ids;
    std::vector<BrokenTicket> broken; // reported after the rest is done
    if (o.stale) {
        if (!o.id.empty()) throw Error(Exit::usage, "give an ID or --stale, not both");
        if (!req.resolution.empty() && req.resolution != "no-response")
            throw Error(Exit::usage, "--stale closes as no-response");
        if (req.force)
            throw Error(Exit::usage, "--stale closes only tickets the rules allow; no --force");
        req.resolution = "no-response";
        if (req.explain.empty()) req.explain = config.stale_explain;
        sync_before(ctx, desk, o.sync, o.dry_run);
        Timestamp now = ctx.clock();
        auto set = desk.store->load_rows([&](const TicketRow& r) {
            auto step = next_followup(r, config.followup);
            return step && step->followup == 3 && step->due <= now;
        });
        for (const auto& r : set->rows)
            ids.emplace_back(r.id);
        broken = std::move(set->broken);
    } else {
        if (o.id.empty()) throw Error(Exit::usage, "which ticket? give its ID (or --stale)");
        if (o.sync.enabled) throw Error(Exit::usage, "--sync goes with --stale");
        if (req.resolution.empty()) throw Error(Exit::usage, "--resolution KIND is required");
        ids.push_back(desk.store->resolve(o.id));
        if (!req.of.empty()) {
            req.of = desk.store->resolve(req.of);
            if (req.of == ids.front())
                throw Error(Exit::usage, "--of names the ticket being closed");
        }
    }
    if (!req.explain.empty()) require_utf8(req.explain, "--explain");
    if (!req.reason.empty()) require_utf8(req.reason, "--reason");
    std::string message = body_given(o.body) ? *read_body(ctx, o.body, "") : "";
    Mailer mailer(ctx, desk, config,
                  mail_mode(config, o.mail.send, o.mail.no_send, o.mail.print, o.dry_run));

    std::string commit, overridden;
    auto results = record_events(
        ctx, desk, ids, "close",
        [&](const Ticket& t, const TicketState& s, const Person& agent, Timestamp now,
            std::string& skip) -> std::optional<Event> {
            RowText text;
            TicketRow row = make_row(t, s, text);
            if (o.stale) {
                // Another run, or the requester, may have moved it on since it was listed.
                auto step = next_followup(row, config.followup);
                if (!step || step->followup != 3 || step->due > now) {
                    skip = "no longer stale (it moved on since it was listed)";
                    return std::nullopt;
                }
            }
            try {
                overridden = check_close(row, req);
            } catch (const Error& e) {
                if (!o.stale) throw;
                skip = e.what(); // the ticket moved on since it was listed
                return std::nullopt;
            }
            // A bulk close speaks for the ticket's owner; the commit stays the runner's.
            Person from = o.stale ? assignee_or(s, agent) : agent;
            Composer composer(desk, config, from, now);
            Event e{.kind = EventKind::close, .at = now, .by = from.display()};
            e.resolution = req.resolution;
            e.explain = req.explain;
            e.of = req.of;
            e.force = req.force;
            e.reason = req.reason;
            if (close_replies(req.resolution))
                e.body = composer.render("close-" + req.resolution, t, s, message,
                                         {{"explain", req.explain}, {"duplicate_of", req.of}});
            // One failed mail stops a single close; a bulk close goes on with
            // the others and records none of this one.
            if (e.body.empty()) return e;
            if (!o.stale) {
                mailer.deliver(t, e);
                return e;
            }
            if (!mailer.deliver_or_skip(t, e, skip)) return std::nullopt;
            return e;
        },
        o.dry_run, &commit,
        [&] {
            std::vector<std::pair<std::string, std::string>> t{{"Hd-Resolution", req.resolution}};
            if (req.force) t.emplace_back("Hd-Override", req.reason);
            return t;
        }());

    mailer.recorded();
    for (const auto& r : results) {
        if (!r.event) {
            *ctx.err << fmt::format("hd: skipped {}: {}\n", r.id, r.skipped);
            continue;
        }
        *ctx.out << fmt::format("{}  closed as {}{}\n", r.id, req.resolution,
                                o.dry_run ? " (dry run)" : "");
        if (o.dry_run && !r.event->body.empty())
            *ctx.out << '\n' << inert(r.event->body, Shape::block) << "\n\n";
    }
    if (req.force && !overridden.empty())
        *ctx.err << fmt::format("hd: overrode: {} (reason recorded: {})\n", overridden, req.reason);
    if (o.dry_run && !commit.empty())
        *ctx.out << "--- hd would commit (nothing was written) ---\n"
                 << inert(commit, Shape::block);
    sync_after(ctx, desk, o.sync);
    *ctx.err << broken_warnings(broken);
    if (mailer.failed()) return static_cast<int>(Exit::external);
    return broken.empty() ? 0 : static_cast<int>(Exit::invalid);
}

} // namespace

Runner add_close(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<CloseOptions>();
    auto* cmd = app.add_subcommand("close", "Close a ticket with a resolution, or every stale one");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix");
    cmd->add_option("-r,--resolution", o->req.resolution,
                    "solved, workaround, wont-fix, duplicate, no-response, spam, unsubscribe")
        ->type_name("KIND");
    cmd->add_option("--explain", o->req.explain,
                    "Why it is not simply solved and what is done instead")
        ->type_name("TEXT");
    cmd->add_option("--of", o->req.of, "With duplicate: the ticket it repeats")->type_name("ID");
    cmd->add_flag("--force", o->req.force, "Override a rule of the practice (needs --reason)");
    cmd->add_option("--reason", o->req.reason, "Why the rule is overridden (recorded)")
        ->type_name("TEXT");
    cmd->add_flag("--stale", o->stale,
                  "Close every ticket whose second follow-up went unanswered, as no-response");
    cmd->add_flag("--dry-run", o->dry_run, "Print what would happen; write nothing");
    cmd->add_option("-m,--message", o->body.messages, "Add this text to the closing reply")
        ->allow_extra_args(false);
    add_sync_step(cmd, o->sync);
    add_mail_flags(cmd, o->mail);
    return [o, &ctx] { return run_close(*o, ctx); };
}

} // namespace hd
