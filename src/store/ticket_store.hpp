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
#include <deque>
#include <functional>
#include <memory>

#include <string>
#include <vector>

namespace hd {

struct BrokenTicket {
    std::string path;
    std::string message;      // "path:line:col: what"
    int line = 0, column = 0; // the place in the file, when known
};

// Every ticket's row, and the files that could not be read. The rows are
// views into the storage held here, so a RowSet is not copied or moved.
struct RowSet {
    std::vector<TicketRow> rows; // in path order, which is ID order
    std::vector<BrokenTicket> broken;

    std::optional<IndexScan> index;
    std::unique_ptr<RowCache> cache;
    std::deque<RowText> text;
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

    std::vector<std::string> ids() const; // sorted, from the index alone
    // A full ID from what a person typed; Error(not_found) names candidates.
    std::string resolve(std::string_view typed) const;

    // Parses the work tree file; Error(not_found) or Error(invalid).
    Ticket load(const std::string& id) const;

    // The rows `keep` accepts, of every ticket as staged in the index;
    // broken files are reported, not thrown.
    // Rows carry their timelines only when asked (the report needs them,
    // listings do not).
    std::unique_ptr<RowSet> load_rows(const std::function<bool(const TicketRow&)>& keep,
                                      bool with_timelines = false) const;

  private:
    std::vector<std::string> ids_under(std::string_view scan) const;

    Repo& repo_;
    std::string root_;
};

// The ticket root for a directory that may not be a repository yet.
std::string find_ticket_root(const std::string& workdir, const std::string& start);

} // namespace hd
