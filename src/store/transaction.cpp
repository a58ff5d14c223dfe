#include "store/transaction.hpp"

#include "core/error.hpp"
#include "store/files.hpp"
#include "store/index_update.hpp"
#include "store/turn_lock.hpp"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <git2/sys/repository.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace hd {

namespace {

using git::hash_blob;

// A lock file left this long after the journal was written is not the
// interrupted action's: no hd action takes that long between the two.
constexpr std::chrono::seconds abandoned_lock_window{60};

std::optional<git_oid> tree_blob(git_tree* tree, const std::string& path) {
    if (!tree) return std::nullopt;
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, tree, path.c_str()) != 0) return std::nullopt;
    git::TreeEntryPtr entry(raw);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
    return *git_tree_entry_id(entry.get());
}

// Writes `base` with `files` (paths relative to it) replaced or added, one
// tree per directory on the way, and returns the new tree's id.
git_oid build_tree(git_repository* repo, const git_tree* base,
                   const std::map<std::string, git_oid>& files) {
    git_treebuilder* raw = nullptr;
    git::check(git_treebuilder_new(&raw, repo, base), "building a tree");
    git::BuilderPtr builder(raw);

    std::map<std::string, std::map<std::string, git_oid>> subdirs;
    for (const auto& [path, id] : files) {
        auto slash = path.find('/');
        if (slash == std::string::npos) {
            git::check(git_treebuilder_insert(nullptr, builder.get(), path.c_str(), &id,
                                              GIT_FILEMODE_BLOB),
                       "adding to a tree");
        } else {
            subdirs[path.substr(0, slash)][path.substr(slash + 1)] = id;
        }
    }
    for (const auto& [dir, inner] : subdirs) {
        git::TreePtr sub;
        if (const git_tree_entry* e = git_treebuilder_get(builder.get(), dir.c_str());
            e && git_tree_entry_type(e) == GIT_OBJECT_TREE) {
            git_tree* t = nullptr;
            git::check(git_tree_lookup(&t, repo, git_tree_entry_id(e)), "reading a tree");
            sub.reset(t);
        }
        git_oid sub_id = build_tree(repo, sub.get(), inner);
        git::check(
            git_treebuilder_insert(nullptr, builder.get(), dir.c_str(), &sub_id, GIT_FILEMODE_TREE),
            "adding to a tree");
    }
    git_oid out;
    git::check(git_treebuilder_write(&out, builder.get()), "writing a tree");
    return out;
}

std::string journal_path(const Repo& repo) {
    return repo.gitdir() + "hd-journal";
}

bool exists(const std::string& path, struct stat* st = nullptr) {
    struct stat local {};
    return ::lstat(path.c_str(), st ? st : &local) == 0;
}

std::chrono::nanoseconds mtime_of(const struct stat& st) {
    return std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec);
}

// Deletes the files in `dir` whose names start with `prefix` and end in
// `suffix`: the temporaries of a run that was killed.
void remove_matching(const std::string& dir, std::string_view prefix, std::string_view suffix) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    while (const dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name.size() > prefix.size() + suffix.size() && name.starts_with(prefix) &&
            name.ends_with(suffix))
            ::unlink((dir + "/" + std::string(name)).c_str());
    }
    ::closedir(d);
}

// The row cache is rewritten by readers, which take no lock: a temporary
// of theirs is abandoned only when the process named in it is gone.
void remove_abandoned_caches(const std::string& gitdir) {
    DIR* d = ::opendir(gitdir.c_str());
    if (!d) return;
    while (const dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        size_t at = name.find(".tmp-");
        if (!name.starts_with("hd-rows") || at == std::string_view::npos) continue;
        long pid = 0;
        auto digits = name.substr(at + 5);
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
        if (ec != std::errc() || pid <= 0) continue;
        if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            ::unlink((gitdir + std::string(name)).c_str());
    }
    ::closedir(d);
}

// An index in memory holding only the .gitattributes entries of `f`.
git::IndexPtr attributes_only(const IndexFile& f) {
    git_index* raw = nullptr;
    git::check(git_index_new(&raw), "making an index");
    git::IndexPtr out(raw);
    for (size_t i = 0; i < f.count(); ++i) {
        std::string_view p = f.path(i);
        if (f.stage(i) != 0 || !(p == ".gitattributes" || p.ends_with("/.gitattributes"))) continue;
        IndexEntry e = f.entry(i);
        git_index_entry raw_entry = to_libgit2(e);
        git::check(git_index_add(out.get(), &raw_entry), "making an index");
    }
    return out;
}

