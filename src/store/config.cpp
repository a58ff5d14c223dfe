#include "store/config.hpp"

#include "core/duration.hpp"
#include "core/toml_text.hpp"
#include "store/toml_read.hpp"

#include <array>
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
    if (const toml::node* cals = doc.get("calendar")) {
        const toml::table* t = cals->as_table();
        if (!t) r.fail(cals, "'calendar' must hold tables such as [calendar.office]");
        for (const auto& [name, node] : *t) {
            std::string where = fmt::format("calendar.{}", name.str());
            const toml::table* ct = node.as_table();
            if (!ct) r.fail(&node, where + " must be a table");
            Calendar cal;
            cal.name = std::string(name.str());
            cal.always = false;
            if (auto tz = r.string(*ct, "timezone", where))
                cal.zone = Calendar::find_zone(
                    *tz, fmt::format("{}:{}:{}: {}", path, ct->get("timezone")->source().begin.line,
                                     ct->get("timezone")->source().begin.column, where));
            static constexpr std::array<std::string_view, 7> days{"sun", "mon", "tue", "wed",
                                                                  "thu", "fri", "sat"};
            bool any = false;
            for (size_t d = 0; d < days.size(); ++d) {
                const toml::node* h = ct->get(days[d]);
                if (!h) continue;
                std::vector<std::string> spans;
                if (auto one = h->as_string())
                    spans.push_back(one->get());
                else
                    spans = r.strings(*ct, days[d], where);
                for (const auto& span : spans) {
                    auto hours = parse_hours(span);
                    if (!hours)
                        r.fail(h, fmt::format("{}: '{}' must be working hours such as "
                                              "\"09:00-17:00\", not \"{}\"",
                                              where, days[d], span));
                    cal.hours[d].push_back(*hours);
                    any = true;
                }
            }
            if (!any) r.fail(ct, where + " has no working hours (mon = \"09:00-17:00\", ...)");
            if (const toml::node* hol = ct->get("holidays")) {
                const toml::array* arr = hol->as_array();
                if (!arr) r.fail(hol, where + ": 'holidays' must be an array of dates");
                for (const toml::node& item : *arr) {
                    auto d = item.as_date();
                    if (!d) r.fail(&item, where + ": holidays are dates such as 2026-12-25");
                    const toml::date& v = d->get();
                    cal.holidays.insert(std::chrono::sys_days(std::chrono::year_month_day(
                        std::chrono::year(v.year), std::chrono::month(v.month),
                        std::chrono::day(v.day))));
                }
            }
            c.sla.calendars[cal.name] = std::move(cal);
        }
    }
    if (const toml::node* sla = doc.get("sla")) {
        const toml::table* t = sla->as_table();
        if (!t) r.fail(sla, "'sla' must be a table ([sla])");
        if (const toml::node* ar = t->get("at_risk")) {
            auto v = ar->value<double>();
            if (!v || *v <= 0 || *v >= 1)
                r.fail(ar, "sla: 'at_risk' must be a share between 0 and 1, such as 0.75");
            c.sla.at_risk = *v;
        }
        if (auto n = r.integer(*t, "long_clarification", "sla"))
            c.sla.long_clarification = static_cast<int>(*n);
        for (Priority p : {Priority::low, Priority::normal, Priority::high, Priority::urgent}) {
            const toml::node* pn = t->get(to_string(p));
            if (!pn) continue;
            std::string where = fmt::format("sla.{}", to_string(p));
            const toml::table* pt = pn->as_table();
            if (!pt) r.fail(pn, where + " must be a table");
            Targets& tg = c.sla.targets[static_cast<size_t>(p)];
            auto target = [&](std::string_view key, std::optional<std::chrono::seconds>& out) {
                if (auto v = r.string(*pt, key, where)) {
                    auto d = parse_duration(*v);
                    if (!d)
                        r.fail(
                            pt->get(key),
                            fmt::format("{}: '{}' must be a duration such as 4h or 2d, not \"{}\"",
                                        where, key, *v));
                    out = *d;
                }
            };
            target("first_response", tg.first_response);
            target("next_response", tg.next_response);
            target("resolution", tg.resolution);
            target("periodic_update", tg.periodic_update);
            if (auto cal = r.string(*pt, "calendar", where)) {
                if (*cal != "24x7" && !c.sla.calendars.count(*cal))
                    r.fail(pt->get("calendar"),
                           fmt::format("{}: no [calendar.{}] in this file", where, *cal));
                tg.calendar = *cal;
            }
        }
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
