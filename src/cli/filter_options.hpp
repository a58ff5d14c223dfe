#pragma once
// The filters that list, search and next share: one set of flags, one way
// to read them into a ListFilter.
#include "context.hpp"
#include "core/filter.hpp"
#include "service/desk.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace hd {

struct FilterOptions {
    std::vector<std::string> status, priority, audience, waiting_on, tags;
    std::string requester, assignee;
    bool mine = false, unassigned = false, all = false;
};

// Which flags a command takes beyond the common ones: --status and
// --waiting-on (hd next has its own order instead), and --all (hd search
// looks at closed tickets anyway).
enum class Filters { all, no_all, no_status };
void add_filter_options(CLI::App* cmd, FilterOptions& o, Filters which = Filters::all);

// Error(usage) naming the flag for a value it does not take; --mine needs
// the git identity of whoever runs hd.
ListFilter make_filter(const FilterOptions& o, const Context& ctx, const Desk& desk);

} // namespace hd
