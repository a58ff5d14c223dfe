#pragma once
// hd sync's output: what came in, for people and for scripts.
#include "core/sync_result.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace hd {

// "From origin/main: fast-forward", a line per ticket, totals, the push.
std::string render_sync_text(const SyncResult& r, bool dry_run);
// One line, for the bulk actions' --sync (printed on standard error).
std::string sync_summary_line(const SyncResult& r);
nlohmann::ordered_json sync_json(const SyncResult& r, bool dry_run);

} // namespace hd
