#pragma once
// HTML mail read as plain text, for messages that carry no text/plain part.
// A ticket stores what a person reads, not markup; and quoted history, which
// HTML clients mark with <blockquote>, comes out as "> " lines so that
// new_text() (core/mail_text.hpp) can cut it like a plain-text quote.
#include <string>
#include <string_view>

namespace hd {

// The readable text of `html` (UTF-8; the caller converts from the mail's
// charset first, and a <meta charset> is not believed). Skips <head>,
// <script>, <style> and elements styled display:none; blocks become lines,
// paragraphs are set apart by one blank line, list items get "- " or "1. ",
// a link shows its address in <...> after its text unless the text already
// says it, <pre> keeps its spacing and everything else collapses it. Bytes
// that are not UTF-8 read as U+FFFD. Any input is accepted, however broken;
// the result has LF line endings, no trailing spaces, no blank lines at
// either end. libxml2 stops reading at the 256th nested element (lifting
// its limit would let a crafted mail take minutes to parse), so text past
// that point is lost; in mail that is the oldest quoted history. Throws
// std::length_error past 2 GiB, which libxml2 cannot take.
std::string html_to_text(std::string_view html);

} // namespace hd
