#include "store/mapped_file.hpp"

#include <algorithm>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace hd {

MappedFile::MappedFile(const std::string& path, bool populate, struct stat* status) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat local {};
    struct stat& st = status ? *status : local;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ,
                         MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0);
        if (p != MAP_FAILED) {
            data_ = static_cast<const char*>(p);
            size_ = static_cast<size_t>(st.st_size);
            dev_ = st.st_dev;
            ino_ = st.st_ino;
        }
    }
    ::close(fd);
}

void MappedFile::prefault(size_t offset, size_t length) const {
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22 // Linux 5.14
#endif
    if (!data_ || offset >= size_) return;
    size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    size_t start = offset / page * page;
    length = std::min(length + (offset - start), size_ - start);
    ::madvise(const_cast<char*>(data_) + start, length, MADV_POPULATE_READ);
}

bool MappedFile::is_file(int fd) const {
    struct stat st {};
    return data_ && ::fstat(fd, &st) == 0 && st.st_dev == dev_ && st.st_ino == ino_;
}

MappedFile::~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
}

MappedFile::MappedFile(MappedFile&& o) noexcept
    : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)), dev_(o.dev_),
      ino_(o.ino_) {}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
    if (this != &o) {
        if (data_) ::munmap(const_cast<char*>(data_), size_);
        data_ = std::exchange(o.data_, nullptr);
        size_ = std::exchange(o.size_, 0);
        dev_ = o.dev_;
        ino_ = o.ino_;
    }
    return *this;
}

} // namespace hd
