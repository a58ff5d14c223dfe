#pragma once
// Mail as it comes in, parsed by GMime: who wrote, what they wrote (decoded
// to UTF-8), how it threads, what it carries. Nothing here knows tickets.
#include "core/ticket.hpp"
#include "core/timestamp.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

struct MailAttachment {
    std::string name; // as the sender named it ("" when they did not)
    std::string type; // "application/pdf"
    std::string data; // decoded bytes
};

struct MailIn {
    std::string message_id; // without angle brackets; "" when the message has none
    std::vector<std::string> in_reply_to, references; // likewise
    Person from;                                      // Reply-To when given, else From
    std::string subject;                              // decoded, as written
    std::optional<Timestamp> date;
    std::string text; // the readable text: the plain part, else the HTML part as text
    std::vector<MailAttachment> attachments;
    // Why no one should answer it ("" for a person's message): an
    // auto-reply, bulk or list mail, a bounce.
    std::string automatic;
};

// Error(invalid) naming `source` for a message that cannot be taken in: cut
// short, without a sender address.
MailIn parse_mail(std::string_view raw, const std::string& source);

// The messages of an mbox file, each passed to `each` as the message it
// was: the separator's blank line dropped, ">From " lines unquoted (mboxrd).
void split_mbox(std::string_view mbox, const std::function<void(std::string_view)>& each);

} // namespace hd
