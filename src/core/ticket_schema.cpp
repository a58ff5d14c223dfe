#include "core/ticket_schema.hpp"

#include "core/ids.hpp"
#include "core/resolution.hpp"
#include "core/toml_text.hpp"

#include <array>
#include <fmt/format.h>

namespace hd::schema {

namespace {

constexpr std::array<TicketField, 14> header{{
    {key::id, Type::string, Need::filled, &Ticket::id, Rule::ticket_id},
    {key::title, Type::string, Need::filled, &Ticket::title},
    {key::created, Type::time, Need::required, &Ticket::created},
    {key::requester, Type::person, Need::required, &Ticket::requester},
    {key::audience, Type::audience, Need::optional, &Ticket::audience},
    {key::priority, Type::priority, Need::optional, &Ticket::priority},
    {key::summary, Type::string, Need::optional, &Ticket::summary},
    {key::tags, Type::strings, Need::optional, &Ticket::tags},
    {key::greet, Type::string, Need::optional, &Ticket::greet},
    {key::zone, Type::string, Need::optional, &Ticket::zone},
    {key::body, Type::text, Need::optional, &Ticket::body},
    {key::message_id, Type::string, Need::optional, &Ticket::message_id},
    {key::original, Type::string, Need::optional, &Ticket::original},
    {key::attachments, Type::strings, Need::optional, &Ticket::attachments},
}};

constexpr std::array<EventField, 3> head{{
    {key::kind, Type::kind, Need::required, &Event::kind},
    {key::at, Type::time, Need::required, &Event::at},
    {key::by, Type::string, Need::filled, &Event::by},
}};

constexpr EventField body{key::body, Type::text, Need::optional, &Event::body};

constexpr EventField ask{"ask",       Type::boolean, Need::optional,
                         &Event::ask, Rule::none,    Show::always};
constexpr EventField followup{"followup", Type::integer, Need::required, &Event::followup,
                              Rule::followup_number};
constexpr EventField resolution{"resolution", Type::string, Need::filled, &Event::resolution,
                                Rule::resolution_kind};
constexpr EventField of{"of", Type::string, Need::optional, &Event::of};
constexpr EventField explain{"explain", Type::text, Need::optional, &Event::explain};
constexpr EventField force{"force", Type::boolean, Need::optional, &Event::force};
constexpr EventField reason{"reason", Type::text, Need::optional, &Event::reason};
constexpr EventField to{"to", Type::string, Need::filled, &Event::to};
constexpr EventField next_steps{"next_steps", Type::text, Need::optional, &Event::next_steps};
constexpr EventField summary{key::summary, Type::string, Need::filled, &Event::summary};
constexpr EventField priority{key::priority, Type::priority, Need::required, &Event::priority};
constexpr EventField assignee{"assignee", Type::string, Need::required, &Event::assignee};
constexpr EventField title{key::title, Type::string, Need::filled, &Event::title};
constexpr EventField audience{key::audience, Type::audience, Need::required, &Event::audience};
constexpr EventField greet{key::greet, Type::string, Need::required, &Event::greet};
constexpr EventField zone{key::zone, Type::string, Need::required, &Event::zone};
constexpr EventField until{"until", Type::time, Need::required, &Event::until};
constexpr EventField add{"add", Type::strings, Need::optional, &Event::add};
constexpr EventField remove{"remove", Type::strings, Need::optional, &Event::remove};

constexpr EventField message_id{key::message_id, Type::string, Need::optional, &Event::message_id};
constexpr EventField original{key::original, Type::string, Need::optional, &Event::original};
constexpr EventField attachments{key::attachments, Type::strings, Need::optional,
                                 &Event::attachments};

constexpr EventField unconfirmed{"unconfirmed", Type::boolean, Need::optional, &Event::unconfirmed};

constexpr std::array<EventField, 3> receive_fields{message_id, original, attachments};
constexpr std::array<EventField, 3> reply_fields{ask, message_id, unconfirmed};
constexpr std::array<EventField, 3> followup_fields{followup, message_id, unconfirmed};
constexpr std::array<EventField, 7> close_fields{resolution, of,         explain,    force,
                                                 reason,     message_id, unconfirmed};
constexpr std::array<EventField, 4> escalate_fields{to, next_steps, message_id, unconfirmed};
constexpr std::array<EventField, 1> restate_fields{summary};
constexpr std::array<EventField, 1> priority_fields{priority};
constexpr std::array<EventField, 1> assign_fields{assignee};
constexpr std::array<EventField, 2> tag_fields{add, remove};
constexpr std::array<EventField, 1> title_fields{title};
constexpr std::array<EventField, 1> audience_fields{audience};
constexpr std::array<EventField, 1> greet_fields{greet};
constexpr std::array<EventField, 1> zone_fields{zone};
constexpr std::array<EventField, 2> snooze_fields{until, reason};

template <typename T, size_t N> std::string join_names(const std::array<T, N>& values) {
    std::string out;
    for (size_t i = 0; i < N; ++i) {
        if (i) out += i + 1 == N ? " or " : ", ";
        out += to_string(values[i]);
    }
    return out;
}

// Which table a field is in, for messages; spelled out only on failure, so
// reading costs nothing for it.
struct Where {
    std::string_view table; // "" for the header
    size_t event = 0;       // from 1, for events
};

std::string label(std::string_view key, Where where) {
    if (where.event) return fmt::format("event {}: '{}'", where.event, key);
    if (!where.table.empty()) return fmt::format("{}: '{}'", where.table, key);
    return fmt::format("'{}'", key);
}

std::string resolution_values() {
    std::string out;
    for (size_t i = 0; i < resolution_kinds.size(); ++i) {
        if (i) out += i + 1 == resolution_kinds.size() ? " or " : ", ";
        out += resolution_kinds[i];
    }
    return out;
}

std::string file_stem(std::string_view path) {
    auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (name.size() > 5 && name.ends_with(".toml"))
        return std::string(name.substr(0, name.size() - 5));
    return "";
}

using Got = FieldSource::Got;

// Reads one field into `record`, or stops the reader with a message that
// names the key and, for events, which event.
template <typename Record>
void decode(FieldSource& src, const Field<Record>& f, Record& record, Where where) {
    auto missing = [&] { src.fail({}, label(f.key, where) + " is missing"); };
    auto wrong = [&](std::string_view should) {
        src.fail(f.key, label(f.key, where) + " " + std::string(should));
    };
    auto need = [&](Got got, std::string_view should) {
        if (got == Got::ok) return true;
        if (got == Got::absent) {
            if (f.need != Need::optional) missing();
            return false;
        }
        wrong(should);
        return false;
    };
    auto named = [&](auto& out, auto parse) {
        std::string s;
        if (!need(src.string(f.key, s), "must be a string")) return;
        auto v = parse(s);
        if (!v && f.type == Type::kind)
            src.fail(f.key, fmt::format("event {}: unknown kind \"{}\" (one of {})", where.event, s,
                                        allowed_values(f.type)));
        if (!v) wrong(fmt::format("must be {}, not \"{}\"", allowed_values(f.type), s));
        out = *v;
    };
    std::visit(
        [&](auto member) {
            auto& out = record.*member;
            using T = std::remove_reference_t<decltype(out)>;
            if constexpr (std::is_same_v<T, std::string>) {
                if (!need(src.string(f.key, out), "must be a string")) return;
                if (f.need == Need::filled && out.empty()) wrong("is empty");
                if (f.type == Type::text) out = trim_body(out);
                if (f.rule == Rule::ticket_id && !is_valid_id(out))
                    src.fail(f.key,
                             fmt::format("{} \"{}\" is not a ticket id ({} characters of {})",
                                         label(f.key, where), out, id_length, id_alphabet));
                if (f.rule == Rule::resolution_kind && !is_resolution_kind(out))
                    wrong(fmt::format("must be {}, not \"{}\"", resolution_values(), out));
            } else if constexpr (std::is_same_v<T, bool>) {
                need(src.boolean(f.key, out), "must be true or false");
            } else if constexpr (std::is_same_v<T, int>) {
                int64_t n = 0;
                if (!need(src.integer(f.key, n), "must be an integer")) return;
                if (f.rule == Rule::followup_number && (n < 1 || n > 2)) wrong("must be 1 or 2");
                out = static_cast<int>(n);
            } else if constexpr (std::is_same_v<T, Timestamp>) {
                Got got = src.time(f.key, out);
                if (got == Got::local_time) wrong("needs a UTC offset (e.g. +01:00 or Z)");
                need(got, "must be an RFC 3339 time such as 2026-11-23T09:30:00+01:00");
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                need(src.strings(f.key, out), "must be an array of strings");
            } else if constexpr (std::is_same_v<T, EventKind>) {
                named(out, parse_event_kind);
            } else if constexpr (std::is_same_v<T, Audience> ||
                                 std::is_same_v<T, std::optional<Audience>>) {
                named(out, parse_audience);
            } else if constexpr (std::is_same_v<T, Priority> ||
                                 std::is_same_v<T, std::optional<Priority>>) {
                named(out, parse_priority);
            } else if constexpr (std::is_same_v<T, Person>) {
                Got got = Got::absent;
                FieldSource* t = src.table(f.key, got);
                if (!t) {
                    need(got, "must be a table such as { name = \"...\", email = \"...\" }");
                    return;
                }
                Where inner{f.key};
                if (t->string(key::name, out.name) == Got::wrong_type)
                    t->fail(key::name, label(key::name, inner) + " must be a string");
                Got e = t->string(key::email, out.email);
                if (e == Got::absent) t->fail({}, label(key::email, inner) + " is missing");
                if (e != Got::ok)
                    t->fail(key::email, label(key::email, inner) + " must be a string");
                if (out.email.empty()) t->fail(key::email, label(key::email, inner) + " is empty");
                if (!is_mail_address(out.email))
                    t->fail(key::email, label(key::email, inner) +
                                            " is not a mail address (one @, no spaces, commas, "
                                            "angle brackets or quotes)");
            }
        },
        f.member);
}

template <typename Record> bool set(const Field<Record>& f, const Record& r) {
    return std::visit(
        [&](auto member) {
            const auto& v = r.*member;
            using T = std::remove_cvref_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string> ||
                          std::is_same_v<T, std::vector<std::string>>)
                return !v.empty();
            else if constexpr (std::is_same_v<T, bool>)
                return v;
            else if constexpr (std::is_same_v<T, int>)
                return v != 0;
            else if constexpr (std::is_same_v<T, std::optional<Priority>> ||
                               std::is_same_v<T, std::optional<Audience>>)
                return v.has_value();
            else
                return true;
        },
        f.member);
}

} // namespace

