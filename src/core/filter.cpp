#include "core/filter.hpp"

#include <algorithm>

namespace hd {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

template <typename T> bool allowed(const std::vector<T>& set, const T& v) {
    return set.empty() || std::find(set.begin(), set.end(), v) != set.end();
}

} // namespace

bool ListFilter::matches(const Ticket& t, const TicketState& s) const {
    if (statuses.empty()) {
        if (!all && s.status == Status::closed) return false;
    } else if (!allowed(statuses, s.status)) {
        return false;
    }
    if (!allowed(priorities, s.priority) || !allowed(audiences, t.audience)) return false;
    for (const auto& tag : tags)
        if (std::find(s.tags.begin(), s.tags.end(), tag) == s.tags.end()) return false;
    if (!requester.empty()) {
        std::string needle = lower(requester);
        if (lower(t.requester.name).find(needle) == std::string::npos &&
            lower(t.requester.email).find(needle) == std::string::npos)
            return false;
    }
    if (!assignee.empty() && s.assignee != assignee) return false;
    return true;
}

} // namespace hd
