#include "store/config.hpp"

#include "core/duration.hpp"
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
    if (const toml::node* fu = doc.get("followup")) {
        const toml::table* t = fu->as_table();
        if (!t) r.fail(fu, "'followup' must be a table ([followup])");
        auto duration = [&](std::string_view key, std::chrono::seconds& out) {
            if (auto v = r.string(*t, key, "followup")) {
                auto d = parse_duration(*v);
                if (!d || d->count() <= 0)
                    r.fail(t->get(key), fmt::format("followup: '{}' must be a duration such as "
                                                    "4d, 36h or 90m, not \"{}\"",
                                                    key, *v));
                out = *d;
            }
        };
        duration("first_after", c.followup.first);
        duration("second_after", c.followup.second);
        duration("close_after", c.followup.close);
        if (auto clock = r.string(*t, "clock", "followup"); clock && *clock != "calendar")
            r.fail(t->get("clock"),
                   fmt::format("followup: 'clock' can only be \"calendar\" for now (business "
                               "calendars come with the SLA settings), not \"{}\"",
                               *clock));
        if (auto v = r.string(*t, "stale_explain", "followup")) c.stale_explain = *v;
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

[followup]
# How long a ticket may wait on a quiet requester before each step, as 4d,
# 36h or 90m: follow-up 1, then follow-up 2, then hd close --stale closes it
# as no-response. Counted in calendar time.
first_after = "4d"
second_after = "2d"
close_after = "3d"
clock = "calendar"
)",
                       toml_basic_string(desk_name));
}

} // namespace hd
