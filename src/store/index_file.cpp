#include "store/index_file.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fmt/format.h>
#include <set>

namespace hd {

namespace {

constexpr size_t header_size = 12, checksum_size = 20, fixed_size = 62;
constexpr size_t oid_at = 40, flags_at = 60, size_at = 36;
constexpr uint16_t assume_valid = 0x8000, extended = 0x4000, name_mask = 0x0FFF;

uint32_t be32(const char* p) {
    auto u = reinterpret_cast<const unsigned char*>(p);
    return (uint32_t(u[0]) << 24) | (uint32_t(u[1]) << 16) | (uint32_t(u[2]) << 8) | u[3];
}

uint16_t be16(const char* p) {
    auto u = reinterpret_cast<const unsigned char*>(p);
    return static_cast<uint16_t>((u[0] << 8) | u[1]);
}

void put32(std::string& out, uint32_t v) {
    char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    out.append(b, 4);
}

void set32(char* p, uint32_t v) {
    p[0] = char(v >> 24);
    p[1] = char(v >> 16);
    p[2] = char(v >> 8);
    p[3] = char(v);
}

// Version 4 compresses each path against the one before it: how many bytes
// to drop from the end of that one, in git's offset varint, then the rest.
bool read_varint(std::string_view in, size_t& pos, size_t& value) {
    if (pos >= in.size()) return false;
    auto c = static_cast<unsigned char>(in[pos++]);
    value = c & 127;
    while (c & 128) {
        if (pos >= in.size() || value > (SIZE_MAX >> 8)) return false;
        c = static_cast<unsigned char>(in[pos++]);
        value = ((value + 1) << 7) | (c & 127);
    }
    return true;
}

void put_varint(std::string& out, size_t value) {
    unsigned char buf[16];
    size_t pos = sizeof buf - 1;
    buf[pos] = value & 127;
    while (value >>= 7)
        buf[--pos] = static_cast<unsigned char>(128 | (--value & 127));
    out.append(reinterpret_cast<const char*>(buf + pos), sizeof buf - pos);
}

// The path part of an entry: NUL-padded to a multiple of eight bytes in
// versions 2 and 3, compressed against `prev` and NUL-terminated in 4.
void put_path(std::string& out, uint32_t version, std::string_view prev, std::string_view path,
              size_t fixed) {
    if (version == 4) {
        size_t common = 0;
        while (common < prev.size() && common < path.size() && prev[common] == path[common])
            ++common;
        put_varint(out, prev.size() - common);
        out.append(path.substr(common));
        out.push_back('\0');
        return;
    }
    out.append(path);
    size_t total = (fixed + path.size() + 8) & ~size_t(7);
    out.append(total - fixed - path.size(), '\0');
}

std::string fixed_part(const IndexEntry& e) {
    std::string out;
    out.reserve(fixed_size);
    for (uint32_t v :
         {e.ctime_s, e.ctime_ns, e.mtime_s, e.mtime_ns, e.dev, e.ino, e.mode, e.uid, e.gid, e.size})
        put32(out, v);
    out.append(reinterpret_cast<const char*>(e.id.data()), e.id.size());
    auto flags = static_cast<uint16_t>(std::min<size_t>(e.path.size(), name_mask));
    out.push_back(char(flags >> 8));
    out.push_back(char(flags & 0xFF));
    return out;
}

// The directories above `path`, the root ("") included.
void add_parents(std::set<std::string, std::less<>>& dirs, std::string_view path) {
    dirs.emplace();
    for (size_t slash = path.find('/'); slash != std::string_view::npos;
         slash = path.find('/', slash + 1))
        dirs.emplace(path.substr(0, slash));
}

// The cache-tree extension with the trees of `dirs` marked invalid (an
// entry count of -1 and no object id), which is how git forgets a tree
// whose contents changed; the rest is kept as it was. nullopt if damaged.
class TreeRewriter {
  public:
    TreeRewriter(std::string_view in, const std::set<std::string, std::less<>>& dirs)
        : in_(in), dirs_(dirs) {}

    std::optional<std::string> run() {
        while (pos_ < in_.size())
            if (!node("", true)) return std::nullopt;
        return std::move(out_);
    }

  private:
    bool number(char end, long& value) {
        size_t stop = in_.find(end, pos_);
        if (stop == std::string_view::npos) return false;
        auto [p, ec] = std::from_chars(in_.data() + pos_, in_.data() + stop, value);
        if (ec != std::errc() || p != in_.data() + stop) return false;
        pos_ = stop + 1;
        return true;
    }

