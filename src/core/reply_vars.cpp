#include "core/reply_vars.hpp"

namespace hd {

namespace {
const std::set<std::string> common{"requester_name", "requester_first_name",
                                   "agent_name",     "agent_first_name",
                                   "ticket_id",      "title",
                                   "summary",        "desk_name",
                                   "signature",      "message",
                                   "greeting_name",  "update_due",
                                   "response_due",   "ask"};
}

std::set<std::string> template_variables(std::string_view name) {
    std::set<std::string> out = common;
    if (name.starts_with("followup-")) out.insert({"days_waiting", "last_reply_date"});
    if (name.starts_with("close-")) out.insert({"explain", "duplicate_of"});
    if (name == "escalate") out.insert({"reference", "next_steps"});
    return out;
}

std::set<std::string> signature_variables() {
    std::set<std::string> out = common;
    out.erase("signature");
    out.insert("agent");
    return out;
}

std::string first_name(std::string_view full) {
    auto start = full.find_first_not_of(' ');
    if (start == std::string_view::npos) return "";
    full.remove_prefix(start);
    return std::string(full.substr(0, full.find(' ')));
}

TemplateVars followup_variables(const TicketState& s, Timestamp now) {
    auto days =
        std::chrono::duration_cast<std::chrono::hours>(now.utc - s.last_agent_public.utc).count() /
        24;
    return {{"days_waiting", std::to_string(days)},
            {"last_reply_date", format_rfc3339(s.last_agent_public).substr(0, 10)}};
}

std::string greeting_name(const Ticket& t, const TicketState& s) {
    return s.greet.empty() ? first_name(t.requester.name) : s.greet;
}

TemplateVars reply_variables(const Ticket& t, const TicketState& s, const Person& agent,
                             std::string_view desk_name, std::string_view message) {
    TemplateVars v{
        {"requester_name", t.requester.name},
        {"requester_first_name", first_name(t.requester.name)},
        {"greeting_name", greeting_name(t, s)},
        {"agent_name", agent.name},
        {"agent_first_name", first_name(agent.name)},
        {"ticket_id", t.id},
        {"title", s.title},
        {"summary", s.summary},
        {"desk_name", std::string(desk_name)},
        {"message", std::string(message)},
    };
    return v;
}

} // namespace hd
