#pragma once
// The three-way merge of one ticket file, as git's merge driver and hd's own
// merges run it. A ticket is a header written by people and a log of events
// appended by hd, so the two are merged differently:
// - the header key by key: a key changed on one side takes that change, a key
//   changed differently on both sides is a conflict, shown with markers;
// - the events as a set: every event of either side once (byte-identical
//   events are one), minus an event one side deleted and the other left as
//   it was, in time order with a tie-break that does not depend on which
//   side is ours, so merging A into B and B into A gives the same bytes.
// Text in, text out: no repository, no files.
#include <string>
#include <string_view>
#include <vector>

namespace hd {

struct MergeLabels {
    std::string ours = "ours";
    std::string theirs = "theirs";
    unsigned marker_size = 7;
};

struct TicketMerge {
    std::string text;
    bool conflict = false;
    // What could not be merged, one phrase each ("the header key 'title'"),
    // for messages.
    std::vector<std::string> conflicts;
};

// `base` is empty when the file was added on both sides. `path` names the
// file in messages. A side that is not a ticket hd can split (invalid TOML,
// events written inline) is merged as plain text, line by line.
TicketMerge merge_ticket(std::string_view base, std::string_view ours, std::string_view theirs,
                         const std::string& path, const MergeLabels& labels = {});

// Line-by-line three-way merge, as git's own text merge makes it.
TicketMerge merge_text(std::string_view base, std::string_view ours, std::string_view theirs,
                       const std::string& path, const MergeLabels& labels);

} // namespace hd
