#include "cli/filter_options.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

// Accepts repeated flags and comma-separated values alike.
template <typename T, typename Parse>
std::vector<T> parse_values(const std::vector<std::string>& raw, std::string_view flag,
                            std::string_view expected, Parse parse) {
    std::vector<T> out;
    for (const auto& item : raw) {
        size_t start = 0;
        while (start <= item.size()) {
            size_t comma = item.find(',', start);
            std::string v = item.substr(start, comma == std::string::npos ? comma : comma - start);
            auto parsed = parse(v);
            if (!parsed)
                throw Error(Exit::usage, fmt::format("{} '{}': expected {}", flag, v, expected));
            out.push_back(*parsed);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return out;
}

} // namespace

void add_filter_options(CLI::App* cmd, FilterOptions& o, Filters which) {
    if (which != Filters::no_status) {
        cmd->add_option("-s,--status", o.status,
                        "new, open, waiting, escalated, closed (repeatable)")
            ->allow_extra_args(false);
        cmd->add_option("--waiting-on", o.waiting_on, "us, requester, engineering, nobody")
            ->allow_extra_args(false);
    }
    cmd->add_option("-p,--priority", o.priority, "low, normal, high, urgent (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--audience", o.audience, "end-user or client")->allow_extra_args(false);
    cmd->add_option("-t,--tag", o.tags, "Only tickets with this tag (repeatable: all of them)")
        ->allow_extra_args(false);
    cmd->add_option("--requester", o.requester, "Part of the requester's name or email");
    auto* assignee = cmd->add_option("--assignee", o.assignee,
                                     "Part of the assignee's name or email (any case)");
    auto* mine = cmd->add_flag("--mine", o.mine, "Only tickets assigned to me (git user.email)");
    auto* unassigned = cmd->add_flag("--unassigned", o.unassigned, "Only tickets nobody owns");
    assignee->excludes(mine)->excludes(unassigned);
    mine->excludes(unassigned);
    if (which == Filters::all) cmd->add_flag("-a,--all", o.all, "Include closed tickets");
}

ListFilter make_filter(const FilterOptions& o, const Context& ctx, const Desk& desk) {
    ListFilter f;
    f.statuses = parse_values<Status>(o.status, "--status",
                                      "new, open, waiting, escalated or closed", parse_status);
    f.priorities = parse_values<Priority>(o.priority, "--priority", "low, normal, high or urgent",
                                          parse_priority);
    f.audiences =
        parse_values<Audience>(o.audience, "--audience", "end-user or client", parse_audience);
    f.waiting_on = parse_values<WaitingOn>(
        o.waiting_on, "--waiting-on", "us, requester, engineering or nobody", parse_waiting_on);
    f.tags = o.tags;
    f.requester = o.requester;
    f.assignee = o.assignee;
    f.unassigned = o.unassigned;
    f.all = o.all;
    if (o.mine) f.assignee_email = resolve_identity(*desk.repo, ctx.env).author.email;
    return f;
}

} // namespace hd