Digest digest_of(const git_oid& id) {
    Digest d;
    std::memcpy(d.data(), id.id, d.size());
    return d;
}

std::string short_hex(const std::string& hex) {
    return hex.substr(0, 12);
}

} // namespace

double parse_lock_timeout(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(value) || value < 0)
        throw Error(Exit::usage,
                    fmt::format("HD_LOCK_TIMEOUT: '{}' is not a number of seconds (such as 10 or "
                                "0.5)",
                                text));
    return value;
}

std::string interrupted_action_notice(const Repo& repo) {
    auto text = read_file(journal_path(repo));
    if (!text) return "";
    Journal j = parse_journal(*text);
    if (j.owner && liveness(*j.owner) == Liveness::running) return ""; // under way right now
    return fmt::format("an interrupted hd action (commit {}) is not finished; what is shown leaves "
                       "it out. 'hd recover', or the next hd action, finishes it",
                       short_hex(j.commit));
}

Transaction::Transaction(Repo& repo, Getenv env, std::function<Timestamp()> clock, Mode mode)
    : repo_(repo), env_(std::move(env)), clock_(std::move(clock)), mode_(mode) {
    lock();
    if (mode_ == Mode::write) {
        remove_matching(repo_.gitdir(), "hd-journal.hd-", ".tmp");
        remove_abandoned_caches(repo_.gitdir());
        recover();
    } else {
        pending_ = read_file(journal_path(repo_)).has_value();
    }
    refuse_unfinished_git_operation();
    load_head();
    now_ = clock_();
}

Transaction::~Transaction() = default;

void Transaction::lock() {
    lock_.emplace(repo_, "hd.lock", env_, 10.0, "another hd is working in this repository");
}

void Transaction::refuse_unfinished_git_operation() {
    const char* what = nullptr;
    const char* advice = nullptr;
    switch (git_repository_state(repo_.raw())) {
    case GIT_REPOSITORY_STATE_NONE:
        return;
    case GIT_REPOSITORY_STATE_MERGE:
        // The action's commit goes on the branch as usual and the merge
        // commit made next includes it; only files the merge changed, or
        // left in conflict, are refused (they are not clean).
        notice_ = "a merge is in progress: this action is committed on the branch now, and the "
                  "merge commit you make next includes it (git merge --abort keeps it too)";
        return;
    case GIT_REPOSITORY_STATE_REVERT:
    case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
        what = "a revert";
        advice = "git revert --continue, or git revert --abort";
        break;
    case GIT_REPOSITORY_STATE_CHERRYPICK:
    case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
        what = "a cherry-pick";
        advice = "git cherry-pick --continue, or git cherry-pick --abort";
        break;
    case GIT_REPOSITORY_STATE_BISECT:
        what = "a bisect";
        advice = "git bisect reset";
        break;
    case GIT_REPOSITORY_STATE_REBASE:
    case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
    case GIT_REPOSITORY_STATE_REBASE_MERGE:
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
        what = "a rebase";
        advice = "git rebase --continue, or git rebase --abort";
        break;
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
        what = "a git am";
        advice = "git am --continue, or git am --abort";
        break;
    default:
        what = "a git operation";
        advice = "finish it with git first";
        break;
    }
    throw Error(Exit::repo,
                fmt::format("{} is in progress in this repository, and a commit made now could be "
                            "lost with it; {}, then run hd again",
                            what, advice));
}

