#include "core/ticket_row.hpp"

#include "core/timeline.hpp"

#include <cstring>

namespace hd {

namespace {

// The items of a field kept one a line.
std::vector<std::string_view> lines_of(std::string_view joined) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start < joined.size()) {
        size_t nl = joined.find('\n', start);
        if (nl == std::string_view::npos) nl = joined.size();
        out.push_back(joined.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

} // namespace

bool TicketRow::has_tag(std::string_view tag) const {
    for (auto t : tag_list())
        if (t == tag) return true;
    return false;
}

std::vector<std::string_view> TicketRow::tag_list() const {
    return lines_of(tags);
}

std::vector<std::string_view> TicketRow::message_id_list() const {
    return lines_of(message_ids);
}

std::string_view RowText::keep(std::string_view s) {
    constexpr size_t block = 64 * 1024;
    if (s.empty()) return {};
    char* at;
    if (s.size() > block / 4) { // a large text gets a block of its own
        at = large_.emplace_back(std::make_unique<char[]>(s.size())).get();
    } else {
        if (s.size() > left_) {
            blocks_.push_back(std::make_unique<char[]>(block));
            left_ = block;
        }
        at = blocks_.back().get() + (block - left_);
        left_ -= s.size();
    }
    std::memcpy(at, s.data(), s.size());
    return {at, s.size()};
}

TicketRow make_row(const Ticket& t, const TicketState& s, RowText& text) {
    std::string tags;
    for (size_t i = 0; i < s.tags.size(); ++i)
        (tags += i ? "\n" : "") += s.tags[i];
    TicketRow r;
    r.id = text.keep(t.id);
    r.title = text.keep(s.title);
    r.requester_name = text.keep(t.requester.name);
    r.requester_email = text.keep(t.requester.email);
    r.summary = text.keep(s.summary);
    r.assignee = text.keep(s.assignee);
    r.resolution = text.keep(s.resolution);
    r.path = text.keep(t.path);
    r.tags = text.keep(std::move(tags));
    r.timeline = text.keep(encode_timeline(t.events, t.priority));
    std::string ids = t.message_id;
    for (const Event& e : t.events)
        if (!e.message_id.empty()) (ids += ids.empty() ? "" : "\n") += e.message_id;
    r.message_ids = text.keep(std::move(ids));
    for (const Event& e : t.events) {
        if (!answers_requester(e.kind, !e.body.empty())) continue;
        auto lt = e.by.find(" <");
        r.first_agent = text.keep(e.by.substr(0, lt));
        break;
    }
    if (s.status == Status::closed)
        for (auto e = t.events.rbegin(); e != t.events.rend(); ++e)
            if (e->kind == EventKind::close) {
                r.closer = text.keep(e->by.substr(0, e->by.find(" <")));
                break;
            }
    r.audience = s.audience;
    r.priority = s.priority;
    r.status = s.status;
    r.waiting_on = s.waiting_on;
    r.created = t.created;
    r.last_activity = s.last_activity;
    r.followups = s.followups;
    r.last_agent_public = s.last_agent_public;
    r.hold_until = s.hold_until;
    r.quiet_held = s.quiet_held;
    return r;
}

} // namespace hd
