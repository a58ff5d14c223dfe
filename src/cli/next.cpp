#include "cli/commands.hpp"
#include "cli/filter_options.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/queue.hpp"
#include "core/report.hpp"
#include "render/json.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct NextOptions {
    FilterOptions filter;
    bool all = false, json = false;
    size_t limit = 0;
};

// Hours and minutes up to two days; days beyond, where minutes say nothing.
std::string rough(std::chrono::seconds s) {
    if (s < std::chrono::hours(48)) return human_duration(s);
    return format_age(s);
}

std::string when_text(const QueueEntry& q, Timestamp now) {
    if (!q.timed) return "no target";
    if (q.group == QueueGroup::sla)
        return q.late ? rough(-q.left) + " late" : rough(q.left) + " left";
    if (!q.due) return "";
    std::string date = format_rfc3339(*q.due).substr(0, 10);
    if (q.group == QueueGroup::followup) return "due since " + date;
    return (q.row->on_hold(now) ? "until " : "due ") + date;
}

std::string name_of(std::string_view who) {
    return std::string(who.substr(0, who.find(" <")));
}

int run_next(const NextOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx, Intent::read);
    Config config = desk.config();
    ListFilter f = make_filter(o.filter, ctx, desk);
    Timestamp now = ctx.clock();
    auto set = desk.store->load_rows([&](const TicketRow& r) { return f.matches(r); }, true);
    std::vector<const TicketRow*> rows;
    for (const TicketRow& r : set->rows)
        rows.push_back(&r);
    auto queue = build_queue(rows, config.sla, config.followup, now, o.all);
    size_t more = 0;
    if (o.limit && queue.size() > o.limit) {
        more = queue.size() - o.limit;
        queue.resize(o.limit);
    }

    if (o.json) {
        auto arr = nlohmann::ordered_json::array();
        for (const QueueEntry& q : queue) {
            nlohmann::ordered_json j;
            j["id"] = q.row->id;
            j["title"] = q.row->title;
            j["priority"] = to_string(q.row->priority);
            j["status"] = to_string(q.row->status);
            j["assignee"] = q.row->assignee;
            j["action"] = q.action;
            j["group"] = to_string(q.group);
            j["due"] = q.due ? nlohmann::ordered_json(format_rfc3339(*q.due)) : nullptr;
            j["late"] = q.late;
            j["left_seconds"] = q.timed ? nlohmann::ordered_json(q.left.count()) : nullptr;
            j["on_hold_until"] = q.row->on_hold(now)
                                     ? nlohmann::ordered_json(format_rfc3339(q.row->hold_until))
                                     : nullptr;
            arr.push_back(j);
        }
        *ctx.out << json_text(arr) << '\n';
    } else {
        size_t action_w = 6, when_w = 4, who_w = 0;
        std::vector<std::string> whens, whos;
        for (const QueueEntry& q : queue) {
            whens.push_back(when_text(q, now));
            whos.push_back(inert(name_of(q.row->assignee), Shape::line));
            action_w = std::max(action_w, q.action.size());
            when_w = std::max(when_w, whens.back().size());
            who_w = std::max(who_w, display_width(whos.back()));
        }
        std::string out;
        for (size_t i = 0; i < queue.size(); ++i) {
            const QueueEntry& q = queue[i];
            std::string who =
                who_w ? whos[i] + std::string(who_w - display_width(whos[i]), ' ') + "  " : "";
            out += fmt::format("{}  {:<{}}  {:<{}}  {:<6}  {}{}\n", q.row->id, q.action, action_w,
                               whens[i], when_w, to_string(q.row->priority), who,
                               inert(q.row->title, Shape::line));
        }
        if (more) out += fmt::format("... and {} more (hd next without --limit)\n", more);
        if (queue.empty()) *ctx.err << "hd: nothing to do now\n";
        *ctx.out << out;
    }
    *ctx.err << broken_warnings(set->broken);
    return set->broken.empty() ? 0 : static_cast<int>(Exit::invalid);
}

} // namespace

Runner add_next(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<NextOptions>();
    auto* cmd = app.add_subcommand(
        "next", "What to do now: the tickets owed an answer, most urgent first, then follow-ups");
    add_filter_options(cmd, o->filter, Filters::no_status);
    cmd->add_flag("-a,--all", o->all, "Also the tickets with nothing due (waiting, on hold)");
    cmd->add_option("-n,--limit", o->limit, "Show at most N tickets")->type_name("N");
    cmd->add_flag("--json", o->json, "Print a JSON array (fields in hd-next(1))");
    return [o, &ctx] { return run_next(*o, ctx); };
}

} // namespace hd