void Transaction::load_head() {
    git_reference* raw = nullptr;
    git::check(git_reference_lookup(&raw, repo_.raw(), "HEAD"), "reading HEAD");
    git::RefPtr head(raw);
    parent_.reset();
    head_tree_.reset();
    read_staged();
    if (git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC) {
        refname_ = git_reference_symbolic_target(head.get());
        git_reference* branch = nullptr;
        int rc = git_reference_lookup(&branch, repo_.raw(), refname_.c_str());
        if (rc == GIT_ENOTFOUND) return; // unborn branch: the first commit
        git::check(rc, "reading the current branch");
        git::RefPtr owned(branch);
        git_reference* resolved = nullptr;
        git::check(git_reference_resolve(&resolved, owned.get()), "resolving the current branch");
        git::RefPtr r(resolved);
        parent_ = *git_reference_target(r.get());
    } else {
        refname_ = "HEAD";
        parent_ = *git_reference_target(head.get());
    }
    git_commit* c = nullptr;
    git::check(git_commit_lookup(&c, repo_.raw(), &*parent_), "reading the HEAD commit");
    git::CommitPtr commit(c);
    git_tree* t = nullptr;
    git::check(git_commit_tree(&t, commit.get()), "reading the HEAD tree");
    head_tree_.reset(t);
}

void Transaction::require_inside(const std::string& path) const {
    std::string so_far;
    for (size_t start = 0; start < path.size();) {
        size_t slash = path.find('/', start);
        so_far = path.substr(0, slash);
        struct stat st {};
        if (!exists(repo_.workdir() + so_far, &st)) return; // created inside, as a directory
        if (S_ISLNK(st.st_mode))
            throw Error(Exit::repo,
                        fmt::format("{} is a symbolic link; hd reads and writes tickets only "
                                    "inside the repository and will not follow it",
                                    so_far));
        if (slash == std::string::npos) return;
        start = slash + 1;
    }
}

std::string Transaction::filtered(const std::string& path, const std::string& text,
                                  git_filter_mode_t direction) const {
    // libgit2 reads .gitattributes from the index as well as the work tree,
    // and would read all of a large index for it: it is given an index of
    // just those files while it looks.
    if (index_file_ && !attributes_index_) attributes_index_ = attributes_only(index_file_->file());
    if (attributes_index_) git_repository_set_index(repo_.raw(), attributes_index_.get());
    git_filter_list* raw = nullptr;
    int loaded = git_filter_list_load(&raw, repo_.raw(), nullptr, path.c_str(), direction,
                                      GIT_FILTER_DEFAULT);
    if (attributes_index_) git_repository_set_index(repo_.raw(), nullptr);
    git::check(loaded, "loading git's filters");
    if (!raw) return text;
    std::unique_ptr<git_filter_list, git::Deleter<git_filter_list_free>> filters(raw);
    git_buf out = GIT_BUF_INIT;
    int rc = git_filter_list_apply_to_buffer(&out, filters.get(), text.data(), text.size());
    std::string result = rc == 0 ? std::string(out.ptr, out.size) : std::string();
    git_buf_dispose(&out);
    git::check(rc, ("applying git's filters to " + path).c_str());
    return result;
}

std::string Transaction::to_repository(const std::string& path, const std::string& bytes) const {
    return filtered(path, bytes, GIT_FILTER_TO_ODB);
}

std::string Transaction::to_work_tree(const std::string& path, const std::string& content) const {
    return filtered(path, content, GIT_FILTER_TO_WORKTREE);
}

std::string Transaction::read_clean(const std::string& path) {
    require_inside(path);
    if (staged_conflict(path))
        throw Error(
            Exit::repo,
            fmt::format("{} is in conflict; resolve it (edit the file, then git add {}) and "
                        "commit before hd changes it",
                        path, path));
    auto committed = tree_blob(head_tree_.get(), path);
    if (!committed)
        throw Error(Exit::repo, fmt::format("{} is not committed; commit it with git first", path));
    auto bytes = read_file(repo_.workdir() + path);
    if (!bytes)
        throw Error(Exit::repo, fmt::format("{} is missing from the work tree (git restore -- {})",
                                            path, path));
    std::string content = to_repository(path, *bytes);
    git_oid work = hash_blob(content);
    auto staged = staged_entry(path);
    if (!git_oid_equal(&work, &*committed) || !staged || staged->id != digest_of(*committed)) {
        if (pending_)
            throw Error(Exit::repo,
                        fmt::format("{} was changed by an interrupted hd action that is "
                                    "not finished; run 'hd recover' first",
                                    path));
        throw Error(Exit::repo, fmt::format("{} has uncommitted changes; commit or discard them "
                                            "first (git diff HEAD -- {})",
                                            path, path));
    }
    checked_[path] = std::move(*bytes);
    return content;
}

