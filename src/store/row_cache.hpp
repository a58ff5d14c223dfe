#pragma once
// The listing cache: one row per ticket (see core/ticket_row.hpp), in index
// order, each tagged with the blob id it was derived from. A warm listing
// maps the file and walks it beside the index, building no objects. The file
// lives under .git/ and is always safe to delete.
//
// Layout: magic, a header (the offsets of the rows and keys sections, the
// number of keys, the checksum of the index the rows were checked against),
// the timelines section, the rows section, the keys section. Rows point
// into the timelines, which only the report reads, so a listing never
// brings them into memory.
//
// The keys are one fixed-size entry a row: ID, status, priority, audience,
// waiting on, created, and where the row is; in created order (as listings
// read them), then the key number of each row in ID order. A listing that needs no more than
// those reads the keys alone, and a lookup by ID is a binary search. When
// the index file is byte for byte the one the rows were checked against
// (its trailing checksum matches), every row is known to be current
// without reading the index at all.
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

// A row's fixed-size key, decoded.
struct RowKey {
    std::string_view id;
    Status status = Status::fresh;
    Priority priority = Priority::normal;
    Audience audience = Audience::end_user;
    WaitingOn waiting_on = WaitingOn::us;
    Timestamp created;
    std::string_view record; // the whole record, as decode_row reads it

    // A row with only the key's fields (and its ID) filled in.
    TicketRow row() const;
};

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

    // Maps the file for the keys (the timelines too when asked), reading
    // the keys in at once when `read_ahead`; false if it is missing, of
    // another version, or has no valid keys.
    bool open_keys(bool with_timelines, bool read_ahead = true);
    // The checksum of the index the rows match; "" when none is recorded.
    std::string_view index_checksum() const;
    size_t key_count() const { return key_count_; }
    bool has_keys() const { return has_keys_; }
    // The i-th key in ID order, or the i-th in created order (ties in ID
    // order); false when it is damaged.
    bool key(size_t i, RowKey& out) const;
    bool key_by_created(size_t i, RowKey& out) const;
    // Records that the rows match the index with `checksum`, in the file
    // that was loaded (not one that replaced it since). Best effort.
    void set_index_checksum(std::string_view checksum);

  private:
    bool map(bool with_timelines);
    std::string path_;
    MappedFile file_;
    std::string_view timelines_, rows_, keys_, order_;
    size_t key_count_ = 0;
    bool has_keys_ = false;
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
    // `index_checksum`: the index every row was checked against, when each
    // of its tickets has a row ("" when not).
    void commit(std::string_view index_checksum = {});

  private:
    bool flush(int& fd, std::string& buffer);
    bool append(int from, int& to);
    std::string path_, tmp_, rows_tmp_, timelines_, rows_, keys_;
    int fd_ = -1, rows_fd_ = -1;
    uint64_t timeline_bytes_ = 0, row_bytes_ = 0;
    std::vector<std::pair<int64_t, uint32_t>> created_; // for the created order
};

} // namespace hd
