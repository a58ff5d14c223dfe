#include "service/mail_out.hpp"

#include "core/commit_text.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/event_order.hpp"
#include "core/toml_text.hpp"
#include "mail/compose.hpp"
#include "service/record.hpp"
#include "store/files.hpp"
#include "store/git_ptr.hpp"
#include "store/journal.hpp"
#include "store/process.hpp"
#include "store/ticket_parse.hpp"
#include "store/transaction.hpp"

#include <algorithm>
#include <dirent.h>
#include <filesystem>
#include <fmt/format.h>
#include <ostream>
#include <unistd.h>

namespace hd {

namespace {

std::string outbox_dir(const Repo& repo) {
    return repo.gitdir() + "hd-outbox/";
}

std::vector<std::string> outbox_entries(const Repo& repo) {
    std::vector<std::string> out;
    std::string dir = outbox_dir(repo);
    DIR* d = ::opendir(dir.c_str());
    if (!d) return out;
    while (const dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name.ends_with(".mail")) out.push_back(dir + std::string(name));
    }
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

// An outbox entry: "word value" lines as in the journal (message, ticket
// and the owner's), then a line "event" and the event's TOML as hd would
// append it, already marked unconfirmed.
struct Entry {
    std::string message_id, ticket_path, event_text;
    std::optional<ProcessId> owner;
};

std::string render_entry(const Entry& e) {
    return fmt::format("message {}\nticket {}\n", e.message_id, e.ticket_path) +
           render_owner(*e.owner) + "event\n" + e.event_text;
}

std::optional<Entry> parse_entry(const std::string& text) {
    size_t mark = text.find("\nevent\n");
    if (mark == std::string::npos) return std::nullopt;
    Entry e;
    std::string head = text.substr(0, mark + 1);
    for (size_t at = 0; at < head.size();) {
        size_t nl = head.find('\n', at);
        std::string_view line(head.data() + at, nl - at);
        if (line.starts_with("message ")) e.message_id = line.substr(8);
        if (line.starts_with("ticket ")) e.ticket_path = line.substr(7);
        at = nl + 1;
    }
    e.owner = parse_journal(head).owner;
    e.event_text = text.substr(mark + 7);
    if (e.message_id.empty() || e.ticket_path.empty()) return std::nullopt;
    return e;
}

} // namespace

Mailer::Mode mail_mode(const Config& config, bool send, bool no_send, bool print, bool dry_run) {
    if (send && no_send) throw Error(Exit::usage, "--send and --no-send contradict each other");
    if (print && send)
        throw Error(Exit::usage,
                    "--print-email prints the mail instead of sending it; not with --send");
    bool sending = send || (config.mail.send && !no_send && !print);
    Mailer::Mode mode = print     ? Mailer::Mode::print
                        : sending ? Mailer::Mode::send
                                  : Mailer::Mode::record;
    if (mode != Mailer::Mode::record && config.mail.address.empty())
        throw Error(Exit::usage, "mail needs the desk's address: set [mail] address in hd.toml "
                                 "(\"Support <support@example.org>\")");
    if (dry_run && mode != Mailer::Mode::record) mode = Mailer::Mode::preview;
    return mode;
}

Mailer::Mailer(Context& ctx, Desk& desk, const Config& config, Mode mode)
    : ctx_(ctx), desk_(desk), config_(config), mode_(mode) {}

// Entries left here were sent and not recorded: the next run records them.
Mailer::~Mailer() = default;

void Mailer::deliver(const Ticket& t, Event& e) {
    if (mode_ == Mode::record) return;
    e.message_id = make_message_id(config_.mail.address, t.id, e.at, ctx_.random());
    OutgoingHeaders h{config_.mail.address, config_.mail.reply_to,  e.message_id,
                      thread_of(t),         last_from_requester(t), e.at};
    std::string mail = compose_mail(t, e, h);
    if (mode_ == Mode::preview) {
        *ctx_.out << "--- hd would send this mail (nothing was sent) ---\n"
                  << inert(mail, Shape::block) << '\n';
        return;
    }
    if (mode_ == Mode::print) {
        // Raw for a pipe (into sendmail, say); inert for a person's terminal.
        *ctx_.out << (ctx_.stdout_tty ? inert(mail, Shape::block) : mail);
        return;
    }
    Event marked = e;
    marked.unconfirmed = true;
    Entry entry{e.message_id, t.path, render_event(marked), this_process()};
    std::string dir = outbox_dir(*desk_.repo);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::string file = dir + git::short_hash(e.message_id) + ".mail";
    write_file_atomic(file, render_entry(entry));
    ProcessResult r =
        run_process({"sh", "-c", config_.mail.command}, desk_.repo->workdir(), {}, mail);
    if (r.status != 0) {
        remove_file(file);
        std::string said = r.err.empty() ? r.out : r.err;
        while (!said.empty() && (said.back() == '\n' || said.back() == ' '))
            said.pop_back();
        throw Error(Exit::external,
                    fmt::format("the mail command ({}) failed with exit {}; nothing was sent or "
                                "recorded for {}{}",
                                config_.mail.command, r.status, t.id,
                                said.empty() ? "" : ":\n" + said));
    }
    entries_.push_back(file);
}

bool Mailer::deliver_or_skip(const Ticket& t, Event& e, std::string& skip) {
    try {
        deliver(t, e);
        return true;
    } catch (const Error& err) {
        if (err.code() != Exit::external) throw;
        skip = err.what();
        ++failed_;
        return false;
    }
}

void Mailer::recorded() {
    for (const auto& f : entries_)
        remove_file(f);
    entries_.clear();
}

std::string outbox_notice(const Repo& repo) {
    size_t n = outbox_entries(repo).size();
    if (n == 0) return "";
    return fmt::format("{} message(s) sent as mail by an hd run that was interrupted (or is still "
                       "running) are not recorded yet; 'hd recover', or the next hd action, "
                       "records them",
                       n);
}

size_t recover_outbox(const Context& ctx, Desk& desk) {
    if (outbox_entries(*desk.repo).empty()) return 0;
    Transaction tx(*desk.repo, ctx.env, ctx.clock);
    Identity who = resolve_identity(*desk.repo, ctx.env);
    std::map<std::string, std::string> texts; // ticket path -> text with the events added
    std::vector<std::string> done, ids;
    std::vector<Ticket> touched;
    Trailers trailers;
    for (const auto& file : outbox_entries(*desk.repo)) {
        auto text = read_file(file);
        auto entry = text ? parse_entry(*text) : std::nullopt;
        if (!entry) {
            *ctx.err << fmt::format("hd: {} is not an outbox entry hd can read; look at it, then "
                                    "delete it\n",
                                    file);
            continue;
        }
        if (entry->owner && liveness(*entry->owner) != Liveness::gone) continue; // still going
        auto& current = texts[entry->ticket_path];
        if (current.empty()) current = tx.read_clean(entry->ticket_path);
        Ticket t = parse_ticket(current, entry->ticket_path);
        bool known = std::any_of(t.events.begin(), t.events.end(),
                                 [&](const Event& e) { return e.message_id == entry->message_id; });
        done.push_back(file);
        if (known) continue; // recorded before the run that sent it was stopped
        Ticket added = parse_ticket(current + entry->event_text, entry->ticket_path);
        Event e = added.events.back();
        e.at = stamp_after(t, e.at);
        current = append_event(current, e);
        parse_ticket(current, entry->ticket_path);
        ids.push_back(t.id);
        touched.push_back(t);
        trailers.emplace_back("Hd-Unconfirmed", entry->message_id);
    }
    if (!ids.empty()) {
        for (const auto& [path, text] : texts)
            tx.write(path, text);
        tx.commit(ids.size() == 1 ? commit_message("recover", touched.front(), trailers)
                                  : bulk_commit_message("recover", ids, trailers),
                  who);
        *ctx.err << fmt::format("hd: recorded {} message(s) that an interrupted hd sent (or was "
                                "about to send) as mail, marked unconfirmed\n",
                                ids.size());
    }
    for (const auto& f : done)
        remove_file(f);
    return ids.size();
}

} // namespace hd