bool Transaction::is_free(const std::string& path) {
    require_inside(path);
    if (tree_blob(head_tree_.get(), path)) return false;
    if (staged_entry(path) || staged_conflict(path)) return false;
    if (exists(repo_.workdir() + path)) return false;
    checked_[path] = std::nullopt;
    return true;
}

void Transaction::write(const std::string& path, std::string content) {
    if (!checked_.count(path))
        throw Error(Exit::repo, fmt::format("internal: {} written without being checked", path));
    writes_[path] = std::move(content);
}

Transaction::Written Transaction::put_file(const std::string& path, const std::string& bytes,
                                           const std::optional<std::string>& expected) {
    std::string full = repo_.workdir() + path;
    require_inside(path);
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(full).parent_path(), ec);
    std::string tmp = fmt::format("{}.hd-{}.tmp", full, ::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        throw Error(Exit::repo, fmt::format("cannot write {}: {}", tmp, std::strerror(errno)));
    auto fail = [&](const std::string& why) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw Error(Exit::repo, why);
    };
    for (size_t done = 0; done < bytes.size();) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(fmt::format("cannot write {}: {}", tmp, std::strerror(errno)));
        done += static_cast<size_t>(n);
    }
    std::string changed = fmt::format("{} changed while hd was working; your change was kept and "
                                      "nothing was committed; commit or discard it, then try again",
                                      path);
    if (!expected) {
        // A new file: never replace one that appeared meanwhile.
        if (::link(tmp.c_str(), full.c_str()) != 0)
            fail(errno == EEXIST
                     ? fmt::format("{} appeared while hd was working; nothing was committed", path)
                     : fmt::format("cannot write {}: {}", full, std::strerror(errno)));
        ::unlink(tmp.c_str());
    } else if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, full.c_str(), RENAME_EXCHANGE) == 0) {
        // The swap is atomic: what was at the path a moment ago is now at
        // `tmp`, and it is that, not an earlier look, that must be what was
        // checked. If an editor saved in between, swap their file back.
        if (read_file(tmp) != expected) {
            ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, full.c_str(), RENAME_EXCHANGE);
            if (read_file(tmp) != bytes)
                changed += fmt::format(" (it changed twice in a moment: the earlier version "
                                       "is in {})",
                                       tmp);
            else
                ::unlink(tmp.c_str());
            ::close(fd);
            throw Error(Exit::repo, changed);
        }
        ::unlink(tmp.c_str());
    } else {
        // No atomic swap on this file system: look again just before the
        // rename, so the moment a hand edit could be overwritten is short.
        if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
            fail(fmt::format("cannot write {}: {}", full, std::strerror(errno)));
        if (read_file(full) != expected) fail(changed);
        if (::rename(tmp.c_str(), full.c_str()) != 0)
            fail(fmt::format("cannot write {}: {}", full, std::strerror(errno)));
    }
    Written w{bytes, {}};
    // The status of the file hd wrote, not of whatever is at the path now.
    ::fstat(fd, &w.st);
    ::close(fd);
    return w;
}

void Transaction::read_staged() {
    index_.reset();
    attributes_index_.reset();
    index_file_ = repo_.index_snapshot(true);
    if (!index_file_ && exists(repo_.gitdir() + "index")) index_ = repo_.open_index();
}

std::optional<IndexEntry> Transaction::staged_entry(const std::string& path) const {
    if (index_file_) {
        auto i = index_file_->file().find(path);
        return i ? std::optional(index_file_->file().entry(*i)) : std::nullopt;
    }
    if (!index_) return std::nullopt;
    const git_index_entry* e = git_index_get_bypath(index_.get(), path.c_str(), 0);
    if (!e) return std::nullopt;
    IndexEntry out{.path = path, .mode = e->mode};
    out.id = digest_of(e->id);
    return out;
}

bool Transaction::staged_conflict(const std::string& path) const {
    if (index_file_) return index_file_->file().conflicted(path);
    if (!index_) return false;
    const git_index_entry *ancestor = nullptr, *ours = nullptr, *theirs = nullptr;
    return git_index_conflict_get(&ancestor, &ours, &theirs, index_.get(), path.c_str()) == 0;
}

void Transaction::stage(const std::string& path, const git_oid& blob, const struct stat& st) {
    staging_[path] = Staged{blob, st};
}

