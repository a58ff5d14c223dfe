#include "core/mail_text.hpp"

#include "core/ids.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace hd {

namespace {

using Lines = std::vector<std::string_view>;

// Clients write these where a space goes: French typography puts one before
// the colon of "a écrit :", and Outlook fills its headers with NBSP.
constexpr std::string_view nbsp = "\xc2\xa0";
constexpr std::string_view narrow_nbsp = "\xe2\x80\xaf";
constexpr std::string_view wide_colon = "\xef\xbc\x9a"; // CJK input methods type this one

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Bytes of the space that starts at `i`, 0 if none does.
size_t space_at(std::string_view s, size_t i) {
    if (is_ascii_space(s[i])) return 1;
    if (s.substr(i, nbsp.size()) == nbsp) return nbsp.size();
    if (s.substr(i, narrow_nbsp.size()) == narrow_nbsp) return narrow_nbsp.size();
    return 0;
}

// Bytes of the space that ends just before `end`, 0 if none does.
size_t space_before(std::string_view s, size_t end) {
    if (end == 0) return 0;
    if (is_ascii_space(s[end - 1])) return 1;
    if (s.substr(0, end).ends_with(nbsp)) return nbsp.size();
    if (s.substr(0, end).ends_with(narrow_nbsp)) return narrow_nbsp.size();
    return 0;
}

std::string_view trim_left(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        size_t n = space_at(s, i);
        if (n == 0) break;
        i += n;
    }
    return s.substr(i);
}

std::string_view trim_right(std::string_view s) {
    while (size_t n = space_before(s, s.size()))
        s.remove_suffix(n);
    return s;
}

std::string_view trim(std::string_view s) {
    return trim_right(trim_left(s));
}

bool is_blank(std::string_view line) {
    return trim(line).empty();
}

