#include "render/sync_render.hpp"

#include "core/display.hpp"
#include "core/timestamp.hpp"
#include "render/json.hpp"

#include <fmt/format.h>
#include <map>

namespace hd {

namespace {

// Event kinds as people count them, in the order totals are listed.
struct Noun {
    EventKind kind;
    const char* one;
    const char* many;
};
constexpr Noun nouns[] = {
    {EventKind::receive, "requester message", "requester messages"},
    {EventKind::reply, "reply", "replies"},
    {EventKind::followup, "follow-up", "follow-ups"},
    {EventKind::close, "close", "closes"},
    {EventKind::escalate, "escalation", "escalations"},
    {EventKind::reopen, "reopen", "reopens"},
    {EventKind::restate, "restatement", "restatements"},
    {EventKind::note, "note", "notes"},
    {EventKind::priority, "priority change", "priority changes"},
    {EventKind::assign, "assignment", "assignments"},
    {EventKind::tag, "tag change", "tag changes"},
    {EventKind::title, "title change", "title changes"},
    {EventKind::audience, "audience change", "audience changes"},
    {EventKind::greet, "greeting change", "greeting changes"},
    {EventKind::zone, "time zone change", "time zone changes"},
    {EventKind::snooze, "hold", "holds"},
};

std::string counted(size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "new ticket, 1 requester message, 2 replies"; created counts the ticket.
std::string tally(const std::map<EventKind, size_t>& counts, size_t created, bool per_ticket) {
    std::string out;
    auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
    if (created) add(per_ticket ? "new ticket" : counted(created, "new ticket", "new tickets"));
    for (const Noun& n : nouns)
        if (auto it = counts.find(n.kind); it != counts.end())
            add(counted(it->second, n.one, n.many));
    return out;
}

std::map<EventKind, size_t> counts_of(const IncomingTicket& t) {
    std::map<EventKind, size_t> c;
    for (const Event& e : t.events)
        ++c[e.kind];
    return c;
}

std::string label(const SyncResult& r) {
    return r.remote + "/" + r.branch;
}

} // namespace

std::string_view to_string(MergeKind k) {
    switch (k) {
    case MergeKind::up_to_date:
        return "up-to-date";
    case MergeKind::fast_forward:
        return "fast-forward";
    case MergeKind::merged:
        return "merged";
    }
    return "up-to-date";
}

std::string sync_summary_line(const SyncResult& r) {
    std::map<EventKind, size_t> all;
    size_t created = 0;
    for (const auto& t : r.incoming) {
        created += t.created;
        for (const auto& [k, n] : counts_of(t))
            all[k] += n;
    }
    std::string in = tally(all, created, false);
    return fmt::format("synced with {}: {}{}{}", label(r),
                       r.merge == MergeKind::up_to_date ? "nothing came in" : to_string(r.merge),
                       in.empty() ? "" : " (" + in + ")", r.pushed ? "; pushed" : "");
}

std::string render_sync_text(const SyncResult& r, bool dry_run) {
    std::string out;
    if (r.merge == MergeKind::up_to_date)
        out += fmt::format("{}: nothing new came in\n", label(r));
    else
        out +=
            fmt::format("{} {}: {}\n", dry_run ? "Would bring in from" : "From", label(r),
                        dry_run && r.merge == MergeKind::merged ? "would merge"
                                                                : std::string(to_string(r.merge)));
    std::map<EventKind, size_t> all;
    size_t created = 0;
    for (const auto& t : r.incoming) {
        auto c = counts_of(t);
        for (const auto& [k, n] : c)
            all[k] += n;
        created += t.created;
        std::string what = tally(c, t.created, true);
        out += fmt::format("  {}  {}  {}\n", t.id, what.empty() ? "edited" : what,
                           inert(t.title, Shape::line));
    }
    if (r.incoming.size() > 1) out += "In all: " + tally(all, created, false) + "\n";
    if (dry_run)
        out += "Dry run: nothing was merged or pushed.\n";
    else if (r.pushed)
        out += fmt::format(
            "Pushed to {}{}.\n", label(r),
            r.tries > 1 ? fmt::format(" (after {} tries: others pushed first)", r.tries) : "");
    else
        out += "Nothing to push.\n";
    return out;
}

nlohmann::ordered_json sync_json(const SyncResult& r, bool dry_run) {
    nlohmann::ordered_json j;
    j["remote"] = r.remote;
    j["branch"] = r.branch;
    j["result"] = to_string(r.merge);
    j["dry_run"] = dry_run;
    j["before"] = r.before;
    j["after"] = r.after;
    j["pushed"] = r.pushed;
    j["tries"] = r.tries;
    auto tickets = nlohmann::ordered_json::array();
    for (const auto& t : r.incoming) {
        nlohmann::ordered_json tj;
        tj["id"] = t.id;
        tj["title"] = t.title;
        tj["new"] = t.created;
        auto events = nlohmann::ordered_json::array();
        for (const Event& e : t.events)
            events.push_back({{"kind", std::string(to_string(e.kind))},
                              {"at", format_rfc3339(e.at)},
                              {"by", e.by}});
        tj["events"] = events;
        tickets.push_back(tj);
    }
    j["incoming"] = tickets;
    return j;
}

} // namespace hd
