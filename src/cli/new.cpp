#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/local_time.hpp"
#include "core/toml_text.hpp"
#include "core/utf8.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct NewOptions {
    std::string title, from, audience = "end-user", priority = "normal", summary, greet, zone;
    std::vector<std::string> tags;
    BodyOptions body;
};

int run_new(const NewOptions& o, Context& ctx) {
    require_one_line(o.title, "--title");
    require_utf8(o.from, "--from");
    if (auto bad = find_hostile(o.from))
        throw Error(Exit::usage,
                    fmt::format("--from: control character U+{:04X} at byte {}; give the "
                                "requester on one line as \"Name <email@example.com>\"",
                                static_cast<uint32_t>(decode_utf8(o.from, *bad)->value), *bad));
    auto requester = parse_person(o.from);
    if (!requester)
        throw Error(Exit::usage,
                    fmt::format("--from '{}': expected \"Name <email@example.com>\"", o.from));
    auto audience = parse_audience(o.audience);
    if (!audience)
        throw Error(Exit::usage,
                    fmt::format("--audience '{}': expected end-user or client", o.audience));
    auto priority = parse_priority(o.priority);
    if (!priority)
        throw Error(
            Exit::usage,
            fmt::format("--priority '{}': expected low, normal, high or urgent", o.priority));
    if (!o.summary.empty()) require_one_line(o.summary, "--summary");
    if (!o.greet.empty()) require_one_line(o.greet, "--greet");
    if (!o.zone.empty() && !zone_named(o.zone))
        throw Error(Exit::usage, fmt::format("--zone '{}': not a time zone hd knows (an IANA name "
                                             "such as Asia/Tokyo or Europe/Lisbon)",
                                             o.zone));
    for (const auto& tag : o.tags) {
        require_one_line(tag, "--tag");
        if (tag.find_first_of(" ,") != std::string::npos)
            throw Error(Exit::usage, fmt::format("--tag '{}': tags have no spaces or commas", tag));
    }

    Desk desk = open_desk(ctx);
    auto body = read_body(ctx, o.body, "The requester's message, in their own words.");
    // No message at all is a ticket without one; a message given but empty
    // is refused, as note, receive and reply refuse it.
    if (body) require_body(body, "the requester's message");

    Ticket t;
    t.title = o.title;
    t.requester = *requester;
    t.audience = *audience;
    t.priority = *priority;
    t.summary = o.summary;
    t.greet = o.greet;
    t.zone = o.zone;
    t.tags = o.tags;
    t.body = body.value_or("");

    *ctx.out << create_ticket(ctx, desk, std::move(t)) << '\n';
    return 0;
}

} // namespace

Runner add_new(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<NewOptions>();
    auto* cmd = app.add_subcommand("new", "Open a ticket for a requester; prints its ID");
    cmd->add_option("--title", o->title, "One line naming the problem")->required();
    cmd->add_option("--from", o->from, "The requester, as \"Name <email>\"")->required();
    cmd->add_option("--audience", o->audience, "end-user (one-time) or client (long-term)")
        ->capture_default_str();
    cmd->add_option("--priority", o->priority, "low, normal, high or urgent")
        ->capture_default_str();
    cmd->add_option("--summary", o->summary, "Your one-line restatement of the problem");
    cmd->add_option("--tag", o->tags, "A tag (repeatable)")->allow_extra_args(false);
    cmd->add_option("--greet", o->greet,
                    "The name to greet the requester by, when not the "
                    "first word of their name (e.g. \"Watanabe-san\")")
        ->type_name("NAME");
    cmd->add_option("--zone", o->zone, "The requester's time zone, e.g. Asia/Tokyo")
        ->type_name("ZONE");
    add_body_options(cmd, o->body);
    cmd->add_option("dash", o->body.dash, "- to read the requester's message from standard input");
    return [o, &ctx] { return run_new(*o, ctx); };
}

} // namespace hd