bool is_quoted(std::string_view line) {
    return line.starts_with('>');
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case folds ASCII only: the accented words compared here are written in
// lower case by the clients that write them.
bool equal_ci(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && equal_ci(s.substr(0, prefix.size()), prefix);
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && equal_ci(s.substr(s.size() - suffix.size()), suffix);
}

// Attribution lines -----------------------------------------------------

struct Attribution {
    std::string_view lead; // the first word: "On"
    std::string_view verb; // "wrote"
    bool verb_last;        // "On <date>, Ana wrote:" rather than "Am <date> schrieb Ana:"
};

constexpr std::array attributions = {
    Attribution{"On", "wrote", true},      Attribution{"Am", "schrieb", false},
    Attribution{"Le", "a écrit", true},    Attribution{"El", "escribió", true},
    Attribution{"Em", "escreveu", true},   Attribution{"Op", "schreef", false},
    Attribution{"Il", "ha scritto", true}, Attribution{"Den", "skrev", false},
};

// Long enough for a date, a display name and an address; a paragraph that
// happens to start with "On" and end with "wrote:" is longer.
constexpr size_t max_attribution = 400;

// The text before a closing colon, or nullopt when the line has none.
std::optional<std::string_view> before_colon(std::string_view s) {
    s = trim_right(s);
    if (s.ends_with(':'))
        s.remove_suffix(1);
    else if (s.ends_with(wide_colon))
        s.remove_suffix(wide_colon.size());
    else
        return std::nullopt;
    return trim_right(s);
}

bool has_verb(const Attribution& a, std::string_view stem) {
    if (a.verb_last)
        return ends_with_ci(stem, a.verb) && (stem.size() == a.verb.size() ||
                                              space_before(stem, stem.size() - a.verb.size()) > 0);
    for (size_t at = 0; at + a.verb.size() <= stem.size(); ++at) {
        if (!equal_ci(stem.substr(at, a.verb.size()), a.verb)) continue;
        size_t end = at + a.verb.size();
        if ((at == 0 || space_before(stem, at) > 0) &&
            (end == stem.size() || space_at(stem, end) > 0))
            return true;
    }
    return false;
}

bool starts_with_lead(const Attribution& a, std::string_view line) {
    return starts_with_ci(line, a.lead) && line.size() > a.lead.size() &&
           space_at(line, a.lead.size()) > 0;
}

bool starts_like_attribution(std::string_view line) {
    line = trim_left(line);
    for (const auto& a : attributions)
        if (starts_with_lead(a, line)) return true;
    return false;
}

bool is_attribution(std::string_view text) {
    text = trim(text);
    auto stem = before_colon(text);
    if (text.size() > max_attribution || !stem) return false;
    for (const auto& a : attributions)
        if (starts_with_lead(a, text) && has_verb(a, *stem)) return true;
    return false;
}

// "Ana Lima wrote:": how some clients attribute, and how the second half of
// a wrapped attribution ends.
bool ends_like_attribution(std::string_view text) {
    text = trim(text);
    auto stem = before_colon(text);
    if (text.size() > max_attribution || !stem) return false;
    for (const auto& a : attributions)
        if (has_verb(a, *stem)) return true;
    return false;
}

std::string joined(std::string_view first, std::string_view second) {
    std::string out{trim_right(first)};
    out += ' ';
    out += trim_left(second);
    return out;
}

// How many lines the attribution starting at line `i` takes: Gmail wraps
// long ones, so the verb may sit on the next line.
size_t attribution_at(const Lines& lines, size_t i) {
    if (is_quoted(lines[i]) || !starts_like_attribution(lines[i])) return 0;
    if (is_attribution(lines[i])) return 1;
    if (i + 1 < lines.size() && !is_quoted(lines[i + 1]) && !is_blank(lines[i + 1]) &&
        is_attribution(joined(lines[i], lines[i + 1])))
        return 2;
    return 0;
}

// How many lines the attribution ending at line `j` takes, counted back.
size_t attribution_ending_at(const Lines& lines, size_t j) {
    if (is_quoted(lines[j]) || !ends_like_attribution(lines[j])) return 0;
    if (is_attribution(lines[j])) return 1;
    if (j > 0 && attribution_at(lines, j - 1) == 2) return 2;
    return 1;
}

// A date or an address: what real attributions carry and a sentence of the
// sender's own that happens to fit the pattern rarely does.
bool looks_dated(const Lines& lines, size_t from, size_t count) {
    for (size_t i = from; i < from + count; ++i)
        for (char c : lines[i])
            if ((c >= '0' && c <= '9') || c == '@') return true;
    return false;
}

// Separators and header blocks -----------------------------------------

constexpr std::array<std::string_view, 18> separator_titles = {
    "original message",     "ursprüngliche nachricht",    "message d'origine",
    "message d’origine",    "mensaje original",           "mensagem original",
    "messaggio originale",  "oorspronkelijk bericht",     "ursprungligt meddelande",
    "forwarded message",    "weitergeleitete nachricht",  "message transféré",
    "mensaje reenviado",    "mensagem encaminhada",       "messaggio inoltrato",
    "doorgestuurd bericht", "vidarebefordrat meddelande", "begin forwarded message",
};

// "-----Original Message-----", "---------- Forwarded message ---------",
// Apple Mail's "Begin forwarded message:".
bool is_separator(std::string_view line) {
    line = trim(line);
    if (auto stem = before_colon(line); stem && equal_ci(*stem, "begin forwarded message"))
        return true;
    size_t lead = line.find_first_not_of('-');
    size_t last = line.find_last_not_of('-');
    if (lead == std::string_view::npos || lead < 2 || line.size() - last - 1 < 2) return false;
    auto title = trim(line.substr(lead, last + 1 - lead));
    for (auto t : separator_titles)
        if (equal_ci(title, t)) return true;
    return false;
}

constexpr std::array<std::string_view, 6> from_keys = {"From", "Von", "De", "Van", "Da", "Från"};
constexpr std::array<std::string_view, 12> date_keys = {
    "Sent",    "Date",  "Gesendet", "Datum",     "Envoyé",  "Enviado",
    "Enviada", "Fecha", "Data",     "Verzonden", "Inviato", "Skickat",
};

// "From: ...", also "De : ..." and "*From:* ..." (Outlook's bold label after
// a trip through a plain-text converter).
template <size_t N>
bool has_key(std::string_view line, const std::array<std::string_view, N>& keys) {
    line = trim_left(line);
    while (line.starts_with('*'))
        line.remove_prefix(1);
    for (auto key : keys) {
        if (!starts_with_ci(line, key)) continue;
        auto rest = trim_left(line.substr(key.size()));
        if (rest.starts_with(':') || rest.starts_with(wide_colon)) return true;
    }
    return false;
}

// Outlook quotes nothing: it writes the old message's headers and then the
// old message.
bool is_header_block(const Lines& lines, size_t i) {
    if (is_quoted(lines[i]) || !has_key(lines[i], from_keys)) return false;
    constexpr size_t reach = 5; // From, then Sent, To, Cc, Subject in any order
    for (size_t k = i + 1; k < lines.size() && k <= i + reach; ++k) {
        if (is_quoted(lines[k])) return false;
        if (has_key(lines[k], date_keys)) return true;
    }
    return false;
}

// Outlook on the web draws its separator as a line of underscores.
bool is_rule(std::string_view line) {
    line = trim(line);
    return line.size() >= 5 && line.find_first_not_of('_') == std::string_view::npos;
}

// The first line of forwarded or quoted history, or lines.size(). An
// attribution followed by ">" lines is left to the trailing-quote rule,
// which can tell a quote the sender answered inline from one they did not.
size_t history_start(const Lines& lines) {
    for (size_t i = 0; i < lines.size(); ++i) {
        if (is_quoted(lines[i])) continue;
        if (is_separator(lines[i])) return i;
        if (is_header_block(lines, i)) {
            size_t above = i;
            while (above > 0 && is_blank(lines[above - 1]))
                --above;
            return above > 0 && is_rule(lines[above - 1]) ? above - 1 : i;
        }
        if (size_t span = attribution_at(lines, i)) {
            size_t next = i + span;
            while (next < lines.size() && is_blank(lines[next]))
                ++next;
            if (next < lines.size() && is_quoted(lines[next])) {
                i += span - 1;
                continue;
            }
            if (looks_dated(lines, i, span)) return i;
        }
    }
    return lines.size();
}

// Signatures and footers -----------------------------------------------

// Some clients strip the space from "-- ", so a bare "--" counts too, but
// only this close to the end: elsewhere it is as likely a dash in prose.
constexpr size_t max_bare_signature = 10;

size_t signature_start(const Lines& lines) {
    for (size_t i = 0; i < lines.size(); ++i) {
        auto line = lines[i];
        if (!line.starts_with("--") || !trim(line.substr(2)).empty()) continue;
        if (line.size() > 2 || lines.size() - i - 1 <= max_bare_signature) return i;
    }
    return lines.size();
}

constexpr std::array<std::string_view, 15> footer_starts = {
    "Sent from my ",         "Sent from Outlook", "Sent from Mail for ", "Sent from Yahoo Mail",
    "Get Outlook for ",      "Von meinem ",       "Envoyé de mon ",      "Envoyé depuis mon ",
    "Enviado desde mi ",     "Enviado do meu ",   "Enviado de meu ",     "Verzonden vanaf mijn ",
    "Verstuurd vanaf mijn ", "Inviato da ",       "Skickat från min ",
};

bool is_footer(std::string_view line) {
    line = trim(line);
    constexpr size_t max_footer = 80; // a device name, not a sentence
    if (line.size() > max_footer) return false;
    for (auto start : footer_starts)
        if (starts_with_ci(line, start)) return true;
    return false;
}

// Cutting ----------------------------------------------------------------

void drop_trailing_blank(Lines& lines) {
    while (!lines.empty() && is_blank(lines.back()))
        lines.pop_back();
}

// The ">" block at the very end with its attribution. Expects no blank lines
// at the end.
bool drop_trailing_quote(Lines& lines) {
    if (lines.empty() || !is_quoted(lines.back())) return false;
    size_t start = lines.size();
    while (start > 0 && (is_quoted(lines[start - 1]) || is_blank(lines[start - 1])))
        --start;
    if (start > 0) start -= attribution_ending_at(lines, start - 1);
    lines.resize(start);
    return true;
}

bool drop_footer(Lines& lines) {
    if (lines.empty() || !is_footer(lines.back())) return false;
    lines.pop_back();
    return true;
}

Lines cut(Lines lines, bool history) {
    if (history) lines.resize(history_start(lines));
    lines.resize(signature_start(lines));
    for (;;) {
        drop_trailing_blank(lines);
        if (history && drop_trailing_quote(lines)) continue;
        if (drop_footer(lines)) continue;
        break;
    }
    return lines;
}

std::string join(const Lines& lines) {
    size_t first = 0;
    while (first < lines.size() && is_blank(lines[first]))
        ++first;
    std::string out;
    for (size_t i = first; i < lines.size(); ++i) {
        if (i > first) out += '\n';
        out += lines[i];
    }
    out.resize(trim_right(out).size());
    return out;
}

// Subject tags -----------------------------------------------------------

constexpr std::string_view tag_open = "[hd:";
constexpr size_t tag_size = tag_open.size() + id_length + 1;

std::optional<std::string> tag_at(std::string_view s, size_t i) {
    if (!starts_with_ci(s.substr(i), tag_open) || s.size() < i + tag_size ||
        s[i + tag_size - 1] != ']')
        return std::nullopt;
    std::string id;
    for (char c : s.substr(i + tag_open.size(), id_length)) {
        c = lower(c);
        if (id_alphabet.find(c) == std::string_view::npos) return std::nullopt;
        id += c;
    }
    return id;
}

// Reply and forward prefixes across the languages mail clients are set to.
// "Réf" is listed twice because only ASCII letters fold.
constexpr std::array<std::string_view, 14> reply_prefixes = {
    "Re", "Fwd", "Fw", "AW", "WG", "SV", "VS", "Antw", "Réf", "RÉF", "Rif", "TR", "RV", "Enc",
};

// Bytes of the reply prefix at the start of `s` with what follows it up to
// the next word ("Re[2]: ", "TR : "), 0 if there is none.
size_t prefix_size(std::string_view s) {
    for (auto p : reply_prefixes) {
        if (!starts_with_ci(s, p)) continue;
        size_t i = p.size();
        if (i < s.size() && (s[i] == '[' || s[i] == '(')) {
            char close = s[i] == '[' ? ']' : ')';
            size_t j = i + 1;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9')
                ++j;
            if (j > i + 1 && j < s.size() && s[j] == close) i = j + 1;
        }
        while (i < s.size() && s[i] == ' ')
            ++i;
        auto rest = s.substr(i);
        if (rest.starts_with(':'))
            i += 1;
        else if (rest.starts_with(wide_colon))
            i += wide_colon.size();
        else
            continue;
        while (i < s.size() && s[i] == ' ')
            ++i;
        return i;
    }
    return 0;
}

} // namespace

