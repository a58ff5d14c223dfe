#include "store/row_cache.hpp"

#include "store/binary_codec.hpp"
#include "store/files.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace hd {

namespace {
constexpr std::string_view magic = "hd-rows 3\n";
}

std::string encode_row(std::string_view oid, const TicketRow& r) {
    BinaryWriter w;
    w.out.append(oid);
    for (auto s : {r.path, r.id, r.title, r.requester_name, r.requester_email, r.summary,
                   r.assignee, r.resolution, r.tags, r.timeline, r.first_agent})
        w.s(s);
    w.u(static_cast<uint64_t>(r.audience));
    w.u(static_cast<uint64_t>(r.priority));
    w.u(static_cast<uint64_t>(r.status));
    w.u(static_cast<uint64_t>(r.waiting_on));
    w.ts(r.created);
    w.ts(r.last_activity);
    w.u(static_cast<uint64_t>(r.followups));
    w.ts(r.last_agent_public);
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

bool decode_row(std::string_view record, TicketRow& r) {
    if (record.size() < 20) return false;
    BinaryReader in(record.substr(20));
    for (auto* s : {&r.path, &r.id, &r.title, &r.requester_name, &r.requester_email, &r.summary,
                    &r.assignee, &r.resolution, &r.tags, &r.timeline, &r.first_agent})
        *s = in.s();
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
    return in.ok() && in.at_end();
}

const std::vector<std::string_view>& RowCache::load() {
    records_.clear();
    file_ = MappedFile(path_);
    std::string_view in = file_.bytes();
    if (!in.starts_with(magic)) return records_;
    in.remove_prefix(magic.size());
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
    file_ = MappedFile();
    try {
        remove_file(path_);
    } catch (...) {
    }
}

RowCacheWriter::RowCacheWriter(std::string path) : path_(std::move(path)) {
    tmp_ = path_ + ".tmp-" + std::to_string(::getpid());
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    buffer_ = magic;
}

RowCacheWriter::~RowCacheWriter() {
    if (fd_ >= 0) {
        ::close(fd_);
        ::unlink(tmp_.c_str());
    }
}

void RowCacheWriter::add(std::string_view record) {
    auto len = static_cast<uint32_t>(record.size());
    buffer_.append(reinterpret_cast<const char*>(&len), 4);
    buffer_ += record;
    if (buffer_.size() >= (1u << 20)) flush();
}

void RowCacheWriter::flush() {
    if (fd_ < 0) return buffer_.clear();
    const char* p = buffer_.data();
    size_t left = buffer_.size();
    while (left > 0) {
        ssize_t n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd_);
            ::unlink(tmp_.c_str());
            fd_ = -1;
            break;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    buffer_.clear();
}

void RowCacheWriter::commit() {
    flush();
    if (fd_ < 0) return;
    bool ok = ::close(fd_) == 0;
    fd_ = -1;
    if (!ok || ::rename(tmp_.c_str(), path_.c_str()) != 0) ::unlink(tmp_.c_str());
}

} // namespace hd
