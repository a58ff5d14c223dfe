#pragma once
// The two readers of ticket files must never disagree: when the fast reader
// returns a ticket, the full parser accepts the same text and reads the same
// ticket; when the full parser refuses a text, the fast reader declines it.
// Shared by the unit tests and the fuzz target.
#include "core/ticket.hpp"

#include <random>
#include <string>
#include <string_view>

namespace hd::testing {

// Every field of the model, events included, one event per line.
std::string describe(const Ticket& t);

struct Verdict {
    bool fast = false;        // the fast reader returned a ticket
    bool full = false;        // the full parser accepted the text
    std::string disagreement; // empty when the readers agree
};
Verdict compare_readers(std::string_view text, const std::string& path);

// A ticket as hd writes it, with random text (quotes, backslashes, line
// breaks, control characters, non-ASCII) in its strings and 0 to 4 events.
std::string generated_ticket(std::mt19937& rng);

// The text with 1 to 4 random changes: bytes, tokens TOML gives meaning to,
// whole lines.
std::string mutate(std::string text, std::mt19937& rng);

// C-style escapes, so a failing input can be pasted into a test.
std::string quoted(std::string_view text);

} // namespace hd::testing
