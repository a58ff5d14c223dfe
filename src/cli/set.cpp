#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/local_time.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hd {

namespace {

struct SetOptions {
    std::vector<std::string> ids;
    std::string priority, title, audience, greet, zone;
    bool has_greet = false, has_zone = false;
    std::vector<std::string> tags;
    ChangeOutput output;
};

// The requested changes, checked before any ticket is read.
struct Changes {
    std::optional<Priority> priority;
    std::optional<std::string> title;
    std::optional<Audience> audience;
    std::optional<std::string> greet, zone;
    std::vector<std::string> add, remove;
};

Changes read_changes(const SetOptions& o) {
    Changes c;
    if (!o.priority.empty()) {
        c.priority = parse_priority(o.priority);
        if (!c.priority)
            throw Error(Exit::usage, fmt::format("--priority '{}': expected low, normal, high or "
                                                 "urgent",
                                                 o.priority));
    }
    if (!o.title.empty()) {
        require_one_line(o.title, "--title");
        c.title = o.title;
    }
    if (!o.audience.empty()) {
        c.audience = parse_audience(o.audience);
        if (!c.audience)
            throw Error(Exit::usage,
                        fmt::format("--audience '{}': expected end-user or client", o.audience));
    }
    if (o.has_greet) {
        if (!o.greet.empty()) require_one_line(o.greet, "--greet");
        c.greet = o.greet;
    }
    if (o.has_zone) {
        if (!o.zone.empty()) {
            require_one_line(o.zone, "--zone");
            if (!zone_named(o.zone))
                throw Error(Exit::usage,
                            fmt::format("--zone '{}': not a time zone hd knows (an IANA name "
                                        "such as Asia/Tokyo or Europe/Lisbon)",
                                        o.zone));
        }
        c.zone = o.zone;
    }
    for (const auto& raw : o.tags) {
        bool remove = raw.starts_with('-');
        std::string tag = raw.starts_with('-') || raw.starts_with('+') ? raw.substr(1) : raw;
        require_one_line(tag, "--tag");
        if (tag.find_first_of(" ,") != std::string::npos)
            throw Error(Exit::usage,
                        fmt::format("--tag '{}': tags have no spaces or commas (repeat --tag for "
                                    "more)",
                                    raw));
        auto& into = remove ? c.remove : c.add;
        auto& other = remove ? c.add : c.remove;
        if (std::find(other.begin(), other.end(), tag) != other.end())
            throw Error(Exit::usage, fmt::format("--tag: '{}' is both added and removed", tag));
        if (std::find(into.begin(), into.end(), tag) == into.end()) into.push_back(tag);
    }
    if (!c.priority && !c.title && !c.audience && !c.greet && !c.zone && c.add.empty() &&
        c.remove.empty())
        throw Error(Exit::usage, "nothing to set: give --priority, --title, --audience, --tag, "
                                 "--greet or --zone");
    return c;
}

// One event per field that changes; fields already as asked make none.
std::vector<Event> events_for(const Changes& c, const TicketState& s, const Person& agent,
                              Timestamp now) {
    std::vector<Event> out;
    auto event = [&](EventKind kind) -> Event& {
        return out.emplace_back(Event{.kind = kind, .at = now, .by = agent.display()});
    };
    if (c.title && *c.title != s.title) event(EventKind::title).title = *c.title;
    if (c.priority && *c.priority != s.priority) event(EventKind::priority).priority = c.priority;
    if (c.audience && *c.audience != s.audience) event(EventKind::audience).audience = c.audience;
    std::vector<std::string> add, remove;
    for (const auto& t : c.add)
        if (std::find(s.tags.begin(), s.tags.end(), t) == s.tags.end()) add.push_back(t);
    for (const auto& t : c.remove)
        if (std::find(s.tags.begin(), s.tags.end(), t) != s.tags.end()) remove.push_back(t);
    if (!add.empty() || !remove.empty()) {
        Event& e = event(EventKind::tag);
        e.add = add;
        e.remove = remove;
    }
    if (c.greet && *c.greet != s.greet) event(EventKind::greet).greet = *c.greet;
    if (c.zone && *c.zone != s.zone) event(EventKind::zone).zone = *c.zone;
    return out;
}

int run_set(const SetOptions& o, Context& ctx) {
    Changes changes = read_changes(o);
    Desk desk = open_desk(ctx);
    auto ids = resolve_ids(ctx, desk, o.ids);
    std::string commit;
    auto results = record_changes(
        ctx, desk, ids, "set",
        [&](const Ticket&, const TicketState& s, const Person& agent, Timestamp now,
            std::string& skip) {
            auto events = events_for(changes, s, agent, now);
            if (events.empty()) skip = "nothing to change (already as asked)";
            return events;
        },
        o.output.dry_run, &commit);
    return print_changes(ctx, results, o.output, commit);
}

} // namespace

Runner add_set(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SetOptions>();
    auto* cmd = app.add_subcommand(
        "set", "Change a ticket's priority, title, audience, tags or greeting (as events)");
    add_ids_argument(cmd, o->ids);
    cmd->add_option("-p,--priority", o->priority, "low, normal, high or urgent")
        ->type_name("PRIORITY");
    cmd->add_option("--title", o->title, "A new title")->type_name("TITLE");
    cmd->add_option("--audience", o->audience, "end-user or client")->type_name("AUDIENCE");
    cmd->add_option("-t,--tag", o->tags, "+TAG or TAG adds, -TAG removes (repeatable)")
        ->allow_extra_args(false)
        ->type_name("TAG");
    cmd->add_option("--greet", o->greet,
                    "The name to greet the requester by (\"\" for the first "
                    "name)")
        ->type_name("NAME")
        ->each([o](const std::string&) { o->has_greet = true; });
    cmd->add_option("--zone", o->zone, "The requester's time zone, e.g. Asia/Tokyo (\"\" unknown)")
        ->type_name("ZONE")
        ->each([o](const std::string&) { o->has_zone = true; });
    add_change_output(cmd, o->output);
    return [o, &ctx] { return run_set(*o, ctx); };
}

} // namespace hd
