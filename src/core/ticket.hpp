#pragma once
// The ticket as hd understands it: the header written once at creation and
// the events appended after. Everything else (status, whose turn it is, SLA
// clocks) is derived from these values; see state.hpp.
#include "core/timestamp.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

struct Person {
    std::string name;
    std::string email;

    std::string display() const; // "Name <email>"
    friend bool operator==(const Person&, const Person&) = default;
};

// Parses "Name <email>", "<email>" or a bare "email"; nullopt if no email,
// or if it holds a control character (line breaks and tabs included) or a
// bidi control.
std::optional<Person> parse_person(std::string_view text);

// An address mail can be sent to and nothing more: one '@' between a local
// part and a domain, no spaces, controls, commas, angle brackets or quotes
// (which could add a second recipient to a header built from it).
bool is_mail_address(std::string_view email);

enum class Audience { end_user, client };
enum class Priority { low, normal, high, urgent };

enum class EventKind {
    note,     // internal, never a response
    receive,  // a message from the requester
    reply,    // a public reply from an agent
    restate,  // the agent's one-line restatement of the problem
    followup, // a public nudge to a quiet requester
    close,
    escalate,
    reopen,
    priority, // priority changed
    assign,   // assignee changed
    tag,      // tags added or removed
    title,    // title changed
    audience, // audience changed
    greet,    // the name to greet the requester by changed
    zone,     // the requester's time zone changed
    snooze,   // on hold until a time
};

std::string_view to_string(Audience a);
std::string_view to_string(Priority p);
std::string_view to_string(EventKind k);
std::optional<Audience> parse_audience(std::string_view s);
std::optional<Priority> parse_priority(std::string_view s);
std::optional<EventKind> parse_event_kind(std::string_view s);

// Bytes [begin, end) of a file.
struct ByteRange {
    size_t begin = 0;
    size_t end = 0;
    friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

struct Event {
    EventKind kind = EventKind::note;
    Timestamp at;
    std::string by; // "Name <email>" of whoever acted
    std::string body;

    bool ask = false;                 // reply: a clarifying question
    int followup = 0;                 // followup: its number, 1 or 2
    std::string resolution;           // close
    std::string explain;              // close: why it is not simply solved
    std::string of;                   // close as duplicate: the other ticket
    bool force = false;               // close: a rule was overridden
    std::string reason;               // close: why it was overridden
    std::string to;                   // escalate: the engineering reference
    std::string next_steps;           // escalate: what the requester was told
    std::string summary;              // restate
    std::optional<Priority> priority; // priority
    std::string assignee;             // assign ("" unassigns)
    std::vector<std::string> add;     // tag
    std::vector<std::string> remove;  // tag
    std::string title;                // title
    std::optional<Audience> audience; // audience
    std::string greet;                // greet ("" clears)
    std::string zone;                 // zone: an IANA name ("" clears)
    Timestamp until;                  // snooze: the hold ends then; reason says why
    // Mail (receive, and replies sent as mail): the Message-ID; for a
    // receive also where the whole message is
    // kept and what it carried, each "NAME (TYPE, N bytes)", with the file
    // under the ticket's .d folder or a note that it was not stored.
    std::string message_id;
    std::string original;
    std::vector<std::string> attachments;
    // Mail out (reply, followup, close, escalate): sent as message_id, but a
    // crash came between sending and recording, so it may not have left.
    bool unconfirmed = false;

    int line = 0; // line of its [[event]] header, for messages and annotations
    // Where the event's table lies in the file: from the start of the line
    // of its [[event]] header to the start of the next event's header line
    // (or the end of the file). The ranges of a file's events follow each
    // other without a gap, so the header and the events cut the file into
    // pieces that concatenate back to it; a merge splices files this way.
    ByteRange bytes;

    friend bool operator==(const Event&, const Event&) = default;
};

struct Ticket {
    std::string id;
    std::string title;
    Person requester;
    Audience audience = Audience::end_user;
    Priority priority = Priority::normal;
    std::string summary; // restatement given at creation; restate events override
    Timestamp created;
    std::vector<std::string> tags;
    std::string body;  // the requester's own words, as first received
    std::string greet; // the name to greet the requester by, when not the first name
    std::string zone;  // the requester's time zone (IANA), when known
    // When the ticket was opened by mail: as for a receive event.
    std::string message_id;
    std::string original;
    std::vector<std::string> attachments;
    std::vector<Event> events;

    std::string path; // relative to the repository's work tree

    friend bool operator==(const Ticket&, const Ticket&) = default;
};

} // namespace hd
