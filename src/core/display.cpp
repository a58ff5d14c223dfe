#include "core/display.hpp"

#include "core/char_width.hpp"
#include "core/utf8.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

bool is_bidi_control(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// The Control Pictures block has a glyph for each C0 control and DEL.
void control_picture(std::string& out, char32_t cp) {
    char32_t pic = cp == 0x7F ? 0x2421 : 0x2400 + cp;
    out += static_cast<char>(0xE0 | (pic >> 12));
    out += static_cast<char>(0x80 | ((pic >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (pic & 0x3F));
}

} // namespace

bool is_hostile(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || is_bidi_control(cp) || cp == 0x2028 ||
           cp == 0x2029;
}

std::string inert(std::string_view text, Shape shape) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        // Runs of harmless ASCII, the common case, are copied whole.
        size_t j = i;
        while (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x20 &&
               static_cast<unsigned char>(text[j]) < 0x7F)
            ++j;
        out.append(text, i, j - i);
        if (j == text.size()) break;
        i = j;
        auto cp = decode_utf8(text, i);
        if (!cp) {
            out += "\uFFFD";
            ++i;
            continue;
        }
        char32_t c = cp->value;
        if (shape == Shape::block) {
            if (c == '\n' || c == '\t') {
                out += static_cast<char>(c);
                ++i;
                continue;
            }
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
                continue;
            }
        }
        if (!is_hostile(c))
            out.append(text, i, cp->size);
        else if (c < 0x20 || c == 0x7F)
            control_picture(out, c);
        else
            out += fmt::format("<U+{:04X}>", static_cast<uint32_t>(c));
        i += cp->size;
    }
    return out;
}

std::optional<size_t> find_hostile(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        auto cp = decode_utf8(text, i);
        if (!cp || is_hostile(cp->value)) return i;
        i += cp->size;
    }
    return std::nullopt;
}

size_t display_width(std::string_view text) {
    size_t n = 0;
    for (size_t i = 0; i < text.size();) {
        // ASCII, the common case, is one column a printable byte (as
        // char_width says) without decoding.
        if (auto b = static_cast<unsigned char>(text[i]); b < 0x80) {
            n += b >= 0x20 && b < 0x7F;
            ++i;
            continue;
        }
        auto cp = decode_utf8(text, i);
        n += cp ? char_width(cp->value) : 1;
        i += cp ? cp->size : 1;
    }
    return n;
}

std::string fit_width(std::string_view text, size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return "";
    size_t used = 0, end = 0;
    for (size_t i = 0; i < text.size();) {
        auto cp = decode_utf8(text, i);
        size_t w = cp ? char_width(cp->value) : 1;
        if (used + w > width - 1) break;
        used += w;
        i += cp ? cp->size : 1;
        end = i;
    }
    return std::string(text.substr(0, end)) + "…";
}

} // namespace hd