std::span<const TicketField> header_fields() {
    return header;
}
std::span<const EventField> event_head_fields() {
    return head;
}
const EventField& event_body_field() {
    return body;
}

std::span<const EventField> event_own_fields(EventKind kind) {
    switch (kind) {
    case EventKind::reply:
        return reply_fields;
    case EventKind::followup:
        return followup_fields;
    case EventKind::close:
        return close_fields;
    case EventKind::escalate:
        return escalate_fields;
    case EventKind::restate:
        return restate_fields;
    case EventKind::priority:
        return priority_fields;
    case EventKind::assign:
        return assign_fields;
    case EventKind::tag:
        return tag_fields;
    case EventKind::receive:
        return receive_fields;
    case EventKind::title:
        return title_fields;
    case EventKind::audience:
        return audience_fields;
    case EventKind::greet:
        return greet_fields;
    case EventKind::zone:
        return zone_fields;
    case EventKind::snooze:
        return snooze_fields;
    case EventKind::note:
    case EventKind::reopen:
        break;
    }
    return {};
}

bool is_set(const TicketField& f, const Ticket& t) {
    return set(f, t);
}
bool is_set(const EventField& f, const Event& e) {
    return set(f, e);
}

std::string allowed_values(Type type) {
    switch (type) {
    case Type::kind:
        return join_names(std::array{
            EventKind::note, EventKind::receive, EventKind::reply, EventKind::restate,
            EventKind::followup, EventKind::close, EventKind::escalate, EventKind::reopen,
            EventKind::priority, EventKind::assign, EventKind::tag, EventKind::title,
            EventKind::audience, EventKind::greet, EventKind::zone, EventKind::snooze});
    case Type::audience:
        return join_names(std::array{Audience::end_user, Audience::client});
    case Type::priority:
        return join_names(
            std::array{Priority::low, Priority::normal, Priority::high, Priority::urgent});
    default:
        return "";
    }
}

void decode_header(FieldSource& doc, std::string_view path, Ticket& t) {
    for (const TicketField& f : header)
        decode(doc, f, t, {});
    if (auto stem = file_stem(path); !stem.empty() && stem != t.id)
        doc.fail(key::id,
                 fmt::format("'id' \"{}\" does not match the file name \"{}.toml\"", t.id, stem));
}

void decode_event(FieldSource& table, size_t index, Event& e) {
    Where where{{}, index + 1};
    for (const EventField& f : head)
        decode(table, f, e, where);
    decode(table, body, e, where);
    for (const EventField& f : event_own_fields(e.kind))
        decode(table, f, e, where);
}

} // namespace hd::schema
