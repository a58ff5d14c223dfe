#pragma once
// git's index file (.git/index) read and patched as bytes, so that an action
// touching a few entries costs a copy of the rest rather than a full decode
// and re-encode through libgit2 (which also hashes with a SHA-1 several
// times slower). Pure: bytes in, bytes out; locking and files are
// store/index_update.hpp.
//
// Handled: versions 2, 3 and 4; the TREE extension (the paths changed are
// invalidated in it, as git does), REUC (kept), and optional extensions
// git rebuilds when it wants them (UNTR, FSMN, EOIE, IEOT and any other
// whose name starts with a capital: dropped, as libgit2 drops them).
// Anything else, a split index (link), a sparse index (sdir), a required
// extension not known here, a damaged file, or a change this cannot make
// as git would (a path in conflict, an entry with flags of its own, a file
// replacing a directory), is refused with the reason, and the caller takes
// libgit2's general path.
#include "store/sha1.hpp"

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace hd {

// One stage-0 entry, with the stat data git compares to tell whether the
// work tree file changed (each field truncated to 32 bits, as git does).
struct IndexEntry {
    std::string path;
    Digest id{};
    uint32_t mode = 0100644;
    uint32_t ctime_s = 0, ctime_ns = 0, mtime_s = 0, mtime_ns = 0;
    uint32_t dev = 0, ino = 0, uid = 0, gid = 0, size = 0;

    bool operator==(const IndexEntry&) const = default;
};

// The entry of a file hd has just written (its blob `id`, its `st`).
IndexEntry entry_from_stat(std::string path, const Digest& id, uint32_t mode,
                           const struct stat& st);

// What to do to one path: make it this entry, or remove it (nullopt).
struct IndexChange {
    std::string path;
    std::optional<IndexEntry> entry;
};

// A new index, as pieces to write in order: views into the old file and
// into `owned`. The file ends with checksum(), the SHA-1 of the pieces,
// left to the writer so that it can hash while it writes.
struct IndexBytes {
    std::vector<std::string_view> pieces;
    std::deque<std::string> owned;
    size_t size() const;
    Digest checksum() const;
};

class IndexFile {
  public:
    // The layout of `bytes`, which must outlive the result; nullopt, with
    // `why` set, for a form not handled here. The checksum is not checked
    // (checksum_ok() does, separately, as it costs a pass over the file).
    static std::optional<IndexFile> parse(std::string_view bytes, std::string& why);
    // Paths of version 4 are views into this object's own strings: it moves
    // (the strings stay where they are) but is not copied.
    IndexFile(IndexFile&&) = default;
    IndexFile& operator=(IndexFile&&) = default;
    IndexFile(const IndexFile&) = delete;
    IndexFile& operator=(const IndexFile&) = delete;

    uint32_t version() const { return version_; }
    size_t count() const { return offsets_.size() - 1; }
    std::string_view path(size_t i) const;
    unsigned stage(size_t i) const;
    // The stat data, id and mode of entry i, and its path unless not wanted.
    IndexEntry entry(size_t i, bool with_path = true) const;
    std::string_view id(size_t i) const; // 20 raw bytes, in place
    // Entry i has flags beyond its stage and name length (assume-valid,
    // skip-worktree, intent-to-add): changing it is left to libgit2.
    bool flagged(size_t i) const;
    // The entries that may hide a change git's stat check would miss:
    // written no earlier than the index itself (an index whose time is
    // `index_mtime`), so a same-size edit in that instant keeps their times.
    std::vector<size_t> racily_clean(const struct timespec& index_mtime) const;

    // The first entry whose path is not less than `path`.
    size_t lower_bound(std::string_view path) const;
    // The stage-0 entry of `path`.
    std::optional<size_t> find(std::string_view path) const;
    // `path` has an entry of stage 1, 2 or 3 (a merge conflict).
    bool conflicted(std::string_view path) const;

    // The trailing SHA-1 is the hash of the rest.
    bool checksum_ok() const { return checksum_of(bytes_); }
    static bool checksum_of(std::string_view index_bytes);
    std::string_view trailer() const { return bytes_.substr(bytes_.size() - 20); }

    // This index with `changes` made (any order, each path at most once),
    // and the kept entries `smudged` written with size 0, so that git looks
    // at their files again (see store/index_update.cpp). nullopt, with `why`
    // set, for a change the general path must make.
    std::optional<IndexBytes> patch(std::vector<IndexChange> changes, std::vector<size_t> smudged,
                                    std::string& why) const;

  private:
    IndexFile() = default;
    uint16_t flags(size_t i) const;
    size_t fixed(size_t i) const; // bytes before the path: 62, or 64 with extended flags
    std::string_view bytes_;
    uint32_t version_ = 2;
    std::vector<uint64_t> offsets_;    // of each entry, then of the extensions
    std::deque<std::string> v4_paths_; // version 4 stores paths compressed
};

} // namespace hd
