#include "cli/search.hpp"
#include "cli/commands.hpp"
#include "cli/filter_options.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "render/json.hpp"
#include "render/text.hpp"
#include "service/search.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hd {

namespace {

struct SearchOptions {
    std::string text;
    FilterOptions filter;
    bool json = false, ids = false;
    size_t limit = 0;
};

} // namespace

int run_search(Context& ctx, std::string_view needle, const FilterOptions& options, bool json,
               bool ids, size_t limit, bool closed_too) {
    if (needle.find_first_not_of(" \t") == std::string_view::npos)
        throw Error(Exit::usage, "the text to search for is empty");
    require_utf8(needle, "the search text");
    Desk desk = open_desk(ctx, Intent::read);
    ListFilter f = make_filter(options, ctx, desk);
    // Looking something up usually means past tickets as well.
    if (closed_too && f.statuses.empty()) f.all = true;
    auto set = desk.store->load_rows([&](const TicketRow& r) { return f.matches(r); });
    std::vector<const TicketRow*> rows;
    for (const TicketRow& r : set->rows)
        rows.push_back(&r);
    auto hits = search_tickets(*desk.repo, rows, SearchText(needle));
    // Newest first: a search is usually for something recent.
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
        return b.row->last_activity < a.row->last_activity;
    });
    if (limit && hits.size() > limit) hits.resize(limit);

    if (json) {
        auto arr = nlohmann::ordered_json::array();
        Timestamp now = ctx.clock();
        for (const SearchHit& h : hits) {
            auto j = row_json(*h.row, now);
            j["match"] = {
                {"where", h.match.where}, {"line", h.match.line}, {"snippet", h.match.snippet}};
            arr.push_back(j);
        }
        *ctx.out << json_text(arr) << '\n';
    } else if (ids) {
        std::string out;
        for (const SearchHit& h : hits)
            (out += h.row->id) += '\n';
        *ctx.out << out;
    } else if (!hits.empty()) {
        std::vector<const TicketRow*> shown;
        std::vector<std::string> matches;
        for (const SearchHit& h : hits) {
            shown.push_back(h.row);
            matches.push_back(h.match.where + ": " + h.match.snippet);
        }
        *ctx.out << render_list_text(shown, ctx.clock(), ctx.color(), ctx.columns, matches);
    }
    *ctx.err << broken_warnings(set->broken);
    return set->broken.empty() ? 0 : static_cast<int>(Exit::invalid);
}

Runner add_search(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SearchOptions>();
    auto* cmd = app.add_subcommand(
        "search", "Find tickets by text in titles, summaries, requesters and messages");
    cmd->add_option("text", o->text, "The text to find (any case)")->required();
    add_filter_options(cmd, o->filter, Filters::no_all);
    cmd->add_option("--limit", o->limit, "Show at most N tickets (newest first)")->type_name("N");
    cmd->add_flag("--json", o->json, "Print a JSON array (list fields and the match)");
    cmd->add_flag("--ids", o->ids, "Print only full IDs, one a line");
    cmd->get_option("--json")->excludes("--ids");
    return
        [o, &ctx] { return run_search(ctx, o->text, o->filter, o->json, o->ids, o->limit, true); };
}

} // namespace hd
