// libFuzzer target: three versions of a ticket file, cut from the input at
// NUL bytes. The merge must not crash; when it merges cleanly both ways the
// two results are the same bytes, and a ticket both readers accept.
#include "store/ticket_merge.hpp"
#include "store/ticket_parse.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    size_t a = in.find('\0');
    if (a == std::string_view::npos) return 0;
    size_t b = in.find('\0', a + 1);
    if (b == std::string_view::npos) return 0;
    std::string_view base = in.substr(0, a), ours = in.substr(a + 1, b - a - 1),
                     theirs = in.substr(b + 1);
    hd::TicketMerge ab = hd::merge_ticket(base, ours, theirs, "fuzz/input");
    hd::TicketMerge ba = hd::merge_ticket(base, theirs, ours, "fuzz/input");
    if (ab.conflict || ba.conflict) return 0;
    // A side that is not a ticket falls back to git's line merge, which has
    // no such promise; hd's own merge has it whenever all three are tickets.
    try {
        hd::parse_ticket(base.empty() ? ours : base, "fuzz/input");
        hd::parse_ticket(ours, "fuzz/input");
        hd::parse_ticket(theirs, "fuzz/input");
    } catch (...) {
        return 0;
    }
    if (ab.text != ba.text) {
        std::fprintf(stderr, "the merge depends on which side is ours\n");
        std::abort();
    }
    try {
        hd::parse_ticket(ab.text, "fuzz/input");
    } catch (...) {
        std::fprintf(stderr, "a clean merge is not a ticket\n");
        std::abort();
    }
    return 0;
}
