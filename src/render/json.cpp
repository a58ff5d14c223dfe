#include "render/json.hpp"

#include "core/display.hpp"
#include "core/utf8.hpp"

#include "core/ticket_schema.hpp"
#include <fmt/format.h>

namespace hd {

using nlohmann::ordered_json;

ordered_json row_json(const TicketRow& r, Timestamp now) {
    ordered_json j;
    j[schema::key::id] = r.id;
    j[schema::key::title] = r.title;
    j["status"] = to_string(r.status);
    j["waiting_on"] = to_string(r.waiting_on);
    j[schema::key::priority] = to_string(r.priority);
    j[schema::key::audience] = to_string(r.audience);
    j[schema::key::requester] = {{schema::key::name, r.requester_name},
                                 {schema::key::email, r.requester_email}};
    j[schema::key::summary] = r.summary;
    j[schema::key::created] = format_rfc3339(r.created);
    j["last_activity"] = format_rfc3339(r.last_activity);
    j["assignee"] = r.assignee;
    j[schema::key::tags] = r.tag_list();
    j["resolution"] = r.resolution;
    j["path"] = r.path;
    j["on_hold_until"] =
        r.on_hold(now) ? ordered_json(format_rfc3339(r.hold_until)) : ordered_json();
    return j;
}

namespace {

// The JSON value of one event field, by the schema's type.
ordered_json field_json(const schema::EventField& f, const Event& e) {
    return std::visit(
        [&](auto member) -> ordered_json {
            const auto& v = e.*member;
            using T = std::remove_cvref_t<decltype(v)>;
            if constexpr (std::is_same_v<T, Timestamp>)
                return format_rfc3339(v);
            else if constexpr (std::is_same_v<T, std::optional<Priority>> ||
                               std::is_same_v<T, std::optional<Audience>>)
                return v ? ordered_json(to_string(*v)) : ordered_json();
            else if constexpr (std::is_same_v<T, EventKind> || std::is_same_v<T, Audience> ||
                               std::is_same_v<T, Priority>)
                return to_string(v);
            else if constexpr (std::is_same_v<T, Person>)
                return {{schema::key::name, v.name}, {schema::key::email, v.email}};
            else
                return v;
        },
        f.member);
}

} // namespace

ordered_json event_json(const Event& e) {
    ordered_json j;
    for (const schema::EventField& f : schema::event_head_fields())
        j[f.key] = field_json(f, e);
    j[schema::event_body_field().key] = e.body;
    j["public"] = is_public(e);
    for (const schema::EventField& f : schema::event_own_fields(e.kind))
        if (f.need != schema::Need::optional || f.show == schema::Show::always ||
            schema::is_set(f, e))
            j[f.key] = field_json(f, e);
    j["line"] = e.line;
    return j;
}

ordered_json ticket_full_json(const Ticket& t, const TicketState& s, Timestamp now) {
    RowText text;
    ordered_json j = row_json(make_row(t, s, text), now);
    if (!s.greet.empty()) j[schema::key::greet] = s.greet;
    if (!s.zone.empty()) j[schema::key::zone] = s.zone;
    j[schema::key::body] = t.body;
    // Set only on tickets opened by mail, as in the file.
    if (!t.message_id.empty()) j[schema::key::message_id] = t.message_id;
    if (!t.original.empty()) j[schema::key::original] = t.original;
    if (!t.attachments.empty()) j[schema::key::attachments] = t.attachments;
    ordered_json events = ordered_json::array();
    for (const auto& e : t.events)
        events.push_back(event_json(e));
    j["events"] = std::move(events);
    return j;
}

std::string inert_json(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    size_t i = 0;
    while (i < json.size()) {
        // Below 0x7F a serializer has escaped what needs it already.
        size_t j = i;
        while (j < json.size() && static_cast<unsigned char>(json[j]) < 0x7F)
            ++j;
        out.append(json, i, j - i);
        if (j == json.size()) break;
        i = j;
        auto cp = decode_utf8(json, i);
        size_t len = cp ? cp->size : 1;
        if (cp && is_hostile(cp->value))
            out += fmt::format("\\u{:04x}", static_cast<uint32_t>(cp->value));
        else
            out.append(json, i, len);
        i += len;
    }
    return out;
}

std::string json_text(const nlohmann::ordered_json& j) {
    return inert_json(j.dump(2));
}

} // namespace hd
