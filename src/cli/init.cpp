#include "cli/commands.hpp"
#include "core/error.hpp"
#include "store/files.hpp"
#include "store/merge_driver.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace hd {

namespace {

struct InitOptions {
    std::string name;
};

int init_desk(const InitOptions& o, Context& ctx, std::string& created_gitdir) {
    bool created = false;
    Repo repo = Repo::open_or_init(ctx.dir, &created);
    if (created) created_gitdir = ctx.dir + "/.git"; // what open_or_init made
    auto top = std::filesystem::weakly_canonical(repo.workdir());
    auto here = std::filesystem::weakly_canonical(ctx.dir);
    std::string root = std::filesystem::relative(here, top).generic_string();
    root = root == "." ? "" : root + "/";
    std::string config = root + "hd.toml";
    std::string name = o.name.empty() ? here.filename().string() : o.name;
    require_one_line(name, "--name");

    // Before the transaction, whose lock file would be left in a repository
    // that was there.
    Identity who = resolve_identity(repo, ctx.env);
    Transaction tx(repo, ctx.env, ctx.clock);
    if (!tx.is_free(config))
        throw Error(Exit::repo, fmt::format("{} already exists: this is a help desk already",
                                            repo.workdir() + config));
    tx.write(config, default_config_text(name));
    // Ticket files merge by hd's rules in every clone (hd-merge-driver(1)).
    std::string attributes = root + ".gitattributes";
    std::string lines;
    if (!tx.is_free(attributes)) lines = tx.read_clean(attributes);
    if (!lines.empty() && lines.back() != '\n') lines += '\n';
    // Kept mail (originals, attachments) is stored byte for byte: no line
    // ending conversion, no text merge.
    bool added = false;
    for (std::string_view wanted : {merge_attributes_line, kept_mail_attributes_line}) {
        std::string line = std::string(wanted) + "\n";
        if (("\n" + lines).find("\n" + line) != std::string::npos) continue;
        lines += line;
        added = true;
    }
    if (added) tx.write(attributes, lines);
    tx.commit(fmt::format("hd init: {}\n\nHd-Action: init\n", name), who);
    ensure_merge_driver(repo, ctx.program);
    *ctx.out << fmt::format("Initialised help desk '{}' in {}\n", name, here.string());
    return 0;
}

// A failed init leaves nothing it made: a repository it created goes again
// (one that was there stays as it was; the transaction wrote nothing to it).
int run_init(const InitOptions& o, Context& ctx) {
    std::string created_gitdir;
    try {
        return init_desk(o, ctx, created_gitdir);
    } catch (...) {
        if (!created_gitdir.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(created_gitdir, ec);
        }
        throw;
    }
}

} // namespace

Runner add_init(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<InitOptions>();
    auto* cmd = app.add_subcommand("init", "Start a help desk here: write hd.toml and commit it");
    cmd->add_option("--name", o->name, "The desk's name (default: the directory's name)");
    return [o, &ctx] { return run_init(*o, ctx); };
}

} // namespace hd
