#include "support/readers_agree.hpp"

#include "core/error.hpp"
#include "core/toml_text.hpp"
#include "store/fast_ticket_parse.hpp"
#include "store/ticket_parse.hpp"

#include <array>
#include <fmt/format.h>
#include <optional>
#include <vector>

namespace hd::testing {

namespace {

// Pieces of text TOML, RFC 3339 or hd give meaning to; a mutation inserts
// them where they do not belong as often as where they do.
const std::vector<std::string_view> tokens{
    "\"",
    "\"\"\"",
    "\\",
    "\\u",
    "\\U",
    "\\uD800",
    "\\uDFFF",
    "\\U00110000",
    "\\U0010FFFF",
    "\\u00e9",
    "\\u0000",
    "\\e",
    "\\x41",
    "\\ \n",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "#",
    "=",
    "[",
    "]",
    "[[event]]",
    "\n[[event]]\n",
    "[[ event ]]",
    "[event]",
    "{",
    "}",
    ",",
    "'",
    ".",
    "_",
    "0",
    "1",
    "2",
    "9",
    "60",
    "59",
    "24",
    "T",
    "t",
    "Z",
    "z",
    "+",
    "-",
    ":",
    "+24:00",
    "-00:00",
    "+23:59",
    ".5",
    ".1234567890",
    ".123456789",
    "true",
    "false",
    "inf",
    "0x1",
    "1_0",
    "007",
    "-1",
    "+1",
    "99999999999",
    std::string_view("\0", 1),
    "\x01",
    "\x7f",
    "\xc3\xa9",
    "\xf0\x9f\x99\x82",
    "\xed\xa0\x80",
    "\xc0\xaf",
    "\xef\xbb\xbf",
    "\xf4\x90\x80\x80",
    "kind = \"note\"\n",
    "kind = \"close\"\n",
    "kind = \"followup\"\n",
    "kind = \"assign\"\n",
    "at = 2026-11-03T10:00:00Z\n",
    "by = \"x\"\n",
    "followup = 2\n",
    "resolution = \"solved\"\n",
    "priority = \"urgent\"\n",
    "assignee = \"\"\n",
    "add = [\"a\", ]\n",
    "event = []\n",
    "requester = { email = \"e@x\" }\n",
    "[requester]\nemail = \"e@x\"\n",
    "a.b = 1\n",
    "\"k\" = 1\n",
    "x = 1.5\n",
    "x = 'lit'\n",
    "2026-12-31T23:59:60Z",
    "2026-02-30T00:00:00Z",
    "2024-02-29T00:00:00Z",
    "2026-11-03 10:00:00Z",
    "2026-11-03T10:00:00",
    "2026-11-03t10:00:00z",
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        size_t end = nl == std::string::npos ? text.size() : nl + 1;
        out.push_back(text.substr(start, end - start));
        start = end;
    }
    return out;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += l;
    return out;
}

} // namespace

std::string describe(const Ticket& t) {
    std::string out =
        fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", t.id, t.title,
                    t.requester.name + "<" + t.requester.email + ">", to_string(t.audience),
                    to_string(t.priority), t.summary, format_rfc3339(t.created), t.body, t.path);
    for (const auto& tag : t.tags)
        out += "|tag:" + tag;
    for (const Event& e : t.events) {
        out += fmt::format(
            "\n{} [{},{}) {} {} {} [{}] ask={} followup={} {}/{}/{}/force={}/{}/{}/{}/"
            "{}/{}/{}",
            e.line, e.bytes.begin, e.bytes.end, to_string(e.kind), format_rfc3339(e.at), e.by,
            e.body, e.ask, e.followup, e.resolution, e.explain, e.of, e.force, e.reason, e.to,
            e.next_steps, e.summary, e.priority ? to_string(*e.priority) : "-", e.assignee);
        for (const auto& a : e.add)
            out += "+" + a;
        for (const auto& r : e.remove)
            out += "-" + r;
    }
    return out;
}

Verdict compare_readers(std::string_view text, const std::string& path) {
    Verdict v;
    std::optional<Ticket> fast = fast_parse_ticket(text, path);
    std::optional<Ticket> full;
    std::string error;
    try {
        full = parse_ticket(text, path);
    } catch (const Error& e) {
        error = e.what();
    }
    v.fast = fast.has_value();
    v.full = full.has_value();
    if (fast && !full)
        v.disagreement = "the fast reader accepted what the full parser refuses: " + error;
    else if (fast && *fast != *full)
        v.disagreement = "the readers read different tickets:\nfast: " + describe(*fast) +
                         "\nfull: " + describe(*full);
    return v;
}

