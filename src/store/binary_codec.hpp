#pragma once
// Varint encoding for hd's caches under .git/: compact, and every read is
// bounds-checked so a damaged cache is detected, never trusted.
#include "core/timestamp.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace hd {

class BinaryWriter {
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
    std::string out;
};

class BinaryReader {
  public:
    explicit BinaryReader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    bool at_end() const { return pos_ == in_.size(); }
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
    std::string_view s() {
        uint64_t n = u();
        if (!ok_ || n > in_.size() - pos_) return fail(), std::string_view();
        std::string_view v = in_.substr(pos_, n);
        pos_ += n;
        return v;
    }
    Timestamp ts() {
        Timestamp t;
        t.utc = std::chrono::sys_seconds(std::chrono::seconds(i()));
        t.offset_minutes = static_cast<int>(i());
        return t;
    }

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

} // namespace hd
