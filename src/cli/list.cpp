#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/filter.hpp"
#include "render/json.hpp"
#include "render/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hd {

namespace {

struct ListOptions {
    std::vector<std::string> status, priority, audience, waiting_on, tags;
    std::string requester, assignee;
    bool all = false, json = false, ids = false;
};

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

int run_list(const ListOptions& o, Context& ctx) {
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
    f.all = o.all;

    Desk desk = open_desk(ctx, Intent::read);
    auto set = desk.store->load_rows([&](const TicketRow& r) { return f.matches(r); });
    std::vector<const TicketRow*> rows;
    for (const TicketRow& r : set->rows)
        rows.push_back(&r);
    // Oldest first: the queue order in which tickets are owed an answer.
    std::stable_sort(rows.begin(), rows.end(), [](const TicketRow* a, const TicketRow* b) {
        return a->created < b->created;
    });

    if (o.json) {
        auto arr = nlohmann::ordered_json::array();
        for (const TicketRow* r : rows)
            arr.push_back(row_json(*r));
        *ctx.out << json_text(arr) << '\n';
    } else if (o.ids) {
        std::string out;
        for (const TicketRow* r : rows)
            (out += r->id) += '\n';
        *ctx.out << out;
    } else if (!rows.empty()) {
        *ctx.out << render_list_text(rows, ctx.clock(), ctx.color());
    }
    *ctx.err << broken_warnings(set->broken);
    return set->broken.empty() ? 0 : static_cast<int>(Exit::invalid);
}

} // namespace

Runner add_list(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ListOptions>();
    auto* cmd = app.add_subcommand("list", "List tickets (not closed ones, unless asked)");
    cmd->add_option("-s,--status", o->status, "new, open, waiting, escalated, closed (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("-p,--priority", o->priority, "low, normal, high, urgent (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--audience", o->audience, "end-user or client")->allow_extra_args(false);
    cmd->add_option("--waiting-on", o->waiting_on, "us, requester, engineering, nobody")
        ->allow_extra_args(false);
    cmd->add_option("-t,--tag", o->tags, "Only tickets with this tag (repeatable: all of them)")
        ->allow_extra_args(false);
    cmd->add_option("--requester", o->requester, "Part of the requester's name or email");
    cmd->add_option("--assignee", o->assignee, "Only tickets assigned to this agent");
    cmd->add_flag("-a,--all", o->all, "Include closed tickets");
    cmd->add_flag("--json", o->json, "Print a JSON array (fields in hd-list(1))");
    cmd->add_flag("--ids", o->ids, "Print only full IDs, one a line");
    cmd->get_option("--json")->excludes("--ids");
    return [o, &ctx] { return run_list(*o, ctx); };
}

} // namespace hd
