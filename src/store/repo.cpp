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
    git::IndexPtr index = open_index();
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

git::IndexPtr Repo::open_index() const {
    git_index* raw = nullptr;
    int rc = git_repository_index(&raw, repo_.get());
    git::IndexPtr index(raw);
    if (rc == 0) rc = git_index_read(index.get(), 0);
    if (rc < 0) {
        std::string why = git::last_error();
        if (why.find("'link'") != std::string::npos)
            throw Error(Exit::repo,
                        fmt::format("{}index is a split index (core.splitIndex), which hd cannot "
                                    "read; turn it off with 'git config core.splitIndex false && "
                                    "git update-index --no-split-index'",
                                    gitdir_));
        throw Error(Exit::repo, fmt::format("reading {}index: {}", gitdir_, why));
    }
    return index;
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

} // namespace hd
