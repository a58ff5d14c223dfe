#pragma once
// The journal: written under .git/ before an hd action touches the work
// tree, removed once its branch has moved. A journal found by the next run
// means an action was interrupted, and says which commit finishes it, which
// files it touched and which process wrote it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

// A process, named well enough to tell later whether it is still running:
// pids are reused, so its start time and the machine's boot are kept too.
struct ProcessId {
    long pid = 0;
    std::string host;
    std::string boot_id;
    unsigned long long start_ticks = 0;

    bool operator==(const ProcessId&) const = default;
};

ProcessId this_process();

enum class Liveness { running, gone, unknown };
// `unknown` when the process ran on another machine (a repository on a
// shared disk): then nothing it left behind may be taken for abandoned.
Liveness liveness(const ProcessId& p);

struct Journal {
    std::string commit;             // hex
    std::string parent;             // hex; forty zeros for the first commit
    std::string ref;                // the branch it moves
    std::vector<std::string> paths; // relative to the work tree
    std::optional<ProcessId> owner; // absent in journals of older hd versions
};

std::string render_journal(const Journal& j);
// Lines of "word value": unknown words are passed over, so other records
// (the mail outbox) can carry an owner in the same words.
Journal parse_journal(std::string_view text);
std::string render_owner(const ProcessId& p);

} // namespace hd
