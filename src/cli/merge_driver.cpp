#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/files.hpp"
#include "store/ticket_merge.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

struct MergeDriverOptions {
    std::string base, ours, theirs, path;
    unsigned marker_size = 7;
};

std::string read_side(const std::string& file, std::string_view what) {
    auto text = read_file(file);
    if (!text) throw Error(Exit::usage, fmt::format("{}: no such file ({})", file, what));
    return *text;
}

// git's merge-driver interface: merge into %A, exit 0 when clean and 1 when
// conflicts are marked in it. On any error %A is left as it was (ours), and
// git reports the file as conflicted.
int run_merge_driver(const MergeDriverOptions& o, Context& ctx) {
    std::string base = read_side(o.base, "the common ancestor, %O");
    std::string ours = read_side(o.ours, "our version, %A");
    std::string theirs = read_side(o.theirs, "their version, %B");
    std::string path = o.path.empty() ? o.ours : o.path;
    MergeLabels labels{"ours", "theirs", o.marker_size};
    TicketMerge m = merge_ticket(base, ours, theirs, path, labels);
    write_file_atomic(o.ours, m.text);
    if (!m.conflict) return 0;
    std::string what;
    for (const auto& c : m.conflicts)
        what += (what.empty() ? "" : ", ") + c;
    *ctx.err << fmt::format("hd merge-driver: {}: conflict in {}; edit the file, then git add it\n",
                            path, what);
    return static_cast<int>(Exit::found);
}

} // namespace

Runner add_merge_driver(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<MergeDriverOptions>();
    auto* cmd = app.add_subcommand(
        "merge-driver", "Merge three versions of a ticket file (git's merge driver, %O %A %B %P)");
    cmd->add_option("--marker-size", o->marker_size, "Length of conflict markers (git's %L)")
        ->check(CLI::Range(1u, 200u))
        ->type_name("N");
    cmd->add_option("base", o->base, "The common ancestor (%O)")->required()->type_name("BASE");
    cmd->add_option("ours", o->ours, "Our version (%A); the result is written here")
        ->required()
        ->type_name("OURS");
    cmd->add_option("theirs", o->theirs, "Their version (%B)")->required()->type_name("THEIRS");
    cmd->add_option("path", o->path, "The file's path in the repository (%P), for messages")
        ->type_name("PATH");
    cmd->footer("Set up by hd init and by every hd command in a clone; see hd-merge-driver(1).");
    return [o, &ctx] { return run_merge_driver(*o, ctx); };
}

} // namespace hd
