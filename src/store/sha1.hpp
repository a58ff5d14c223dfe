#pragma once
// SHA-1 as git uses it for object ids and the index checksum, through
// nettle, which picks the processor's SHA instructions when it has them.
// libgit2's own SHA-1 detects collisions and is several times slower; hd
// uses this one where the bytes hashed grow with the desk (the index, and
// blob ids of files read without libgit2).
#include <array>
#include <nettle/sha1.h>
#include <string>
#include <string_view>

namespace hd {

using Digest = std::array<unsigned char, 20>;

class Sha1 {
  public:
    Sha1() { sha1_init(&ctx_); }
    Sha1& update(std::string_view bytes) {
        sha1_update(&ctx_, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
        return *this;
    }
    // The digest of what was added so far; the hasher can go on (a copy is
    // finished, so a common prefix is hashed once for two results).
    Digest digest() const {
        sha1_ctx done = ctx_;
        Digest out{};
        sha1_digest(&done, out.size(), out.data());
        return out;
    }

  private:
    sha1_ctx ctx_;
};

// The id git gives a blob of `content`: SHA-1 of "blob <size>\0" and it.
Digest blob_digest(std::string_view content);

// 40 lower-case hex digits.
std::string digest_hex(const Digest& d);

} // namespace hd
