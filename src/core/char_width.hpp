#pragma once
// How many columns a terminal gives a code point, by the rules of wcwidth
// (Markus Kuhn's, as glibc and most terminals follow them) over Unicode 15,
// whatever the C locale says: East Asian Wide and Fullwidth take two,
// combining marks, format controls (zero width space and joiner included)
// and Hangul medial vowels and final consonants take none, the rest one.
// Controls take none here: hd shows them as visible marks (see display.hpp)
// before it measures anything.
namespace hd {

int char_width(char32_t cp);

} // namespace hd
