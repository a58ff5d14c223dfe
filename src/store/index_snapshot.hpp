#pragma once
// .git/index mapped and parsed once per process: the listing reader, the
// ID lookups and an action's checks and patch all read the same one while
// the file stays the same (Repo::index_snapshot()).
#include "store/index_file.hpp"
#include "store/mapped_file.hpp"

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <sys/stat.h>

namespace hd {

// The index as read at one moment, parsed in place. Its checksum, a pass
// over the whole file, is checked on another thread once asked for, so that
// an action need not wait for it until it writes.
class IndexSnapshot {
  public:
    // nullptr when there is no index, or one IndexFile does not parse
    // (`why` says why).
    // `check` begins the checksum check at once, before the parse.
    static std::unique_ptr<IndexSnapshot> read(const std::string& path, std::string& why,
                                               bool check = false);
    IndexSnapshot(const IndexSnapshot&) = delete;
    IndexSnapshot& operator=(const IndexSnapshot&) = delete;
    ~IndexSnapshot();

    const IndexFile& file() const { return *file_; }
    const struct stat& status() const { return st_; }
    // The file at the index's path now, with status `st`, is this one.
    bool same_file(const struct stat& st) const;
    // Begins the checksum check (once).
    void begin_check();
    // Its checksum is right (waits for the check, or makes it).
    bool intact();

  private:
    IndexSnapshot() = default;
    struct stat st_ {};
    MappedFile bytes_;
    std::optional<IndexFile> file_; // views into bytes_
    std::shared_future<bool> intact_;
};

} // namespace hd
