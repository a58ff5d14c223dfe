#include "store/row_cache.hpp"

#include "store/binary_codec.hpp"
#include "store/files.hpp"

#include <row_cache_version.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace hd {

namespace {
// A cache written by a build that reads or derives rows differently is
// ignored (and rewritten): the version changes with those sources.
constexpr std::string_view magic = "hd-rows " HD_ROW_CACHE_VERSION "\n";
// After the magic: the rows section's offset, the keys section's offset
// (0 when there is none), the number of keys, and the index checksum.
constexpr size_t rows_at_field = magic.size(), keys_at_field = rows_at_field + 8,
                 count_field = keys_at_field + 8, checksum_field = count_field + 8,
                 header_size = checksum_field + 20;

// A key: ID, status, priority, audience, waiting on, created (offset
// minutes and UTC seconds), the record's length and its offset in the rows
// section. Native byte order, like the offsets: the file never leaves this
// machine. Keys are stored in created order, the order listings read them
// in, followed by the key number of each row in ID order.
constexpr size_t key_size = 40, key_id = 0, key_enums = 7, key_offset = 12, key_created = 16,
                 key_length = 24, key_at = 32;

uint64_t read_u64(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

template <typename T> T read_as(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

std::string make_key(const TicketRow& r, uint32_t length, uint64_t at) {
    std::string k(key_size, '\0');
    std::memcpy(k.data() + key_id, r.id.data(), std::min<size_t>(r.id.size(), 7));
    k[key_enums] = static_cast<char>(r.status);
    k[key_enums + 1] = static_cast<char>(r.priority);
    k[key_enums + 2] = static_cast<char>(r.audience);
    k[key_enums + 3] = static_cast<char>(r.waiting_on);
    int64_t utc = r.created.utc.time_since_epoch().count();
    int32_t offset = r.created.offset_minutes;
    std::memcpy(k.data() + key_created, &utc, 8);
    std::memcpy(k.data() + key_offset, &offset, 4);
    std::memcpy(k.data() + key_length, &length, 4);
    std::memcpy(k.data() + key_at, &at, 8);
    return k;
}
} // namespace

TicketRow RowKey::row() const {
    TicketRow r;
    r.id = id;
    r.status = status;
    r.priority = priority;
    r.audience = audience;
    r.waiting_on = waiting_on;
    r.created = created;
    return r;
}

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

bool RowCache::map(bool with_timelines) {
    records_.clear();
    timelines_ = rows_ = keys_ = order_ = {};
    key_count_ = 0;
    has_keys_ = false;
    file_ = MappedFile(path_, false);
    std::string_view all = file_.bytes();
    if (all.size() < header_size || !all.starts_with(magic)) return false;
    uint64_t rows_at = read_u64(all.data() + rows_at_field);
    uint64_t keys_at = read_u64(all.data() + keys_at_field);
    uint64_t count = read_u64(all.data() + count_field);
    if (rows_at < header_size || rows_at > all.size()) return false;
    // Without a whole keys section the rows run to the end (a torn tail).
    uint64_t rows_end = keys_at >= rows_at && keys_at <= all.size() ? keys_at : all.size();
    rows_ = all.substr(rows_at, rows_end - rows_at);
    if (keys_at == rows_end && count <= (all.size() - keys_at) / (key_size + 4) &&
        all.size() - keys_at == count * (key_size + 4)) {
        key_count_ = count;
        has_keys_ = true;
        keys_ = all.substr(keys_at, count * key_size);
        order_ = all.substr(keys_at + count * key_size, count * 4);
    }
    if (with_timelines) {
        file_.prefault(header_size, rows_at - header_size);
        timelines_ = all.substr(header_size, rows_at - header_size);
    }
    return true;
}

bool RowCache::open_keys(bool with_timelines, bool read_ahead) {
    if (!map(with_timelines) || !has_keys_) return false;
    if (!read_ahead) return true; // a lookup checks the few keys it reads
    file_.prefault(static_cast<size_t>(keys_.data() - file_.bytes().data()),
                   keys_.size() + order_.size());
    // Every key is checked now, so that reading them cannot fail later.
    RowKey k;
    for (size_t i = 0; i < key_count_; ++i)
        if (!key_by_created(i, k) || read_as<uint32_t>(order_.data() + i * 4) >= key_count_)
            return false;
    return true;
}

std::string_view RowCache::index_checksum() const {
    std::string_view sum = file_.bytes().substr(0, header_size);
    if (sum.size() < header_size) return {};
    sum = sum.substr(checksum_field, 20);
    return sum == std::string_view("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20) ? "" : sum;
}

bool RowCache::key_by_created(size_t i, RowKey& out) const {
    if (i >= key_count_) return false;
    const char* k = keys_.data() + i * key_size;
    auto status = static_cast<unsigned char>(k[key_enums]),
         priority = static_cast<unsigned char>(k[key_enums + 1]),
         audience = static_cast<unsigned char>(k[key_enums + 2]),
         waiting = static_cast<unsigned char>(k[key_enums + 3]);
    if (audience > 1 || priority > 3 || status > 4 || waiting > 3) return false;
    auto length = read_as<uint32_t>(k + key_length);
    auto at = read_as<uint64_t>(k + key_at);
    if (at > rows_.size() || length > rows_.size() - at) return false;
    out.id = std::string_view(k + key_id, 7);
    out.status = static_cast<Status>(status);
    out.priority = static_cast<Priority>(priority);
    out.audience = static_cast<Audience>(audience);
    out.waiting_on = static_cast<WaitingOn>(waiting);
    out.created.utc =
        std::chrono::sys_seconds(std::chrono::seconds(read_as<int64_t>(k + key_created)));
    out.created.offset_minutes = read_as<int32_t>(k + key_offset);
    out.record = rows_.substr(at, length);
    return true;
}

bool RowCache::key(size_t i, RowKey& out) const {
    if (i >= key_count_) return false;
    return key_by_created(read_as<uint32_t>(order_.data() + i * 4), out);
}

void RowCache::set_index_checksum(std::string_view checksum) {
    if (checksum.size() != 20 || !file_) return;
    int fd = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return;
    // Only into the file whose rows were checked: a cache that replaced it
    // since may hold other rows.
    if (file_.is_file(fd))
        (void)!::pwrite(fd, checksum.data(), 20, static_cast<off_t>(checksum_field));
    ::close(fd);
}

const std::vector<std::string_view>& RowCache::load(bool with_timelines) {
    if (!map(with_timelines)) return records_;
    file_.prefault(static_cast<size_t>(rows_.data() - file_.bytes().data()), rows_.size());
    std::string_view in = rows_;
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
    timelines_ = rows_ = keys_ = order_ = {};
    key_count_ = 0;
    has_keys_ = false;
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
    // The header's fields are written last.
    timelines_ = std::string(magic) + std::string(header_size - magic.size(), '\0');
}

RowCacheWriter::~RowCacheWriter() {
    for (int fd : {fd_, rows_fd_})
        if (fd >= 0) ::close(fd);
    ::unlink(tmp_.c_str());
    ::unlink(rows_tmp_.c_str());
}

void RowCacheWriter::add(std::string_view oid, const TicketRow& row) {
    std::string record = encode_row(oid, row, timeline_bytes_);
    timeline_bytes_ += row.timeline.size();
    timelines_ += row.timeline;
    auto len = static_cast<uint32_t>(record.size());
    rows_.append(reinterpret_cast<const char*>(&len), 4);
    keys_ += make_key(row, len, row_bytes_ + 4);
    created_.emplace_back(row.created.utc.time_since_epoch().count(),
                          static_cast<uint32_t>(created_.size()));
    row_bytes_ += 4 + record.size();
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

bool RowCacheWriter::append(int from, int& to) {
    char buf[1 << 16];
    bool ok = from >= 0 && ::lseek(from, 0, SEEK_SET) == 0;
    for (ssize_t n; ok && (n = ::read(from, buf, sizeof buf)) != 0;) {
        if (n < 0) {
            ok = errno == EINTR;
            continue;
        }
        std::string chunk(buf, static_cast<size_t>(n));
        ok = flush(to, chunk) && to >= 0;
    }
    return ok;
}

void RowCacheWriter::commit(std::string_view index_checksum) {
    // Oldest first, ties in file (ID) order: the order a listing shows.
    std::sort(created_.begin(), created_.end());
    std::string sorted, by_id(created_.size() * 4, '\0');
    sorted.reserve(keys_.size() + by_id.size());
    for (size_t slot = 0; slot < created_.size(); ++slot) {
        uint32_t row = created_[slot].second;
        sorted.append(keys_, row * key_size, key_size);
        auto n = static_cast<uint32_t>(slot);
        std::memcpy(by_id.data() + size_t(row) * 4, &n, 4);
    }
    keys_.clear();
    keys_.shrink_to_fit();
    created_ = {};
    sorted += by_id;
    if (!flush(fd_, timelines_) || !flush(rows_fd_, rows_)) return;
    uint64_t rows_at = header_size + timeline_bytes_;
    uint64_t keys_at = rows_at + row_bytes_;
    uint64_t count = by_id.size() / 4;
    // The rows follow the timelines: copy them over from their own file.
    // The keys come last.
    bool ok = append(rows_fd_, fd_) && flush(fd_, sorted);
    char header[header_size - magic.size()] = {};
    std::memcpy(header, &rows_at, 8);
    std::memcpy(header + 8, &keys_at, 8);
    std::memcpy(header + 16, &count, 8);
    if (index_checksum.size() == 20) std::memcpy(header + 24, index_checksum.data(), 20);
    ok = ok && ::pwrite(fd_, header, sizeof header, static_cast<off_t>(magic.size())) ==
                   static_cast<ssize_t>(sizeof header);
    ok = ::close(fd_) == 0 && ok;
    fd_ = -1;
    if (ok) ::rename(tmp_.c_str(), path_.c_str());
}

} // namespace hd
