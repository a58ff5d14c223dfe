#include "core/followup.hpp"
#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "render/json.hpp"
#include "service/compose.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hd {

namespace {

struct FollowupOptions {
    std::vector<std::string> ids;
    bool due = false, dry_run = false, json = false, now = false, each = false;
    BodyOptions body;
    SyncStep sync;
    MailFlags mail;
};

std::string date_of(const Timestamp& t) {
    return format_rfc3339(t).substr(0, 10);
}

// The tickets whose next follow-up (1 or 2) has fallen due, oldest first.
std::vector<std::pair<TicketRow, NextStep>> due_now(const RowSet& set, const Config& config,
                                                    Timestamp now) {
    std::vector<std::pair<TicketRow, NextStep>> out;
    for (const TicketRow& r : set.rows)
        if (auto step = next_followup(r, config.followup); step && step->due <= now)
            out.emplace_back(r, *step);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.second.due < b.second.due; });
    return out;
}

int list_due(const FollowupOptions& o, Context& ctx, Desk& desk, const Config& config) {
    Timestamp now = ctx.clock();
    auto set =
        desk.store->load_rows([](const TicketRow& r) { return r.status == Status::waiting; });
    auto due = due_now(*set, config, now);
    if (o.json) {
        auto arr = nlohmann::ordered_json::array();
        for (const auto& [r, step] : due) {
            nlohmann::ordered_json j;
            j["id"] = r.id;
            j["title"] = r.title;
            j["requester"] = {{"name", r.requester_name}, {"email", r.requester_email}};
            j["next"] = step.followup <= 2 ? nlohmann::ordered_json(step.followup)
                                           : nlohmann::ordered_json("close");
            j["due"] = format_rfc3339(step.due);
            j["quiet_since"] = format_rfc3339(r.last_agent_public);
            j["followups"] = r.followups;
            arr.push_back(j);
        }
        *ctx.out << json_text(arr) << '\n';
    } else {
        for (const auto& [r, step] : due) {
            std::string next = step.followup <= 2 ? fmt::format("follow-up {}", step.followup)
                                                  : "close (hd close --stale)";
            *ctx.out << fmt::format("{}  {:<24}  quiet since {}  {}\n", r.id, next,
                                    date_of(r.last_agent_public), inert(r.title, Shape::line));
        }
    }
    *ctx.err << broken_warnings(set->broken);
    return set->broken.empty() ? 0 : static_cast<int>(Exit::invalid);
}

