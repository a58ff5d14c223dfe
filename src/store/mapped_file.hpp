#pragma once
// A read-only memory map of a whole file; empty when the file is missing.
#include <string>
#include <string_view>
#include <sys/stat.h>

namespace hd {

class MappedFile {
  public:
    MappedFile() = default;
    // `populate` reads the whole file in at once: cheaper than a page fault
    // per page when all of it will be read.
    // `st`, when given, receives the status of the file that was mapped.
    explicit MappedFile(const std::string& path, bool populate = true, struct stat* st = nullptr);
    // Reads in part of the file now (a hint; failures are ignored).
    void prefault(size_t offset, size_t length) const;
    ~MappedFile();
    MappedFile(MappedFile&& o) noexcept;
    MappedFile& operator=(MappedFile&& o) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {data_, size_}; }
    explicit operator bool() const { return data_ != nullptr; }
    // Whether the open file `fd` is the one mapped here.
    bool is_file(int fd) const;

  private:
    const char* data_ = nullptr;
    size_t size_ = 0;
    unsigned long dev_ = 0, ino_ = 0;
};

} // namespace hd