void Transaction::write_index(std::map<std::string, std::optional<IndexEntry>>* before) {
    update_index(
        repo_, env_,
        [&](const IndexLookup& current) {
            std::vector<IndexChange> changes;
            for (const auto& [path, staged] : staging_) {
                auto now = current(path);
                if (before) (*before)[path] = now;
                if (!staged) {
                    if (now) changes.push_back({path, std::nullopt});
                    continue;
                }
                uint32_t mode = now ? now->mode : static_cast<uint32_t>(GIT_FILEMODE_BLOB);
                if (auto m = modes_.find(path); m != modes_.end() && m->second != 0)
                    mode = m->second;
                changes.push_back(
                    {path, entry_from_stat(path, digest_of(staged->blob), mode, staged->st)});
            }
            return changes;
        },
        index_file_.get());
    staging_.clear();
}

void Transaction::move_branch(const std::string& ref, const git_oid& to,
                              const std::optional<git_oid>& from, const std::string& reflog) {
    git_reference* out = nullptr;
    int rc = from ? git_reference_create_matching(&out, repo_.raw(), ref.c_str(), &to, 1, &*from,
                                                  reflog.c_str())
                  : git_reference_create(&out, repo_.raw(), ref.c_str(), &to, 0, reflog.c_str());
    if (rc == 0) {
        git_reference_free(out);
        return;
    }
    std::string why = git::last_error();
    std::string lock = repo_.gitdir() + ref + ".lock";
    if (exists(lock)) throw Error(Exit::repo, lock_advice(lock));
    throw Error(Exit::repo,
                fmt::format("{} moved while hd was working ({}); nothing was committed, try again",
                            ref, why));
}

std::string Transaction::commit(const std::string& message, const Identity& who,
                                const std::vector<git_oid>& merged) {
    if (writes_.empty()) throw Error(Exit::repo, "internal: nothing to commit");
    if (mode_ == Mode::dry_run) throw Error(Exit::repo, "internal: a dry run tried to commit");
    git_repository* repo = repo_.raw();

    std::map<std::string, git_oid> blobs;
    for (const auto& [path, content] : writes_) {
        git_oid id;
        git::check(git_blob_create_from_buffer(&id, repo, content.data(), content.size()),
                   "writing a blob");
        blobs[path] = id;
    }
    git_oid tree_id = build_tree(repo, head_tree_.get(), blobs);
    git_tree* t = nullptr;
    git::check(git_tree_lookup(&t, repo, &tree_id), "reading the new tree");
    git::TreePtr tree(t);

    git_oid commit_id = create_commit(tree.get(), message, who, merged);
    std::string first_line = message.substr(0, message.find('\n'));
    apply(commit_id, blobs, (parent_ ? "commit: " : "commit (initial): ") + first_line);
    return git::oid_hex(commit_id);
}

git_oid Transaction::create_commit(git_tree* tree, const std::string& message, const Identity& who,
                                   const std::vector<git_oid>& merged) {
    git_repository* repo = repo_.raw();
    auto when = static_cast<git_time_t>(now_.utc.time_since_epoch().count());
    git_signature *a = nullptr, *c = nullptr;
    git::check(git_signature_new(&a, who.author.name.c_str(), who.author.email.c_str(), when,
                                 now_.offset_minutes),
               "making the author signature");
    git::SigPtr author(a);
    git::check(git_signature_new(&c, who.committer.name.c_str(), who.committer.email.c_str(), when,
                                 now_.offset_minutes),
               "making the committer signature");
    git::SigPtr committer(c);

    std::vector<git::CommitPtr> owned;
    std::vector<const git_commit*> parents;
    auto add_parent = [&](const git_oid& id) {
        git_commit* p = nullptr;
        git::check(git_commit_lookup(&p, repo, &id), "reading a parent commit");
        owned.emplace_back(p);
        parents.push_back(p);
    };
    if (parent_) add_parent(*parent_);
    for (const auto& id : merged)
        add_parent(id);
    git_oid commit_id;
    git::check(git_commit_create(&commit_id, repo, nullptr, author.get(), committer.get(), nullptr,
                                 message.c_str(), tree, parents.size(), parents.data()),
               "writing the commit");
    return commit_id;
}

