#include "store/index_reader.hpp"

#include <cstdint>

namespace hd {

namespace {

uint32_t be32(const char* p) {
    auto u = reinterpret_cast<const unsigned char*>(p);
    return (uint32_t(u[0]) << 24) | (uint32_t(u[1]) << 16) | (uint32_t(u[2]) << 8) | u[3];
}

uint16_t be16(const char* p) {
    auto u = reinterpret_cast<const unsigned char*>(p);
    return static_cast<uint16_t>((u[0] << 8) | u[1]);
}

constexpr size_t header_size = 12, fixed_size = 62, oid_offset = 40, flags_offset = 60;

} // namespace

std::optional<IndexScan> scan_index(const std::string& index_path, std::string_view prefix) {
    IndexScan scan;
    scan.file = MappedFile(index_path);
    std::string_view in = scan.file.bytes();
    if (!scan.file) return scan; // no index yet: no entries
    if (in.size() < header_size + 20 || in.substr(0, 4) != "DIRC") return std::nullopt;
    uint32_t version = be32(in.data() + 4);
    if (version != 2 && version != 3) return std::nullopt;
    uint32_t count = be32(in.data() + 8);

    size_t pos = header_size;
    size_t end = in.size() - 20; // trailing checksum
    for (uint32_t i = 0; i < count; ++i) {
        if (pos + fixed_size > end) return std::nullopt;
        const char* e = in.data() + pos;
        uint16_t flags = be16(e + flags_offset);
        size_t path_start = fixed_size + ((flags & 0x4000) ? 2 : 0);
        size_t name_len = flags & 0x0FFF;
        if (name_len == 0x0FFF) {
            size_t nul = in.find('\0', pos + path_start);
            if (nul == std::string_view::npos) return std::nullopt;
            name_len = nul - pos - path_start;
        }
        if (pos + path_start + name_len > end) return std::nullopt;
        std::string_view path = in.substr(pos + path_start, name_len);
        // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
        pos += (path_start + name_len + 8) & ~size_t(7);
        if (((flags >> 12) & 3) != 0) continue;
        if (!path.starts_with(prefix)) continue;
        scan.entries.push_back({path,
                                in.substr(static_cast<size_t>(e - in.data()) + oid_offset, 20),
                                be32(e + 8), be32(e + 12), be32(e + 36)});
    }
    // Extensions that change what the entries mean: fall back to libgit2.
    while (pos + 8 <= end) {
        std::string_view sig = in.substr(pos, 4);
        if (sig == "link" || sig == "sdir") return std::nullopt;
        pos += 8 + be32(in.data() + pos + 4);
    }
    return scan;
}

} // namespace hd
