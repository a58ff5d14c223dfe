#include "render/mail_render.hpp"

#include "core/display.hpp"

#include <fmt/format.h>
#include <map>

namespace hd {

namespace {

std::string line(std::string_view s) {
    return inert(s, Shape::line);
}

} // namespace

std::string render_receipt(const MailReceipt& r) {
    using O = MailReceipt::Outcome;
    std::string attached = r.attachments ? fmt::format(" ({} attachment{})", r.attachments,
                                                       r.attachments == 1 ? "" : "s")
                                         : "";
    switch (r.outcome) {
    case O::opened:
        return fmt::format("{}  new ticket from {}{}: {}\n", r.id, line(r.from), attached,
                           line(r.title));
    case O::appended:
        return fmt::format("{}  requester message from {}{}: {}\n", r.id, line(r.from), attached,
                           line(r.title));
    case O::duplicate:
        return fmt::format("{}  already recorded: {}\n", r.id, line(r.source));
    case O::automatic:
        return fmt::format("skipped {}: not a person's message ({}); nothing recorded or sent\n",
                           line(r.source), line(r.reason));
    case O::refused:
        return fmt::format("refused {}: {}\n", line(r.source), line(r.reason));
    }
    return "";
}

std::string render_receipt_totals(const std::vector<MailReceipt>& all) {
    std::map<MailReceipt::Outcome, size_t> n;
    for (const auto& r : all)
        ++n[r.outcome];
    using O = MailReceipt::Outcome;
    struct Part {
        O outcome;
        const char *one, *many;
    };
    constexpr Part parts[] = {
        {O::opened, "new ticket", "new tickets"},
        {O::appended, "requester message", "requester messages"},
        {O::duplicate, "already recorded", "already recorded"},
        {O::automatic, "automatic (skipped)", "automatic (skipped)"},
        {O::refused, "refused", "refused"},
    };
    std::string out;
    for (const Part& p : parts)
        if (size_t k = n[p.outcome])
            out += fmt::format("{}{} {}", out.empty() ? "" : ", ", k, k == 1 ? p.one : p.many);
    return fmt::format("{} message{}{}{}\n", all.size(), all.size() == 1 ? "" : "s",
                       out.empty() ? "" : ": ", out);
}

nlohmann::ordered_json receipts_json(const std::vector<MailReceipt>& all) {
    auto arr = nlohmann::ordered_json::array();
    for (const auto& r : all) {
        nlohmann::ordered_json j;
        j["source"] = r.source;
        j["outcome"] = to_string(r.outcome);
        j["id"] = r.id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.id);
        j["title"] =
            r.id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.title);
        j["from"] = r.from;
        j["attachments"] = r.attachments;
        j["reason"] =
            r.reason.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.reason);
        arr.push_back(j);
    }
    return arr;
}

} // namespace hd
