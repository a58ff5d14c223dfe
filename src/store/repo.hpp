#pragma once
// The repository at the edge of hd: discovery, reading the index and blobs,
// and whose name goes on a commit. Writing is store/transaction.hpp.
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

// Sets libgit2 up once per process (hd's merge driver registered with it).
// Repo does it itself; code that uses libgit2 without a repository calls it.
void ensure_libgit2();

class Repo {
  public:
    // Finds the repository containing `start`; Error(repo) if none or bare.
    static Repo discover(const std::string& start);
    // Opens the repository at `dir`, creating one if `dir` is not inside any
    // (then `*created`, when given, is set to true).
    static Repo open_or_init(const std::string& dir, bool* created = nullptr);

    const std::string& workdir() const { return workdir_; } // absolute, ends in '/'
    const std::string& gitdir() const { return gitdir_; }   // absolute, ends in '/'
    git_repository* raw() const { return repo_.get(); }

    std::optional<std::string> read_blob(const git_oid& id) const;

    // The index, read from disk. Error(repo) explaining what to do when
    // libgit2 cannot read it (a split index, for one).
    git::IndexPtr open_index() const;

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

} // namespace hd
