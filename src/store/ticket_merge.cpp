#include "store/ticket_merge.hpp"

#include "core/error.hpp"
#include "core/timestamp.hpp"
#include "store/repo.hpp"
#include "store/ticket_parse.hpp"
#include "store/toml_read.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <git2.h>
#include <map>
#include <optional>
#include <set>

namespace hd {

namespace {

// One event of a file: its table's text, from its [[event]] line on.
struct Piece {
    std::string text;
    Timestamp at;
};

struct Split {
    std::string header;
    std::vector<Piece> events;
};

bool blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The text without the blank lines at its end, ending in one line break.
// Where an event ends and the next begins is a matter of layout, not of
// content, so pieces compare and join in this form.
std::string trimmed(std::string_view s) {
    size_t end = s.size();
    while (end > 0 && blank(s[end - 1]))
        --end;
    if (end == 0) return "";
    size_t nl = s.find('\n', end);
    std::string out(s.substr(0, nl == std::string_view::npos ? end : nl));
    if (out.back() == '\r') out.pop_back();
    out += '\n';
    return out;
}

// nullopt when the text is not a ticket whose events can be cut apart.
std::optional<Split> split_ticket(std::string_view text, const std::string& path) {
    if (text.empty()) return Split{};
    Ticket t;
    try {
        t = parse_ticket(text, path);
    } catch (const Error&) {
        return std::nullopt;
    }
    Split s;
    size_t header_end = t.events.empty() ? text.size() : t.events.front().bytes.begin;
    s.header = trimmed(text.substr(0, header_end));
    for (const Event& e : t.events) {
        std::string_view piece = text.substr(e.bytes.begin, e.bytes.end - e.bytes.begin);
        size_t first = piece.find_first_not_of(" \t");
        // Events written inline (event = [{...}]) have no table of their own.
        if (first == std::string_view::npos || piece.substr(first, 2) != "[[") return std::nullopt;
        s.events.push_back(Piece{trimmed(piece), e.at});
    }
    return s;
}

// A top-level key of the header with the lines it spans, comments above it
// included; the key "" holds what follows the last key.
struct Unit {
    std::string key;
    std::string text;
};

// nullopt when the header holds something a key-by-key merge cannot cut
// apart safely (a [table] of its own); the line merge takes over then.
std::optional<std::vector<Unit>> header_units(const std::string& header) {
    toml::table doc;
    try {
        doc = toml::parse(header);
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
    struct Span {
        std::string key;
        size_t first, last; // lines, from 1
    };
    std::vector<Span> spans;
    for (auto&& [k, v] : doc) {
        if (v.is_table() && !v.as_table()->is_inline()) return std::nullopt;
        if (v.is_array_of_tables()) return std::nullopt;
        spans.push_back(Span{std::string(k.str()), k.source().begin.line, v.source().end.line});
    }
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.first < b.first; });
    std::vector<size_t> starts{0};
    for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == '\n') starts.push_back(i + 1);
    auto offset = [&](size_t line) { // the start of a line, from 1; past the end is the end
        return line - 1 < starts.size() ? starts[line - 1] : header.size();
    };
    std::vector<Unit> units;
    size_t from = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
        if (i > 0 && spans[i].first <= spans[i - 1].last) return std::nullopt; // two on a line
        size_t to = offset(spans[i].last + 1);
        units.push_back(Unit{spans[i].key, header.substr(from, to - from)});
        from = to;
    }
    units.push_back(Unit{"", header.substr(from)});
    return units;
}

std::string markers(const MergeLabels& l, char c, const std::string& label) {
    return std::string(l.marker_size, c) + (label.empty() ? "" : " " + label) + "\n";
}

std::string conflict_block(const MergeLabels& l, const std::string& ours,
                           const std::string& theirs) {
    return markers(l, '<', l.ours) + ours + markers(l, '=', "") + theirs +
           markers(l, '>', l.theirs);
}

// Key by key. nullopt when the headers cannot be cut into keys.
std::optional<TicketMerge> merge_header_keys(const std::string& base, const std::string& ours,
                                             const std::string& theirs, const MergeLabels& labels) {
    auto b = header_units(base), o = header_units(ours), t = header_units(theirs);
    if (!b || !o || !t) return std::nullopt;
    auto index = [](const std::vector<Unit>& units) {
        std::map<std::string, std::string> m;
        for (const Unit& u : units)
            m[u.key] = u.text;
        return m;
    };
    auto bm = index(*b), om = index(*o), tm = index(*t);
    auto get = [](const std::map<std::string, std::string>& m,
                  const std::string& k) -> std::optional<std::string> {
        auto it = m.find(k);
        if (it == m.end()) return std::nullopt;
        return it->second;
    };

    TicketMerge out;
    auto resolve = [&](const std::string& key) {
        auto bv = get(bm, key), ov = get(om, key), tv = get(tm, key);
        if (ov == tv) return ov.value_or("");
        if (ov == bv) return tv.value_or("");
        if (tv == bv) return ov.value_or("");
        out.conflict = true;
        out.conflicts.push_back(key.empty() ? "the end of the header"
                                            : fmt::format("the header key '{}'", key));
        return conflict_block(labels, ov.value_or(""), tv.value_or(""));
    };

    // The base's order; a key new on either side goes after the base key
    // that precedes it on its side, and keys new after the same one go by
    // name, so the order does not depend on which side is ours.
    std::vector<std::string> order;
    for (const Unit& u : *b)
        if (!u.key.empty()) order.push_back(u.key);
    std::map<std::string, std::set<std::string>> added; // anchor ("" = first) -> new keys
    for (const auto* side : {&*o, &*t}) {
        std::string anchor;
        for (const Unit& u : *side) {
            if (u.key.empty()) continue;
            if (bm.count(u.key))
                anchor = u.key;
            else
                added[anchor].insert(u.key);
        }
    }
    std::vector<std::string> with_new(added[""].begin(), added[""].end());
    for (const auto& key : order) {
        with_new.push_back(key);
        if (auto it = added.find(key); it != added.end())
            with_new.insert(with_new.end(), it->second.begin(), it->second.end());
    }
    order = std::move(with_new);
    for (const auto& key : order)
        out.text += resolve(key);
    out.text += resolve("");
    return out;
}

