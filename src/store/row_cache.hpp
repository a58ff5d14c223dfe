#pragma once
// The listing cache: one row per ticket (see core/ticket_row.hpp), in index
// order, each tagged with the blob id it was derived from. A warm listing
// maps the file and walks it beside the index, building no objects. The file
// lives under .git/ and is always safe to delete.
//
// Layout: magic, the offset of the rows section (8 bytes), the timelines
// section, the rows section. Rows point into the timelines, which only the
// report reads, so a listing never brings them into memory.
#include "core/ticket_row.hpp"
#include "store/mapped_file.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

// A record is the 20-byte blob id, then the row; the row's first field is
// its path, so a record's key can be read without decoding the rest. The
// timeline is stored as an offset and length into the timelines section.
std::string encode_row(std::string_view oid, const TicketRow& r, uint64_t timeline_offset);
std::string_view record_oid(std::string_view record);
std::string_view record_path(std::string_view record); // "" when damaged
// false when the record is damaged or points outside `timelines`.
bool decode_row(std::string_view record, std::string_view timelines, TicketRow& out);

class RowCache {
  public:
    explicit RowCache(std::string path) : path_(std::move(path)) {}

    // Records in file order; empty if the file is missing or not a cache.
    // The timelines are read in too when asked for.
    const std::vector<std::string_view>& load(bool with_timelines);
    std::string_view timelines() const { return timelines_; }
    // Deletes the file.
    void clear();
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    MappedFile file_;
    std::string_view timelines_;
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

    void add(std::string_view oid, const TicketRow& row);
    void commit();

  private:
    bool flush(int& fd, std::string& buffer);
    std::string path_, tmp_, rows_tmp_, timelines_, rows_;
    int fd_ = -1, rows_fd_ = -1;
    uint64_t timeline_bytes_ = 0;
};

} // namespace hd
