#pragma once
// What a person wrote in a mail, told apart from what their client added:
// the quoted history, the signature, the "Sent from my phone" line, the
// "Re: Fwd:" stack on the subject. A ticket's timeline should read like a
// conversation, so each event keeps only the new words. The rules are
// heuristics over the shapes common clients produce (Gmail, Outlook, Apple
// Mail, Thunderbird) in English, German, French, Spanish, Portuguese, Dutch,
// Italian and Swedish; where a rule is unsure it keeps text rather than lose
// some of the sender's words.
#include <optional>
#include <string>
#include <string_view>

namespace hd {

// The newly written part of a decoded mail body (UTF-8; LF or CRLF). Cuts
// at the first line that starts forwarded or quoted history: an attribution
// ("On ... wrote:", possibly wrapped onto a second line, and its seven
// translations), an "-----Original Message-----" or "Forwarded message"
// separator, an Outlook header block (From: followed by Sent:/Date:), then
// drops a trailing ">" block with the attribution above it, a signature from
// its "-- " line on, and a mobile client's footer. Quotes with new text after
// them are the sender's inline answers and stay. When nothing would remain,
// only the signature and footer are dropped; when even that leaves nothing,
// the whole text comes back. LF line endings, no blank lines at either end.
std::string new_text(std::string_view body);

// Text sent as format=flowed (RFC 3676) as the writer meant it: soft line
// breaks (a line ending in a space) joined, space-stuffing removed, and
// with delsp=yes the space before a soft break dropped. Quoted lines join
// only with lines quoted as deeply; the signature line "-- " stays.
std::string unflow(std::string_view text, bool delsp);

// The subject without the leading run of reply and forward prefixes ("Re:",
// "AW:", "Fwd[2]:", "TR :", ...) and without any [hd:ID] tag; whitespace
// runs become one space, and the ends are trimmed.
std::string clean_subject(std::string_view subject);

// The ticket ID of the first [hd:ID] tag in `subject`, lower case. Both the
// tag and the ID may be written in upper case; the ID must be one hd could
// have made (7 characters of its alphabet).
std::optional<std::string> subject_ticket(std::string_view subject);

} // namespace hd