std::string generated_ticket(std::mt19937& rng) {
    static const std::array<std::string_view, 17> pieces{
        "a", " ", "\"", "\"\"",      "\"\"\"", "\\",   "\n",  "\t",  "\x01",
        "'", "#", "=",  "[[event]]", "é",      "🙂", "\\n", "\x7f"};
    auto text = [&] {
        std::string s;
        for (int k = static_cast<int>(rng() % 12); k > 0; --k)
            s += pieces[rng() % pieces.size()];
        return s;
    };
    auto line = [&] {
        std::string s = "T" + text();
        for (char& c : s)
            if (c == '\n') c = ' ';
        return s;
    };
    Ticket t;
    t.id = "k3m9x2p";
    t.title = line();
    t.requester = {text(), "a@example.org"};
    t.created = *parse_rfc3339(rng() % 2 ? "2026-11-02T09:14:00-05:00" : "2026-11-02T09:14:00Z");
    t.audience = rng() % 2 ? Audience::client : Audience::end_user;
    t.priority = static_cast<Priority>(rng() % 4);
    if (rng() % 2) t.summary = line();
    if (rng() % 2) t.tags = {"x", line()};
    if (rng() % 2) t.greet = line();
    if (rng() % 2) t.zone = "Asia/Tokyo";
    t.body = text();
    std::string out = "# Ticket k3m9x2p.\n" + render_ticket_header(t);
    for (int k = static_cast<int>(rng() % 5); k > 0; --k) {
        Event e{.kind = static_cast<EventKind>(rng() % 16),
                .at = *parse_rfc3339("2026-11-03T10:00:00+01:00"),
                .by = "Sam <s@example.org>",
                .body = text()};
        switch (e.kind) {
        case EventKind::reply:
            e.ask = rng() % 2;
            break;
        case EventKind::followup:
            e.followup = 1 + static_cast<int>(rng() % 2);
            break;
        case EventKind::close:
            e.resolution = "duplicate";
            e.of = "abc1234";
            e.explain = text();
            e.force = rng() % 2;
            e.reason = e.force ? line() : "";
            break;
        case EventKind::escalate:
            e.to = "ENG-" + std::to_string(rng() % 100);
            e.next_steps = text();
            break;
        case EventKind::restate:
            e.summary = line();
            break;
        case EventKind::priority:
            e.priority = Priority::high;
            break;
        case EventKind::assign:
            e.assignee = rng() % 2 ? "Kim" : "";
            break;
        case EventKind::tag:
            e.add = {line()};
            if (rng() % 2) e.remove = {"x"};
            break;
        case EventKind::title:
            e.title = line();
            break;
        case EventKind::audience:
            e.audience = Audience::client;
            break;
        case EventKind::greet:
            e.greet = rng() % 2 ? line() : "";
            break;
        case EventKind::zone:
            e.zone = rng() % 2 ? "Europe/Berlin" : "";
            break;
        case EventKind::snooze:
            e.until = *parse_rfc3339("2026-11-05T10:00:00+01:00");
            if (rng() % 2) e.reason = text();
            break;
        default:
            break;
        }
        out += render_event(e);
    }
    return out;
}

std::string mutate(std::string text, std::mt19937& rng) {
    for (int n = 1 + static_cast<int>(rng() % 4); n > 0; --n) {
        size_t pos = text.empty() ? 0 : rng() % (text.size() + 1);
        std::string_view token = tokens[rng() % tokens.size()];
        switch (rng() % 8) {
        case 0: // overwrite with a token
            text.replace(pos, token.size(), token);
            break;
        case 1:
            text.insert(pos, token);
            break;
        case 2:
            if (pos < text.size()) text.erase(pos, 1 + rng() % 8);
            break;
        case 3: { // a digit for another, so times and numbers drift
            size_t d = text.find_first_of("0123456789", pos);
            if (d != std::string::npos) text[d] = static_cast<char>('0' + rng() % 10);
            break;
        }
        default: { // whole lines: duplicated, dropped, swapped, prefixed
            auto lines = lines_of(text);
            if (lines.empty()) break;
            size_t a = rng() % lines.size(), b = rng() % lines.size();
            switch (rng() % 4) {
            case 0:
                lines.insert(lines.begin() + static_cast<long>(a), lines[b]);
                break;
            case 1:
                lines.erase(lines.begin() + static_cast<long>(a));
                break;
            case 2:
                std::swap(lines[a], lines[b]);
                break;
            default:
                lines[a].insert(0, token);
                break;
            }
            text = join(lines);
            break;
        }
        }
    }
    return text;
}

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            (out += '\\') += c;
        else if (c == '\n')
            out += "\\n\"\n\"";
        else if (u < 0x20 || u >= 0x7F)
            out += fmt::format("\\x{:02x}\"\"", u);
        else
            out += c;
    }
    return out + "\"";
}

} // namespace hd::testing
