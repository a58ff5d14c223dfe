#include "store/repo.hpp"

#include "core/error.hpp"
#include "store/files.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sstream>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace hd {

namespace git {

void check(int rc, const char* context) {
    if (rc < 0) throw Error(Exit::repo, fmt::format("{}: {}", context, last_error()));
}

std::string oid_hex(const git_oid& id) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &id);
    return buf;
}

} // namespace git

namespace {

struct Libgit2 {
    Libgit2() {
        git_libgit2_init();
        // hd reads and writes only objects it made or git made; hashing checks
        // on every read cost time at 100,000 tickets and catch nothing new.
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    }
    ~Libgit2() { git_libgit2_shutdown(); }
};

void ensure_libgit2() {
    static Libgit2 once;
}

std::string with_slash(std::string s) {
    if (!s.empty() && s.back() != '/') s += '/';
    return s;
}

git_oid hash_blob(const std::string& content) {
    git_oid id;
    git::check(git_odb_hash(&id, content.data(), content.size(), GIT_OBJECT_BLOB), "hashing");
    return id;
}

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

std::optional<Person> env_person(const Getenv& env, const char* name_var, const char* email_var) {
    auto name = env(name_var);
    auto email = env(email_var);
    if (!name && !email) return std::nullopt;
    return Person{name.value_or(""), email.value_or("")};
}

} // namespace

Repo::Repo(git::RepoPtr r) : repo_(std::move(r)) {
    workdir_ = with_slash(git_repository_workdir(repo_.get()));
    gitdir_ = with_slash(git_repository_path(repo_.get()));
}

Repo Repo::discover(const std::string& start) {
    ensure_libgit2();
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, start.c_str(), 0, nullptr) != 0)
        throw Error(Exit::repo, fmt::format("not a git repository: {} (run 'git init' and "
                                            "'hd init' there, or pass -C DIR)",
                                            start));
    git::RepoPtr repo(raw);
    if (git_repository_is_bare(repo.get()))
        throw Error(Exit::repo,
                    fmt::format("{} is a bare repository; hd needs a work tree", start));
    return Repo(std::move(repo));
}

Repo Repo::open_or_init(const std::string& dir) {
    ensure_libgit2();
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, dir.c_str(), 0, nullptr) != 0) {
        git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
        opts.flags = GIT_REPOSITORY_INIT_MKPATH;
        git::check(git_repository_init_ext(&raw, dir.c_str(), &opts),
                   ("creating a git repository in " + dir).c_str());
    }
    git::RepoPtr repo(raw);
    if (git_repository_is_bare(repo.get()))
        throw Error(Exit::repo, fmt::format("{} is a bare repository; hd needs a work tree", dir));
    return Repo(std::move(repo));
}

std::vector<Repo::IndexEntry> Repo::index_entries(std::string_view prefix) const {
    git_index* raw = nullptr;
    git::check(git_repository_index(&raw, repo_.get()), "reading the index");
    git::IndexPtr index(raw);
    git::check(git_index_read(index.get(), 0), "reading the index");
    std::vector<IndexEntry> out;
    size_t pos = 0;
    std::string p(prefix);
    if (git_index_find_prefix(&pos, index.get(), p.c_str()) != 0) return out;
    size_t n = git_index_entrycount(index.get());
    for (; pos < n; ++pos) {
        const git_index_entry* e = git_index_get_byindex(index.get(), pos);
        std::string_view path = e->path;
        if (!path.starts_with(prefix)) break;
        if (GIT_INDEX_ENTRY_STAGE(e) != 0) continue;
        out.push_back(IndexEntry{std::string(path), e->id, static_cast<uint32_t>(e->mtime.seconds),
                                 e->mtime.nanoseconds, e->file_size});
    }
    return out;
}

std::optional<std::string> Repo::read_blob(const git_oid& id) const {
    git_blob* raw = nullptr;
    if (git_blob_lookup(&raw, repo_.get(), &id) != 0) return std::nullopt;
    git::BlobPtr blob(raw);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                       static_cast<size_t>(git_blob_rawsize(blob.get())));
}

Identity resolve_identity(const Repo& repo, const Getenv& env) {
    git_config* raw = nullptr;
    git::check(git_repository_config_snapshot(&raw, repo.raw()), "reading git config");
    git::ConfigPtr cfg(raw);
    Person base;
    const char* value = nullptr;
    if (git_config_get_string(&value, cfg.get(), "user.name") == 0) base.name = value;
    if (git_config_get_string(&value, cfg.get(), "user.email") == 0) base.email = value;

    auto pick = [&](const char* name_var, const char* email_var) {
        Person p = base;
        if (auto e = env_person(env, name_var, email_var)) {
            if (!e->name.empty()) p.name = e->name;
            if (!e->email.empty()) p.email = e->email;
        }
        if (p.name.empty() || p.email.empty())
            throw Error(Exit::repo,
                        "no agent identity: set it with git config user.name \"Your Name\" and "
                        "git config user.email you@example.com");
        return p;
    };
    return Identity{pick("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL"),
                    pick("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL")};
}