TicketMerge merge_header(const std::string& base, const std::string& ours,
                         const std::string& theirs, const std::string& path,
                         const MergeLabels& labels) {
    if (ours == theirs || theirs == base) return TicketMerge{ours};
    if (ours == base) return TicketMerge{theirs};
    if (auto by_key = merge_header_keys(base, ours, theirs, labels)) return *by_key;
    return merge_text(base, ours, theirs, path, labels);
}

// Earlier first; at the same second the smaller text, which is the same
// choice whichever side an event came from.
bool before(const Piece& a, const Piece& b) {
    if (a.at.utc != b.at.utc) return a.at.utc < b.at.utc;
    return a.text < b.text;
}

// Each side's own order is kept; between them, time order.
std::vector<const Piece*> merge_events(const Split& base, const Split& ours, const Split& theirs) {
    auto texts = [](const Split& s) {
        std::set<std::string_view> out;
        for (const Piece& p : s.events)
            out.insert(p.text);
        return out;
    };
    auto in_ours = texts(ours), in_theirs = texts(theirs);
    std::set<std::string_view> dropped; // one side deleted it, the other kept it as it was
    for (const Piece& p : base.events)
        if (!in_ours.count(p.text) || !in_theirs.count(p.text)) dropped.insert(p.text);

    std::vector<const Piece*> out;
    std::set<std::string_view> emitted = dropped;
    size_t i = 0, j = 0;
    auto skip = [&](const Split& s, size_t& k) {
        while (k < s.events.size() && emitted.count(s.events[k].text))
            ++k;
    };
    for (;;) {
        skip(ours, i);
        skip(theirs, j);
        bool more_ours = i < ours.events.size(), more_theirs = j < theirs.events.size();
        if (!more_ours && !more_theirs) break;
        const Piece* pick = nullptr;
        if (!more_theirs)
            pick = &ours.events[i];
        else if (!more_ours)
            pick = &theirs.events[j];
        else
            pick = before(theirs.events[j], ours.events[i]) ? &theirs.events[j] : &ours.events[i];
        out.push_back(pick);
        emitted.insert(pick->text);
    }
    return out;
}

} // namespace

TicketMerge merge_text(std::string_view base, std::string_view ours, std::string_view theirs,
                       const std::string& path, const MergeLabels& labels) {
    ensure_libgit2();
    git_merge_file_input b = GIT_MERGE_FILE_INPUT_INIT, o = GIT_MERGE_FILE_INPUT_INIT,
                         t = GIT_MERGE_FILE_INPUT_INIT;
    b.ptr = base.data();
    b.size = base.size();
    b.path = path.c_str();
    o.ptr = ours.data();
    o.size = ours.size();
    o.path = path.c_str();
    t.ptr = theirs.data();
    t.size = theirs.size();
    t.path = path.c_str();
    git_merge_file_options opts = GIT_MERGE_FILE_OPTIONS_INIT;
    opts.our_label = labels.ours.c_str();
    opts.their_label = labels.theirs.c_str();
    opts.marker_size = static_cast<unsigned short>(labels.marker_size);
    git_merge_file_result r{};
    if (git_merge_file(&r, &b, &o, &t, &opts) != 0)
        throw Error(Exit::repo, fmt::format("{}: cannot merge the text", path));
    TicketMerge out;
    out.text.assign(r.ptr ? r.ptr : "", r.len);
    out.conflict = !r.automergeable;
    if (out.conflict) out.conflicts.push_back("lines of the file (merged as plain text)");
    git_merge_file_result_free(&r);
    return out;
}

TicketMerge merge_ticket(std::string_view base, std::string_view ours, std::string_view theirs,
                         const std::string& path, const MergeLabels& labels) {
    // A side that changed nothing leaves the other as it is, byte for byte.
    if (theirs == base || ours == theirs) return TicketMerge{std::string(ours)};
    if (ours == base) return TicketMerge{std::string(theirs)};
    auto b = split_ticket(base, path), o = split_ticket(ours, path), t = split_ticket(theirs, path);
    if (!b || !o || !t || o->header.empty() || t->header.empty())
        return merge_text(base, ours, theirs, path, labels);

    TicketMerge out = merge_header(b->header, o->header, t->header, path, labels);
    for (const Piece* p : merge_events(*b, *o, *t))
        out.text += "\n" + p->text;
    if (out.conflict) return out;
    // The pieces were valid apart; make sure they are together, or let a
    // person look rather than commit a ticket no reader accepts.
    try {
        parse_ticket(out.text, path);
    } catch (const Error&) {
        return merge_text(base, ours, theirs, path, labels);
    }
    return out;
}

} // namespace hd
