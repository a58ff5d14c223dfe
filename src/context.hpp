#pragma once
// What a command may touch from the outside world. main() builds the real
// one; tests build their own with fixed clock, streams and environment.
#include "core/timestamp.hpp"
#include "store/repo.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

namespace hd {

struct Context {
    std::istream* in;
    std::ostream* out;
    std::ostream* err;
    bool stdin_tty = false;
    bool stdout_tty = false;
    // The terminal's width for tables: COLUMNS when set to a number, else
    // the terminal's own when stdout is one; 0 when neither (no limit).
    size_t columns = 0;
    Getenv env;
    std::function<Timestamp()> clock;      // HD_NOW when set, else the system clock
    std::function<std::uint64_t()> random; // for new IDs
    std::string dir;                       // absolute; -C applied
    std::string program;                   // this hd binary's absolute path ("" if unknown)
    // --backfill: an event may be older than the ticket's latest one; it is
    // put in its place in time order. Without it such an event is refused
    // when its time was given (HD_NOW, --at), and stamped no earlier than
    // the latest when the system clock is behind another clone's.
    bool backfill = false;

    bool color() const; // stdout is a terminal, NO_COLOR unset, TERM not dumb
};

// The real world: process streams, environment, HD_NOW or the system clock.
// Error(usage) if HD_NOW is set but not an RFC 3339 time.
Context make_process_context(const std::string& dir_option);

// The system clock, with the machine's current UTC offset.
Timestamp system_now();

} // namespace hd
