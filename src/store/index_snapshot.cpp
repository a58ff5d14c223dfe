#include "store/index_snapshot.hpp"

namespace hd {

std::unique_ptr<IndexSnapshot> IndexSnapshot::read(const std::string& path, std::string& why,
                                                   bool check) {
    std::unique_ptr<IndexSnapshot> s(new IndexSnapshot);
    // The status is of the file mapped: if a git command replaces the index
    // later, same_file() says so and it is read again.
    s->bytes_ = MappedFile(path, true, &s->st_);
    if (!s->bytes_) {
        why = "there is no index, or it cannot be read";
        return nullptr;
    }
    if (check) s->begin_check();
    s->file_ = IndexFile::parse(s->bytes_.bytes(), why);
    if (!s->file_) return nullptr;
    return s;
}

IndexSnapshot::~IndexSnapshot() {
    if (intact_.valid()) intact_.wait();
}

bool IndexSnapshot::same_file(const struct stat& st) const {
    return st.st_dev == st_.st_dev && st.st_ino == st_.st_ino && st.st_size == st_.st_size &&
           st.st_mtim.tv_sec == st_.st_mtim.tv_sec && st.st_mtim.tv_nsec == st_.st_mtim.tv_nsec &&
           st.st_ctim.tv_sec == st_.st_ctim.tv_sec && st.st_ctim.tv_nsec == st_.st_ctim.tv_nsec;
}

void IndexSnapshot::begin_check() {
    // Worth a thread from a megabyte (about 10,000 entries) on. The check
    // reads the bytes alone, so it may run while they are parsed.
    std::string_view bytes = bytes_.bytes();
    if (intact_.valid() || bytes.size() < (1u << 20)) return;
    intact_ =
        std::async(std::launch::async, [bytes] { return IndexFile::checksum_of(bytes); }).share();
}

bool IndexSnapshot::intact() {
    if (!intact_.valid())
        intact_ =
            std::async(std::launch::deferred, [f = &*file_] { return f->checksum_ok(); }).share();
    return intact_.get();
}

} // namespace hd
