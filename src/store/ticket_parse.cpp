#include "store/ticket_parse.hpp"

#include "core/ids.hpp"
#include "core/resolution.hpp"
#include "core/toml_text.hpp"
#include "store/toml_read.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

std::string file_stem(const std::string& path) {
    auto slash = path.rfind('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (name.size() > 5 && name.ends_with(".toml")) return name.substr(0, name.size() - 5);
    return "";
}

Event parse_event(const TomlReader& r, const toml::table& t, size_t index) {
    std::string where = fmt::format("event {}", index + 1);
    Event e;
    e.line = static_cast<int>(t.source().begin.line);
    std::string kind = r.required_string(t, "kind", where);
    auto k = parse_event_kind(kind);
    if (!k) r.fail(t.get("kind"), fmt::format("{}: unknown kind \"{}\"", where, kind));
    e.kind = *k;
    auto at = r.time(t, "at", where);
    if (!at) r.fail_at(t.source(), where + ": 'at' is missing");
    e.at = *at;
    e.by = r.required_string(t, "by", where);
    e.body = trim_body(r.string(t, "body", where).value_or(""));

    switch (e.kind) {
    case EventKind::reply:
        e.ask = r.boolean(t, "ask", where).value_or(false);
        break;
    case EventKind::followup: {
        auto n = r.integer(t, "followup", where);
        if (!n) r.fail_at(t.source(), where + ": 'followup' (its number) is missing");
        if (*n < 1 || *n > 2) r.fail(t.get("followup"), where + ": 'followup' must be 1 or 2");
        e.followup = static_cast<int>(*n);
        break;
    }
    case EventKind::close:
        e.resolution = r.required_string(t, "resolution", where);
        if (!is_resolution_kind(e.resolution))
            r.fail(t.get("resolution"),
                   fmt::format("{}: unknown resolution \"{}\"", where, e.resolution));
        e.explain = trim_body(r.string(t, "explain", where).value_or(""));
        e.of = r.string(t, "of", where).value_or("");
        e.force = r.boolean(t, "force", where).value_or(false);
        e.reason = trim_body(r.string(t, "reason", where).value_or(""));
        break;
    case EventKind::escalate:
        e.to = r.required_string(t, "to", where);
        e.next_steps = trim_body(r.string(t, "next_steps", where).value_or(""));
        break;
    case EventKind::restate:
        e.summary = r.required_string(t, "summary", where);
        break;
    case EventKind::priority: {
        std::string p = r.required_string(t, "priority", where);
        e.priority = parse_priority(p);
        if (!e.priority)
            r.fail(t.get("priority"), fmt::format("{}: unknown priority \"{}\"", where, p));
        break;
    }
    case EventKind::assign: {
        auto a = r.string(t, "assignee", where);
        if (!a) r.fail_at(t.source(), where + ": 'assignee' is missing");
        e.assignee = *a;
        break;
    }
    case EventKind::tag:
        e.add = r.strings(t, "add", where);
        e.remove = r.strings(t, "remove", where);
        break;
    case EventKind::note:
    case EventKind::receive:
    case EventKind::reopen:
        break;
    }
    return e;
}

} // namespace

Ticket parse_ticket(std::string_view text, const std::string& path) {
    TomlReader r(path);
    toml::table doc = r.parse(text);
    Ticket t;
    t.path = path;

    t.id = r.required_string(doc, "id");
    if (!is_valid_id(t.id))
        r.fail(doc.get("id"), fmt::format("'id' \"{}\" is not a ticket id ({} characters of {})",
                                          t.id, id_length, id_alphabet));
    if (auto stem = file_stem(path); !stem.empty() && stem != t.id)
        r.fail(doc.get("id"),
               fmt::format("'id' \"{}\" does not match the file name \"{}.toml\"", t.id, stem));
    t.title = r.required_string(doc, "title");
    auto created = r.time(doc, "created");
    if (!created) r.fail(nullptr, "'created' is missing");
    t.created = *created;

    const toml::node* req = doc.get("requester");
    if (!req) r.fail(nullptr, "'requester' is missing");
    const toml::table* rt = req->as_table();
    if (!rt) r.fail(req, "'requester' must be a table such as { name = \"...\", email = \"...\" }");
    t.requester.name = r.string(*rt, "name", "requester").value_or("");
    t.requester.email = r.required_string(*rt, "email", "requester");

    if (auto a = r.string(doc, "audience")) {
        auto v = parse_audience(*a);
        if (!v)
            r.fail(doc.get("audience"),
                   fmt::format("'audience' must be end-user or client, not \"{}\"", *a));
        t.audience = *v;
    }
    if (auto p = r.string(doc, "priority")) {
        auto v = parse_priority(*p);
        if (!v)
            r.fail(doc.get("priority"),
                   fmt::format("'priority' must be low, normal, high or urgent, not \"{}\"", *p));
        t.priority = *v;
    }
    t.summary = r.string(doc, "summary").value_or("");
    t.tags = r.strings(doc, "tags");
    t.body = trim_body(r.string(doc, "body").value_or(""));

    if (const toml::node* ev = doc.get("event")) {
        const toml::array* arr = ev->as_array();
        if (!arr) r.fail(ev, "'event' must be an array of tables ([[event]])");
        for (size_t i = 0; i < arr->size(); ++i) {
            const toml::table* et = (*arr)[i].as_table();
            if (!et) r.fail(&(*arr)[i], fmt::format("event {} must be a table", i + 1));
            t.events.push_back(parse_event(r, *et, i));
        }
    }
    return t;
}

} // namespace hd
