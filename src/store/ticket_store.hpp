#pragma once
// Tickets in a repository: where the ticket root is, which tickets exist
// (read from the index, without opening files), resolving typed prefixes,
// and loading one ticket, or the rows of all of them (through the row cache).
#include "core/error.hpp"
#include "core/ticket.hpp"
#include "core/ticket_row.hpp"
#include "store/index_reader.hpp"
#include "store/mapped_file.hpp"
#include "store/row_cache.hpp"

#include "store/repo.hpp"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hd {

// A ticket file hd cannot read: invalid, or in a merge conflict.
struct BrokenTicket {
    std::string path;
    std::string message;      // "path:line:col: what", or "path: ..." for a conflict
    int line = 0, column = 0; // the place in the file, when known
};

// What `git status` would say about a path in conflict, and how to end it.
// `stages` as in IndexPath.
std::string conflict_message(std::string_view path, uint8_t stages);

// Warnings for the broken tickets of a listing, one a line, and a closing
// line pointing to hd check; "" when there are none. Commands that list or
// act on many tickets print them after the rest and exit 4.
std::string broken_warnings(const std::vector<BrokenTicket>& broken);

// Every ticket's row, and the files that could not be read. The rows are
// views into the storage held here, so a RowSet is not copied or moved.
struct RowSet {
    std::vector<TicketRow> rows;      // in path order, which is ID order
    std::vector<BrokenTicket> broken; // in path order

    IndexScan index;
    std::unique_ptr<RowCache> cache;
    std::deque<RowText> text;
};

// What a listing asks of the rows. The key fields are those of RowKey (ID,
// status, priority, audience, waiting on, created): a query that needs no
// more is answered from the row cache's keys alone.
struct RowQuery {
    std::function<bool(const TicketRow&)> keep; // empty: every row
    bool keep_reads_text = true;                // `keep` looks at more than the key fields
    bool text = true;                           // rows with every field; else the key fields
    bool timelines = false;                     // and their timelines (the report needs them)
    bool by_created = false;                    // oldest first, ties in ID order; else ID order
};

class TicketStore {
  public:
    // `start` is an absolute directory; the ticket root is the nearest one
    // at or above it (within the work tree) that holds hd.toml.
    TicketStore(Repo& repo, const std::string& start);

    Repo& repo() { return repo_; }
    const std::string& root() const { return root_; } // relative to the work tree, "" or "x/"
    std::string config_path() const { return root_ + "hd.toml"; }
    std::string path_of(std::string_view id) const; // relative to the work tree

    // Sorted, from the index alone; tickets in conflict included.
    std::vector<std::string> ids() const;
    // A full ID from what a person typed; Error(not_found) names candidates,
    // Error(repo) says how to end a merge conflict in the ticket's file.
    std::string resolve(std::string_view typed) const;
    // The ticket files in a merge conflict, in path order.
    std::vector<BrokenTicket> conflicts() const;

    // Parses the work tree file; Error(not_found) or Error(invalid).
    Ticket load(const std::string& id) const;

    // The rows `keep` accepts, of every ticket as staged in the index;
    // broken files are reported, not thrown.
    // Rows carry their timelines only when asked (the report needs them,
    // listings do not).
    std::unique_ptr<RowSet> load_rows(const std::function<bool(const TicketRow&)>& keep,
                                      bool with_timelines = false) const;
    std::unique_ptr<RowSet> load_rows(const RowQuery& query) const;
    // Calls `each` with the rows `query` keeps, in its order, keeping none
    // (a listing of IDs needs no row to outlive its line); returns the files
    // that could not be read.
    std::vector<BrokenTicket> each_row(const RowQuery& query,
                                       const std::function<void(const TicketRow&)>& each) const;

    // Every ticket's row as it stood at `at`: tickets created later are left
    // out and events after it ignored. Parses every file (no cache).
    std::unique_ptr<RowSet> load_rows_as_of(Timestamp at) const;

  private:
    struct IndexedTicket {
        std::string id;
        uint8_t stages; // as in IndexPath
    };
    // The tickets whose index paths start with `scan`, in ID order.
    std::vector<IndexedTicket> tickets_under(std::string_view scan) const;
    std::string cache_path() const;
    // The row cache, its keys mapped, when its rows are known to match the
    // index as it is now (see store/row_cache.hpp); nullptr otherwise.
    std::unique_ptr<RowCache> current_cache(bool with_timelines, bool read_ahead) const;
    // The IDs starting with `prefix`, from the keys of a current cache.
    std::optional<std::vector<std::string>> cached_ids(std::string_view prefix) const;
    bool rows_from_keys(RowSet& set, const RowQuery& q) const;
    void rows_from_index(RowSet& set, const RowQuery& q) const;

    Repo& repo_;
    std::string root_;
};

// The ticket root for a directory that may not be a repository yet.
std::string find_ticket_root(const std::string& workdir, const std::string& start);

} // namespace hd
