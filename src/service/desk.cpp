#include "service/desk.hpp"

#include "core/utf8.hpp"
#include "service/mail_out.hpp"
#include "store/files.hpp"
#include "store/index_snapshot.hpp"
#include "store/merge_driver.hpp"
#include "store/transaction.hpp"

#include <fmt/format.h>
#include <ostream>

namespace hd {

Config Desk::config() const {
    std::string path = store->config_path();
    auto text = read_file(repo->workdir() + path);
    if (!text) return Config{};
    if (auto bad = find_invalid_utf8(*text))
        throw Error(Exit::invalid, fmt::format("{}: not valid UTF-8 (byte {})", path, *bad));
    return parse_config(*text, path);
}

Desk open_desk(const Context& ctx, Intent intent) {
    // An action commits through libgit2, but only after it has found and
    // read what it changes.
    if (intent == Intent::act) start_libgit2();
    Desk d;
    d.repo = std::make_unique<Repo>(Repo::discover(ctx.dir, ctx.env));
    // Its checksum is checked before an action writes: begun now, it is
    // done by then.
    if (intent == Intent::act) d.repo->index_snapshot(true);
    d.store = std::make_unique<TicketStore>(*d.repo, ctx.dir);
    d.templates = std::make_unique<TemplateCache>(d.repo->workdir(), d.store->root());
    // A clone does not copy .git/config: set the git CLI up to merge tickets
    // as hd does, the first time hd runs here.
    ensure_merge_driver(*d.repo, ctx.program);
    if (intent == Intent::read) {
        if (auto notice = interrupted_action_notice(*d.repo); !notice.empty())
            *ctx.err << "hd: " << notice << '\n';
        if (auto notice = outbox_notice(*d.repo); !notice.empty())
            *ctx.err << "hd: " << notice << '\n';
    }
    // Mail an interrupted run sent is recorded before anything else acts.
    if (intent == Intent::act) d.recovered_mail = recover_outbox(ctx, d);
    return d;
}

} // namespace hd
