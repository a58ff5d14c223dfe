#include "service/mail_in.hpp"

#include "core/error.hpp"
#include "core/mail_text.hpp"
#include "core/utf8.hpp"
#include "mail/message.hpp"
#include "service/record.hpp"
#include "store/git_ptr.hpp"

#include <fmt/format.h>

namespace hd {

namespace {

// A name that is safe as one file in the ticket's folder: no directories,
// no controls, not hidden, not taken for a ticket file.
std::string safe_name(std::string_view name, size_t n) {
    if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
        name = name.substr(slash + 1);
    std::string out;
    for (unsigned char c : name)
        if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
    if (find_invalid_utf8(out)) out.clear();
    while (!out.empty() && (out.front() == '.' || out.front() == ' '))
        out.erase(0, 1);
    if (out.size() > 120) {
        size_t cut = 120;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut;
        out.resize(cut);
    }
    if (out.empty()) out = fmt::format("attachment-{}", n);
    if (out.ends_with(".toml")) out += "_";
    return out;
}

std::string size_text(size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return fmt::format("{}MB", bytes >> 20);
    if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return fmt::format("{}KB", bytes >> 10);
    return fmt::format("{} byte{}", bytes, bytes == 1 ? "" : "s");
}

// Where a ticket's mail is kept: beside its file, in "<ID>.d/".
std::string folder_of(const std::string& ticket_path, const std::string& id) {
    return ticket_path.substr(0, ticket_path.rfind('/') + 1) + id + ".d/";
}

struct Kept {
    std::vector<FileWrite> files;
    std::string original;                 // relative to the ticket file's folder
    std::vector<std::string> attachments; // as the event lists them
};

Kept keep_mail(const MailIn& m, std::string_view raw, const std::string& key,
               const std::string& ticket_path, const std::string& id, const MailConfig& limits) {
    Kept k;
    std::string folder = folder_of(ticket_path, id);
    std::string relative = id + ".d/";
    k.files.push_back({folder + key + ".eml", std::string(raw)});
    k.original = relative + key + ".eml";
    std::set<std::string> used;
    for (size_t i = 0; i < m.attachments.size(); ++i) {
        const MailAttachment& a = m.attachments[i];
        std::string name = safe_name(a.name, i + 1);
        for (int n = 2; used.count(name); ++n)
            name = fmt::format("{}-{}", n, safe_name(a.name, i + 1));
        used.insert(name);
        std::string type = a.type.empty() ? "application/octet-stream" : a.type;
        if (a.data.size() > limits.attachment_limit) {
            k.attachments.push_back(fmt::format("{} ({}, {} bytes; not stored: over the {} limit)",
                                                name, type, a.data.size(),
                                                size_text(limits.attachment_limit)));
            continue;
        }
        k.files.push_back({folder + key + "/" + name, a.data});
        k.attachments.push_back(
            fmt::format("{}{}/{} ({}, {} bytes)", relative, key, name, type, a.data.size()));
    }
    return k;
}

} // namespace

std::string_view to_string(MailReceipt::Outcome o) {
    switch (o) {
    case MailReceipt::Outcome::opened:
        return "opened";
    case MailReceipt::Outcome::appended:
        return "appended";
    case MailReceipt::Outcome::duplicate:
        return "duplicate";
    case MailReceipt::Outcome::automatic:
        return "automatic";
    case MailReceipt::Outcome::refused:
        return "refused";
    }
    return "refused";
}

MailIntake::MailIntake(Context& ctx, Desk& desk, const Config& config)
    : turn_(*desk.repo, "hd-mail.lock", ctx.env, 120,
            "another mail intake is running in this clone"),
      ctx_(ctx), desk_(desk), config_(config) {
    auto rows = desk.store->load_rows([](const TicketRow&) { return true; });
    for (const TicketRow& r : rows->rows) {
        tickets_.emplace(r.id);
        for (auto id : r.message_id_list())
            by_message_.emplace(std::string(id), std::string(r.id));
    }
    // Their Message-IDs are unknown: an answer to one could open a new ticket.
    for (const BrokenTicket& b : rows->broken) {
        std::string name = b.path.substr(b.path.rfind('/') + 1);
        unreadable_.insert(name.substr(0, name.rfind('.')));
    }
    if (!rows->broken.empty())
        *ctx.err << fmt::format("hd: {} ticket file(s) cannot be read (hd check says why); mail "
                                "answering them may open new tickets until they are fixed\n",
                                rows->broken.size());
}

MailReceipt MailIntake::take(std::string_view raw, const std::string& source,
                             const std::string& into) {
    MailReceipt out;
    out.source = source;
    if (raw.size() > config_.mail.max_message) {
        out.reason = fmt::format("the message is {} bytes, over the {} limit ([mail] max_message)",
                                 raw.size(), size_text(config_.mail.max_message));
        return out;
    }
    MailIn m;
    try {
        m = parse_mail(raw, source);
    } catch (const Error& e) {
        out.reason = e.message();
        return out;
    }
    out.from = m.from.display();
    if (!m.automatic.empty()) {
        out.outcome = MailReceipt::Outcome::automatic;
        out.reason = m.automatic;
        return out;
    }
    std::string key = git::short_hash(raw);
    // A message without a Message-ID is known by its bytes.
    std::string message_id = m.message_id.empty() ? key + "@hd.no-message-id" : m.message_id;
    if (auto known = by_message_.find(message_id); known != by_message_.end()) {
        out.outcome = MailReceipt::Outcome::duplicate;
        out.id = known->second;
        return out;
    }

    std::string id = into;
    if (id.empty()) {
        // The newest reference first: it names the message answered.
        std::vector<std::string> refs = m.in_reply_to;
        refs.insert(refs.end(), m.references.rbegin(), m.references.rend());
        for (const auto& ref : refs)
            if (auto t = by_message_.find(ref); t != by_message_.end()) {
                id = t->second;
                break;
            }
    }
    if (id.empty())
        if (auto tagged = subject_ticket(m.subject)) {
            if (unreadable_.count(*tagged)) {
                out.reason = fmt::format("it answers ticket {}, whose file hd cannot read; fix it "
                                         "(hd check), then take the message in again",
                                         *tagged);
                return out;
            }
            if (tickets_.count(*tagged)) id = *tagged;
        }

    std::string text = new_text(m.text);
    out.attachments = m.attachments.size();
    if (id.empty()) {
        Ticket draft;
        draft.title = clean_subject(m.subject);
        if (draft.title.empty()) draft.title = "(no subject)";
        draft.requester = m.from;
        draft.body = text;
        draft.message_id = message_id;
        id = create_ticket(ctx_, desk_, draft,
                           [&](Ticket& t) {
                               Kept k = keep_mail(m, raw, key, desk_.store->path_of(t.id), t.id,
                                                  config_.mail);
                               t.original = k.original;
                               t.attachments = k.attachments;
                               return k.files;
                           },
                           {{"Hd-Message-Id", message_id}});
        out.outcome = MailReceipt::Outcome::opened;
        out.title = draft.title;
    } else {
        Kept k = keep_mail(m, raw, key, desk_.store->path_of(id), id, config_.mail);
        record_event(
            ctx_, desk_, id, "receive",
            [&](const Ticket& t, const Person&, Timestamp now) {
                out.title = t.title;
                Event e{
                    .kind = EventKind::receive, .at = now, .by = m.from.display(), .body = text};
                e.message_id = message_id;
                e.original = k.original;
                e.attachments = k.attachments;
                return e;
            },
            {{"Hd-Message-Id", message_id}}, k.files);
        out.outcome = MailReceipt::Outcome::appended;
    }
    out.id = id;
    by_message_.emplace(message_id, id);
    tickets_.insert(id);
    return out;
}

} // namespace hd