std::string Transaction::merge(const git_oid& tree, const git_oid& theirs,
                               const std::string& message, const Identity& who) {
    if (mode_ == Mode::dry_run) throw Error(Exit::repo, "internal: a dry run tried to commit");
    git_tree* t = nullptr;
    git::check(git_tree_lookup(&t, repo_.raw(), &tree), "reading the merged tree");
    git::TreePtr owned(t);
    git_oid id = create_commit(owned.get(), message, who, {theirs});
    advance(id, "commit (merge): " + message.substr(0, message.find('\n')));
    return git::oid_hex(id);
}

void Transaction::advance(const git_oid& target, const std::string& reflog) {
    if (mode_ == Mode::dry_run) throw Error(Exit::repo, "internal: a dry run tried to commit");
    git_repository* repo = repo_.raw();
    git_commit* c = nullptr;
    git::check(git_commit_lookup(&c, repo, &target), "reading the commit to move to");
    git::CommitPtr commit(c);
    git_tree* t = nullptr;
    git::check(git_commit_tree(&t, commit.get()), "reading the commit to move to");
    git::TreePtr tree(t);
    git_diff* raw = nullptr;
    git::check(git_diff_tree_to_tree(&raw, repo, head_tree_.get(), tree.get(), nullptr),
               "comparing trees");
    std::unique_ptr<git_diff, git::Deleter<git_diff_free>> diff(raw);

    auto plain = [](uint32_t mode) {
        return mode == 0 || mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
    };
    std::map<std::string, git_oid> blobs;
    for (size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
        std::string path = d->new_file.path ? d->new_file.path : d->old_file.path;
        if (!plain(d->old_file.mode) || !plain(d->new_file.mode))
            throw Error(Exit::repo,
                        fmt::format("{} is not a plain file on one side (a link or a submodule); "
                                    "bring this change in with git itself (git merge)",
                                    path));
        bool had = d->status != GIT_DELTA_ADDED, has = d->status != GIT_DELTA_DELETED;
        if (had)
            read_clean(path);
        else if (!is_free(path))
            throw Error(Exit::repo, fmt::format("{} is in the way: it is not committed here, and "
                                                "the incoming change adds it; move it aside",
                                                path));
        if (!has) {
            removals_.insert(path);
            continue;
        }
        auto content = repo_.read_blob(d->new_file.id);
        if (!content) throw Error(Exit::repo, "reading an incoming file: " + path);
        writes_[path] = std::move(*content);
        blobs[path] = d->new_file.id;
        modes_[path] = d->new_file.mode;
    }
    apply(target, blobs, reflog);
}

void Transaction::apply(const git_oid& commit_id, const std::map<std::string, git_oid>& blobs,
                        const std::string& reflog) {
    // From here on the next hd can finish this action if this one dies.
    Journal journal{git::oid_hex(commit_id),
                    parent_ ? git::oid_hex(*parent_) : std::string(40, '0'),
                    refname_,
                    {},
                    this_process()};
    for (const auto& [path, _] : writes_)
        journal.paths.push_back(path);
    for (const auto& path : removals_)
        journal.paths.push_back(path);
    write_file_atomic(journal_path(repo_), render_journal(journal));

    std::map<std::string, Written> written;
    std::vector<std::string> removed;
    std::map<std::string, std::optional<IndexEntry>> before; // index entries, for rollback
    try {
        for (const auto& [path, content] : writes_) {
            written.emplace(path, put_file(path, to_work_tree(path, content), checked_.at(path)));
            if (modes_[path] == GIT_FILEMODE_BLOB_EXECUTABLE)
                ::chmod((repo_.workdir() + path).c_str(), 0755);
        }
        for (const auto& path : removals_) {
            std::string full = repo_.workdir() + path;
            if (read_file(full) != checked_.at(path))
                throw Error(Exit::repo,
                            fmt::format("{} changed while hd was working; your change was kept "
                                        "and nothing was committed; commit or discard it, then "
                                        "try again",
                                        path));
            remove_file(full);
            removed.push_back(path);
        }
        if (auto crash = env_("HD_TEST_CRASH"); crash && *crash == "after-files") ::_exit(137);

        // Made on the index as it is once locked (read again if someone
        // staged other work since the action began).
        for (const auto& [path, w] : written)
            stage(path, blobs.at(path), w.st);
        for (const auto& path : removed)
            staging_[path] = std::nullopt;
        write_index(&before);
        move_branch(refname_, commit_id, parent_, reflog);
    } catch (const Error& e) {
        // Undo what was done, but never over an edit made after hd wrote.
        std::vector<std::string> kept;
        for (const auto& [path, w] : written) {
            std::string full = repo_.workdir() + path;
            if (read_file(full) != w.bytes) {
                kept.push_back(path);
                continue;
            }
            if (const auto& old = checked_.at(path))
                write_file_atomic(full, *old);
            else
                remove_file(full);
        }
        for (const auto& path : removed)
            if (!exists(repo_.workdir() + path))
                write_file_atomic(repo_.workdir() + path, *checked_.at(path));
        staging_.clear();
        try {
            update_index(repo_, env_, [&](const IndexLookup& current) {
                std::vector<IndexChange> changes;
                for (const auto& [path, old] : before) {
                    auto now = current(path);
                    auto blob = blobs.find(path);
                    bool ours =
                        blob == blobs.end() ? !now : now && now->id == digest_of(blob->second);
                    if (!ours) continue;
                    if (old)
                        changes.push_back({path, *old});
                    else if (now)
                        changes.push_back({path, std::nullopt});
                }
                return changes;
            });
        } catch (const Error&) {
            // The index stays as the action left it; the message says why.
        }
        remove_file(journal_path(repo_));
        std::string message_out = e.what();
        for (const auto& path : kept)
            message_out +=
                fmt::format("; {} was edited after hd wrote it and was left as it is", path);
        throw Error(e.code(), message_out);
    }
    remove_file(journal_path(repo_));
    writes_.clear();
    removals_.clear();
    modes_.clear();
}

