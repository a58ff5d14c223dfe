#pragma once
// hd search, which hd list --grep runs too.
#include "cli/filter_options.hpp"

#include <string_view>

namespace hd {

// `closed_too`: closed tickets are searched unless --status says otherwise.
int run_search(Context& ctx, std::string_view needle, const FilterOptions& options, bool json,
               bool ids, size_t limit, bool closed_too);

} // namespace hd
