#include "store/index_reader.hpp"

#include "core/error.hpp"
#include "store/git_ptr.hpp"
#include "store/index_snapshot.hpp"
#include "store/repo.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <fcntl.h>
#include <unistd.h>

namespace hd {

namespace {

constexpr size_t header_size = 12;

// Taken before the index is read: if it is replaced meanwhile, the older
// time only makes more entries racy, which costs a hash, never a wrong row.
void stamp(IndexScan& scan, const std::string& index_path) {
    struct stat st {};
    if (::stat(index_path.c_str(), &st) != 0) return;
    scan.mtime_s = st.st_mtim.tv_sec;
    scan.mtime_ns = st.st_mtim.tv_nsec;
}

// Adds an entry of stage `stage`; the stages of a conflicted path are
// adjacent in the index and become one entry.
void add(IndexScan& scan, IndexPath e, unsigned stage) {
    if (stage == 0) {
        scan.entries.push_back(e);
        return;
    }
    if (!scan.entries.empty() && scan.entries.back().conflicted() &&
        scan.entries.back().path == e.path) {
        scan.entries.back().stages |= static_cast<uint8_t>(1u << stage);
        return;
    }
    IndexPath conflict;
    conflict.path = e.path;
    conflict.stages = static_cast<uint8_t>(1u << stage);
    scan.entries.push_back(conflict);
}

} // namespace

bool IndexScan::unchanged(const IndexPath& e, const struct stat& st) const {
    // A size of 0 is also how git marks an entry it found racily clean.
    if (e.conflicted() || e.size == 0) return false;
    auto u32 = [](auto v) { return static_cast<uint32_t>(v); };
    bool same = u32(st.st_ctim.tv_sec) == e.ctime_s && u32(st.st_ctim.tv_nsec) == e.ctime_ns &&
                u32(st.st_mtim.tv_sec) == e.mtime_s && u32(st.st_mtim.tv_nsec) == e.mtime_ns &&
                u32(st.st_dev) == e.dev && u32(st.st_ino) == e.ino && u32(st.st_uid) == e.uid &&
                u32(st.st_gid) == e.gid && u32(st.st_size) == e.size;
    if (!same) return false;
    return e.mtime_s < mtime_s || (e.mtime_s == mtime_s && e.mtime_ns < mtime_ns);
}

namespace {
bool all_zero(std::string_view s) {
    return s.find_first_not_of('\0') == std::string_view::npos;
}
} // namespace

std::string index_file_checksum(const std::string& index_path) {
    int fd = ::open(index_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return "";
    struct stat st {};
    std::string sum(20, '\0');
    bool ok = ::fstat(fd, &st) == 0 && st.st_size >= off_t(header_size + 20) &&
              ::pread(fd, sum.data(), 20, st.st_size - 20) == 20;
    ::close(fd);
    return ok && !all_zero(sum) ? sum : "";
}

namespace {

IndexScan scan_snapshot(std::shared_ptr<IndexSnapshot> snapshot, std::string_view prefix) {
    IndexScan scan;
    scan.snapshot = std::move(snapshot);
    scan.mtime_s = scan.snapshot->status().st_mtim.tv_sec;
    scan.mtime_ns = scan.snapshot->status().st_mtim.tv_nsec;
    const IndexFile& f = scan.snapshot->file();
    for (size_t i = f.lower_bound(prefix); i < f.count(); ++i) {
        std::string_view path = f.path(i);
        if (!path.starts_with(prefix)) break;
        IndexEntry e = f.entry(i, false);
        add(scan,
            {.path = path,
             .oid = f.id(i),
             .ctime_s = e.ctime_s,
             .ctime_ns = e.ctime_ns,
             .mtime_s = e.mtime_s,
             .mtime_ns = e.mtime_ns,
             .dev = e.dev,
             .ino = e.ino,
             .uid = e.uid,
             .gid = e.gid,
             .size = e.size},
            f.stage(i));
    }
    if (std::string_view sum = f.trailer(); !all_zero(sum)) scan.checksum = sum;
    return scan;
}

} // namespace

std::optional<IndexScan> scan_index(const std::string& index_path, std::string_view prefix) {
    std::string why;
    std::shared_ptr<IndexSnapshot> snapshot = IndexSnapshot::read(index_path, why);
    if (snapshot) return scan_snapshot(std::move(snapshot), prefix);
    struct stat st {};
    if (::stat(index_path.c_str(), &st) != 0) return IndexScan{}; // no index yet: no entries
    return std::nullopt;
}

git::IndexPtr open_index(git_repository* repo, const std::string& gitdir) {
    git_index* raw = nullptr;
    int rc = git_repository_index(&raw, repo);
    git::IndexPtr index(raw);
    if (rc == 0) rc = git_index_read(index.get(), 0);
    if (rc == 0) return index;
    std::string why = git::last_error();
    if (why.find("'link'") != std::string::npos)
        throw Error(Exit::repo, fmt::format("{}index is a split index (core.splitIndex), which hd "
                                            "cannot read; turn it off with 'git config "
                                            "core.splitIndex false && git update-index "
                                            "--no-split-index'",
                                            gitdir));
    throw Error(Exit::repo, fmt::format("reading {}index: {}", gitdir, why));
}

IndexScan read_index(const Repo& repo, std::string_view prefix) {
    const std::string& gitdir = repo.gitdir();
    std::string index_path = gitdir + "index";
    if (auto snapshot = repo.index_snapshot()) return scan_snapshot(std::move(snapshot), prefix);
    IndexScan scan;
    struct stat st {};
    if (::stat(index_path.c_str(), &st) != 0) return scan; // no index yet: no entries
    // A form IndexFile does not take, already tried: libgit2 reads it.
    stamp(scan, index_path);
    git::IndexPtr index = repo.open_index();
    size_t pos = 0;
    std::string p(prefix);
    if (git_index_find_prefix(&pos, index.get(), p.c_str()) != 0) return scan;
    for (size_t n = git_index_entrycount(index.get()); pos < n; ++pos) {
        const git_index_entry* e = git_index_get_byindex(index.get(), pos);
        std::string_view path = e->path;
        if (!path.starts_with(prefix)) break;
        const std::string& kept = scan.owned.emplace_back(path);
        const std::string& oid =
            scan.owned.emplace_back(reinterpret_cast<const char*>(e->id.id), 20);
        add(scan,
            {.path = kept,
             .oid = oid,
             .ctime_s = static_cast<uint32_t>(e->ctime.seconds),
             .ctime_ns = e->ctime.nanoseconds,
             .mtime_s = static_cast<uint32_t>(e->mtime.seconds),
             .mtime_ns = e->mtime.nanoseconds,
             .dev = e->dev,
             .ino = e->ino,
             .uid = e->uid,
             .gid = e->gid,
             .size = e->file_size},
            static_cast<unsigned>(GIT_INDEX_ENTRY_STAGE(e)));
    }
    return scan;
}

} // namespace hd
