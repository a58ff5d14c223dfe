#include "cli/commands.hpp"
#include "core/error.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct ReceiveOptions {
    std::string id, at;
    BodyOptions body;
};

int run_receive(const ReceiveOptions& o, Context& ctx) {
    std::optional<Timestamp> at;
    if (!o.at.empty()) {
        at = parse_rfc3339(o.at);
        if (!at)
            throw Error(Exit::usage, fmt::format("--at '{}': expected an RFC 3339 time such as "
                                                 "2026-11-23T09:30:00+01:00",
                                                 o.at));
    }
    Desk desk = open_desk(ctx);
    std::string id = desk.store->resolve(o.id);
    std::string body = require_body(
        read_body(ctx, o.body, "The requester's message, in their own words."), "the message");
    record_event(ctx, desk, id, "receive", [&](const Ticket& t, const Person&, Timestamp now) {
        return Event{.kind = EventKind::receive,
                     .at = at.value_or(now),
                     .by = t.requester.display(),
                     .body = body};
    });
    return 0;
}

} // namespace

Runner add_receive(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReceiveOptions>();
    auto* cmd = app.add_subcommand("receive",
                                   "Record a message from the requester (reopens a closed ticket)");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix")->required();
    add_body_options(cmd, o->body);
    cmd->add_option("--at", o->at, "When it arrived, RFC 3339 (default: now)")->type_name("TIME");
    cmd->add_option("dash", o->body.dash, "- to read the message from standard input");
    return [o, &ctx] { return run_receive(*o, ctx); };
}

} // namespace hd
