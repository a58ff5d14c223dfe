#pragma once
// A reader for the TOML that hd itself writes: flat keys, basic and
// multi-line basic strings, offset date-times, integers, booleans, one-line
// string arrays, one-line inline tables and [[event]] headers. It is several
// times faster than a general TOML parser, which matters when a cold report
// reads 100,000 tickets. Anything else, and any file that would not pass
// validation, returns nullopt: the caller then uses parse_ticket, which
// handles all of TOML and says what is wrong and where.
#include "core/ticket.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hd {

std::optional<Ticket> fast_parse_ticket(std::string_view text, const std::string& path);

// The fast reader where it can, the full parser for the rest and for every
// error message: Error(invalid) as parse_ticket gives it.
Ticket read_ticket(std::string_view text, const std::string& path);

} // namespace hd