    bool node(const std::string& parent, bool root) {
        if (++depth_ > 4096) return false;
        size_t start = pos_;
        size_t nul = in_.find('\0', pos_);
        if (nul == std::string_view::npos) return false;
        std::string_view name = in_.substr(pos_, nul - pos_);
        // The root's children are named by their names alone.
        std::string full = root             ? std::string()
                           : parent.empty() ? std::string(name)
                                            : parent + "/" + std::string(name);
        pos_ = nul + 1;
        long entries = 0, subtrees = 0;
        if (!number(' ', entries) || !number('\n', subtrees) || subtrees < 0) return false;
        if (entries >= 0) {
            if (pos_ + 20 > in_.size()) return false;
            pos_ += 20;
        }
        if (dirs_.count(full))
            out_ += fmt::format("{}{}-1 {}\n", name, '\0', subtrees);
        else
            out_.append(in_.substr(start, pos_ - start));
        for (long i = 0; i < subtrees; ++i)
            if (!node(full, false)) return false;
        --depth_;
        return true;
    }

    std::string_view in_;
    const std::set<std::string, std::less<>>& dirs_;
    size_t pos_ = 0;
    int depth_ = 0;
    std::string out_;
};

bool optional_extension(std::string_view sig) {
    return sig[0] >= 'A' && sig[0] <= 'Z';
}

} // namespace

IndexEntry entry_from_stat(std::string path, const Digest& id, uint32_t mode,
                           const struct stat& st) {
    auto u32 = [](auto v) { return static_cast<uint32_t>(v); };
    return {.path = std::move(path),
            .id = id,
            .mode = mode,
            .ctime_s = u32(st.st_ctim.tv_sec),
            .ctime_ns = u32(st.st_ctim.tv_nsec),
            .mtime_s = u32(st.st_mtim.tv_sec),
            .mtime_ns = u32(st.st_mtim.tv_nsec),
            .dev = u32(st.st_dev),
            .ino = u32(st.st_ino),
            .uid = u32(st.st_uid),
            .gid = u32(st.st_gid),
            .size = u32(st.st_size)};
}

size_t IndexBytes::size() const {
    size_t n = 0;
    for (auto p : pieces)
        n += p.size();
    return n;
}

std::optional<IndexFile> IndexFile::parse(std::string_view in, std::string& why) {
    auto refuse = [&](std::string reason) -> std::optional<IndexFile> {
        why = std::move(reason);
        return std::nullopt;
    };
    if (in.size() < header_size + checksum_size || in.substr(0, 4) != "DIRC")
        return refuse("it is not an index file");
    IndexFile f;
    f.bytes_ = in;
    f.version_ = be32(in.data() + 4);
    if (f.version_ < 2 || f.version_ > 4)
        return refuse(fmt::format("it is index version {}", f.version_));
    uint32_t count = be32(in.data() + 8);
    size_t end = in.size() - checksum_size;
    if (count > end / fixed_size) return refuse("it is damaged (too many entries)");
    f.offsets_.reserve(size_t(count) + 1);

    size_t pos = header_size;
    std::string_view prev;
    unsigned prev_stage = 0;
    for (uint32_t i = 0; i < count; ++i) {
        if (pos + fixed_size > end) return refuse("it is damaged (an entry runs past the end)");
        uint16_t flags = be16(in.data() + pos + flags_at);
        if ((flags & extended) && f.version_ < 3)
            return refuse("it is damaged (extended flags in version 2)");
        size_t fixed = fixed_size + ((flags & extended) ? 2 : 0);
        std::string_view path;
        size_t length = 0;
        if (f.version_ == 4) {
            size_t at = pos + fixed, strip = 0;
            if (!read_varint(in.substr(0, end), at, strip) || strip > prev.size())
                return refuse("it is damaged (a compressed path)");
            size_t nul = in.find('\0', at);
            if (nul == std::string_view::npos || nul >= end)
                return refuse("it is damaged (an unterminated path)");
            std::string& full = f.v4_paths_.emplace_back(prev.substr(0, prev.size() - strip));
            full.append(in.substr(at, nul - at));
            path = full;
            length = nul + 1 - pos;
        } else {
            size_t name_len = flags & name_mask;
            if (name_len == name_mask) {
                size_t nul = in.find('\0', pos + fixed);
                if (nul == std::string_view::npos || nul >= end)
                    return refuse("it is damaged (an unterminated path)");
                name_len = nul - pos - fixed;
            }
            length = (fixed + name_len + 8) & ~size_t(7);
            if (pos + length > end) return refuse("it is damaged (an entry runs past the end)");
            path = in.substr(pos + fixed, name_len);
        }
        // Lookups are binary searches: the order must be git's.
        unsigned stage = (flags >> 12) & 3;
        if (i > 0 && (prev > path || (prev == path && prev_stage >= stage)))
            return refuse("it is damaged (entries out of order)");
        prev = path;
        prev_stage = stage;
        f.offsets_.push_back(pos);
        pos += length;
    }
    f.offsets_.push_back(pos);
    while (pos < end) {
        if (pos + 8 > end) return refuse("it is damaged (an extension runs past the end)");
        std::string_view sig = in.substr(pos, 4);
        size_t length = be32(in.data() + pos + 4);
        if (length > end - pos - 8) return refuse("it is damaged (an extension runs past the end)");
        if (sig == "link") return refuse("it is a split index");
        if (sig == "sdir") return refuse("it is a sparse index");
        if (!optional_extension(sig)) return refuse(fmt::format("it has the extension '{}'", sig));
        pos += 8 + length;
    }
    return f;
}

uint16_t IndexFile::flags(size_t i) const {
    return be16(bytes_.data() + offsets_[i] + flags_at);
}

size_t IndexFile::fixed(size_t i) const {
    return fixed_size + ((flags(i) & extended) ? 2 : 0);
}

std::string_view IndexFile::path(size_t i) const {
    if (version_ == 4) return v4_paths_[i];
    size_t at = offsets_[i] + fixed(i), len = flags(i) & name_mask;
    if (len == name_mask) len = bytes_.find('\0', at) - at; // found by parse()
    return bytes_.substr(at, len);
}

unsigned IndexFile::stage(size_t i) const {
    return (flags(i) >> 12) & 3;
}

bool IndexFile::flagged(size_t i) const {
    return (flags(i) & (assume_valid | extended)) != 0;
}

std::string_view IndexFile::id(size_t i) const {
    return bytes_.substr(offsets_[i] + oid_at, 20);
}

IndexEntry IndexFile::entry(size_t i, bool with_path) const {
    const char* e = bytes_.data() + offsets_[i];
    IndexEntry out{.path = with_path ? std::string(path(i)) : std::string(),
                   .id = {},
                   .mode = be32(e + 24),
                   .ctime_s = be32(e),
                   .ctime_ns = be32(e + 4),
                   .mtime_s = be32(e + 8),
                   .mtime_ns = be32(e + 12),
                   .dev = be32(e + 16),
                   .ino = be32(e + 20),
                   .uid = be32(e + 28),
                   .gid = be32(e + 32),
                   .size = be32(e + size_at)};
    std::memcpy(out.id.data(), e + oid_at, out.id.size());
    return out;
}

std::vector<size_t> IndexFile::racily_clean(const struct timespec& index_mtime) const {
    auto is = static_cast<uint32_t>(index_mtime.tv_sec);
    auto ins = static_cast<uint32_t>(index_mtime.tv_nsec);
    std::vector<size_t> out;
    for (size_t i = 0; i < count(); ++i) {
        const char* e = bytes_.data() + offsets_[i];
        uint32_t s = be32(e + 8);
        if (s < is) continue;
        // A size of 0 is git's mark for an entry already found racy.
        if ((s > is || be32(e + 12) >= ins) && be32(e + size_at) != 0) out.push_back(i);
    }
    return out;
}

size_t IndexFile::lower_bound(std::string_view p) const {
    size_t lo = 0, hi = count();
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (path(mid) < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

std::optional<size_t> IndexFile::find(std::string_view p) const {
    size_t i = lower_bound(p);
    if (i < count() && path(i) == p && stage(i) == 0) return i;
    return std::nullopt;
}

bool IndexFile::conflicted(std::string_view p) const {
    for (size_t i = lower_bound(p); i < count() && path(i) == p; ++i)
        if (stage(i) != 0) return true;
    return false;
}

bool IndexFile::checksum_of(std::string_view bytes) {
    if (bytes.size() < checksum_size) return false;
    size_t end = bytes.size() - checksum_size;
    Digest d = Sha1().update(bytes.substr(0, end)).digest();
    return std::memcmp(d.data(), bytes.data() + end, checksum_size) == 0;
}

std::optional<IndexBytes> IndexFile::patch(std::vector<IndexChange> changes,
                                           std::vector<size_t> smudged, std::string& why) const {
    auto refuse = [&](std::string reason) -> std::optional<IndexBytes> {
        why = std::move(reason);
        return std::nullopt;
    };
    std::sort(changes.begin(), changes.end(),
              [](const IndexChange& a, const IndexChange& b) { return a.path < b.path; });
    std::sort(smudged.begin(), smudged.end());
    std::set<std::string, std::less<>> dirs;
    size_t removed = 0, added = 0;
    for (size_t c = 0; c < changes.size(); ++c) {
        const IndexChange& ch = changes[c];
        if (c > 0 && changes[c - 1].path == ch.path)
            return refuse(fmt::format("{} is changed twice", ch.path));
        if (ch.entry && ch.entry->path != ch.path)
            return refuse(fmt::format("{} is given another path's entry", ch.path));
        size_t i = lower_bound(ch.path), j = i;
        for (; j < count() && path(j) == ch.path; ++j) {
            if (stage(j) != 0) return refuse(fmt::format("{} is in conflict", ch.path));
            if (flagged(j)) return refuse(fmt::format("{} has index flags of its own", ch.path));
        }
        if (ch.entry && i == j) {
            // A new path: git would have to replace a file by a directory or
            // the other way round, which is libgit2's to decide.
            for (size_t slash = ch.path.find('/'); slash != std::string::npos;
                 slash = ch.path.find('/', slash + 1)) {
                size_t k = lower_bound(std::string_view(ch.path).substr(0, slash));
                if (k < count() && path(k) == std::string_view(ch.path).substr(0, slash))
                    return refuse(fmt::format("{} is a file in the index", path(k)));
            }
            std::string below = ch.path + "/";
            size_t k = lower_bound(below);
            if (k < count() && path(k).starts_with(below))
                return refuse(fmt::format("{} is a directory in the index", ch.path));
        }
        removed += j - i;
        added += ch.entry ? 1 : 0;
        add_parents(dirs, ch.path);
    }

    IndexBytes out;
    std::string& header = out.owned.emplace_back(bytes_.substr(0, header_size));
    set32(header.data() + 8, static_cast<uint32_t>(count() - removed + added));
    out.pieces.push_back(header);

    std::string_view last; // the path written last, which version 4 compresses against
    // A run of kept entries, copied as one piece but for those whose bytes
    // change: smudged ones, and in version 4 the first after a change,
    // whose path is compressed against another one now.
    auto keep = [&](size_t from, size_t to) {
        if (from >= to) return;
        size_t run = from;
        auto flush = [&](size_t k) {
            if (k > run)
                out.pieces.push_back(bytes_.substr(offsets_[run], offsets_[k] - offsets_[run]));
        };
        auto rewrite = [&](size_t k, bool zero_size) {
            flush(k);
            std::string& e = out.owned.emplace_back(bytes_.substr(offsets_[k], fixed(k)));
            if (zero_size) set32(e.data() + size_at, 0);
            if (version_ == 4)
                put_path(e, version_, k == from ? last : path(k - 1), path(k), fixed(k));
            else
                e.append(bytes_.substr(offsets_[k] + fixed(k),
                                       offsets_[k + 1] - offsets_[k] - fixed(k)));
            out.pieces.push_back(e);
            run = k + 1;
        };
        auto next = std::lower_bound(smudged.begin(), smudged.end(), from);
        if (version_ == 4 && (from == 0 ? !last.empty() : last != path(from - 1))) {
            bool zero = next != smudged.end() && *next == from;
            rewrite(from, zero);
            if (zero) ++next;
        }
        for (; next != smudged.end() && *next < to; ++next)
            rewrite(*next, true);
        flush(to);
        last = path(to - 1);
    };

    size_t cursor = 0;
    for (const IndexChange& ch : changes) {
        size_t i = lower_bound(ch.path), j = i;
        while (j < count() && path(j) == ch.path)
            ++j;
        keep(cursor, i);
        cursor = j;
        if (!ch.entry) continue;
        std::string& e = out.owned.emplace_back(fixed_part(*ch.entry));
        put_path(e, version_, last, ch.path, fixed_size);
        out.pieces.push_back(e);
        last = ch.path;
    }
    keep(cursor, count());

    size_t end = bytes_.size() - checksum_size;
    for (size_t pos = offsets_.back(); pos < end;) {
        std::string_view sig = bytes_.substr(pos, 4);
        size_t length = be32(bytes_.data() + pos + 4);
        std::string_view data = bytes_.substr(pos + 8, length);
        if (sig == "TREE") {
            auto tree = TreeRewriter(data, dirs).run();
            if (!tree) return refuse("its TREE extension is damaged");
            std::string& ext = out.owned.emplace_back("TREE");
            put32(ext, static_cast<uint32_t>(tree->size()));
            ext += *tree;
            out.pieces.push_back(ext);
        } else if (sig == "REUC") {
            out.pieces.push_back(bytes_.substr(pos, 8 + length));
        }
        pos += 8 + length;
    }

    return out;
}

Digest IndexBytes::checksum() const {
    Sha1 hash;
    for (auto p : pieces)
        hash.update(p);
    return hash.digest();
}

} // namespace hd
