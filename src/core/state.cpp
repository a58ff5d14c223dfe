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
            ++st.public_replies;
            if (e.kind == EventKind::followup) ++st.followups;
            st.last_agent_public = e.at;
            turn = WaitingOn::requester;
            break;
        case EventKind::restate:
            st.summary = e.summary;
            break;
        case EventKind::close:
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
        }
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

bool is_public(const Event& e) {
    return e.kind == EventKind::receive || answers_requester(e.kind, !e.body.empty());
}

} // namespace hd
