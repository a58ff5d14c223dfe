#include "cli/commands.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

int run_recover(Context& ctx) {
    // open_desk records the mail an interrupted run sent, and says so.
    Desk desk = open_desk(ctx);
    std::string commit = recover_interrupted(ctx, desk);
    if (desk.recovered_mail)
        *ctx.out << fmt::format("recorded {} message(s) sent as mail by an interrupted hd, marked "
                                "unconfirmed\n",
                                desk.recovered_mail);
    if (commit.empty() && !desk.recovered_mail)
        *ctx.out << "nothing to recover: no hd action was interrupted\n";
    else
        *ctx.out << fmt::format("finished an interrupted hd action: commit {}\n",
                                commit.substr(0, 12));
    return 0;
}

} // namespace

Runner add_recover(CLI::App& app, Context& ctx) {
    app.add_subcommand("recover", "Finish an hd action that was interrupted (killed or crashed)");
    return [&ctx] { return run_recover(ctx); };
}

} // namespace hd
