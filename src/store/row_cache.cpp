#include "store/row_cache.hpp"

#include "store/binary_codec.hpp"
#include "store/files.hpp"

#include <row_cache_version.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace hd {

namespace {
// A cache written by a build that reads or derives rows differently is
// ignored (and rewritten): the version changes with those sources.
constexpr std::string_view magic = "hd-rows " HD_ROW_CACHE_VERSION "\n";
constexpr size_t header_size = magic.size() + 8; // and the rows section's offset

uint64_t read_u64(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
} // namespace

std::string encode_row(std::string_view oid, const TicketRow& r, uint64_t timeline_offset) {
    BinaryWriter w;
    w.out.append(oid);
    for (auto s : {r.path, r.id, r.title, r.requester_name, r.requester_email, r.summary,
                   r.assignee, r.resolution, r.tags, r.first_agent, r.closer, r.message_ids})
        w.s(s);
    w.u(timeline_offset);
    w.u(r.timeline.size());
    w.u(static_cast<uint64_t>(r.audience));
    w.u(static_cast<uint64_t>(r.priority));
    w.u(static_cast<uint64_t>(r.status));
    w.u(static_cast<uint64_t>(r.waiting_on));
    w.ts(r.created);
    w.ts(r.last_activity);
    w.u(static_cast<uint64_t>(r.followups));
    w.ts(r.last_agent_public);
    w.ts(r.hold_until);
    w.u(static_cast<uint64_t>(r.quiet_held.count()));
    return w.out;
}

std::string_view record_oid(std::string_view record) {
    return record.substr(0, 20);
}

std::string_view record_path(std::string_view record) {
    if (record.size() < 20) return {};
    BinaryReader in(record.substr(20));
    std::string_view path = in.s();
    return in.ok() ? path : std::string_view();
}

bool decode_row(std::string_view record, std::string_view timelines, TicketRow& r) {
    if (record.size() < 20) return false;
    BinaryReader in(record.substr(20));
    for (auto* s : {&r.path, &r.id, &r.title, &r.requester_name, &r.requester_email, &r.summary,
                    &r.assignee, &r.resolution, &r.tags, &r.first_agent, &r.closer, &r.message_ids})
        *s = in.s();
    uint64_t offset = in.u(), length = in.u();
    uint64_t audience = in.u(), priority = in.u(), status = in.u(), waiting = in.u();
    if (audience > 1 || priority > 3 || status > 4 || waiting > 3) return false;
    r.audience = static_cast<Audience>(audience);
    r.priority = static_cast<Priority>(priority);
    r.status = static_cast<Status>(status);
    r.waiting_on = static_cast<WaitingOn>(waiting);
    r.created = in.ts();
    r.last_activity = in.ts();
    r.followups = static_cast<int>(in.u());
    r.last_agent_public = in.ts();
    r.hold_until = in.ts();
    r.quiet_held = std::chrono::seconds(static_cast<int64_t>(in.u()));
    r.timeline = {};
    if (!timelines.empty()) {
        if (offset > timelines.size() || length > timelines.size() - offset) return false;
        r.timeline = timelines.substr(offset, length);
    }
    return in.ok() && in.at_end();
}

const std::vector<std::string_view>& RowCache::load(bool with_timelines) {
    records_.clear();
    timelines_ = {};
    file_ = MappedFile(path_, false);
    std::string_view all = file_.bytes();
    if (all.size() < header_size || !all.starts_with(magic)) return records_;
    uint64_t rows_at = read_u64(all.data() + magic.size());
    if (rows_at < header_size || rows_at > all.size()) return records_;
    file_.prefault(rows_at, all.size() - rows_at);
    if (with_timelines) {
        file_.prefault(header_size, rows_at - header_size);
        timelines_ = all.substr(header_size, rows_at - header_size);
    }
    std::string_view in = all.substr(rows_at);
    while (in.size() >= 4) {
        uint32_t len;
        std::memcpy(&len, in.data(), 4);
        if (in.size() - 4 < len) break; // a torn last record
        records_.push_back(in.substr(4, len));
        in.remove_prefix(4 + len);
    }
    return records_;
}

void RowCache::clear() {
    records_.clear();
    timelines_ = {};
    file_ = MappedFile();
    try {
        remove_file(path_);
    } catch (...) {
    }
}

RowCacheWriter::RowCacheWriter(std::string path) : path_(std::move(path)) {
    tmp_ = path_ + ".tmp-" + std::to_string(::getpid());
    rows_tmp_ = tmp_ + "-rows";
    fd_ = ::open(tmp_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    rows_fd_ = ::open(rows_tmp_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    timelines_ = std::string(magic) + std::string(8, '\0'); // the offset is written last
}

RowCacheWriter::~RowCacheWriter() {
    if (fd_ >= 0) ::close(fd_);
    if (rows_fd_ >= 0) ::close(rows_fd_);
    ::unlink(tmp_.c_str());
    ::unlink(rows_tmp_.c_str());
}

void RowCacheWriter::add(std::string_view oid, const TicketRow& row) {
    std::string record = encode_row(oid, row, timeline_bytes_);
    timeline_bytes_ += row.timeline.size();
    timelines_ += row.timeline;
    auto len = static_cast<uint32_t>(record.size());
    rows_.append(reinterpret_cast<const char*>(&len), 4);
    rows_ += record;
    if (timelines_.size() >= (1u << 20)) flush(fd_, timelines_);
    if (rows_.size() >= (1u << 20)) flush(rows_fd_, rows_);
}

bool RowCacheWriter::flush(int& fd, std::string& buffer) {
    const char* p = buffer.data();
    size_t left = buffer.size();
    while (fd >= 0 && left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            fd = -1;
            break;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    buffer.clear();
    return fd >= 0;
}

void RowCacheWriter::commit() {
    if (!flush(fd_, timelines_) || !flush(rows_fd_, rows_)) return;
    uint64_t rows_at = header_size + timeline_bytes_;
    // The rows follow the timelines: copy them over from their own file.
    char buf[1 << 16];
    bool ok = ::lseek(rows_fd_, 0, SEEK_SET) == 0;
    for (ssize_t n; ok && (n = ::read(rows_fd_, buf, sizeof buf)) != 0;) {
        if (n < 0) {
            ok = errno == EINTR;
            continue;
        }
        std::string chunk(buf, static_cast<size_t>(n));
        ok = flush(fd_, chunk);
    }
    ok = ok && ::pwrite(fd_, &rows_at, 8, static_cast<off_t>(magic.size())) == 8;
    ok = ::close(fd_) == 0 && ok;
    fd_ = -1;
    if (ok) ::rename(tmp_.c_str(), path_.c_str());
}

} // namespace hd
