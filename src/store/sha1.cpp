#include "store/sha1.hpp"

#include <fmt/format.h>

namespace hd {

Digest blob_digest(std::string_view content) {
    std::string header = fmt::format("blob {}", content.size());
    header.push_back('\0');
    return Sha1().update(header).update(content).digest();
}

std::string digest_hex(const Digest& d) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(40, '0');
    for (size_t i = 0; i < d.size(); ++i) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    return out;
}

} // namespace hd
