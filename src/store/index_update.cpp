#include "store/index_update.hpp"

#include "core/error.hpp"
#include "store/files.hpp"
#include "store/index_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <future>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace hd {

namespace {

IndexWrite through_libgit2(const Repo& repo, const IndexPlan& plan) {
    git::IndexPtr index = open_index(repo.raw(), repo.gitdir());
    auto changes = plan([&](std::string_view path) -> std::optional<IndexEntry> {
        const git_index_entry* e = git_index_get_bypath(index.get(), std::string(path).c_str(), 0);
        return e ? std::optional(from_libgit2(*e)) : std::nullopt;
    });
    if (changes.empty()) return IndexWrite::none;
    for (const auto& ch : changes) {
        if (ch.entry) {
            git_index_entry e = to_libgit2(*ch.entry);
            git::check(git_index_add(index.get(), &e), "updating the index");
        } else {
            git_index_remove_bypath(index.get(), ch.path.c_str());
        }
    }
    if (git_index_write(index.get()) == 0) return IndexWrite::general;
    std::string lock = repo.gitdir() + "index.lock";
    struct stat st {};
    if (::lstat(lock.c_str(), &st) == 0) throw Error(Exit::repo, lock_advice(lock));
    throw Error(Exit::repo, "writing the index: " + git::last_error());
}

// index.lock, created by this process and removed unless renamed over the
// index.
class IndexLock {
  public:
    explicit IndexLock(std::string path) : path_(std::move(path)) {
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ >= 0) return;
        if (errno == EEXIST) throw Error(Exit::repo, lock_advice(path_));
        throw Error(Exit::repo, fmt::format("cannot create {}: {}", path_, std::strerror(errno)));
    }
    ~IndexLock() { release(); }
    IndexLock(const IndexLock&) = delete;
    IndexLock& operator=(const IndexLock&) = delete;

    void release() {
        if (fd_ >= 0) ::close(fd_);
        if (!done_) ::unlink(path_.c_str());
        fd_ = -1;
        done_ = true;
    }

