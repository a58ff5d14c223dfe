#pragma once
// Reads the entries hd needs straight from .git/index: path, object id and
// the stat data git keeps to tell whether the work tree file changed.
// libgit2 builds a full in-memory index (about 45 ms at 100,000 entries);
// listings need only a prefix scan, which this does in a few milliseconds.
#include "store/git_ptr.hpp"
#include "store/index_file.hpp"
#include "store/index_snapshot.hpp"
#include "store/mapped_file.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace hd {

class Repo;

struct IndexPath {
    std::string_view path;
    std::string_view oid; // 20 raw bytes; empty for a conflict
    // The file as git last saw it, truncated to 32 bits as git stores it.
    uint32_t ctime_s = 0, ctime_ns = 0, mtime_s = 0, mtime_ns = 0;
    uint32_t dev = 0, ino = 0, uid = 0, gid = 0, size = 0;
    // Bit n is set when the index holds stage n of the path: 1 for a merged
    // file; stages 1 (base), 2 (ours) and 3 (theirs) mean a merge conflict.
    uint8_t stages = 1;

    bool conflicted() const { return stages != 1; }
};

struct IndexScan {
    std::shared_ptr<IndexSnapshot> snapshot; // the views below point into it,
    std::deque<std::string> owned;           // or into these
    int64_t mtime_s = 0, mtime_ns = 0;       // of the index file: see unchanged()
    // One entry per path, in index (path) order; a conflicted path is one
    // entry with its stages and no object id.
    std::vector<IndexPath> entries;
    // The index's trailing checksum (20 raw bytes) when this reader read
    // it directly and git wrote one; "" otherwise.
    std::string_view checksum;

    // Whether the work tree file with stat `st` can be taken to be the
    // entry's blob without hashing it, by git's rules: every stat field
    // matches, and the entry is not racily clean (written no earlier than
    // the index itself, so a same-size edit in the same instant would not
    // show in its times).
    bool unchanged(const IndexPath& e, const struct stat& st) const;
};

// The trailing checksum of the index file at `index_path` (20 raw bytes),
// read without reading the rest; "" when there is no file or no checksum
// (index.skipHash writes zeros).
std::string index_file_checksum(const std::string& index_path);

// The entries whose path starts with `prefix`. nullopt for index forms
// IndexFile does not take (split or sparse indexes, for two).
std::optional<IndexScan> scan_index(const std::string& index_path, std::string_view prefix);

// scan_index, falling back to libgit2 for the forms it does not handle.
IndexScan read_index(const Repo& repo, std::string_view prefix);

// The index through libgit2, read from disk. Error(repo) saying what to do
// when it cannot be read (a split index, for one).
git::IndexPtr open_index(git_repository* repo, const std::string& gitdir);

} // namespace hd
