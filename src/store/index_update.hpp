#pragma once
// Changing a few entries of .git/index, under git's own index.lock, as git
// does it: the index is read once the lock is held (so nothing staged
// meanwhile is lost), changed, written whole to the lock file and renamed
// over the index. Patched as bytes (store/index_file.hpp) where its form
// allows; through libgit2 otherwise.
#include "store/index_file.hpp"
#include "store/index_snapshot.hpp"
#include "store/repo.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

// The stage-0 entry of a path in the index as it is now, if any.
using IndexLookup = std::function<std::optional<IndexEntry>(std::string_view path)>;
// What to change, decided on the index as it is once locked.
using IndexPlan = std::function<std::vector<IndexChange>(const IndexLookup&)>;

// Which way update_index went.
enum class IndexWrite {
    patched, // the bytes of the entries changed, the rest copied
    general, // through libgit2: a form of index the patch does not handle
    none,    // the plan changed nothing, and nothing was written
};

// Runs `plan` on the locked index and writes its changes; an empty plan
// writes nothing. `plan` may run twice (when the patch gives way to libgit2
// after it ran), so it must only decide, not act. Error(repo) naming index.lock when another git
// holds it. HD_INDEX_PATCH=0 in `env` takes the libgit2 path always (a test seam).
// `known`, when given, is the index as read earlier: used again, checksum
// check and all, if the index has not been replaced since.
IndexWrite update_index(const Repo& repo, const Getenv& env, const IndexPlan& plan,
                        IndexSnapshot* known = nullptr);

// An entry in libgit2's form and back; `to_libgit2`'s result points into `e`.
IndexEntry from_libgit2(const git_index_entry& e);
git_index_entry to_libgit2(const IndexEntry& e);

// git's advice for a lock file in the way.
std::string lock_advice(const std::string& lock);

} // namespace hd
