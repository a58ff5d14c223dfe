#include "cli/commands.hpp"
#include "cli/filter_options.hpp"
#include "cli/search.hpp"
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
    FilterOptions filter;
    std::optional<std::string> grep;
    bool json = false, ids = false;
};

int run_list(const ListOptions& o, Context& ctx) {
    // As hd list shows tickets: closed ones only when asked.
    if (o.grep) return run_search(ctx, *o.grep, o.filter, o.json, o.ids, 0, false);
    Desk desk = open_desk(ctx, Intent::read);
    ListFilter f = make_filter(o.filter, ctx, desk);
    // Oldest first: the queue order in which tickets are owed an answer.
    RowQuery query{.keep = [&](const TicketRow& r) { return f.matches(r); },
                   .keep_reads_text = f.reads_text(),
                   .text = !o.ids,
                   .by_created = true};
    if (o.ids) { // no more of a row than its key, and none kept
        std::string out;
        auto broken =
            desk.store->each_row(query, [&](const TicketRow& r) { (out += r.id) += '\n'; });
        *ctx.out << out;
        *ctx.err << broken_warnings(broken);
        return broken.empty() ? 0 : static_cast<int>(Exit::invalid);
    }
    auto set = desk.store->load_rows(query);
    std::vector<const TicketRow*> rows;
    rows.reserve(set->rows.size());
    for (const TicketRow& r : set->rows)
        rows.push_back(&r);

    if (o.json) {
        auto arr = nlohmann::ordered_json::array();
        Timestamp now = ctx.clock();
        for (const TicketRow* r : rows)
            arr.push_back(row_json(*r, now));
        *ctx.out << json_text(arr) << '\n';
    } else if (!rows.empty()) {
        *ctx.out << render_list_text(rows, ctx.clock(), ctx.color(), ctx.columns);
    }
    *ctx.err << broken_warnings(set->broken);
    return set->broken.empty() ? 0 : static_cast<int>(Exit::invalid);
}

} // namespace

Runner add_list(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ListOptions>();
    auto* cmd = app.add_subcommand("list", "List tickets (not closed ones, unless asked)");
    add_filter_options(cmd, o->filter);
    cmd->add_option("--grep", o->grep, "Only tickets holding TEXT (as hd search does)")
        ->type_name("TEXT");
    cmd->add_flag("--json", o->json, "Print a JSON array (fields in hd-list(1))");
    cmd->add_flag("--ids", o->ids, "Print only full IDs, one a line");
    cmd->get_option("--json")->excludes("--ids");
    return [o, &ctx] { return run_list(*o, ctx); };
}

} // namespace hd