void Transaction::remove_temporaries(const std::string& path, const std::string& committed,
                                     const std::optional<std::string>& before) {
    std::filesystem::path full(repo_.workdir() + path);
    std::string dir = full.parent_path().string();
    std::string prefix = full.filename().string() + ".hd-";
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    std::vector<std::string> found;
    while (const dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name.starts_with(prefix) && name.ends_with(".tmp"))
            found.push_back(dir + "/" + e->d_name);
    }
    ::closedir(d);
    for (const auto& tmp : found) {
        // hd's own: its new bytes, whole or cut short, or the file as it was.
        // Anything else is an edit an interrupted swap left there: keep it.
        auto bytes = read_file(tmp).value_or("");
        if (!committed.starts_with(bytes) && bytes != before)
            throw Error(Exit::repo,
                        fmt::format("{} holds a version of {} saved while an hd action was "
                                    "interrupted; move it aside (keep what you need), then run hd "
                                    "again",
                                    tmp, path));
        ::unlink(tmp.c_str());
    }
}

void Transaction::clear_abandoned_locks(const Journal& j) {
    struct stat journal_st {};
    if (!exists(journal_path(repo_), &journal_st)) return;
    bool owner_gone = j.owner && liveness(*j.owner) == Liveness::gone;
    for (const std::string& lock :
         {repo_.gitdir() + "index.lock", repo_.gitdir() + j.ref + ".lock"}) {
        struct stat st {};
        if (!exists(lock, &st)) continue;
        // Made while that action ran (after its journal, and soon after),
        // by a process that is gone: it is the action's own.
        auto age = mtime_of(st) - mtime_of(journal_st);
        if (owner_gone && age >= std::chrono::nanoseconds(0) && age <= abandoned_lock_window) {
            ::unlink(lock.c_str());
            continue;
        }
        throw Error(Exit::repo, fmt::format("an interrupted hd action (journal {}) must be "
                                            "finished, but {}",
                                            journal_path(repo_), lock_advice(lock)));
    }
}

// The interrupted action removed `path`: remove it too, unless it holds
// something other than the version the action removed.
void Transaction::finish_removal(const std::string& path, const std::optional<git_oid>& before) {
    std::string full = repo_.workdir() + path;
    if (auto bytes = read_file(full)) {
        git_oid have = hash_blob(to_repository(path, *bytes));
        if (!before || !git_oid_equal(&have, &*before))
            throw Error(Exit::repo,
                        fmt::format("an interrupted hd action (journal {}) removed {}, which was "
                                    "edited since; check it, then delete the journal",
                                    journal_path(repo_), path));
        remove_file(full);
    }
    staging_[path] = std::nullopt;
}

