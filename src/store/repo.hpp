#pragma once
// The repository at the edge of hd: discovery, reading the index and blobs,
// and the one way hd writes (Transaction: lock, check, write, commit).
#include "core/ticket.hpp"
#include "core/timestamp.hpp"
#include "store/git_ptr.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hd {

using Getenv = std::function<std::optional<std::string>(const char*)>;

class Repo {
  public:
    // Finds the repository containing `start`; Error(repo) if none or bare.
    static Repo discover(const std::string& start);
    // Opens the repository at `dir`, creating one if `dir` is not inside any.
    static Repo open_or_init(const std::string& dir);

    const std::string& workdir() const { return workdir_; } // absolute, ends in '/'
    const std::string& gitdir() const { return gitdir_; }   // absolute, ends in '/'
    git_repository* raw() const { return repo_.get(); }

    struct IndexEntry {
        std::string path;
        git_oid id;
        uint32_t mtime_s, mtime_ns, size;
    };
    // Index entries whose path starts with `prefix`, in index (path) order.
    std::vector<IndexEntry> index_entries(std::string_view prefix) const;

    std::optional<std::string> read_blob(const git_oid& id) const;

  private:
    explicit Repo(git::RepoPtr r);
    git::RepoPtr repo_;
    std::string workdir_, gitdir_;
};

struct Identity {
    Person author, committer;
};

// Author and committer as git would choose them: GIT_AUTHOR_* and
// GIT_COMMITTER_* from the environment, else user.name and user.email.
// Error(repo) when neither gives a name and email.
Identity resolve_identity(const Repo& repo, const Getenv& env);

// One hd action: holds hd's lock on the repository for its lifetime, checks
// that the files it touches are clean, and makes exactly one commit.
// If a previous action was interrupted, it is finished first (see recover()).
class Transaction {
  public:
    Transaction(Repo& repo, Getenv env, Timestamp now);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Content of a committed file, after checking that neither the work
    // tree nor the index differs from HEAD there; Error(repo) otherwise.
    std::string read_clean(const std::string& path);
    // True when nothing (HEAD, index, work tree) has this path.
    bool is_free(const std::string& path);

    void write(const std::string& path, std::string content);

    // Commits the writes on the current branch; returns the commit id.
    std::string commit(const std::string& message, const Identity& who);

    // Set when the constructor finished an interrupted action.
    const std::string& recovered() const { return recovered_; }

  private:
    void lock();
    void load_head();
    void recover();
    void update_index(const std::vector<std::string>& paths);
    void restore_files();

    Repo& repo_;
    Getenv env_;
    Timestamp now_;
    int lock_fd_ = -1;
    std::string refname_; // branch HEAD points to, or "HEAD" when detached
    std::optional<git_oid> parent_;
    git::TreePtr head_tree_;
    git::IndexPtr index_;
    std::map<std::string, std::string> writes_;
    std::map<std::string, std::optional<std::string>> originals_; // for rollback
    std::string recovered_;
};

} // namespace hd
