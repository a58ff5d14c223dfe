#include "service/sync.hpp"
#include "cli/commands.hpp"
#include "render/json.hpp"
#include "render/sync_render.hpp"

namespace hd {

namespace {

struct SyncCliOptions {
    SyncOptions sync;
    bool json = false;
};

int run_sync(const SyncCliOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx);
    SyncResult r = sync_desk(ctx, desk, o.sync);
    if (o.json)
        *ctx.out << json_text(sync_json(r, o.sync.dry_run)) << '\n';
    else
        *ctx.out << render_sync_text(r, o.sync.dry_run);
    return 0;
}

} // namespace

Runner add_sync(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SyncCliOptions>();
    auto* cmd = app.add_subcommand(
        "sync", "Fetch, merge and push the desk: bring in others' work, send yours");
    cmd->add_option("remote", o->sync.remote,
                    "A remote's name, path or URL (default: the branch's upstream, else origin)")
        ->type_name("REMOTE");
    cmd->add_flag("--dry-run", o->sync.dry_run, "Fetch and say what would merge; change nothing");
    add_sync_tries(cmd, o->sync);
    cmd->add_flag("--json", o->json, "Print what came in as JSON");
    cmd->footer("The network is git's own (credentials, ssh, insteadOf, proxies); see hd-sync(1).");
    return [o, &ctx] { return run_sync(*o, ctx); };
}

} // namespace hd
