#pragma once
// Reading ticket files: TOML text in, a Ticket out, or an Error(invalid)
// whose message names file:line:col and the key at fault.
#include "core/ticket.hpp"

#include <string>
#include <string_view>

namespace hd {

// `path` is used in messages and stored in the ticket; when its file name
// is "<id>.toml", the id inside must match it.
Ticket parse_ticket(std::string_view text, const std::string& path);

} // namespace hd
