#pragma once
// The repository at the edge of hd: discovery, reading the index and blobs,
// and whose name goes on a commit. Writing is store/transaction.hpp.
#include "core/ticket.hpp"
#include "core/timestamp.hpp"
#include "store/git_config_text.hpp"
#include "store/git_ptr.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace hd {

class IndexSnapshot;

using Getenv = std::function<std::optional<std::string>(const char*)>;

// Sets libgit2 up once per process (hd's merge driver registered with it).
// Repo does it itself; code that uses libgit2 without a repository calls it.
void ensure_libgit2();
// The same, begun on another thread, for a command that will need libgit2
// but has other work first: its set-up (about 5 ms, nearly all of it
// parsing the system's CA certificates) is then out of the way.
// main() calls finish_libgit2_start() before it returns: the libraries
// libgit2 sets up register exit handlers that must not run while it does.
void start_libgit2();
void finish_libgit2_start();

// libgit2 is set up and the repository opened through it only on the first
// raw(): commands that read the index and files alone never pay for it.
class Repo {
  public:
    // Finds the repository containing `start`; Error(repo) if none or bare.
    // With `env`, a plain layout is found without libgit2 (see
    // store/repo_discovery.hpp); anything else, and no `env`, asks libgit2.
    static Repo discover(const std::string& start, const Getenv& env = {});
    // Opens the repository at `dir`, creating one if `dir` is not inside any
    // (then `*created`, when given, is set to true).
    static Repo open_or_init(const std::string& dir, bool* created = nullptr);

    const std::string& workdir() const { return workdir_; } // absolute, ends in '/'
    const std::string& gitdir() const { return gitdir_; }   // absolute, ends in '/'
    // Opens the repository through libgit2 on first use; Error(repo) if it
    // cannot be opened any more.
    git_repository* raw() const;

    // The repository's own config file, when it was found without libgit2
    // and is plain (store/git_config_text.hpp); nullptr otherwise.
    const std::vector<ConfigLine>* plain_config() const {
        return plain_config_ ? &*plain_config_ : nullptr;
    }

    std::optional<std::string> read_blob(const git_oid& id) const;

    // The index, read from disk. Error(repo) explaining what to do when
    // libgit2 cannot read it (a split index, for one).
    git::IndexPtr open_index() const;

    // .git/index mapped and parsed, shared by whoever reads it while the
    // file stays the same; nullptr when there is none, or in a form
    // IndexFile does not take.
    // `check` begins its checksum check (for an action, which writes it).
    std::shared_ptr<IndexSnapshot> index_snapshot(bool check = false) const;

  private:
    explicit Repo(git::RepoPtr r);
    Repo(std::string workdir, std::string gitdir, std::vector<ConfigLine> config);
    mutable git::RepoPtr repo_;
    std::unique_ptr<std::once_flag> opened_ = std::make_unique<std::once_flag>();
    std::string workdir_, gitdir_;
    std::optional<std::vector<ConfigLine>> plain_config_;
    mutable std::shared_ptr<IndexSnapshot> snapshot_;
};

struct Identity {
    Person author, committer;
};

// Author and committer as git would choose them: GIT_AUTHOR_* and
// GIT_COMMITTER_* from the environment, else user.name and user.email.
// Error(repo) when neither gives a name and email.
Identity resolve_identity(const Repo& repo, const Getenv& env);

} // namespace hd
