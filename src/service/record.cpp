#include "service/record.hpp"

#include "core/error.hpp"
#include "core/event_order.hpp"
#include "core/ids.hpp"
#include "core/toml_text.hpp"
#include "store/fast_ticket_parse.hpp"
#include "store/transaction.hpp"

#include <deque>
#include <fmt/format.h>
#include <ostream>

namespace hd {

namespace {

void write_files(Transaction& tx, const std::vector<FileWrite>& files) {
    for (const auto& f : files) {
        if (!tx.is_free(f.path)) {
            if (tx.read_clean(f.path) == f.content) continue;
            throw Error(Exit::repo, fmt::format("{} exists already with other content; move it "
                                                "aside, then try again",
                                                f.path));
        }
        tx.write(f.path, f.content);
    }
}

} // namespace

void record_event(Context& ctx, Desk& desk, const std::string& id, std::string_view action,
                  const EventMaker& make, const Trailers& trailers,
                  const std::vector<FileWrite>& files) {
    record_events(
        ctx, desk, {id}, action,
        [&](const Ticket& t, const TicketState&, const Person& agent, Timestamp now,
            std::string&) -> std::optional<Event> { return make(t, agent, now); },
        false, nullptr, trailers, files);
}

std::vector<BulkResult> record_events(Context& ctx, Desk& desk, const std::vector<std::string>& ids,
                                      std::string_view action, const BulkMaker& make, bool dry_run,
                                      std::string* message_out, const Trailers& trailers,
                                      const std::vector<FileWrite>& files) {
    auto changes = record_changes(
        ctx, desk, ids, action,
        [&](const Ticket& t, const TicketState& s, const Person& agent, Timestamp now,
            std::string& skip) {
            std::vector<Event> out;
            if (auto e = make(t, s, agent, now, skip)) out.push_back(std::move(*e));
            return out;
        },
        dry_run, message_out, trailers, files);
    std::vector<BulkResult> results;
    for (auto& c : changes)
        results.push_back(
            {std::move(c.id),
             c.events.empty() ? std::nullopt : std::optional<Event>(std::move(c.events.front())),
             std::move(c.skipped)});
    return results;
}

namespace {

// The time a new event of `t` is stamped with. A clock behind the ticket's
// latest event is another clone's skew when it is the system's, and stamps
// no earlier than that; a time someone gave (HD_NOW) is taken at its word,
// so it is refused unless the event is a backfill.
Timestamp stamp_for(const Context& ctx, const Ticket& t, Timestamp now) {
    if (ctx.backfill) return now;
    if (auto latest = breaks_order(t, now); latest && ctx.env("HD_NOW"))
        throw Error(Exit::usage,
                    fmt::format("{}: HD_NOW ({}) is earlier than the ticket's latest event ({}); "
                                "events are kept in time order (--backfill records an earlier "
                                "event in its place)",
                                t.id, format_rfc3339(now), format_rfc3339(*latest)));
    return stamp_after(t, now);
}

} // namespace

std::vector<ChangeResult> record_changes(Context& ctx, Desk& desk,
                                         const std::vector<std::string>& ids,
                                         std::string_view action, const ChangeMaker& make,
                                         bool dry_run, std::string* message_out,
                                         const Trailers& trailers,
                                         const std::vector<FileWrite>& files) {
    Transaction tx(*desk.repo, ctx.env, ctx.clock,
                   dry_run ? Transaction::Mode::dry_run : Transaction::Mode::write);
    if (tx.pending())
        *ctx.err << "hd: an interrupted hd action is not finished; this dry run leaves it alone "
                    "('hd recover' finishes it)\n";
    if (!tx.notice().empty()) *ctx.err << "hd: " << tx.notice() << '\n';
    Identity who = resolve_identity(*desk.repo, ctx.env);
    std::vector<ChangeResult> results;
    std::vector<const Ticket*> touched;
    std::deque<Ticket> tickets;
    for (const auto& id : ids) {
        std::string path = desk.store->path_of(id);
        std::string text = tx.read_clean(path);
        // The fast reader where it can (a bulk action reads a thousand
        // tickets), the full parser for the rest and for every error.
        const Ticket& t = tickets.emplace_back(read_ticket(text, path));
        ChangeResult r{id, {}, ""};
        r.events = make(t, derive_state(t), who.author, stamp_for(ctx, t, tx.now()), r.skipped);
        if (!r.events.empty()) {
            const Ticket* current = &t; // as it is before each event goes in
            Ticket reread;
            std::string updated = text;
            for (const Event& e : r.events) {
                if (auto latest = breaks_order(*current, e.at); latest && !ctx.backfill)
                    throw Error(Exit::usage,
                                fmt::format("{}: {} is earlier than the ticket's latest event "
                                            "({}); events are kept in time order (--backfill "
                                            "records an earlier event in its place)",
                                            id, format_rfc3339(e.at), format_rfc3339(*latest)));
                updated = insert_event(std::move(updated), *current, e);
                // Never commit a file hd itself cannot read back.
                reread = read_ticket(updated, path);
                current = &reread;
            }
            tx.write(path, updated);
            // Named in the commit as it is after the change (a new title, say).
            touched.push_back(&tickets.emplace_back(std::move(reread)));
        }
        results.push_back(std::move(r));
    }
    std::string message;
    if (touched.size() == 1) {
        message = commit_message(action, *touched.front(), trailers);
    } else if (!touched.empty()) {
        std::vector<std::string> touched_ids;
        for (const Ticket* t : touched)
            touched_ids.push_back(t->id);
        message = bulk_commit_message(action, touched_ids, trailers);
    }
    if (message_out) *message_out = message;
    if (!touched.empty()) write_files(tx, files);
    if (!touched.empty() && !dry_run) tx.commit(message, who);
    return results;
}

std::string create_ticket(Context& ctx, Desk& desk, Ticket t, const FilesFor& with_files,
                          const Trailers& trailers) {
    Transaction tx(*desk.repo, ctx.env, ctx.clock);
    if (!tx.notice().empty()) *ctx.err << "hd: " << tx.notice() << '\n';
    Identity who = resolve_identity(*desk.repo, ctx.env);
    t.created = tx.now();
    // IDs are random; on the rare clash with an existing ticket, draw again.
    for (int attempt = 0;; ++attempt) {
        t.id = make_id(ctx.random());
        if (tx.is_free(desk.store->path_of(t.id))) break;
        if (attempt > 100) throw Error(Exit::repo, "could not find a free ticket id");
    }
    std::vector<FileWrite> files;
    if (with_files) files = with_files(t);
    std::string text = fmt::format("# Ticket {}. Edit freely: hd appends events below and never "
                                   "rewrites what is here.\n",
                                   t.id) +
                       render_ticket_header(t);
    tx.write(desk.store->path_of(t.id), text);
    write_files(tx, files);
    tx.commit(commit_message("new", t, trailers), who);
    return t.id;
}

std::string recover_interrupted(Context& ctx, Desk& desk) {
    Transaction tx(*desk.repo, ctx.env, ctx.clock);
    return tx.recovered();
}

} // namespace hd
