#pragma once
// The ticket file format, defined once: the keys of the header and of the
// events, the type each holds, which are required, and what each event kind
// adds. The writer (toml_text), both readers (ticket_parse and
// fast_ticket_parse) and the JSON output go by these tables, so a key is
// named, typed and checked in one place; man/hd-format.5 describes them.
#include "core/ticket.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hd::schema {

namespace key {
inline constexpr std::string_view id = "id";
inline constexpr std::string_view title = "title";
inline constexpr std::string_view created = "created";
inline constexpr std::string_view requester = "requester";
inline constexpr std::string_view name = "name";
inline constexpr std::string_view email = "email";
inline constexpr std::string_view audience = "audience";
inline constexpr std::string_view priority = "priority";
inline constexpr std::string_view summary = "summary";
inline constexpr std::string_view tags = "tags";
inline constexpr std::string_view body = "body";
inline constexpr std::string_view greet = "greet";
inline constexpr std::string_view zone = "zone";
inline constexpr std::string_view message_id = "message_id";
inline constexpr std::string_view original = "original";
inline constexpr std::string_view attachments = "attachments";
inline constexpr std::string_view event = "event"; // the array of [[event]] tables
inline constexpr std::string_view kind = "kind";
inline constexpr std::string_view at = "at";
inline constexpr std::string_view by = "by";
} // namespace key

// How a value is written in TOML and held in the model.
enum class Type : std::uint8_t {
    string,   // a one-line basic string
    text,     // a string that may span lines; trailing line breaks are dropped
    boolean,  //
    integer,  //
    time,     // an offset date-time (or the same as a quoted string)
    strings,  // an array of strings
    kind,     // a string naming an event kind
    audience, // a string naming an audience
    priority, // a string naming a priority
    person,   // a table of name and email
};

enum class Need : std::uint8_t {
    optional, // may be left out; written only when it holds something
    required, // must be there, and is always written
    filled,   // must be there and not be empty
};

// A check on the value beyond its type.
enum class Rule : std::uint8_t { none, ticket_id, followup_number, resolution_kind };

// When the JSON output shows an optional key: like the file, only when it
// holds something, or always (a reply's ask, true or false).
enum class Show : std::uint8_t { when_set, always };

template <typename Record>
using Member =
    std::variant<std::string Record::*, bool Record::*, int Record::*, Timestamp Record::*,
                 std::vector<std::string> Record::*, EventKind Record::*, Audience Record::*,
                 Priority Record::*, std::optional<Priority> Record::*,
                 std::optional<Audience> Record::*, Person Record::*>;

template <typename Record> struct Field {
    std::string_view key;
    Type type;
    Need need;
    Member<Record> member;
    Rule rule = Rule::none;
    Show show = Show::when_set;
};
using TicketField = Field<Ticket>;
using EventField = Field<Event>;

// The header keys, in the order hd writes them. The table of `event` is not
// among them: it is the events.
std::span<const TicketField> header_fields();
// Every event starts with these (kind, at, by) ...
std::span<const EventField> event_head_fields();
// ... then has the keys of its kind, in the order hd writes them ...
std::span<const EventField> event_own_fields(EventKind kind);
// ... and ends with its body.
const EventField& event_body_field();

// Whether a field holds something worth writing: not an empty string or
// array, not false, not 0. Required fields are written regardless.
bool is_set(const TicketField& f, const Ticket& t);
bool is_set(const EventField& f, const Event& e);

// "end-user or client": the names a key of type kind, audience or priority
// may hold, for messages ("" for other types).
std::string allowed_values(Type type);

// One table of a ticket file, as a reader holds it. The readers differ in
// how they parse TOML; the checks that turn tables into a Ticket are the
// same for both and live in decode_header and decode_event.
class FieldSource {
  public:
    enum class Got : std::uint8_t {
        absent,
        ok,
        wrong_type,
        bad_time,   // a date-time or string that is not a valid time
        local_time, // a date-time without an offset
    };
    // Each fills `out` when it returns ok.
    virtual Got string(std::string_view key, std::string& out) = 0;
    virtual Got boolean(std::string_view key, bool& out) = 0;
    virtual Got integer(std::string_view key, int64_t& out) = 0;
    virtual Got time(std::string_view key, Timestamp& out) = 0;
    virtual Got strings(std::string_view key, std::vector<std::string>& out) = 0;
    // The table under `key` (owned by this source), or nullptr with `got`
    // saying whether it was absent or of another type.
    virtual FieldSource* table(std::string_view key, Got& got) = 0;
    // Stops reading: at the key's value when there is one, else at the table.
    [[noreturn]] virtual void fail(std::string_view key, const std::string& message) = 0;

  protected:
    ~FieldSource() = default;
};

// Fills the header of `t` from the top-level table; `path` is the file's,
// whose name must match the ID when it is "<id>.toml".
void decode_header(FieldSource& doc, std::string_view path, Ticket& t);

// Fills an event from its table; `index` counts from 0, for messages.
void decode_event(FieldSource& table, size_t index, Event& e);

} // namespace hd::schema
