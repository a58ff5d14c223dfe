#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/filter.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct AssignOptions {
    std::vector<std::string> ids;
    std::string to;
    bool me = false;
    ChangeOutput output;
};

// Records an assign event on each ticket not already held by `assignee`
// ("" unassigns).
int record_assignee(Context& ctx, Desk& desk, const std::vector<std::string>& typed,
                    const std::optional<Person>& assignee, const ChangeOutput& output) {
    auto ids = resolve_ids(ctx, desk, typed);
    std::string commit;
    std::string_view action = assignee ? "assign" : "unassign";
    auto results = record_changes(
        ctx, desk, ids, action,
        [&](const Ticket&, const TicketState& s, const Person& agent, Timestamp now,
            std::string& skip) -> std::vector<Event> {
            if (!assignee && s.assignee.empty()) {
                skip = "not assigned to anyone";
                return {};
            }
            if (assignee && is_person(s.assignee, assignee->email)) {
                skip = fmt::format("already assigned to {}", s.assignee);
                return {};
            }
            return {Event{.kind = EventKind::assign,
                          .at = now,
                          .by = agent.display(),
                          .assignee = assignee ? assignee->display() : ""}};
        },
        output.dry_run, &commit);
    return print_changes(ctx, results, output, commit);
}

int run_assign(const AssignOptions& o, Context& ctx) {
    if (o.me == !o.to.empty()) throw Error(Exit::usage, "give --to \"Name <email>\" or --me");
    Desk desk = open_desk(ctx);
    std::optional<Person> who;
    if (o.me) {
        who = resolve_identity(*desk.repo, ctx.env).author;
    } else {
        who = parse_person(o.to);
        if (!who || !is_mail_address(who->email))
            throw Error(Exit::usage,
                        fmt::format("--to '{}': expected \"Name <email>\" or an address", o.to));
    }
    return record_assignee(ctx, desk, o.ids, who, o.output);
}

} // namespace

Runner add_assign(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<AssignOptions>();
    auto* cmd = app.add_subcommand("assign", "Give tickets to an agent (an assign event each)");
    add_ids_argument(cmd, o->ids);
    cmd->add_option("--to", o->to, "The agent, \"Name <email>\"")->type_name("WHO");
    cmd->add_flag("--me", o->me, "Assign them to me (git user.name and user.email)");
    cmd->get_option("--to")->excludes("--me");
    add_change_output(cmd, o->output);
    return [o, &ctx] { return run_assign(*o, ctx); };
}

Runner add_unassign(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<AssignOptions>();
    auto* cmd = app.add_subcommand("unassign", "Leave tickets to nobody (an assign event each)");
    add_ids_argument(cmd, o->ids);
    add_change_output(cmd, o->output);
    return [o, &ctx] {
        Desk desk = open_desk(ctx);
        return record_assignee(ctx, desk, o->ids, std::nullopt, o->output);
    };
}

} // namespace hd
