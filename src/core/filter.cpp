#include "core/filter.hpp"

#include <algorithm>

namespace hd {

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_person(std::string_view who, std::string_view email) {
    auto p = parse_person(who);
    return p && !email.empty() && ascii_lower(p->email) == ascii_lower(email);
}

namespace {

bool contains_folded(std::string_view hay, std::string_view needle) {
    return ascii_lower(hay).find(ascii_lower(needle)) != std::string::npos;
}

template <typename T> bool allowed(const std::vector<T>& set, const T& v) {
    return set.empty() || std::find(set.begin(), set.end(), v) != set.end();
}

} // namespace

bool ListFilter::reads_text() const {
    return !tags.empty() || !requester.empty() || !assignee.empty() || !assignee_email.empty() ||
           unassigned;
}

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
    if (!requester.empty() && !contains_folded(r.requester_name, requester) &&
        !contains_folded(r.requester_email, requester))
        return false;
    if (!assignee.empty() && !contains_folded(r.assignee, assignee)) return false;
    if (!assignee_email.empty() && !is_person(r.assignee, assignee_email)) return false;
    if (unassigned && !r.assignee.empty()) return false;
    return true;
}

} // namespace hd
