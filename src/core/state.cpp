#include "core/state.hpp"

#include "core/timeline.hpp"

#include <algorithm>
#include <array>

namespace hd {

namespace {
constexpr std::array<std::string_view, 5> status_names{"new", "open", "waiting", "escalated",
                                                       "closed"};
constexpr std::array<std::string_view, 4> waiting_names{"us", "requester", "engineering", "nobody"};
} // namespace

std::string_view to_string(Status s) {
    return status_names[static_cast<size_t>(s)];
}
std::string_view to_string(WaitingOn w) {
    return waiting_names[static_cast<size_t>(w)];
}

std::optional<Status> parse_status(std::string_view s) {
    for (size_t i = 0; i < status_names.size(); ++i)
        if (status_names[i] == s) return static_cast<Status>(i);
    return std::nullopt;
}

std::optional<WaitingOn> parse_waiting_on(std::string_view s) {
    for (size_t i = 0; i < waiting_names.size(); ++i)
        if (waiting_names[i] == s) return static_cast<WaitingOn>(i);
    return std::nullopt;
}

TicketState derive_state(const Ticket& t) {
    TicketState st;
    st.title = t.title;
    st.audience = t.audience;
    st.greet = t.greet;
    st.zone = t.zone;
    st.summary = t.summary;
    st.priority = t.priority;
    st.tags = t.tags;
    st.last_activity = t.created;
    bool closed = false, escalated = false;
    WaitingOn turn = WaitingOn::us;

    for (const Event& e : t.events) {
        if (e.at > st.last_activity) st.last_activity = e.at;
        switch (e.kind) {
        case EventKind::note:
            ++st.notes;
            break;
        case EventKind::receive:
            ++st.messages;
            st.followups = 0;
            if (closed) ++st.reopenings;
            // A requester writing to a closed ticket reopens it.
            if (closed) closed = escalated = false;
            turn = WaitingOn::us;
            break;
        case EventKind::reply:
        case EventKind::followup:
            // Counted as well: a closing reply (below) and an escalation's.
            ++st.public_replies;
            if (e.kind == EventKind::followup) ++st.followups;
            st.last_agent_public = e.at;
            turn = WaitingOn::requester;
            break;
        case EventKind::restate:
            st.summary = e.summary;
            break;
        case EventKind::close:
            // A closing reply is a public reply, so it is the first response
            // when it is the first thing the requester hears.
            if (answers_requester(e.kind, !e.body.empty())) {
                ++st.public_replies;
                st.last_agent_public = e.at;
            }
            closed = true;
            escalated = false;
            st.resolution = e.resolution;
            break;
        case EventKind::escalate:
            escalated = true;
            ++st.public_replies; // the requester is told the next steps
            st.last_agent_public = e.at;
            turn = WaitingOn::requester;
            break;
        case EventKind::reopen:
            if (closed) ++st.reopenings;
            st.followups = 0;
            closed = escalated = false;
            turn = WaitingOn::us;
            break;
        case EventKind::priority:
            if (e.priority) st.priority = *e.priority;
            break;
        case EventKind::assign:
            st.assignee = e.assignee;
            break;
        case EventKind::tag:
            for (auto& tag : e.add)
                if (std::find(st.tags.begin(), st.tags.end(), tag) == st.tags.end())
                    st.tags.push_back(tag);
            for (auto& tag : e.remove)
                std::erase(st.tags, tag);
            break;
        case EventKind::title:
            st.title = e.title;
            break;
        case EventKind::audience:
            if (e.audience) st.audience = *e.audience;
            break;
        case EventKind::greet:
            st.greet = e.greet;
            break;
        case EventKind::zone:
            st.zone = e.zone;
            break;
        case EventKind::snooze:
            break;
        }
    }
    st.holds = hold_stretches(t.events);
    if (!st.holds.empty()) st.hold_until = st.holds.back().to;
    for (const Hold& h : st.holds) {
        Timestamp from = h.from < st.last_agent_public ? st.last_agent_public : h.from;
        if (from < h.to)
            st.quiet_held += std::chrono::duration_cast<std::chrono::seconds>(h.to.utc - from.utc);
    }
    if (!closed) st.resolution.clear();

    if (closed) {
        st.status = Status::closed;
        st.waiting_on = WaitingOn::nobody;
    } else if (escalated) {
        st.status = Status::escalated;
        st.waiting_on = turn == WaitingOn::us ? WaitingOn::us : WaitingOn::engineering;
    } else if (st.public_replies == 0) {
        st.status = Status::fresh;
        st.waiting_on = WaitingOn::us;
    } else {
        st.status = turn == WaitingOn::requester ? Status::waiting : Status::open;
        st.waiting_on = turn;
    }
    return st;
}

Person assignee_or(const TicketState& s, const Person& fallback) {
    if (auto p = parse_person(s.assignee)) return *p;
    return fallback;
}

bool is_public(const Event& e) {
    return e.kind == EventKind::receive || answers_requester(e.kind, !e.body.empty());
}

} // namespace hd
