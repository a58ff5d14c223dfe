#pragma once
// The listing cache: one row per ticket (see core/ticket_row.hpp), in index
// order, each tagged with the blob id it was derived from. A warm listing
// maps the file and walks it beside the index, building no objects. The file
// lives under .git/ and is always safe to delete.
#include "core/ticket_row.hpp"
#include "store/mapped_file.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hd {

// A record is the 20-byte blob id, then the row; the row's first field is
// its path, so a record's key can be read without decoding the rest.
std::string encode_row(std::string_view oid, const TicketRow& r);
std::string_view record_oid(std::string_view record);
std::string_view record_path(std::string_view record); // "" when damaged
// false when the record is damaged.
bool decode_row(std::string_view record, TicketRow& out);

class RowCache {
  public:
    explicit RowCache(std::string path) : path_(std::move(path)) {}

    // Records in file order; empty if the file is missing or not a cache.
    const std::vector<std::string_view>& load();
    // Deletes the file.
    void clear();
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    MappedFile file_;
    std::vector<std::string_view> records_;
};

// Writes a new cache file beside the old one, a buffer at a time, and puts
// it in place on commit(); a writer destroyed uncommitted leaves no trace.
// Best effort throughout: a cache that cannot be written is a slower run.
class RowCacheWriter {
  public:
    explicit RowCacheWriter(std::string path);
    ~RowCacheWriter();
    RowCacheWriter(const RowCacheWriter&) = delete;
    RowCacheWriter& operator=(const RowCacheWriter&) = delete;

    void add(std::string_view record);
    void commit();

  private:
    void flush();
    std::string path_, tmp_, buffer_;
    int fd_ = -1;
};

} // namespace hd
