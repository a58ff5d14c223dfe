#pragma once
// Requesters' words on a terminal. Whatever could move the cursor, change
// colours, retitle the window, ring the bell or reorder the line is shown as
// a visible mark instead, so a person sees that it is there and nothing acts:
// C0 controls as control pictures (ESC as ␛, NUL as ␀), DEL as ␡, C1
// controls, bidi embeddings, overrides and isolates and the Unicode line
// and paragraph separators as <U+XXXX>, bytes that are not UTF-8 as U+FFFD.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hd {

enum class Shape {
    line,  // a title or a name: line breaks and tabs are marks as well
    block, // a message: line breaks and tabs stay; CR LF reads as LF
};

// `text` made inert for a terminal, a log or a CI page.
std::string inert(std::string_view text, Shape shape);

// Whether `inert` shows this code point as a mark (tab and LF included).
bool is_hostile(char32_t cp);

// Byte offset of the first hostile code point or invalid byte, if any.
std::optional<size_t> find_hostile(std::string_view text);

// Columns taken on a terminal (char_width.hpp): two for a wide character
// such as 東, none for a combining mark; an invalid byte counts as one, as
// the U+FFFD `inert` shows for it.
size_t display_width(std::string_view text);

// `text` if it takes at most `width` columns; otherwise its longest start
// that fits in `width - 1` columns, followed by "…". Never splits a code
// point, and a combining mark stays with the character it follows; a wide
// character that would cross the edge is left out whole, so the result may
// be a column short.
std::string fit_width(std::string_view text, size_t width);

} // namespace hd
