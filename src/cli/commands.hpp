#pragma once
// One function per subcommand: it adds the subcommand and its flags to the
// app and returns the runner main() calls when that subcommand was chosen.
#include "cli/common.hpp"

namespace hd {

Runner add_init(CLI::App& app, Context& ctx);
Runner add_new(CLI::App& app, Context& ctx);
Runner add_note(CLI::App& app, Context& ctx);
Runner add_restate(CLI::App& app, Context& ctx);
Runner add_receive(CLI::App& app, Context& ctx);
Runner add_reply(CLI::App& app, Context& ctx);
Runner add_followup(CLI::App& app, Context& ctx);
Runner add_close(CLI::App& app, Context& ctx);
Runner add_escalate(CLI::App& app, Context& ctx);
Runner add_reopen(CLI::App& app, Context& ctx);
Runner add_report(CLI::App& app, Context& ctx);
Runner add_show(CLI::App& app, Context& ctx);
Runner add_list(CLI::App& app, Context& ctx);
Runner add_check(CLI::App& app, Context& ctx);
Runner add_recover(CLI::App& app, Context& ctx);
Runner add_merge_driver(CLI::App& app, Context& ctx);
Runner add_sync(CLI::App& app, Context& ctx);
Runner add_assign(CLI::App& app, Context& ctx);
Runner add_unassign(CLI::App& app, Context& ctx);
Runner add_set(CLI::App& app, Context& ctx);
Runner add_search(CLI::App& app, Context& ctx);
Runner add_next(CLI::App& app, Context& ctx);
Runner add_snooze(CLI::App& app, Context& ctx);
Runner add_templates(CLI::App& app, Context& ctx);
Runner add_ids(CLI::App& app, Context& ctx);

} // namespace hd
