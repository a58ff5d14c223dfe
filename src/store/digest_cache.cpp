#include "store/digest_cache.hpp"

#include "store/files.hpp"

#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace hd {

namespace {

constexpr std::string_view magic = "hd-digest-cache 1\n";
constexpr size_t key_size = 20;

class Writer {
  public:
    void u(uint64_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<char>(v | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<char>(v));
    }
    void i(int64_t v) { u((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
    void s(std::string_view v) {
        u(v.size());
        out.append(v);
    }
    void ts(const Timestamp& t) {
        i(t.utc.time_since_epoch().count());
        i(t.offset_minutes);
    }
    void strings(const std::vector<std::string>& v) {
        u(v.size());
        for (auto& x : v)
            s(x);
    }
    std::string out;
};

class Reader {
  public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    uint64_t u() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos_ >= in_.size()) return fail();
            auto b = static_cast<unsigned char>(in_[pos_++]);
            v |= static_cast<uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        return fail();
    }
    int64_t i() {
        uint64_t v = u();
        return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
    }
    std::string s() {
        uint64_t n = u();
        if (!ok_ || n > in_.size() - pos_) return fail(), std::string();
        std::string v(in_.substr(pos_, n));
        pos_ += n;
        return v;
    }
    Timestamp ts() {
        Timestamp t;
        t.utc = std::chrono::sys_seconds(std::chrono::seconds(i()));
        t.offset_minutes = static_cast<int>(i());
        return t;
    }
    std::vector<std::string> strings() {
        std::vector<std::string> v(std::min<uint64_t>(u(), in_.size()));
        for (auto& x : v)
            x = s();
        return v;
    }
    bool at_end() const { return pos_ == in_.size(); }

  private:
    uint64_t fail() {
        ok_ = false;
        pos_ = in_.size();
        return 0;
    }
    std::string_view in_;
    size_t pos_ = 0;
    bool ok_ = true;
};

} // namespace

Ticket strip_texts(Ticket t) {
    t.body.clear();
    for (auto& e : t.events) {
        e.body.clear();
        e.explain.clear();
        e.reason.clear();
    }
    return t;
}

std::string serialize_digest(const Ticket& t) {
    Writer w;
    w.s(t.id);
    w.s(t.title);
    w.s(t.requester.name);
    w.s(t.requester.email);
    w.u(static_cast<uint64_t>(t.audience));
    w.u(static_cast<uint64_t>(t.priority));
    w.s(t.summary);
    w.ts(t.created);
    w.strings(t.tags);
    w.s(t.path);
    w.u(t.events.size());
    for (const Event& e : t.events) {
        w.u(static_cast<uint64_t>(e.kind));
        w.ts(e.at);
        w.s(e.by);
        w.u(e.ask);
        w.u(static_cast<uint64_t>(e.followup));
        w.s(e.resolution);
        w.s(e.of);
        w.u(e.force);
        w.s(e.to);
        w.s(e.next_steps);
        w.s(e.summary);
        w.u(e.priority ? static_cast<uint64_t>(*e.priority) + 1 : 0);
        w.s(e.assignee);
        w.strings(e.add);
        w.strings(e.remove);
        w.u(static_cast<uint64_t>(e.line));
    }
    return w.out;
}

std::optional<Ticket> deserialize_digest(std::string_view bytes) {
    Reader r(bytes);
    Ticket t;
    t.id = r.s();
    t.title = r.s();
    t.requester.name = r.s();
    t.requester.email = r.s();
    t.audience = static_cast<Audience>(r.u() & 1);
    t.priority = static_cast<Priority>(std::min<uint64_t>(r.u(), 3));
    t.summary = r.s();
    t.created = r.ts();
    t.tags = r.strings();
    t.path = r.s();
    uint64_t n = r.u();
    if (!r.ok() || n > bytes.size()) return std::nullopt;
    t.events.resize(n);
    for (Event& e : t.events) {
        e.kind = static_cast<EventKind>(std::min<uint64_t>(r.u(), 10));
        e.at = r.ts();
        e.by = r.s();
        e.ask = r.u() != 0;
        e.followup = static_cast<int>(r.u());
        e.resolution = r.s();
        e.of = r.s();
        e.force = r.u() != 0;
        e.to = r.s();
        e.next_steps = r.s();
        e.summary = r.s();
        if (uint64_t p = r.u()) e.priority = static_cast<Priority>(std::min<uint64_t>(p - 1, 3));
        e.assignee = r.s();
        e.add = r.strings();
        e.remove = r.strings();
        e.line = static_cast<int>(r.u());
    }
    if (!r.ok() || !r.at_end()) return std::nullopt;
    return t;
}

void DigestCache::load() {
    auto data = read_file(path_);
    if (!data || !std::string_view(*data).starts_with(magic)) return;
    std::string_view in(*data);
    in.remove_prefix(magic.size());
    while (in.size() >= 4 + key_size) {
        uint32_t len;
        std::memcpy(&len, in.data(), 4);
        if (in.size() < 4 + key_size + len) break; // a torn last record
        std::string key(in.substr(4, key_size));
        if (auto t = deserialize_digest(in.substr(4 + key_size, len)))
            entries_.insert_or_assign(std::move(key), std::move(*t));
        in.remove_prefix(4 + key_size + len);
        ++records_on_disk_;
    }
}

const Ticket* DigestCache::find(const std::string& key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
}

void DigestCache::add(const std::string& key, const Ticket& t) {
    Ticket stripped = strip_texts(t);
    added_.emplace_back(key, serialize_digest(stripped));
    entries_.insert_or_assign(key, std::move(stripped));
}

void DigestCache::save(const std::vector<std::string>& live) {
    auto record = [](std::string& out, const std::string& key, const std::string& payload) {
        auto len = static_cast<uint32_t>(payload.size());
        out.append(reinterpret_cast<const char*>(&len), 4);
        out += key;
        out += payload;
    };
    bool compact = records_on_disk_ + added_.size() > 2 * live.size() + 1024;
    if (added_.empty() && !compact) return;
    try {
        if (compact || records_on_disk_ == 0) {
            std::string out(magic);
            for (const auto& key : live)
                if (auto it = entries_.find(key); it != entries_.end())
                    record(out, key, serialize_digest(it->second));
            write_file_atomic(path_, out);
            return;
        }
        std::string out;
        for (const auto& [key, payload] : added_)
            record(out, key, payload);
        int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
        if (fd < 0) return;
        // Two writers appending at once would interleave records; skip instead.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            ssize_t n = ::write(fd, out.data(), out.size());
            (void)n; // a short write leaves a torn record, which load() drops
        }
        ::close(fd);
    } catch (...) {
        // Best effort only.
    }
}

} // namespace hd