int run_followup(FollowupOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx);
    Config config = desk.config();
    if (o.ids.empty() && !o.due) {
        if (body_given(o.body)) throw Error(Exit::usage, "-m goes with IDs or --due");
        if (o.sync.enabled) throw Error(Exit::usage, "--sync goes with IDs or --due");
        if (o.now) throw Error(Exit::usage, "--now goes with IDs: the tickets to follow up now");
        return list_due(o, ctx, desk, config);
    }
    if (!o.ids.empty() && o.due) throw Error(Exit::usage, "give IDs or --due, not both");
    sync_before(ctx, desk, o.sync, o.dry_run);

    std::vector<std::string> ids;
    std::vector<BrokenTicket> broken; // reported after the rest is done
    if (o.due) {
        auto set =
            desk.store->load_rows([](const TicketRow& r) { return r.status == Status::waiting; });
        for (const auto& [r, step] : due_now(*set, config, ctx.clock()))
            if (step.followup <= 2) ids.emplace_back(r.id);
        broken = std::move(set->broken);
    } else {
        ids = resolve_ids(ctx, desk, o.ids);
    }
    if (body_given(o.body) && (o.due || ids.size() > 1) && !o.each)
        throw Error(Exit::usage,
                    fmt::format("-m goes into every follow-up sent ({}); to send the same text to "
                                "all of them, add --each",
                                o.due ? "--due" : fmt::format("{} tickets", ids.size())));
    std::string message = body_given(o.body) ? *read_body(ctx, o.body, "") : "";
    Identity who = resolve_identity(*desk.repo, ctx.env);
    Mailer mailer(ctx, desk, config,
                  mail_mode(config, o.mail.send, o.mail.no_send, o.mail.print, o.dry_run));

    std::string commit;
    auto results = record_events(
        ctx, desk, ids, "followup",
        [&](const Ticket& t, const TicketState& s, const Person& agent, Timestamp now,
            std::string& skip) -> std::optional<Event> {
            if (s.waiting_on != WaitingOn::requester || s.status != Status::waiting) {
                skip = fmt::format("not waiting on the requester (it is {})", to_string(s.status));
                return std::nullopt;
            }
            if (s.followups < 2 && !o.now) {
                // The cadence holds for named tickets too; with --due another
                // run may have followed up since the list was made.
                RowText text;
                auto step = next_followup(make_row(t, s, text), config.followup);
                if (step && step->due > now) {
                    skip = o.due ? "no longer due (followed up or answered since it was listed)"
                                 : fmt::format("not due until {}{}; --now sends it anyway",
                                               format_rfc3339(step->due),
                                               now < s.hold_until ? " (on hold)" : "");
                    return std::nullopt;
                }
            }
            if (s.followups >= 2) {
                skip = fmt::format("followed up twice already; close it with hd close {} "
                                   "--resolution no-response --explain TEXT",
                                   t.id);
                return std::nullopt;
            }
            int n = s.followups + 1;
            // Signed by whoever owns the ticket; the commit stays the runner's.
            Person from = assignee_or(s, agent);
            Composer composer(desk, config, from, now);
            std::string body = composer.render(fmt::format("followup-{}", n), t, s, message,
                                               followup_variables(s, now));
            Event e{.kind = EventKind::followup,
                    .at = now,
                    .by = from.display(),
                    .body = body,
                    .followup = n};
            // A failed mail skips this ticket only; the next run tries it again.
            if (!mailer.deliver_or_skip(t, e, skip)) return std::nullopt;
            return e;
        },
        o.dry_run, &commit);
    mailer.recorded();

    if (o.json) {
        auto arr = nlohmann::ordered_json::array();
        for (const auto& r : results) {
            nlohmann::ordered_json j;
            j["id"] = r.id;
            j["followup"] = r.event ? nlohmann::ordered_json(r.event->followup) : nullptr;
            j["skipped"] = r.skipped.empty() ? nlohmann::ordered_json(nullptr)
                                             : nlohmann::ordered_json(r.skipped);
            if (o.dry_run && r.event) j["body"] = r.event->body;
            arr.push_back(j);
        }
        *ctx.out << json_text(arr) << '\n';
    } else {
        for (const auto& r : results) {
            if (!r.event) {
                *ctx.err << fmt::format("hd: skipped {}: {}\n", r.id, r.skipped);
                continue;
            }
            *ctx.out << fmt::format("{}  follow-up {} {}\n", r.id, r.event->followup,
                                    o.dry_run ? "would be sent" : "sent");
            if (o.dry_run) *ctx.out << '\n' << inert(r.event->body, Shape::block) << "\n\n";
        }
        if (o.dry_run && !commit.empty())
            *ctx.out << "--- hd would commit (nothing was written) ---\n"
                     << inert(commit, Shape::block);
    }
    sync_after(ctx, desk, o.sync);
    *ctx.err << broken_warnings(broken);
    if (mailer.failed()) return static_cast<int>(Exit::external);
    return broken.empty() ? 0 : static_cast<int>(Exit::invalid);
}

} // namespace

Runner add_followup(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<FollowupOptions>();
    auto* cmd = app.add_subcommand(
        "followup", "List tickets due a follow-up, or send the next follow-up on some or all");
    cmd->add_option("ids", o->ids, "Ticket IDs or prefixes; - reads them from standard input");
    cmd->add_flag("--due", o->due, "Follow up every ticket due now");
    cmd->add_flag("--dry-run", o->dry_run, "Print what would be sent; write nothing");
    cmd->add_flag("--json", o->json, "Print JSON");
    cmd->add_flag("--now", o->now, "Send to the named tickets even when not due yet");
    cmd->add_option("-m,--message", o->body.messages, "Add this text to the follow-up")
        ->allow_extra_args(false);
    cmd->add_flag("--each", o->each, "With several tickets: -m goes into every follow-up");
    cmd->get_option("--now")->excludes("--due");
    add_sync_step(cmd, o->sync);
    add_mail_flags(cmd, o->mail);
    return [o, &ctx] { return run_followup(*o, ctx); };
}

} // namespace hd
