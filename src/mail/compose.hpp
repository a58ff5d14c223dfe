#pragma once
// Mail as it goes out: a reply, follow-up, closing message or escalation
// notice of a ticket, built by GMime as a MIME message (UTF-8, encoded as
// the text needs) that threads with what the requester sent.
#include "core/ticket.hpp"
#include "core/timestamp.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hd {

struct OutgoingHeaders {
    std::string from;                // the desk: "Name <address>"
    std::string reply_to;            // "" for none
    std::string message_id;          // without angle brackets
    std::vector<std::string> thread; // the ticket's Message-IDs, oldest first
    std::string in_reply_to;         // the newest message from the requester ("" if none)
    Timestamp date;
};

// A Message-ID at the desk's domain that no other message has: the ticket,
// the time and random bits.
std::string make_message_id(const std::string& desk_address, const std::string& ticket_id,
                            Timestamp now, std::uint64_t random);

// The message for `e` on `t`, as bytes ready for a sendmail command:
// To the requester, "Re: TITLE [hd:ID]" as its subject.
std::string compose_mail(const Ticket& t, const Event& e, const OutgoingHeaders& h);

// The Message-IDs a ticket holds, oldest first, and the newest the
// requester sent: what a reply names in References and In-Reply-To.
std::vector<std::string> thread_of(const Ticket& t);
std::string last_from_requester(const Ticket& t);

} // namespace hd
