#include "core/ticket.hpp"

#include "core/display.hpp"

#include <array>
#include <utility>

namespace hd {

namespace {

template <typename E, size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view s) {
    for (auto& [value, name] : table)
        if (name == s) return value;
    return std::nullopt;
}

template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
    for (auto& [value, name] : table)
        if (value == v) return name;
    return "?";
}

constexpr std::array<std::pair<Audience, std::string_view>, 2> audiences{{
    {Audience::end_user, "end-user"},
    {Audience::client, "client"},
}};

constexpr std::array<std::pair<Priority, std::string_view>, 4> priorities{{
    {Priority::low, "low"},
    {Priority::normal, "normal"},
    {Priority::high, "high"},
    {Priority::urgent, "urgent"},
}};

constexpr std::array<std::pair<EventKind, std::string_view>, 16> kinds{{
    {EventKind::note, "note"},
    {EventKind::receive, "receive"},
    {EventKind::reply, "reply"},
    {EventKind::restate, "restate"},
    {EventKind::followup, "followup"},
    {EventKind::close, "close"},
    {EventKind::escalate, "escalate"},
    {EventKind::reopen, "reopen"},
    {EventKind::priority, "priority"},
    {EventKind::assign, "assign"},
    {EventKind::tag, "tag"},
    {EventKind::title, "title"},
    {EventKind::audience, "audience"},
    {EventKind::greet, "greet"},
    {EventKind::zone, "zone"},
    {EventKind::snooze, "snooze"},
}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

std::string_view to_string(Audience a) {
    return name_of(audiences, a);
}
std::string_view to_string(Priority p) {
    return name_of(priorities, p);
}
std::string_view to_string(EventKind k) {
    return name_of(kinds, k);
}
std::optional<Audience> parse_audience(std::string_view s) {
    return lookup(audiences, s);
}
std::optional<Priority> parse_priority(std::string_view s) {
    return lookup(priorities, s);
}
std::optional<EventKind> parse_event_kind(std::string_view s) {
    return lookup(kinds, s);
}

std::string Person::display() const {
    if (name.empty()) return "<" + email + ">";
    return name + " <" + email + ">";
}

std::optional<Person> parse_person(std::string_view text) {
    // A name or address that could break a line or steer a terminal would
    // carry that into every listing, header and commit that names them.
    if (find_hostile(text)) return std::nullopt;
    text = trim(text);
    auto lt = text.rfind('<');
    Person p;
    if (lt != std::string_view::npos) {
        if (text.back() != '>') return std::nullopt;
        p.email = std::string(trim(text.substr(lt + 1, text.size() - lt - 2)));
        p.name = std::string(trim(text.substr(0, lt)));
        if (p.name.size() >= 2 && p.name.front() == '"' && p.name.back() == '"')
            p.name = p.name.substr(1, p.name.size() - 2);
    } else {
        p.email = std::string(text);
    }
    if (!is_mail_address(p.email)) return std::nullopt;
    // "Ana <a@x>, Bob <b@y>" is two people, not one named "Ana <a@x>, Bob".
    if (p.name.find_first_of("<>") != std::string::npos) return std::nullopt;
    if (p.name.empty()) p.name = p.email.substr(0, p.email.find('@'));
    return p;
}

bool is_mail_address(std::string_view email) {
    auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == email.size()) return false;
    if (email.find('@', at + 1) != std::string_view::npos) return false;
    for (unsigned char c : email)
        if (c <= 0x20 || c == 0x7f ||
            std::string_view(",;<>\"()[]\\").find(static_cast<char>(c)) != std::string_view::npos)
            return false;
    return true;
}

} // namespace hd
