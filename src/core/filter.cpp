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

bool ListFilter::matches(const TicketRow& r) const {
    if (statuses.empty()) {
        if (!all && r.status == Status::closed) return false;
    } else if (!allowed(statuses, r.status)) {
        return false;
    }
    if (!allowed(priorities, r.priority) || !allowed(audiences, r.audience) ||
        !allowed(waiting_on, r.waiting_on))
        return false;
    for (const auto& tag : tags)
        if (!r.has_tag(tag)) return false;
    if (!requester.empty()) {
        std::string needle = lower(requester);
        if (lower(r.requester_name).find(needle) == std::string::npos &&
            lower(r.requester_email).find(needle) == std::string::npos)
            return false;
    }
    if (!assignee.empty() && r.assignee != assignee) return false;
    return true;
}

} // namespace hd
