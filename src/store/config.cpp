#include "store/config.hpp"

#include "core/duration.hpp"
#include "core/suggest.hpp"
#include "core/toml_text.hpp"
#include "store/toml_read.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <optional>
#include <span>
#include <vector>

namespace hd {

namespace {

// The keys each table may hold; anything else is a typo or a setting from
// another version, and a silently ignored setting is worse than an error.
constexpr std::array<std::string_view, 5> top_keys{"desk", "followup", "calendar", "sla", "mail"};
constexpr std::array<std::string_view, 6> mail_keys{"max_message", "attachment_limit", "address",
                                                    "reply_to",    "command",          "send"};
constexpr std::array<std::string_view, 3> desk_keys{"name", "signature", "web_url"};
constexpr std::array<std::string_view, 5> followup_keys{"first_after", "second_after",
                                                        "close_after", "clock", "stale_explain"};
constexpr std::array<std::string_view, 6> sla_keys{
    "at_risk", "long_clarification", "low", "normal", "high", "urgent"};
constexpr std::array<std::string_view, 5> target_keys{"first_response", "next_response",
                                                      "resolution", "periodic_update", "calendar"};
constexpr std::array<std::string_view, 7> day_keys{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::array<std::string_view, 9> calendar_keys{"timezone", "sun", "mon", "tue",     "wed",
                                                        "thu",      "fri", "sat", "holidays"};

// The known name a typo most likely meant, if any is close enough. A name
// cut short or spelt out ("monday" for "mon") is as close as one slip.
std::optional<std::string_view> nearest(std::string_view typed,
                                        std::span<const std::string_view> known) {
    std::optional<std::string_view> best;
    // Ranked by closeness, then by the edits themselves.
    std::pair<size_t, size_t> best_distance{std::max<size_t>(2, typed.size() / 3) + 1, 0};
    for (std::string_view k : known) {
        size_t edits = edit_distance(typed, k);
        bool cut = typed.starts_with(k) || k.starts_with(typed);
        if (std::pair dist{cut ? std::min<size_t>(edits, 1) : edits, edits}; dist < best_distance) {
            best = k;
            best_distance = dist;
        }
    }
    return best;
}

// Error(invalid) at the first key of `t` (in file order) not in `known`.
// `where` names the table, "" for the top level.
void reject_unknown(const TomlReader& r, const toml::table& t,
                    std::span<const std::string_view> known, std::string_view where) {
    const toml::key* first = nullptr;
    const toml::node* node = nullptr;
    for (const auto& [key, value] : t) {
        if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
        auto at = [](const toml::key& k) {
            return std::pair(k.source().begin.line, k.source().begin.column);
        };
        if (!first || at(key) < at(*first)) {
            first = &key;
            node = &value;
        }
    }
    if (!first) return;
    std::string prefix = where.empty() ? "" : std::string(where) + ".";
    bool table = node->is_table();
    std::string what = table ? fmt::format("unknown table [{}{}]", prefix, first->str())
                             : fmt::format("unknown key '{}'{}", first->str(),
                                           where.empty() ? "" : fmt::format(" in [{}]", where));
    if (auto near = nearest(first->str(), known))
        what += table ? fmt::format("; did you mean [{}{}]?", prefix, *near)
                      : fmt::format("; did you mean '{}'?", *near);
    r.fail_at(first->source(), what);
}

} // namespace

Config parse_config(std::string_view text, const std::string& path) {
    TomlReader r(path);
    toml::table doc = r.parse(text);
    reject_unknown(r, doc, top_keys, "");
    Config c;
    if (const toml::node* desk = doc.get("desk")) {
        const toml::table* t = desk->as_table();
        if (!t) r.fail(desk, "'desk' must be a table ([desk])");
        reject_unknown(r, *t, desk_keys, "desk");
        if (auto name = r.string(*t, "name", "desk")) c.desk_name = *name;
        if (auto sig = r.string(*t, "signature", "desk")) c.signature = trim_body(*sig);
        if (auto url = r.string(*t, "web_url", "desk")) {
            if (auto problem = web_url_problem(*url); !problem.empty())
                r.fail(t->get("web_url"), "desk: 'web_url' " + problem);
            c.web_url = *url;
        }
    }
    if (const toml::node* fu = doc.get("followup")) {
        const toml::table* t = fu->as_table();
        if (!t) r.fail(fu, "'followup' must be a table ([followup])");
        reject_unknown(r, *t, followup_keys, "followup");
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
    if (const toml::node* mail = doc.get("mail")) {
        const toml::table* t = mail->as_table();
        if (!t) r.fail(mail, "'mail' must be a table ([mail])");
        reject_unknown(r, *t, mail_keys, "mail");
        auto size = [&](std::string_view key, size_t& out) {
            if (auto v = r.string(*t, key, "mail")) {
                auto n = parse_size(*v);
                if (!n || *n == 0)
                    r.fail(t->get(key), fmt::format("mail: '{}' must be a size such as 10MB or "
                                                    "512KB, not \"{}\"",
                                                    key, *v));
                out = *n;
            }
        };
        size("max_message", c.mail.max_message);
        size("attachment_limit", c.mail.attachment_limit);
        auto person = [&](std::string_view key, std::string& out) {
            if (auto v = r.string(*t, key, "mail")) {
                if (!parse_person(*v))
                    r.fail(t->get(key), fmt::format("mail: '{}' must be an address such as "
                                                    "\"Acme Support <support@acme.example>\", not "
                                                    "\"{}\"",
                                                    key, *v));
                out = *v;
            }
        };
        person("address", c.mail.address);
        person("reply_to", c.mail.reply_to);
        if (auto v = r.string(*t, "command", "mail")) {
            if (v->find_first_not_of(" \t") == std::string::npos)
                r.fail(t->get("command"), "mail: 'command' is empty");
            c.mail.command = *v;
        }
        if (const toml::node* n = t->get("send")) {
            auto b = n->as_boolean();
            if (!b) r.fail(n, "mail: 'send' must be true or false");
            c.mail.send = b->get();
        }
    }
    if (const toml::node* cals = doc.get("calendar")) {
        const toml::table* t = cals->as_table();
        if (!t) r.fail(cals, "'calendar' must hold tables such as [calendar.office]");
        for (const auto& [name, node] : *t) {
            std::string where = fmt::format("calendar.{}", name.str());
            const toml::table* ct = node.as_table();
            if (!ct) r.fail(&node, where + " must be a table");
            reject_unknown(r, *ct, calendar_keys, where);
            Calendar cal;
            cal.name = std::string(name.str());
            cal.always = false;
            if (auto tz = r.string(*ct, "timezone", where))
                cal.zone = Calendar::find_zone(
                    *tz, fmt::format("{}:{}:{}: {}", path, ct->get("timezone")->source().begin.line,
                                     ct->get("timezone")->source().begin.column, where));
            bool any = false;
            for (size_t d = 0; d < day_keys.size(); ++d) {
                const toml::node* h = ct->get(day_keys[d]);
                if (!h) continue;
                std::vector<std::string> spans;
                if (auto one = h->as_string())
                    spans.push_back(one->get());
                else
                    spans = r.strings(*ct, day_keys[d], where);
                for (const auto& span : spans) {
                    auto hours = parse_hours(span);
                    if (!hours)
                        r.fail(h, fmt::format("{}: '{}' must be working hours such as "
                                              "\"09:00-17:00\", not \"{}\"",
                                              where, day_keys[d], span));
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
        reject_unknown(r, *t, sla_keys, "sla");
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
            reject_unknown(r, *pt, target_keys, where);
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

std::string web_url_problem(std::string_view url) {
    if (!url.starts_with("https://") && !url.starts_with("http://"))
        return "must be an http:// or https:// address";
    std::string_view rest = url;
    bool path = false;
    while (!rest.empty()) {
        if (rest.starts_with("{path}") || rest.starts_with("{line}")) {
            path |= rest.starts_with("{path}");
            rest.remove_prefix(6);
            continue;
        }
        unsigned char c = static_cast<unsigned char>(rest.front());
        if (c <= 0x20 || c == 0x7F ||
            std::string_view("\"<>\\{}`^|").find(static_cast<char>(c)) != std::string_view::npos)
            return fmt::format("may hold only {{path}} and {{line}} in braces, and no spaces, "
                               "quotes, angle brackets or control characters (found '{}')",
                               c < 0x20 || c == 0x7F ? std::string("\\x") + fmt::format("{:02x}", c)
                                                     : std::string(1, static_cast<char>(c)));
        rest.remove_prefix(1);
    }
    if (!path) return "must hold {path}, where the ticket file's path goes";
    return "";
}

std::optional<size_t> parse_size(std::string_view text) {
    size_t digits = 0;
    unsigned long long n = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
        n = n * 10 + static_cast<unsigned>(text[digits] - '0');
        if (n > (1ull << 40)) return std::nullopt;
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    std::string_view unit = text.substr(digits);
    unsigned shift = 0;
    if (unit == "" || unit == "B")
        shift = 0;
    else if (unit == "KB")
        shift = 10;
    else if (unit == "MB")
        shift = 20;
    else if (unit == "GB")
        shift = 30;
    else
        return std::nullopt;
    return static_cast<size_t>(n << shift);
}

std::string default_config_text(std::string_view desk_name) {
    return fmt::format(R"(# hd help desk settings. Ticket files live in tickets/.
# See hd(1) and hd-format(5).

[desk]
# Shown in templates and reports.
name = {}
# Where the desk's files can be read on the web: hd report --format html
# links each ticket to its file there. {{path}} is the file's path in the
# repository, {{line}} the line that matters.
# web_url = "https://forge.example/org/desk/blob/main/{{path}}#L{{line}}"
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

[mail]
# hd receive --email, --maildir and --mbox refuse a message larger than
# this, and keep attachments up to attachment_limit beside the ticket
# (larger ones are listed in the event, not stored).
max_message = "25MB"
attachment_limit = "10MB"
# Replies sent as mail (hd reply --send): from this address, through a
# sendmail-compatible command that reads the message on standard input.
# address = "Support <support@example.org>"
# reply_to = "Support <support@example.org>"
command = "sendmail -t -i"
# Set to true to send every reply, follow-up and closing message by mail.
send = false
)",
                       toml_basic_string(desk_name));
}

} // namespace hd
