#include "render/json.hpp"

#include "core/display.hpp"
#include "core/utf8.hpp"

#include <fmt/format.h>

namespace hd {

using nlohmann::ordered_json;

ordered_json row_json(const TicketRow& r) {
    ordered_json j;
    j["id"] = r.id;
    j["title"] = r.title;
    j["status"] = to_string(r.status);
    j["waiting_on"] = to_string(r.waiting_on);
    j["priority"] = to_string(r.priority);
    j["audience"] = to_string(r.audience);
    j["requester"] = {{"name", r.requester_name}, {"email", r.requester_email}};
    j["summary"] = r.summary;
    j["created"] = format_rfc3339(r.created);
    j["last_activity"] = format_rfc3339(r.last_activity);
    j["assignee"] = r.assignee;
    j["tags"] = r.tag_list();
    j["resolution"] = r.resolution;
    j["path"] = r.path;
    return j;
}

ordered_json event_json(const Event& e) {
    ordered_json j;
    j["kind"] = to_string(e.kind);
    j["at"] = format_rfc3339(e.at);
    j["by"] = e.by;
    j["body"] = e.body;
    j["public"] = is_public(e);
    if (e.kind == EventKind::reply) j["ask"] = e.ask;
    if (e.followup) j["followup"] = e.followup;
    if (!e.resolution.empty()) j["resolution"] = e.resolution;
    if (!e.of.empty()) j["of"] = e.of;
    if (!e.explain.empty()) j["explain"] = e.explain;
    if (e.force) {
        j["force"] = true;
        j["reason"] = e.reason;
    }
    if (!e.to.empty()) j["to"] = e.to;
    if (!e.next_steps.empty()) j["next_steps"] = e.next_steps;
    if (e.kind == EventKind::restate) j["summary"] = e.summary;
    if (e.priority) j["priority"] = to_string(*e.priority);
    if (e.kind == EventKind::assign) j["assignee"] = e.assignee;
    if (!e.add.empty()) j["add"] = e.add;
    if (!e.remove.empty()) j["remove"] = e.remove;
    j["line"] = e.line;
    return j;
}

ordered_json ticket_full_json(const Ticket& t, const TicketState& s) {
    RowText text;
    ordered_json j = row_json(make_row(t, s, text));
    j["body"] = t.body;
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
