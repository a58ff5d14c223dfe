#include "mail/html_text.hpp"

#include "core/utf8.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace hd {

namespace {

struct FreeDoc {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct FreeXmlString {
    void operator()(xmlChar* s) const { xmlFree(s); }
};
using Doc = std::unique_ptr<xmlDoc, FreeDoc>;
using XmlString = std::unique_ptr<xmlChar, FreeXmlString>;

std::string_view as_view(const xmlChar* s) {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

std::string attribute(const xmlNode* n, const char* name) {
    XmlString value(xmlGetProp(n, reinterpret_cast<const xmlChar*>(name)));
    return std::string(as_view(value.get()));
}

constexpr std::string_view nbsp = "\xc2\xa0";
constexpr std::string_view replacement = "\xef\xbf\xbd";

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equal_ci(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whether the "<" at `i` can open a tag, comment or declaration. Browsers
// show any other "<" as text; libxml2 drops it and sometimes what follows
// ("<<<", "<3", "< p>"), so those are escaped before parsing.
bool opens_markup(std::string_view s, size_t i) {
    if (i + 1 >= s.size()) return false;
    char next = s[i + 1];
    if (next == '/') return i + 2 < s.size() && is_ascii_letter(s[i + 2]);
    return is_ascii_letter(next) || next == '!' || next == '?';
}

// The input as libxml2 should see it. Bytes that are not UTF-8 become
// U+FFFD: libxml2 passes them through to the tree in some versions and gives
// up on the rest of the input in others. NUL does too, which libxml2 would
// quietly turn into a space.
std::string parseable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        if (s[i] == '<' && !opens_markup(s, i)) {
            out.append("&lt;");
            ++i;
        } else if (auto cp = decode_utf8(s, i); cp && cp->value != 0) {
            out.append(s.substr(i, cp->size));
            i += cp->size;
        } else {
            out.append(replacement);
            ++i;
        }
    }
    return out;
}

// Whitespace folded the way HTML shows it, NBSP included: for comparing a
// link's text with its address.
std::string collapsed(std::string_view s) {
    std::string out;
    bool space = false;
    for (size_t i = 0; i < s.size();) {
        if (is_ascii_space(s[i]) || s.substr(i, nbsp.size()) == nbsp) {
            space = true;
            i += is_ascii_space(s[i]) ? 1 : nbsp.size();
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += s[i++];
    }
    return out;
}

enum class Kind {
    inline_element,
    hidden,
    line,      // a block: starts and ends a line
    paragraph, // a block set apart by a blank line
    br,
    list,
    item,
    pre,
    quote,
    link,
    cell,
};

struct NamedKind {
    std::string_view name;
    Kind kind;
};

constexpr NamedKind kinds[] = {
    {"script", Kind::hidden},    {"style", Kind::hidden},     {"head", Kind::hidden},
    {"title", Kind::hidden},     {"template", Kind::hidden},  {"p", Kind::paragraph},
    {"h1", Kind::paragraph},     {"h2", Kind::paragraph},     {"h3", Kind::paragraph},
    {"h4", Kind::paragraph},     {"h5", Kind::paragraph},     {"h6", Kind::paragraph},
    {"table", Kind::paragraph},  {"dl", Kind::paragraph},     {"hr", Kind::paragraph},
    {"figure", Kind::paragraph}, {"div", Kind::line},         {"tr", Kind::line},
    {"dt", Kind::line},          {"dd", Kind::line},          {"section", Kind::line},
    {"article", Kind::line},     {"header", Kind::line},      {"footer", Kind::line},
    {"nav", Kind::line},         {"aside", Kind::line},       {"main", Kind::line},
    {"address", Kind::line},     {"center", Kind::line},      {"form", Kind::line},
    {"fieldset", Kind::line},    {"caption", Kind::line},     {"figcaption", Kind::line},
    {"details", Kind::line},     {"summary", Kind::line},     {"br", Kind::br},
    {"ul", Kind::list},          {"ol", Kind::list},          {"li", Kind::item},
    {"pre", Kind::pre},          {"blockquote", Kind::quote}, {"a", Kind::link},
    {"td", Kind::cell},          {"th", Kind::cell},
};

Kind kind_of(std::string_view name) {
    for (const auto& k : kinds)
        if (k.name == name) return k.kind;
    return Kind::inline_element;
}

// Newsletters and Outlook carry text meant only for the inbox preview or for
// other clients; a reader never sees it.
bool styled_hidden(const xmlNode* n) {
    if (xmlHasProp(n, reinterpret_cast<const xmlChar*>("hidden"))) return true;
    std::string style;
    for (char c : attribute(n, "style"))
        if (!is_ascii_space(c)) style += lower(c);
    return style.find("display:none") != std::string::npos ||
           style.find("mso-hide:all") != std::string::npos;
}

Kind kind_of(const xmlNode* n) {
    auto kind = kind_of(as_view(n->name));
    return kind != Kind::hidden && styled_hidden(n) ? Kind::hidden : kind;
}

// Depth-first over the nodes from `first` and its following siblings down,
// without recursion: mail can nest deeper than a stack allows. `enter`
// returns whether to go into the node; `leave` runs for each node entered.
template <class Enter, class Leave>
void walk(const xmlNode* first, const xmlNode* stop, Enter enter, Leave leave) {
    const xmlNode* n = first;
    while (n) {
        if (enter(n)) {
            if (n->children) {
                n = n->children;
                continue;
            }
            leave(n);
        }
        while (!n->next) {
            n = n->parent;
            if (!n || n == stop) return;
            leave(n);
        }
        n = n->next;
    }
}

bool is_text(const xmlNode* n) {
    return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

// What a link shows, to tell whether its address would add anything.
std::string shown_text(const xmlNode* link) {
    std::string text;
    walk(
        link->children, link,
        [&](const xmlNode* n) {
            if (is_text(n)) text += as_view(n->content);
            return n->type == XML_ELEMENT_NODE && kind_of(n) != Kind::hidden;
        },
        [](const xmlNode*) {});
    return collapsed(text);
}

std::string_view without_scheme(std::string_view s) {
    for (std::string_view scheme : {"mailto:", "http://", "https://", "tel:"})
        if (s.size() >= scheme.size() && equal_ci(s.substr(0, scheme.size()), scheme)) {
            s.remove_prefix(scheme.size());
            break;
        }
    while (s.ends_with('/'))
        s.remove_suffix(1);
    return s;
}

bool says_address(std::string_view text, std::string_view href) {
    return equal_ci(without_scheme(text), without_scheme(href));
}

// Builds the text a line at a time. Breaks and spaces are only promised and
// written when the next visible character comes, which is what keeps lines
// free of trailing spaces and the end free of blank lines, and lets a
// paragraph inside a list item still start on the item's "- " line.
class Writer {
  public:
    void text(std::string_view s) { pre_ > 0 ? preformatted(s) : flowing(s); }

    // At least `lines` line ends before what comes next: 1 ends the line, 2
    // leaves a blank one.
    void block(int lines) {
        want_ = std::max(want_, lines);
        pending_.clear();
    }

    // <br>: ends the line, or on an empty one makes a blank line. Outside
    // <pre> runs of them stop at one blank line.
    void line_break() {
        want_ = pre_ > 0 ? want_ + 1 : std::min(want_ + 1, 2);
        pending_.clear();
    }

    // Table cells on one row need something between them.
    void separate() {
        if (!at_line_start() && pending_.empty()) pending_ = " ";
    }

    void item(std::string marker) {
        block(1);
        marker_ = std::move(marker);
    }
    void end_item() { marker_.clear(); }

    void enter_quote() {
        block(2);
        ++depth_;
    }
    void leave_quote() {
        block(2);
        --depth_;
    }

    void enter_pre() {
        block(2);
        ++pre_;
        pre_start_ = true;
    }
    void leave_pre() {
        --pre_;
        block(2);
    }

    std::string take() { return std::move(out_); }

  private:
    bool at_line_start() const { return out_.empty() || want_ > 0; }

    static size_t space_at(std::string_view s, size_t i) {
        if (is_ascii_space(s[i])) return 1;
        return s.substr(i, nbsp.size()) == nbsp ? nbsp.size() : 0;
    }

    // A run of characters up to the next space, written as one piece.
    size_t word(std::string_view s, size_t i) {
        size_t end = i;
        while (end < s.size() && space_at(s, end) == 0)
            ++end;
        put(s.substr(i, end - i));
        return end;
    }

    void flowing(std::string_view s) {
        for (size_t i = 0; i < s.size();) {
            if (is_ascii_space(s[i])) {
                if (!at_line_start() && pending_.empty()) pending_ = " ";
                ++i;
            } else if (size_t n = space_at(s, i)) {
                pending_ += ' '; // &nbsp; holds its place, and does not fold
                i += n;
            } else {
                i = word(s, i);
            }
        }
    }

    void preformatted(std::string_view s) {
        // HTML drops a line break right after <pre>; libxml2 leaves it in.
        if (std::exchange(pre_start_, false)) {
            if (s.starts_with("\r\n"))
                s.remove_prefix(2);
            else if (s.starts_with('\n') || s.starts_with('\r'))
                s.remove_prefix(1);
        }
        for (size_t i = 0; i < s.size();) {
            char c = s[i];
            if (c == '\n' || c == '\r') {
                i += c == '\r' && i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
                ++want_;
                pending_.clear();
            } else if (c == ' ' || c == '\t') {
                pending_ += c;
                ++i;
            } else if (size_t n = space_at(s, i)) {
                pending_ += ' ';
                i += n;
            } else {
                i = word(s, i);
            }
        }
    }

    static std::string quote_prefix(int depth, bool blank) {
        std::string p;
        for (int i = 0; i < depth; ++i)
            p += "> ";
        if (blank && !p.empty()) p.pop_back();
        return p;
    }

    void put(std::string_view piece) {
        bool fresh = at_line_start();
        if (!out_.empty()) {
            // A blank line between two quoted ones belongs to the quote, so
            // the ">" run stays unbroken for new_text().
            int shared = std::min(line_depth_, depth_);
            for (int k = 0; k < want_; ++k) {
                out_ += '\n';
                if (k + 1 < want_) out_ += quote_prefix(shared, true);
            }
        }
        if (fresh) {
            out_ += quote_prefix(depth_, false);
            out_ += marker_;
            marker_.clear();
            line_depth_ = depth_;
        }
        want_ = 0;
        out_ += pending_;
        pending_.clear();
        out_ += piece;
    }

    std::string out_;
    int want_ = 0;        // line ends promised before the next character
    std::string pending_; // spaces promised before the next character
    std::string marker_;  // "- " or "3. " for the next line to start
    int depth_ = 0;       // blockquotes open now
    int line_depth_ = 0;  // blockquotes open when the last line started
    int pre_ = 0;
    bool pre_start_ = false;
};

struct List {
    bool ordered;
    long next;
};

class Renderer {
  public:
    bool enter(const xmlNode* n) {
        if (is_text(n)) {
            writer_.text(as_view(n->content));
            return false;
        }
        if (n->type != XML_ELEMENT_NODE) return false;
        switch (kind_of(n)) {
        case Kind::hidden:
            return false;
        case Kind::inline_element:
        case Kind::link:
            break;
        case Kind::line:
            writer_.block(1);
            break;
        case Kind::paragraph:
            writer_.block(paragraph_gap());
            break;
        case Kind::br:
            writer_.line_break();
            break;
        case Kind::list:
            enter_list(n);
            break;
        case Kind::item:
            ++items_;
            writer_.item(marker());
            break;
        case Kind::pre:
            writer_.enter_pre();
            break;
        case Kind::quote:
            writer_.enter_quote();
            break;
        case Kind::cell:
            writer_.separate();
            break;
        }
        return true;
    }

    void leave(const xmlNode* n) {
        switch (kind_of(n)) {
        case Kind::hidden:
        case Kind::inline_element:
        case Kind::br:
        case Kind::cell:
            break;
        case Kind::line:
            writer_.block(1);
            break;
        case Kind::paragraph:
            writer_.block(paragraph_gap());
            break;
        case Kind::list:
            lists_.pop_back();
            writer_.block(lists_.empty() ? 2 : 1);
            break;
        case Kind::item:
            --items_;
            writer_.end_item();
            writer_.block(1);
            break;
        case Kind::pre:
            writer_.leave_pre();
            break;
        case Kind::quote:
            writer_.leave_quote();
            break;
        case Kind::link:
            show_address(n);
            break;
        }
    }

    std::string take() { return writer_.take(); }

  private:
    // Editors wrap list items in <p>; a blank line after every item would
    // spread a short list over a screen.
    int paragraph_gap() const { return items_ > 0 ? 1 : 2; }

    void enter_list(const xmlNode* n) {
        writer_.block(lists_.empty() ? 2 : 1);
        bool ordered = as_view(n->name) == "ol";
        long start = 1;
        if (ordered) {
            auto s = attribute(n, "start");
            std::from_chars(s.data(), s.data() + s.size(), start);
        }
        lists_.push_back({ordered, start});
    }

    std::string marker() {
        std::string indent(lists_.empty() ? 0 : 2 * (lists_.size() - 1), ' ');
        if (lists_.empty() || !lists_.back().ordered) return indent + "- ";
        return indent + std::to_string(lists_.back().next++) + ". ";
    }

    void show_address(const xmlNode* link) {
        std::string href;
        for (char c : attribute(link, "href"))
            if (!is_ascii_space(c)) href += c;
        if (href.empty() || href.starts_with('#')) return;
        auto text = shown_text(link);
        // A link with nothing to read is a picture or a tracker; its address
        // alone would only be noise.
        if (text.empty() || says_address(text, href)) return;
        writer_.text(" <" + href + ">");
    }

    Writer writer_;
    std::vector<List> lists_;
    int items_ = 0; // <li> open now
};

} // namespace

std::string html_to_text(std::string_view html) {
    auto input = parseable(html);
    if (input.size() > static_cast<size_t>(INT_MAX))
        throw std::length_error("html_to_text: the HTML part is larger than 2 GiB");
    // The caller has decoded the charset, so a <meta charset> would only
    // mislead. No XML_PARSE_HUGE: past libxml2's depth limit, unmatched end
    // tags make parsing quadratic in the nesting.
    constexpr int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC;
    Doc doc(
        htmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, "UTF-8", options));
    if (!doc) return {};
    Renderer renderer;
    const auto* top = reinterpret_cast<const xmlNode*>(doc.get());
    walk(
        doc->children, top, [&](const xmlNode* n) { return renderer.enter(n); },
        [&](const xmlNode* n) { renderer.leave(n); });
    return renderer.take();
}

} // namespace hd
