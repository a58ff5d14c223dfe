#include "service/sync.hpp"

#include "core/error.hpp"
#include "store/fast_ticket_parse.hpp"
#include "store/files.hpp"
#include "store/git_ptr.hpp"
#include "store/process.hpp"
#include "store/ticket_parse.hpp"
#include "store/transaction.hpp"
#include "store/turn_lock.hpp"

#include <fmt/format.h>
#include <set>

namespace hd {

namespace {

using DiffPtr = std::unique_ptr<git_diff, git::Deleter<git_diff_free>>;
using GitIndexPtr = git::IndexPtr;

struct Target {
    std::string remote;        // a remote's name, a path or a URL
    std::string remote_branch; // "refs/heads/main"
    std::string label;         // "origin/main", for people
};

std::optional<std::string> config_string(git_config* cfg, const std::string& key) {
    const char* v = nullptr;
    if (git_config_get_string(&v, cfg, key.c_str()) != 0) {
        git_error_clear();
        return std::nullopt;
    }
    return std::string(v);
}

bool looks_like_location(std::string_view remote) {
    return remote.find('/') != std::string_view::npos ||
           remote.find(':') != std::string_view::npos || remote == "." || remote == "..";
}

// The current branch's short name; Error(repo) when HEAD is detached.
std::string current_branch(const Repo& repo) {
    git_reference* raw = nullptr;
    git::check(git_reference_lookup(&raw, repo.raw(), "HEAD"), "reading HEAD");
    git::RefPtr head(raw);
    if (git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC)
        throw Error(Exit::repo, "HEAD is detached; check out the desk's branch (git switch main) "
                                "before hd sync");
    std::string ref = git_reference_symbolic_target(head.get());
    if (!ref.starts_with("refs/heads/"))
        throw Error(Exit::repo, fmt::format("HEAD points to {}, not a branch", ref));
    return ref.substr(11);
}

Target resolve_target(const Repo& repo, const std::string& remote_opt) {
    std::string branch = current_branch(repo);
    git_config* raw = nullptr;
    git::check(git_repository_config_snapshot(&raw, repo.raw()), "reading git config");
    git::ConfigPtr cfg(raw);
    auto upstream_remote = config_string(cfg.get(), "branch." + branch + ".remote");
    auto upstream_merge = config_string(cfg.get(), "branch." + branch + ".merge");

    Target t;
    t.remote = !remote_opt.empty() ? remote_opt : upstream_remote.value_or("origin");
    bool upstream = upstream_remote && *upstream_remote == t.remote && upstream_merge;
    t.remote_branch = upstream ? *upstream_merge : "refs/heads/" + branch;
    if (!looks_like_location(t.remote)) {
        git_remote* r = nullptr;
        if (git_remote_lookup(&r, repo.raw(), t.remote.c_str()) != 0) {
            git_error_clear();
            if (remote_opt.empty())
                throw Error(Exit::repo,
                            "no remote to sync with: add one (git remote add origin URL), or "
                            "name one (hd sync REMOTE)");
            throw Error(Exit::usage,
                        fmt::format("'{}' is not a remote here (git remote -v lists them), nor a "
                                    "path or URL",
                                    t.remote));
        }
        git_remote_free(r);
    }
    std::string short_branch =
        t.remote_branch.starts_with("refs/heads/") ? t.remote_branch.substr(11) : t.remote_branch;
    t.label = t.remote + "/" + short_branch;
    return t;
}

// git, for the network: the user's transports, credentials and proxies.
ProcessResult git(const Context& ctx, const Repo& repo, std::vector<std::string> args) {
    args.insert(args.begin(), "git");
    std::vector<std::string> env{"LC_ALL=C"}; // messages hd reads are git's English ones
    if (!ctx.stdin_tty) env.push_back("GIT_TERMINAL_PROMPT=0"); // never wait on a prompt
    return run_process(args, repo.workdir(), env);
}

std::string git_said(const ProcessResult& r) {
    std::string text = r.err.empty() ? r.out : r.err;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    if (r.status == 127 && text.empty()) text = "git could not be run (is it installed?)";
    return text;
}

// What the remote's branch points to now, or nullopt when it has no such
// branch yet (a new, empty remote).
std::optional<git_oid> fetch(const Context& ctx, const Repo& repo, const Target& t) {
    ProcessResult r = git(ctx, repo, {"fetch", "--no-tags", "--quiet", t.remote, t.remote_branch});
    if (r.status != 0) {
        if (r.err.find("couldn't find remote ref") != std::string::npos) return std::nullopt;
        throw Error(Exit::external,
                    fmt::format("fetching from {} failed; nothing was changed here:\n{}", t.remote,
                                git_said(r)));
    }
    auto head = read_file(repo.gitdir() + "FETCH_HEAD");
    git_oid id;
    if (!head || head->size() < GIT_OID_HEXSZ || git_oid_fromstrn(&id, head->data(), 40) != 0)
        throw Error(Exit::external, fmt::format("fetching from {} left no FETCH_HEAD", t.remote));
    return id;
}

git::TreePtr tree_of(git_repository* repo, const git_oid& commit) {
    git_commit* c = nullptr;
    git::check(git_commit_lookup(&c, repo, &commit), "reading a commit");
    git::CommitPtr owned(c);
    git_tree* t = nullptr;
    git::check(git_commit_tree(&t, owned.get()), "reading a tree");
    return git::TreePtr(t);
}

git::TreePtr tree_by_id(git_repository* repo, const git_oid& id) {
    git_tree* t = nullptr;
    git::check(git_tree_lookup(&t, repo, &id), "reading a tree");
    return git::TreePtr(t);
}

std::optional<Ticket> ticket_in(const Repo& repo, const git_oid& blob, const std::string& path) {
    auto text = repo.read_blob(blob);
    if (!text) return std::nullopt;
    try {
        return read_ticket(*text, path);
    } catch (const Error&) {
        return std::nullopt;
    }
}

bool same_event(const Event& a, const Event& b) {
    return a.kind == b.kind && a.at == b.at && a.by == b.by && a.body == b.body;
}

// The tickets that differ between two trees, and their new events.
std::vector<IncomingTicket> incoming(const Repo& repo, const std::string& root, git_tree* from,
                                     git_tree* to) {
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    std::string prefix = root + "tickets/";
    char* spec = prefix.data();
    opts.pathspec = {&spec, 1};
    git_diff* raw = nullptr;
    git::check(git_diff_tree_to_tree(&raw, repo.raw(), from, to, &opts), "comparing trees");
    DiffPtr diff(raw);
    std::vector<IncomingTicket> out;
    for (size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
        std::string path = d->new_file.path;
        if (d->status == GIT_DELTA_DELETED || !path.ends_with(".toml")) continue;
        auto now = ticket_in(repo, d->new_file.id, path);
        if (!now) continue; // hd check names it
        IncomingTicket in{now->id, now->title, d->status == GIT_DELTA_ADDED, {}};
        std::optional<Ticket> was;
        if (!in.created) was = ticket_in(repo, d->old_file.id, d->old_file.path);
        for (const Event& e : now->events) {
            bool known = false;
            if (was)
                for (const Event& old : was->events)
                    if (same_event(old, e)) known = true;
            if (!known) in.events.push_back(e);
        }
        out.push_back(std::move(in));
    }
    return out;
}

// A ticket may come in on more than one try: one entry for it, all its events.
void add_incoming(std::vector<IncomingTicket>& all, IncomingTicket t) {
    for (auto& known : all)
        if (known.id == t.id) {
            known.created = known.created || t.created;
            known.title = t.title;
            known.events.insert(known.events.end(), t.events.begin(), t.events.end());
            return;
        }
    all.push_back(std::move(t));
}

struct Plan {
    MergeKind kind = MergeKind::up_to_date;
    std::optional<git_oid> to;        // the commit HEAD moves to
    std::optional<git_oid> tree;      // ... and its tree, for a merge not yet committed
    std::vector<std::string> clashes; // paths a merge left in conflict
};

// What merging `theirs` into `ours` makes, computed in memory.
Plan plan_merge(const Repo& repo, const std::optional<git_oid>& ours,
                const std::optional<git_oid>& theirs, const Target& t) {
    Plan p;
    git_repository* r = repo.raw();
    if (!theirs || (ours && git_oid_equal(&*ours, &*theirs))) return p;
    if (ours && git_graph_descendant_of(r, &*ours, &*theirs) == 1) return p;
    if (!ours || git_graph_descendant_of(r, &*theirs, &*ours) == 1) {
        p.kind = MergeKind::fast_forward;
        p.to = theirs;
        return p;
    }
    git_oid base;
    if (git_merge_base(&base, r, &*ours, &*theirs) != 0) {
        git_error_clear();
        throw Error(Exit::external,
                    fmt::format("{} has no history in common with this clone (unrelated "
                                "histories); nothing was changed. Clone the desk from it instead, "
                                "or merge by hand (git merge --allow-unrelated-histories)",
                                t.label));
    }
    git_commit *oc = nullptr, *tc = nullptr;
    git::check(git_commit_lookup(&oc, r, &*ours), "reading HEAD");
    git::CommitPtr our_commit(oc);
    git::check(git_commit_lookup(&tc, r, &*theirs), "reading the fetched commit");
    git::CommitPtr their_commit(tc);
    git_merge_options opts = GIT_MERGE_OPTIONS_INIT;
    git_index* raw = nullptr;
    git::check(git_merge_commits(&raw, r, our_commit.get(), their_commit.get(), &opts), "merging");
    GitIndexPtr index(raw);
    p.kind = MergeKind::merged;
    if (git_index_has_conflicts(index.get())) {
        git_index_conflict_iterator* it = nullptr;
        git::check(git_index_conflict_iterator_new(&it, index.get()), "reading conflicts");
        const git_index_entry *a = nullptr, *o = nullptr, *th = nullptr;
        while (git_index_conflict_next(&a, &o, &th, it) == 0)
            p.clashes.push_back(o ? o->path : th ? th->path : a->path);
        git_index_conflict_iterator_free(it);
        return p;
    }
    git_oid tree;
    git::check(git_index_write_tree_to(&tree, index.get(), r), "writing the merged tree");
    p.tree = tree;
    return p;
}

[[noreturn]] void refuse_clashes(const Plan& p, const Target& t) {
    std::string list;
    for (const auto& path : p.clashes)
        list += "\n  " + path;
    throw Error(Exit::repo,
                fmt::format("merging {} would leave conflicts that need a person; nothing was "
                            "changed here. Run 'git merge FETCH_HEAD' to resolve them by hand "
                            "(hd marks the lines that clash), commit, then hd sync again:{}",
                            t.label, list));
}

std::string merge_message(const Target& t) {
    return fmt::format("hd sync: merge {}\n\nHd-Action: sync\n", t.label);
}

std::string hex_or_empty(const std::optional<git_oid>& id) {
    return id ? git::oid_hex(*id) : "";
}

// One fetch and merge. Returns the commit fetched (nullopt: the remote's
// branch does not exist yet).
std::optional<git_oid> pull_once(Context& ctx, Desk& desk, const SyncOptions& o, const Target& t,
                                 SyncResult& result) {
    Repo& repo = *desk.repo;
    auto theirs = fetch(ctx, repo, t);
    result.remote_head = hex_or_empty(theirs);
    Transaction tx(repo, ctx.env, ctx.clock,
                   o.dry_run ? Transaction::Mode::dry_run : Transaction::Mode::write);
    if (git_repository_state(repo.raw()) != GIT_REPOSITORY_STATE_NONE)
        throw Error(Exit::repo, "a merge (or another git operation) is in progress here; finish "
                                "it (git commit) or abort it (git merge --abort), then hd sync");
    auto ours = tx.head();
    if (result.before.empty() && result.tries == 0) result.before = hex_or_empty(ours);
    Plan p = plan_merge(repo, ours, theirs, t);
    if (!p.clashes.empty()) refuse_clashes(p, t);
    if (p.kind == MergeKind::up_to_date) {
        result.after = hex_or_empty(ours);
        return theirs;
    }
    if (result.merge != MergeKind::merged) result.merge = p.kind;
    git::TreePtr from = ours ? tree_of(repo.raw(), *ours) : nullptr;
    git::TreePtr to = p.tree ? tree_by_id(repo.raw(), *p.tree) : tree_of(repo.raw(), *p.to);
    for (auto& ticket : incoming(repo, desk.store->root(), from.get(), to.get()))
        add_incoming(result.incoming, std::move(ticket));
    if (o.dry_run) {
        result.after = hex_or_empty(ours);
        return theirs;
    }
    if (p.kind == MergeKind::merged) {
        result.after =
            tx.merge(*p.tree, *theirs, merge_message(t), resolve_identity(repo, ctx.env));
    } else {
        tx.advance(*p.to, "hd sync: fast-forward to " + t.label);
        result.after = git::oid_hex(*p.to);
    }
    return theirs;
}

enum class Pushed { ok, rejected };

Pushed push_once(const Context& ctx, const Repo& repo, const Target& t) {
    ProcessResult r =
        git(ctx, repo, {"push", "--porcelain", "--quiet", t.remote, "HEAD:" + t.remote_branch});
    if (r.status == 0) return Pushed::ok;
    // --porcelain: "!<TAB>from:to<TAB>[rejected] (fetch first)" for a remote
    // that moved before the push began; "cannot lock ref ... but expected"
    // when it moved while the push ran. Both are a race to try again;
    // anything else (a hook, a protected branch) is final.
    if (r.err.find("cannot lock ref") != std::string::npos &&
        r.err.find("but expected") != std::string::npos)
        return Pushed::rejected;
    for (size_t at = 0; at < r.out.size();) {
        size_t nl = r.out.find('\n', at);
        std::string_view line(r.out.data() + at,
                              (nl == std::string::npos ? r.out.size() : nl) - at);
        if (line.starts_with("!") && line.find("[rejected]") != std::string_view::npos &&
            (line.find("fetch first") != std::string_view::npos ||
             line.find("non-fast-forward") != std::string_view::npos))
            return Pushed::rejected;
        if (nl == std::string::npos) break;
        at = nl + 1;
    }
    throw Error(Exit::external, fmt::format("pushing to {} failed; your commits are kept here:\n{}",
                                            t.label, git_said(r)));
}

// Syncs in one clone take turns: two git fetches at once fight over the
// remote-tracking ref, and two pushes of one branch race for nothing. A
// sync may be waiting on a slow remote, so the wait is minutes.
struct SyncTurn : TurnLock {
    SyncTurn(const Repo& repo, const Getenv& env)
        : TurnLock(repo, "hd-sync.lock", env, 300, "another hd sync is running in this clone") {}
};

SyncResult pull_locked(Context& ctx, Desk& desk, const SyncOptions& o) {
    Target t = resolve_target(*desk.repo, o.remote);
    SyncResult result;
    result.remote = t.remote;
    result.branch =
        t.remote_branch.starts_with("refs/heads/") ? t.remote_branch.substr(11) : t.remote_branch;
    pull_once(ctx, desk, o, t, result);
    return result;
}

void push_locked(Context& ctx, Desk& desk, const SyncOptions& o, SyncResult& result) {
    Target t = resolve_target(*desk.repo, o.remote);
    for (int attempt = 1; attempt <= o.tries; ++attempt) {
        // Nothing of ours to push when HEAD is what the remote has.
        git_oid head;
        if (git_reference_name_to_id(&head, desk.repo->raw(), "HEAD") != 0) {
            git_error_clear();
            return; // an unborn branch: nothing at all to push
        }
        if (result.remote_head == git::oid_hex(head)) return;
        result.tries = attempt;
        if (push_once(ctx, *desk.repo, t) == Pushed::ok) {
            result.pushed = true;
            result.after = git::oid_hex(head);
            return;
        }
        if (attempt == o.tries) break;
        // Someone pushed first: bring their work in and try again.
        pull_once(ctx, desk, o, t, result);
    }
    throw Error(Exit::external,
                fmt::format("the push to {} was refused {} because others pushed first; your "
                            "commits are kept here: run hd sync again",
                            t.label, o.tries == 1 ? "once" : fmt::format("{} times", o.tries)));
}

} // namespace

SyncResult pull_desk(Context& ctx, Desk& desk, const SyncOptions& o) {
    SyncTurn turn(*desk.repo, ctx.env);
    return pull_locked(ctx, desk, o);
}

void push_desk(Context& ctx, Desk& desk, const SyncOptions& o, SyncResult& result) {
    SyncTurn turn(*desk.repo, ctx.env);
    push_locked(ctx, desk, o, result);
}

SyncResult sync_desk(Context& ctx, Desk& desk, const SyncOptions& o) {
    SyncTurn turn(*desk.repo, ctx.env);
    SyncResult result = pull_locked(ctx, desk, o);
    if (!o.dry_run) push_locked(ctx, desk, o, result);
    return result;
}

} // namespace hd
