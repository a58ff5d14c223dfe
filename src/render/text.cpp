#include "render/text.hpp"

#include "core/display.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hd {

namespace {

struct Paint {
    bool on;
    std::string operator()(std::string_view code, std::string_view s) const {
        if (!on) return std::string(s);
        return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
    }
};

std::string_view status_color(Status s) {
    switch (s) {
    case Status::fresh:
        return "1;33";
    case Status::open:
        return "33";
    case Status::waiting:
        return "36";
    case Status::escalated:
        return "35";
    case Status::closed:
        return "2";
    }
    return "0";
}

// A message, inert, each line indented.
std::string indent(std::string_view raw, std::string_view pad) {
    std::string shown = inert(raw, Shape::block);
    std::string_view text = shown;
    std::string out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        std::string_view line = text.substr(start, nl == std::string_view::npos ? nl : nl - start);
        out += line.empty() ? "" : std::string(pad);
        out += line;
        out += '\n';
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return out;
}

std::string line(std::string_view s) {
    return inert(s, Shape::line);
}

std::string event_headline(const Event& e) {
    switch (e.kind) {
    case EventKind::note:
        return "internal note";
    case EventKind::receive:
        return "message from requester";
    case EventKind::reply:
        return e.ask ? "reply (clarifying question)" : "reply";
    case EventKind::restate:
        return "restated: " + line(e.summary);
    case EventKind::followup:
        return fmt::format("follow-up {}", e.followup);
    case EventKind::close:
        return "closed as " + line(e.resolution) + (e.of.empty() ? "" : " of " + line(e.of)) +
               (e.force ? " (rule overridden)" : "");
    case EventKind::escalate:
        return "escalated to " + line(e.to);
    case EventKind::reopen:
        return "reopened";
    case EventKind::priority:
        return "priority set to " + std::string(to_string(*e.priority));
    case EventKind::assign:
        return e.assignee.empty() ? "unassigned" : "assigned to " + line(e.assignee);
    case EventKind::tag: {
        std::string s = "tags";
        for (auto& t : e.add)
            s += " +" + line(t);
        for (auto& t : e.remove)
            s += " -" + line(t);
        return s;
    }
    case EventKind::title:
        return "title set to " + line(e.title);
    case EventKind::audience:
        return "audience set to " + std::string(to_string(*e.audience));
    case EventKind::greet:
        return e.greet.empty() ? "greeted by first name again" : "greet as " + line(e.greet);
    case EventKind::zone:
        return e.zone.empty() ? "time zone unknown" : "time zone " + line(e.zone);
    case EventKind::snooze:
        if (!(e.at < e.until))
            return "hold ended" + (e.reason.empty() ? "" : ": " + line(e.reason));
        return "on hold until " + format_rfc3339(e.until) +
               (e.reason.empty() ? "" : ": " + line(e.reason));
    }
    return "";
}

// Names without the address keep the thread readable.
std::string short_name(std::string_view by) {
    auto lt = by.find(" <");
    return line(lt == std::string_view::npos ? by : by.substr(0, lt));
}

// Every time in the viewer's offset, so a thread from several zones reads in order.
std::string when(const Timestamp& t, int offset) {
    auto lt = local_fields(with_offset(t, offset));
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", lt.year, lt.month, lt.day, lt.hour,
                       lt.minute);
}

std::string pad(std::string_view s, size_t width) {
    std::string out(s);
    for (size_t w = display_width(s); w < width; ++w)
        out += ' ';
    return out;
}

} // namespace

// Where a mail's original and attachments are kept, one line each.
static std::string mail_lines(const std::string& original,
                              const std::vector<std::string>& attachments) {
    std::string out;
    if (!original.empty()) out += "  Original mail: " + inert(original, Shape::line) + "\n";
    for (const auto& a : attachments)
        out += "  Attachment:    " + inert(a, Shape::line) + "\n";
    return out;
}