void Transaction::recover() {
    auto text = read_file(journal_path(repo_));
    if (!text) return;
    Journal j = parse_journal(*text);
    if (j.owner && liveness(*j.owner) == Liveness::running && !(*j.owner == this_process()))
        throw Error(Exit::repo,
                    fmt::format("hd process {} is still working on an action (journal {}) "
                                "although hd's lock is free; if it is stuck, stop it",
                                j.owner->pid, journal_path(repo_)));
    git_oid commit_id, parent_id;
    git_commit* c = nullptr;
    if (git_oid_fromstr(&commit_id, j.commit.c_str()) != 0 ||
        git_oid_fromstr(&parent_id, j.parent.c_str()) != 0 ||
        git_commit_lookup(&c, repo_.raw(), &commit_id) != 0) {
        remove_file(journal_path(repo_)); // the commit was never written: nothing was touched
        return;
    }
    git::CommitPtr commit(c);
    clear_abandoned_locks(j);
    // This run takes the action over: locks it leaves if it dies too are
    // then recognised as the action's own.
    j.owner = this_process();
    write_file_atomic(journal_path(repo_), render_journal(j));

    git_tree* t = nullptr;
    git::check(git_commit_tree(&t, commit.get()), "reading an interrupted commit");
    git::TreePtr tree(t);

    git_oid current;
    bool unborn = git_reference_name_to_id(&current, repo_.raw(), j.ref.c_str()) != 0;
    bool at_parent = unborn ? git_oid_is_zero(&parent_id) : git_oid_equal(&current, &parent_id);
    bool at_commit = !unborn && git_oid_equal(&current, &commit_id);
    if (!at_parent && !at_commit)
        throw Error(Exit::repo,
                    fmt::format("an interrupted hd action (commit {}) was found in {}, but {} has "
                                "moved since; check the files it names, then delete that file",
                                short_hex(j.commit), journal_path(repo_), j.ref));

    git::TreePtr parent_tree;
    if (git_commit_parentcount(commit.get()) > 0) {
        git_commit* p = nullptr;
        git::check(git_commit_parent(&p, commit.get(), 0), "reading an interrupted commit");
        git::CommitPtr parent(p);
        git_tree* pt = nullptr;
        git::check(git_commit_tree(&pt, parent.get()), "reading an interrupted commit");
        parent_tree.reset(pt);
    }
    staging_.clear();
    for (const auto& path : j.paths) {
        auto want = tree_blob(tree.get(), path);
        require_inside(path);
        if (!want) {
            finish_removal(path, tree_blob(parent_tree.get(), path));
            continue;
        }
        auto old = tree_blob(parent_tree.get(), path);
        auto old_blob = old ? repo_.read_blob(*old) : std::nullopt;
        auto want_blob = repo_.read_blob(*want);
        remove_temporaries(path, want_blob ? to_work_tree(path, *want_blob) : "",
                           old_blob ? std::optional(to_work_tree(path, *old_blob)) : std::nullopt);
        struct stat st {};
        auto bytes = read_file(repo_.workdir() + path, &st);
        if (bytes) {
            git_oid have = hash_blob(to_repository(path, *bytes));
            if (git_oid_equal(&have, &*want)) {
                stage(path, *want, st);
                continue;
            }
            auto before = tree_blob(parent_tree.get(), path);
            // Someone edited the file after the interruption: keep their work.
            if (!before || !git_oid_equal(&have, &*before))
                throw Error(Exit::repo,
                            fmt::format("an interrupted hd action (journal {}) touched {}, which "
                                        "was edited since; check it, then delete the journal",
                                        journal_path(repo_), path));
        }
        auto blob = repo_.read_blob(*want);
        if (!blob) throw Error(Exit::repo, "an interrupted commit lost its objects: " + j.commit);
        Written w = put_file(path, to_work_tree(path, *blob), bytes);
        stage(path, *want, w.st);
    }
    write_index();
    if (at_parent)
        move_branch(j.ref, commit_id, unborn ? std::nullopt : std::optional<git_oid>(parent_id),
                    "commit: hd recovery");
    remove_file(journal_path(repo_));
    recovered_ = j.commit;
}

} // namespace hd
