#pragma once
// A reader for the plain git config files hd meets most: sections, keys and
// values on lines of their own. It says nullopt for anything it does not
// read exactly as git would (escapes, continuations, includes, the old
// dotted section form), and the caller then asks libgit2.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

struct ConfigLine {
    std::string section;    // lower case
    std::string subsection; // as written
    std::string key;        // lower case
    std::string value;      // quotes removed; "" for a bare key
};

// The entries in file order, or nullopt when the text needs a full reader.
std::optional<std::vector<ConfigLine>> read_plain_config(std::string_view text);

// The last value of `section.key` (subsection `sub`), as git's highest-priority
// value within one file; nullopt when absent.
std::optional<std::string> last_value(const std::vector<ConfigLine>& lines,
                                      std::string_view section, std::string_view sub,
                                      std::string_view key);

} // namespace hd
