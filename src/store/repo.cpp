#include "store/repo.hpp"

#include "core/error.hpp"
#include "store/files.hpp"
#include "store/index_reader.hpp"
#include "store/index_snapshot.hpp"
#include "store/merge_driver.hpp"
#include "store/repo_discovery.hpp"
#include "store/sha1.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
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

git_oid hash_blob(std::string_view content) {
    // Without libgit2, which need not be set up: the same id, faster.
    Digest d = blob_digest(content);
    git_oid id;
    git_oid_fromraw(&id, d.data());
    return id;
}

std::string short_hash(std::string_view content) {
    return oid_hex(hash_blob(content)).substr(0, 16);
}

std::optional<std::string> read_blob(git_repository* repo, const git_oid& id) {
    git_blob* raw = nullptr;
    if (git_blob_lookup(&raw, repo, &id) != 0) return std::nullopt;
    BlobPtr blob(raw);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                       static_cast<size_t>(git_blob_rawsize(blob.get())));
}

} // namespace git

namespace {

struct Libgit2 {
    Libgit2() {
        git_libgit2_init();
        // hd reads and writes only objects it made or git made; hashing checks
        // on every read cost time at 100,000 tickets and catch nothing new.
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        // libgit2 caches no tree over 4 KB, and tickets/ holds up to 1,024
        // shard directories (about 30 KB): every lookup under it would
        // inflate it again.
        git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, size_t(1) << 20);
        register_merge_driver();
    }
    ~Libgit2() { git_libgit2_shutdown(); }
};

std::string with_slash(std::string s) {
    if (!s.empty() && s.back() != '/') s += '/';
    return s;
}

std::optional<Person> env_person(const Getenv& env, const char* name_var, const char* email_var) {
    auto name = env(name_var);
    auto email = env(email_var);
    if (!name && !email) return std::nullopt;
    return Person{name.value_or(""), email.value_or("")};
}

} // namespace

void ensure_libgit2() {
    static Libgit2 once;
}

namespace {
// Joined by finish_libgit2_start(), or else at exit (a program other than
// hd's main, such as the unit tests, by when it is long done).
struct EarlySetup {
    std::thread thread;
    ~EarlySetup() { join(); }
    void join() {
        if (thread.joinable()) thread.join();
    }
} early_setup;
} // namespace

void start_libgit2() {
    if (!early_setup.thread.joinable()) early_setup.thread = std::thread(ensure_libgit2);
}

void finish_libgit2_start() {
    early_setup.join();
}

Repo::Repo(git::RepoPtr r) : repo_(std::move(r)) {
    std::call_once(*opened_, [] {});
    workdir_ = with_slash(git_repository_workdir(repo_.get()));
    gitdir_ = with_slash(git_repository_path(repo_.get()));
}

Repo::Repo(std::string workdir, std::string gitdir, std::vector<ConfigLine> config)
    : workdir_(std::move(workdir)), gitdir_(std::move(gitdir)), plain_config_(std::move(config)) {}

git_repository* Repo::raw() const {
    std::call_once(*opened_, [this] {
        ensure_libgit2();
        git_repository* raw = nullptr;
        // The directory found is opened as it is, without a search.
        if (git_repository_open_ext(&raw, workdir_.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH,
                                    nullptr) != 0)
            throw Error(Exit::repo,
                        fmt::format("opening the repository {}: {}", workdir_, git::last_error()));
        repo_.reset(raw);
    });
    if (!repo_)
        throw Error(Exit::repo, fmt::format("the repository {} could not be opened", workdir_));
    return repo_.get();
}

Repo Repo::discover(const std::string& start, const Getenv& env) {
    if (auto plain = find_plain_repo(start, env))
        return Repo(std::move(plain->workdir), std::move(plain->gitdir), std::move(plain->config));
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

Repo Repo::open_or_init(const std::string& dir, bool* created) {
    ensure_libgit2();
    git_repository* raw = nullptr;
    if (created) *created = false;
    if (git_repository_open_ext(&raw, dir.c_str(), 0, nullptr) != 0) {
        // A .git that is there but could not be opened (another owner, say)
        // is not one this call created, whatever init makes of it.
        struct stat st;
        bool there = ::lstat((dir + "/.git").c_str(), &st) == 0;
        git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
        opts.flags = GIT_REPOSITORY_INIT_MKPATH;
        git::check(git_repository_init_ext(&raw, dir.c_str(), &opts),
                   ("creating a git repository in " + dir).c_str());
        if (created) *created = !there;
    }
    git::RepoPtr repo(raw);
    if (git_repository_is_bare(repo.get()))
        throw Error(Exit::repo, fmt::format("{} is a bare repository; hd needs a work tree", dir));
    return Repo(std::move(repo));
}

std::shared_ptr<IndexSnapshot> Repo::index_snapshot(bool check) const {
    std::string path = gitdir_ + "index";
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        snapshot_.reset();
        return nullptr;
    }
    if (!snapshot_ || !snapshot_->same_file(st)) {
        std::string why;
        snapshot_ = IndexSnapshot::read(path, why, check);
    } else if (check) {
        snapshot_->begin_check();
    }
    return snapshot_;
}

git::IndexPtr Repo::open_index() const {
    return hd::open_index(raw(), gitdir_);
}

std::optional<std::string> Repo::read_blob(const git_oid& id) const {
    return git::read_blob(raw(), id);
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

} // namespace hd