std::string render_ticket_text(const Ticket& t, const TicketState& s, Timestamp now, bool color) {
    Paint paint{color};
    int zone = now.offset_minutes;
    std::string out;
    out += fmt::format("{} {}\n", paint("1", t.id), paint("1", line(s.title)));
    out += fmt::format("{} · {} · {} · waiting on {}\n",
                       paint(status_color(s.status), to_string(s.status)), to_string(s.priority),
                       to_string(s.audience), to_string(s.waiting_on));
    out += fmt::format("Requester: {}\n", line(t.requester.display()));
    if (!s.greet.empty() || !s.zone.empty())
        out += fmt::format("Greet as:  {}{}\n", line(s.greet.empty() ? "(first name)" : s.greet),
                           s.zone.empty() ? "" : " · time zone " + line(s.zone));
    out += fmt::format("Created:   {} ({} ago)\n", when(t.created, zone),
                       format_age(now.utc - t.created.utc));
    if (!s.summary.empty())
        out += fmt::format("Summary:   {}\n", line(s.summary));
    else
        out += fmt::format("Summary:   {}\n", paint("2", "(not restated yet: hd restate)"));
    if (!s.assignee.empty()) out += fmt::format("Assignee:  {}\n", line(s.assignee));
    if (!s.tags.empty())
        out += fmt::format("Tags:      {}\n", line(fmt::format("{}", fmt::join(s.tags, ", "))));
    if (!s.resolution.empty()) out += fmt::format("Resolved:  {}\n", line(s.resolution));
    if (now < s.hold_until) out += fmt::format("On hold:   until {}\n", when(s.hold_until, zone));
    out += fmt::format("File:      {}\n", line(t.path));
    if (!t.body.empty()) {
        out += fmt::format("\n{} {} · {}\n", paint("1", "▸"), short_name(t.requester.display()),
                           when(t.created, zone));
        out += indent(t.body, "  ");
    }
    if (!t.original.empty() && t.body.empty())
        out += fmt::format("\n{} {} · {}\n", paint("1", "▸"), short_name(t.requester.display()),
                           when(t.created, zone));
    out += mail_lines(t.original, t.attachments);
    for (const Event& e : t.events) {
        bool internal = !is_public(e);
        std::string head =
            fmt::format("{} · {} · {}", short_name(e.by), when(e.at, zone), event_headline(e));
        if (e.kind != EventKind::receive && !e.message_id.empty())
            head += e.unconfirmed ? " · by mail, not confirmed sent" : " · by mail";
        out += fmt::format("\n{} {}\n", paint(internal ? "2" : "1", internal ? "·" : "▸"),
                           e.kind == EventKind::note ? paint("2", head + " (not sent)")
                           : internal                ? paint("2", head)
                                                     : head);
        if (!e.body.empty()) out += indent(e.body, e.kind == EventKind::note ? "  │ " : "  ");
        if (!e.explain.empty()) out += "\n" + indent("Why not simply solved: " + e.explain, "  │ ");
        // A snooze's reason is in its headline; a close's says why a rule gave way.
        if (!e.reason.empty() && e.kind == EventKind::close)
            out += "\n" + indent("Rule overridden because: " + e.reason, "  │ ");
        if (!e.next_steps.empty()) out += "\n" + indent("Next steps told: " + e.next_steps, "  │ ");
        out += mail_lines(e.original, e.attachments);
    }
    return out;
}

std::string render_list_text(const std::vector<const TicketRow*>& rows, Timestamp now, bool color,
                             size_t columns, const std::vector<std::string>& below) {
    Paint paint{color};
    std::vector<std::string> names, assignees, titles;
    names.reserve(rows.size());
    assignees.reserve(rows.size());
    titles.reserve(rows.size());
    size_t req_w = 9, as_w = 0, title_w = 5;
    for (const TicketRow* r : rows) {
        names.push_back(line(r->requester_name));
        assignees.push_back(r->assignee.empty() ? "" : short_name(r->assignee));
        titles.push_back(line(r->title));
        req_w = std::max(req_w, std::min<size_t>(24, display_width(names.back())));
        if (!assignees.back().empty())
            as_w =
                std::max<size_t>({as_w, 8, std::min<size_t>(20, display_width(assignees.back()))});
        title_w = std::max(title_w, display_width(titles.back()));
    }
    // ID, status, priority and age, each with the two spaces after it.
    constexpr size_t fixed = 9 + 11 + 8 + 6;
    if (columns) {
        // The title gets what the terminal has left; names give way to it
        // down to their headings' width when that is not enough to read.
        auto left = [&] {
            size_t used = fixed + req_w + 2 + (as_w ? as_w + 2 : 0);
            return columns > used ? columns - used : 0;
        };
        while (left() < std::min<size_t>(title_w, 20) && (req_w > 9 || as_w > 8)) {
            if (as_w > 8 && as_w >= req_w)
                --as_w;
            else
                --req_w;
        }
        title_w = std::min(title_w, std::max<size_t>(left(), 5));
    }
    std::string head = fmt::format("{:<7}  {:<9}  {:<6}  {:>4}  {}  ", "ID", "STATUS", "PRIO",
                                   "AGE", pad("REQUESTER", req_w));
    if (as_w) head += pad("ASSIGNEE", as_w) + "  ";
    std::string out = paint("1", head + "TITLE") + "\n";
    for (size_t i = 0; i < rows.size(); ++i) {
        const TicketRow* r = rows[i];
        out +=
            fmt::format("{}  {}  {:<6}  {:>4}  {}  ", paint("33", r->id),
                        paint(status_color(r->status), fmt::format("{:<9}", to_string(r->status))),
                        to_string(r->priority), format_age(now.utc - r->created.utc),
                        pad(fit_width(names[i], req_w), req_w));
        if (as_w) out += pad(fit_width(assignees[i], as_w), as_w) + "  ";
        out += fit_width(titles[i], title_w) + "\n";
        if (i < below.size()) out += "    " + line(below[i]) + "\n";
    }
    return out;
}

std::string describe_event(const Event& e) {
    return event_headline(e);
}

} // namespace hd