    // Writes the pieces, small ones gathered so that a patch of many
    // entries is still a few system calls.
    void write(const std::vector<std::string_view>& pieces) {
        std::string buffer;
        auto put = [&](std::string_view bytes) {
            while (!bytes.empty()) {
                // A megabyte a call: one write of tens of megabytes runs
                // several times slower in the kernel than the same in pieces.
                ssize_t n = ::write(fd_, bytes.data(), std::min(bytes.size(), size_t(1) << 20));
                if (n < 0 && errno == EINTR) continue;
                if (n < 0)
                    throw Error(Exit::repo,
                                fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
                bytes.remove_prefix(static_cast<size_t>(n));
            }
        };
        constexpr size_t gather = 64 * 1024;
        for (std::string_view p : pieces) {
            if (p.size() < gather) {
                buffer.append(p);
                if (buffer.size() < gather) continue;
            } else {
                put(buffer);
                buffer.clear();
                put(p);
                continue;
            }
            put(buffer);
            buffer.clear();
        }
        put(buffer);
    }

    void commit(const std::string& index, mode_t mode) {
        ::fchmod(fd_, mode);
        int fd = std::exchange(fd_, -1);
        if (::close(fd) != 0)
            throw Error(Exit::repo,
                        fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
        if (::rename(path_.c_str(), index.c_str()) != 0)
            throw Error(Exit::repo, fmt::format("cannot rename {} to {}: {}", path_, index,
                                                std::strerror(errno)));
        done_ = true;
    }

  private:
    std::string path_;
    int fd_ = -1;
    bool done_ = false;
};

// Whether kept entry `i`, racily clean, must be written smudged: unless the
// file still hashes to the entry's blob, a change to it made in the same
// instant as the old index would pass git's stat check once the new index,
// written later, makes the entry look settled. git does the same on write.
bool must_smudge(const IndexFile& f, size_t i, const std::string& workdir) {
    IndexEntry e = f.entry(i);
    if (e.mode == 0160000) return false; // a submodule: no file to compare
    if (e.mode != 0100644 && e.mode != 0100755) return true;
    struct stat st {};
    auto bytes = read_file(workdir + e.path, &st);
    return !bytes || blob_digest(*bytes) != e.id;
}

} // namespace

IndexEntry from_libgit2(const git_index_entry& e) {
    IndexEntry out{.path = e.path,
                   .id = {},
                   .mode = e.mode,
                   .ctime_s = static_cast<uint32_t>(e.ctime.seconds),
                   .ctime_ns = e.ctime.nanoseconds,
                   .mtime_s = static_cast<uint32_t>(e.mtime.seconds),
                   .mtime_ns = e.mtime.nanoseconds,
                   .dev = e.dev,
                   .ino = e.ino,
                   .uid = e.uid,
                   .gid = e.gid,
                   .size = e.file_size};
    std::memcpy(out.id.data(), e.id.id, out.id.size());
    return out;
}

git_index_entry to_libgit2(const IndexEntry& e) {
    git_index_entry out{};
    out.ctime.seconds = static_cast<int32_t>(e.ctime_s);
    out.ctime.nanoseconds = e.ctime_ns;
    out.mtime.seconds = static_cast<int32_t>(e.mtime_s);
    out.mtime.nanoseconds = e.mtime_ns;
    out.dev = e.dev;
    out.ino = e.ino;
    out.mode = e.mode;
    out.uid = e.uid;
    out.gid = e.gid;
    out.file_size = e.size;
    std::memcpy(out.id.id, e.id.data(), e.id.size());
    out.path = e.path.c_str();
    return out;
}

std::string lock_advice(const std::string& lock) {
    return fmt::format("{} exists: another git command is working in this repository, or one was "
                       "killed; if no git command is running, delete it (rm '{}') and try again",
                       lock, lock);
}

IndexWrite update_index(const Repo& repo, const Getenv& env, const IndexPlan& plan,
                        IndexSnapshot* known) {
    if (auto off = env("HD_INDEX_PATCH"); off && *off == "0") return through_libgit2(repo, plan);
    std::string index = repo.gitdir() + "index";
    IndexLock lock(index + ".lock");
    // Under the lock no git command replaces the index: what is read now
    // stays until this is written.
    struct stat ist {};
    if (::stat(index.c_str(), &ist) != 0) {
        lock.release(); // a first commit: libgit2 makes the index
        return through_libgit2(repo, plan);
    }
    std::unique_ptr<IndexSnapshot> fresh;
    IndexSnapshot* snap = known && known->same_file(ist) ? known : nullptr;
    std::string why;
    if (!snap) {
        fresh = IndexSnapshot::read(index, why);
        snap = fresh.get();
    }
    if (!snap || !snap->same_file(ist)) {
        lock.release();
        return through_libgit2(repo, plan);
    }
    const IndexFile& f = snap->file();
    auto changes = plan([&](std::string_view path) -> std::optional<IndexEntry> {
        auto i = f.find(path);
        return i ? std::optional(f.entry(*i)) : std::nullopt;
    });
    if (changes.empty()) return IndexWrite::none;
    std::vector<size_t> smudged;
    for (size_t i : f.racily_clean(ist.st_mtim))
        if (must_smudge(f, i, repo.workdir())) smudged.push_back(i);
    auto patched = f.patch(std::move(changes), std::move(smudged), why);
    if (!patched) {
        lock.release(); // libgit2 makes the change
        return through_libgit2(repo, plan);
    }
    // The new checksum is made on one core while the other writes, and the
    // old one's check finishes meanwhile: nothing is renamed into place
    // before it has.
    std::future<Digest> sum =
        std::async(snap->status().st_size >= (1 << 20) ? std::launch::async : std::launch::deferred,
                   [&patched] { return patched->checksum(); });
    try {
        lock.write(patched->pieces);
    } catch (...) {
        sum.wait();
        throw;
    }
    Digest d = sum.get();
    if (!snap->intact()) {
        lock.release(); // libgit2 says what is wrong with it
        return through_libgit2(repo, plan);
    }
    lock.write({std::string_view(reinterpret_cast<const char*>(d.data()), d.size())});
    lock.commit(index, ist.st_mode & 07777);
    return IndexWrite::patched;
}

} // namespace hd