// ---- Transaction ---------------------------------------------------------

Transaction::Transaction(Repo& repo, Getenv env, Timestamp now)
    : repo_(repo), env_(std::move(env)), now_(now) {
    lock();
    recover();
    load_head();
}

Transaction::~Transaction() {
    if (lock_fd_ >= 0) ::close(lock_fd_); // closing releases the flock
}

void Transaction::lock() {
    std::string path = repo_.gitdir() + "hd.lock";
    lock_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0)
        throw Error(Exit::repo, fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    double timeout = 10.0;
    if (auto t = env_("HD_LOCK_TIMEOUT")) {
        try {
            timeout = std::stod(*t);
        } catch (...) {
            throw Error(Exit::usage,
                        fmt::format("HD_LOCK_TIMEOUT: not a number of seconds: {}", *t));
        }
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
    while (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR)
            throw Error(Exit::repo, fmt::format("cannot lock {}: {}", path, std::strerror(errno)));
        if (std::chrono::steady_clock::now() >= deadline)
            throw Error(Exit::repo,
                        fmt::format("another hd is working in this repository ({} is locked); "
                                    "try again, or raise HD_LOCK_TIMEOUT",
                                    path));
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

void Transaction::load_head() {
    git_reference* raw = nullptr;
    git::check(git_reference_lookup(&raw, repo_.raw(), "HEAD"), "reading HEAD");
    git::RefPtr head(raw);
    parent_.reset();
    head_tree_.reset();
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

    git_index* idx = nullptr;
    git::check(git_repository_index(&idx, repo_.raw()), "reading the index");
    index_.reset(idx);
    git::check(git_index_read(index_.get(), 0), "reading the index");
}

std::string Transaction::read_clean(const std::string& path) {
    auto committed = tree_blob(head_tree_.get(), path);
    if (!committed)
        throw Error(Exit::repo, fmt::format("{} is not committed; commit it with git first", path));
    auto content = read_file(repo_.workdir() + path);
    if (!content)
        throw Error(Exit::repo, fmt::format("{} is missing from the work tree (git restore -- {})",
                                            path, path));
    git_oid work = hash_blob(*content);
    const git_index_entry* staged =
        index_ ? git_index_get_bypath(index_.get(), path.c_str(), 0) : nullptr;
    if (!git_oid_equal(&work, &*committed) || !staged || !git_oid_equal(&staged->id, &*committed))
        throw Error(Exit::repo, fmt::format("{} has uncommitted changes; commit or discard them "
                                            "first (git diff HEAD -- {})",
                                            path, path));
    return *content;
}

bool Transaction::is_free(const std::string& path) {
    if (tree_blob(head_tree_.get(), path)) return false;
    if (index_ && git_index_get_bypath(index_.get(), path.c_str(), 0)) return false;
    return !read_file(repo_.workdir() + path).has_value();
}

void Transaction::write(const std::string& path, std::string content) {
    writes_[path] = std::move(content);
}

void Transaction::update_index(const std::vector<std::string>& paths) {
    if (!index_) {
        git_index* idx = nullptr;
        git::check(git_repository_index(&idx, repo_.raw()), "reading the index");
        index_.reset(idx);
    }
    for (const auto& p : paths) {
        if (read_file(repo_.workdir() + p))
            git::check(git_index_add_bypath(index_.get(), p.c_str()), "updating the index");
        else
            git_index_remove_bypath(index_.get(), p.c_str());
    }
    git::check(git_index_write(index_.get()), "writing the index");
}

void Transaction::restore_files() {
    for (const auto& [path, old] : originals_) {
        if (old)
            write_file_atomic(repo_.workdir() + path, *old);
        else
            remove_file(repo_.workdir() + path);
    }
}

std::string Transaction::commit(const std::string& message, const Identity& who) {
    if (writes_.empty()) throw Error(Exit::repo, "internal: nothing to commit");
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

    git::CommitPtr parent;
    if (parent_) {
        git_commit* p = nullptr;
        git::check(git_commit_lookup(&p, repo, &*parent_), "reading the parent commit");
        parent.reset(p);
    }
    const git_commit* parents[1] = {parent.get()};
    git_oid commit_id;
    git::check(git_commit_create(&commit_id, repo, nullptr, author.get(), committer.get(), nullptr,
                                 message.c_str(), tree.get(), parent ? 1 : 0, parents),
               "writing the commit");

    // The journal lets the next hd finish this action if we die between
    // touching the work tree and moving the branch.
    std::string journal =
        fmt::format("commit {}\nparent {}\nref {}\n", git::oid_hex(commit_id),
                    parent_ ? git::oid_hex(*parent_) : std::string(40, '0'), refname_);
    for (const auto& [path, _] : writes_)
        journal += "path " + path + "\n";
    write_file_atomic(journal_path(repo_), journal);

    std::vector<std::string> paths;
    for (const auto& [path, content] : writes_) {
        originals_[path] = read_file(repo_.workdir() + path);
        write_file_atomic(repo_.workdir() + path, content);
        paths.push_back(path);
    }
    if (auto crash = env_("HD_TEST_CRASH"); crash && *crash == "after-files") ::_exit(137);

    try {
        update_index(paths);
        std::string first_line = message.substr(0, message.find('\n'));
        std::string reflog = (parent_ ? "commit: " : "commit (initial): ") + first_line;
        git_reference* out = nullptr;
        int rc = parent_ ? git_reference_create_matching(&out, repo, refname_.c_str(), &commit_id,
                                                         1, &*parent_, reflog.c_str())
                         : git_reference_create(&out, repo, refname_.c_str(), &commit_id, 0,
                                                reflog.c_str());
        if (rc != 0)
            throw Error(Exit::repo, fmt::format("{} moved while hd was working ({}); nothing was "
                                                "committed, try again",
                                                refname_, git::last_error()));
        git_reference_free(out);
    } catch (...) {
        restore_files();
        try {
            update_index(paths);
        } catch (...) {
        }
        remove_file(journal_path(repo_));
        throw;
    }
    remove_file(journal_path(repo_));
    writes_.clear();
    return git::oid_hex(commit_id);
}

void Transaction::recover() {
    auto journal = read_file(journal_path(repo_));
    if (!journal) return;
    std::istringstream in(*journal);
    std::string word, value, commit_hex, parent_hex, ref;
    std::vector<std::string> paths;
    while (in >> word && std::getline(in >> std::ws, value)) {
        if (word == "commit")
            commit_hex = value;
        else if (word == "parent")
            parent_hex = value;
        else if (word == "ref")
            ref = value;
        else if (word == "path")
            paths.push_back(value);
    }
    git_oid commit_id, parent_id;
    git_commit* c = nullptr;
    if (git_oid_fromstr(&commit_id, commit_hex.c_str()) != 0 ||
        git_oid_fromstr(&parent_id, parent_hex.c_str()) != 0 ||
        git_commit_lookup(&c, repo_.raw(), &commit_id) != 0) {
        remove_file(journal_path(repo_)); // the commit was never written: nothing was touched
        return;
    }
    git::CommitPtr commit(c);
    git_tree* t = nullptr;
    git::check(git_commit_tree(&t, commit.get()), "reading an interrupted commit");
    git::TreePtr tree(t);

    git_oid current;
    bool unborn = git_reference_name_to_id(&current, repo_.raw(), ref.c_str()) != 0;
    bool at_parent = unborn ? git_oid_is_zero(&parent_id) : git_oid_equal(&current, &parent_id);
    bool at_commit = !unborn && git_oid_equal(&current, &commit_id);
    if (!at_parent && !at_commit)
        throw Error(Exit::repo,
                    fmt::format("an interrupted hd action (commit {}) was found in {}, but {} has "
                                "moved since; check the files it names, then delete that file",
                                commit_hex.substr(0, 12), journal_path(repo_), ref));

    git::TreePtr parent_tree;
    if (git_commit_parentcount(commit.get()) > 0) {
        git_commit* p = nullptr;
        git::check(git_commit_parent(&p, commit.get(), 0), "reading an interrupted commit");
        git::CommitPtr parent(p);
        git_tree* pt = nullptr;
        git::check(git_commit_tree(&pt, parent.get()), "reading an interrupted commit");
        parent_tree.reset(pt);
    }
    for (const auto& path : paths) {
        auto want = tree_blob(tree.get(), path);
        if (!want) continue;
        auto content = read_file(repo_.workdir() + path);
        if (content) {
            git_oid have = hash_blob(*content);
            if (git_oid_equal(&have, &*want)) continue;
            auto before = tree_blob(parent_tree.get(), path);
            // Someone edited the file after the interruption: keep their work.
            if (!before || !git_oid_equal(&have, &*before))
                throw Error(Exit::repo,
                            fmt::format("an interrupted hd action (journal {}) touched {}, which "
                                        "was edited since; check it, then delete the journal",
                                        journal_path(repo_), path));
        }
        if (auto blob = repo_.read_blob(*want)) write_file_atomic(repo_.workdir() + path, *blob);
    }
    update_index(paths);
    if (at_parent) {
        git_reference* out = nullptr;
        int rc = unborn ? git_reference_create(&out, repo_.raw(), ref.c_str(), &commit_id, 0,
                                               "commit: hd recovery")
                        : git_reference_create_matching(&out, repo_.raw(), ref.c_str(), &commit_id,
                                                        1, &parent_id, "commit: hd recovery");
        git::check(rc, "finishing an interrupted hd action");
        git_reference_free(out);
    }
    remove_file(journal_path(repo_));
    index_.reset();
    recovered_ = commit_hex;
}

} // namespace hd
