#pragma once
// Finding text in a ticket (hd search): pure. Letters match in any case
// (ASCII; other characters as they are), across every field a person
// wrote: title, summary and restatements, requester, the opening message
// and each event's text.
#include "core/ticket.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hd {

class SearchText {
  public:
    explicit SearchText(std::string_view needle);

    // Whether the needle is in `hay`, in any case.
    bool in(std::string_view hay) const;
    // Where it starts in `hay`, if it is there.
    std::optional<size_t> find(std::string_view hay) const;
    // Whether a ticket file's raw bytes can hold a match at all: false only
    // when they certainly cannot, so most files are skipped unparsed. TOML
    // escapes some characters, so a needle holding those checks every file.
    bool may_be_in_file(std::string_view raw) const;
    size_t size() const { return folded_.size(); }

  private:
    std::string folded_;
    bool raw_ok_; // the needle appears in a file's bytes as it is
};

struct SearchMatch {
    std::string where;   // "title", "summary", "requester", "body", "event 3 (receive)"
    int line = 0;        // the file line of that event, else 0 (see line_in_file)
    std::string snippet; // the matching line, cut to about 80 characters around the match
    size_t from = 0;     // where in the file that event's table starts, else 0
};

std::optional<SearchMatch> find_in_ticket(const Ticket& t, const SearchText& s);

// The line of the file `raw` that holds the match, looked for from where
// its table starts; the match's own line when the file spells it
// differently (a TOML escape).
int line_in_file(std::string_view raw, const SearchMatch& m, const SearchText& s);

} // namespace hd
