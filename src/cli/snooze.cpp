#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/local_time.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct SnoozeOptions {
    std::vector<std::string> ids;
    std::string until, reason;
    bool clear = false;
    ChangeOutput output;
};

int run_snooze(const SnoozeOptions& o, Context& ctx) {
    if (o.clear == !o.until.empty())
        throw Error(Exit::usage, "give --until TIME (put on hold) or --clear (end the hold)");
    if (!o.reason.empty()) require_utf8(o.reason, "--reason");
    Desk desk = open_desk(ctx);
    Config config = desk.config();
    Timestamp now = ctx.clock();
    // Read once before any ticket, so a bad time is a usage error up front;
    // a date is read again in each ticket's own calendar.
    auto until_for = [&](Priority p) {
        std::string why;
        auto t = parse_when(o.until, now, config.sla.calendar_for(p).zone, &why);
        if (!t) throw Error(Exit::usage, fmt::format("--until '{}': {}", o.until, why));
        if (!(now < *t))
            throw Error(Exit::usage,
                        fmt::format("--until '{}' is not after now ({}); --clear ends a hold",
                                    o.until, format_rfc3339(now)));
        return *t;
    };
    if (!o.clear) until_for(Priority::normal);
    auto ids = resolve_ids(ctx, desk, o.ids);
    std::string commit;
    auto results = record_changes(
        ctx, desk, ids, o.clear ? "unsnooze" : "snooze",
        [&](const Ticket& t, const TicketState& s, const Person& agent, Timestamp at,
            std::string& skip) -> std::vector<Event> {
            if (s.status == Status::closed)
                throw Error(Exit::refused, fmt::format("{} is closed; a closed ticket has nothing "
                                                       "to wait for",
                                                       t.id));
            if (o.clear) {
                if (!(at < s.hold_until)) {
                    skip = "not on hold";
                    return {};
                }
                return {Event{.kind = EventKind::snooze,
                              .at = at,
                              .by = agent.display(),
                              .reason = o.reason,
                              .until = at}};
            }
            if (s.public_replies == 0)
                throw Error(Exit::refused,
                            fmt::format("{} has not been answered yet; the first response does not "
                                        "wait (hd reply {} first, then put it on hold)",
                                        t.id, t.id));
            Timestamp until = until_for(s.priority);
            return {Event{.kind = EventKind::snooze,
                          .at = at,
                          .by = agent.display(),
                          .reason = o.reason,
                          .until = until}};
        },
        o.output.dry_run, &commit);
    return print_changes(ctx, results, o.output, commit);
}

} // namespace

Runner add_snooze(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SnoozeOptions>();
    auto* cmd = app.add_subcommand(
        "snooze", "Put tickets on hold until a time (no follow-ups; resolution clock paused)");
    add_ids_argument(cmd, o->ids);
    cmd->add_option("--until", o->until,
                    "RFC 3339 time, a date (YYYY-MM-DD) or a span from now (4h, 3d, 2w)")
        ->type_name("TIME");
    cmd->add_option("--reason", o->reason, "What the ticket waits for (kept in the file)")
        ->type_name("TEXT");
    cmd->add_flag("--clear", o->clear, "End the hold now");
    cmd->get_option("--clear")->excludes("--until");
    add_change_output(cmd, o->output);
    return [o, &ctx] { return run_snooze(*o, ctx); };
}

} // namespace hd
