#include "store/config.hpp"

#include "core/toml_text.hpp"
#include "store/toml_read.hpp"

#include <fmt/format.h>

namespace hd {

Config parse_config(std::string_view text, const std::string& path) {
    TomlReader r(path);
    toml::table doc = r.parse(text);
    Config c;
    if (const toml::node* desk = doc.get("desk")) {
        const toml::table* t = desk->as_table();
        if (!t) r.fail(desk, "'desk' must be a table ([desk])");
        if (auto name = r.string(*t, "name", "desk")) c.desk_name = *name;
        if (auto sig = r.string(*t, "signature", "desk")) c.signature = trim_body(*sig);
    }
    return c;
}

std::string default_config_text(std::string_view desk_name) {
    return fmt::format(R"(# hd help desk settings. Ticket files live in tickets/.
# See hd(1) and hd-format(5).

[desk]
# Shown in templates and reports.
name = {}
# Closes every reply; "{{{{agent}}}}" is the replying agent's name.
signature = """
Kind regards,
{{{{agent}}}}
"""
)",
                       toml_basic_string(desk_name));
}

} // namespace hd
