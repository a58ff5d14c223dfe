#pragma once
// Writing TOML by appending text: hd never re-serialises a ticket file, so
// these functions produce the exact text of new keys and [[event]] tables.
// Input must be valid UTF-8 (callers check with find_invalid_utf8 and name
// the source of bad input).
#include "core/ticket.hpp"

#include <string>
#include <string_view>

namespace hd {

// A one-line basic string: "text", with every control character escaped.
std::string toml_basic_string(std::string_view s);

// A multi-line basic string for text with line breaks, a basic string otherwise.
// Trailing line breaks are not kept (readers drop them too).
std::string toml_text_value(std::string_view s);

// The text of a new ticket file, header only.
std::string render_ticket_header(const Ticket& t);

// "\n[[event]]\nkind = ...\n": ready to append to a file that ends in a newline.
std::string render_event(const Event& e);

// Drops trailing line breaks and spaces, as stored bodies do.
std::string trim_body(std::string_view s);

} // namespace hd
