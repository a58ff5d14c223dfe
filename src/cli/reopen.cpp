#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/state.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct ReopenOptions {
    std::string id;
    BodyOptions body;
};

int run_reopen(const ReopenOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx);
    std::string id = desk.store->resolve(o.id);
    std::string why = body_given(o.body) ? *read_body(ctx, o.body, "") : "";
    record_events(
        ctx, desk, {id}, "reopen",
        [&](const Ticket& t, const TicketState& s, const Person& agent, Timestamp now,
            std::string&) -> std::optional<Event> {
            if (s.status != Status::closed)
                throw Error(Exit::refused,
                            fmt::format("{} is not closed (it is {})", t.id, to_string(s.status)));
            return Event{.kind = EventKind::reopen, .at = now, .by = agent.display(), .body = why};
        },
        false);
    return 0;
}

} // namespace

Runner add_reopen(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReopenOptions>();
    auto* cmd = app.add_subcommand("reopen", "Reopen a closed ticket");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix")->required();
    cmd->add_option("-m,--message", o->body.messages, "Why it is reopened (internal)")
        ->allow_extra_args(false);
    return [o, &ctx] { return run_reopen(*o, ctx); };
}

} // namespace hd