std::string new_text(std::string_view body) {
    std::string text;
    text.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i)
        if (!(body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n')) text += body[i];

    Lines lines;
    for (size_t start = 0;;) {
        size_t end = text.find('\n', start);
        lines.push_back(std::string_view(text).substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }

    for (bool history : {true, false}) {
        auto kept = join(cut(lines, history));
        if (!kept.empty()) return kept;
    }
    return join(lines);
}

std::string clean_subject(std::string_view subject) {
    std::string flat;
    bool space = false;
    for (size_t i = 0; i < subject.size();) {
        if (tag_at(subject, i)) {
            space = true;
            i += tag_size;
        } else if (size_t n = space_at(subject, i)) {
            space = true;
            i += n;
        } else {
            if (space && !flat.empty()) flat += ' ';
            space = false;
            flat += subject[i++];
        }
    }
    std::string_view rest = flat;
    while (size_t n = prefix_size(rest))
        rest.remove_prefix(n);
    return std::string(rest);
}

std::optional<std::string> subject_ticket(std::string_view subject) {
    for (size_t i = 0; i < subject.size(); ++i)
        if (auto id = tag_at(subject, i)) return id;
    return std::nullopt;
}

std::string unflow(std::string_view text, bool delsp) {
    std::string out;
    bool open = false; // the last line written was soft: the next joins it
    size_t open_depth = 0;
    for (size_t at = 0; at <= text.size();) {
        size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(at, nl - at);
        bool last = nl == text.size();
        at = nl + 1;
        if (last && line.empty()) break;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        size_t depth = 0;
        while (depth < line.size() && line[depth] == '>')
            ++depth;
        std::string_view content = line.substr(depth);
        if (!content.empty() && content.front() == ' ') content.remove_prefix(1); // stuffing
        bool soft = !content.empty() && content.back() == ' ' && content != "-- ";
        if (open && depth == open_depth) {
            // continues the paragraph
        } else {
            if (!out.empty() || open) out += '\n';
            if (depth > 0) out += std::string(depth, '>') + " ";
        }
        if (soft && delsp) content.remove_suffix(1);
        out += content;
        open = soft;
        open_depth = depth;
    }
    if (!text.empty() && text.back() == '\n') out += '\n';
    return out;
}

} // namespace hd
