#include "cli/commands.hpp"
#include "core/error.hpp"
#include "mail/message.hpp"
#include "render/json.hpp"
#include "render/mail_render.hpp"
#include "service/mail_in.hpp"
#include "store/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fmt/format.h>
#include <iterator>
#include <sys/stat.h>

namespace hd {

namespace {

struct ReceiveOptions {
    std::string id, at;
    BodyOptions body;
    bool email = false, json = false, backfill = false;
    std::string maildir, mbox;
};

int receive_text(const ReceiveOptions& o, Context& ctx) {
    if (o.id.empty())
        throw Error(Exit::usage, "which ticket? give its ID (or --email, --maildir, --mbox)");
    ctx.backfill = o.backfill;
    std::optional<Timestamp> at;
    if (!o.at.empty()) {
        at = parse_rfc3339(o.at);
        if (!at) throw Error(Exit::usage, time_refusal("--at", o.at));
    }
    Desk desk = open_desk(ctx);
    std::string id = desk.store->resolve(o.id);
    std::string body = require_body(
        read_body(ctx, o.body, "The requester's message, in their own words."), "the message");
    record_event(ctx, desk, id, "receive", [&](const Ticket& t, const Person&, Timestamp now) {
        return Event{.kind = EventKind::receive,
                     .at = at.value_or(now),
                     .by = t.requester.display(),
                     .body = body};
    });
    return 0;
}

std::vector<std::string> maildir_new(const std::string& dir) {
    std::string path = dir + "/new";
    struct stat st {};
    if (::stat((dir + "/cur").c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw Error(Exit::usage, fmt::format("--maildir {}: not a Maildir (no cur/ folder)", dir));
    DIR* d = ::opendir(path.c_str());
    if (!d)
        throw Error(Exit::usage, fmt::format("--maildir {}: not a Maildir (no new/ folder)", dir));
    std::vector<std::string> names;
    while (const dirent* e = ::readdir(d))
        if (e->d_name[0] != '.') names.emplace_back(e->d_name);
    ::closedir(d);
    std::sort(names.begin(), names.end()); // delivery order, as maildir names start with the time
    return names;
}

// The Maildir way of saying "seen": into cur/, with the S flag.
void mark_seen(const std::string& dir, const std::string& name) {
    std::string to = name;
    auto info = to.find(":2,");
    if (info == std::string::npos)
        to += ":2,S";
    else if (to.find('S', info + 3) == std::string::npos)
        to += "S";
    std::string from_path = dir + "/new/" + name, to_path = dir + "/cur/" + to;
    if (std::rename(from_path.c_str(), to_path.c_str()) != 0 &&
        errno != ENOENT) // ENOENT: moved by another reader
        throw Error(Exit::repo, fmt::format("cannot move {} to {}: {}", from_path, to_path,
                                            std::strerror(errno)));
}

int receive_mail(const ReceiveOptions& o, Context& ctx) {
    int modes = o.email + !o.maildir.empty() + !o.mbox.empty();
    if (modes > 1) throw Error(Exit::usage, "give one of --email, --maildir and --mbox");
    if (body_given(o.body) || !o.at.empty())
        throw Error(Exit::usage, "-m, -F, - and --at go with a typed message, not with mail");
    Desk desk = open_desk(ctx);
    Config config = desk.config();
    std::string into = o.id.empty() ? "" : desk.store->resolve(o.id);
    if (!into.empty() && !o.email) throw Error(Exit::usage, "an ID goes with --email only");
    MailIntake intake(ctx, desk, config);
    std::vector<MailReceipt> receipts;
    auto report = [&](const MailReceipt& r) {
        receipts.push_back(r);
        if (o.json) return;
        (r.outcome == MailReceipt::Outcome::refused ? *ctx.err : *ctx.out) << render_receipt(r);
    };

    if (o.email) {
        std::string raw(std::istreambuf_iterator<char>(*ctx.in), {});
        if (raw.empty()) throw Error(Exit::usage, "--email: nothing on standard input");
        report(intake.take(raw, "standard input", into));
    } else if (!o.mbox.empty()) {
        auto text = read_file(o.mbox);
        if (!text) throw Error(Exit::usage, fmt::format("--mbox {}: no such file", o.mbox));
        size_t n = 0;
        split_mbox(*text, [&](std::string_view raw) {
            report(intake.take(raw, fmt::format("{} message {}", o.mbox, ++n)));
        });
    } else {
        for (const auto& name : maildir_new(o.maildir)) {
            std::string path = o.maildir + "/new/" + name;
            auto raw = read_file(path);
            if (!raw) continue; // another reader took it
            MailReceipt r = intake.take(*raw, path);
            // Only once it is committed (or needs nothing): a crash before
            // this leaves it in new/ for the next run, which finds it recorded.
            if (r.outcome != MailReceipt::Outcome::refused) mark_seen(o.maildir, name);
            report(r);
        }
    }
    if (o.json)
        *ctx.out << json_text(receipts_json(receipts)) << '\n';
    else if (!o.email)
        *ctx.out << render_receipt_totals(receipts);
    bool refused = std::any_of(receipts.begin(), receipts.end(), [](const MailReceipt& r) {
        return r.outcome == MailReceipt::Outcome::refused;
    });
    return refused ? static_cast<int>(Exit::invalid) : 0;
}

int run_receive(const ReceiveOptions& o, Context& ctx) {
    if (o.email || !o.maildir.empty() || !o.mbox.empty()) return receive_mail(o, ctx);
    if (o.json) throw Error(Exit::usage, "--json goes with --email, --maildir or --mbox");
    return receive_text(o, ctx);
}

} // namespace

Runner add_receive(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReceiveOptions>();
    auto* cmd = app.add_subcommand(
        "receive",
        "Record a message from the requester, typed or as mail (reopens a closed ticket)");
    cmd->add_option("id", o->id, "Ticket ID or unique prefix (with mail: where it goes)");
    add_body_options(cmd, o->body);
    cmd->add_option("--at", o->at, "When it arrived, RFC 3339 (default: now)")->type_name("TIME");
    cmd->add_flag("--email", o->email, "Read one email (RFC 5322) from standard input");
    cmd->add_option("--maildir", o->maildir, "Take in every new message of a Maildir")
        ->type_name("DIR");
    cmd->add_option("--mbox", o->mbox, "Take in every message of an mbox file")->type_name("FILE");
    cmd->add_flag("--json", o->json, "With mail: print what became of each message as JSON");
    cmd->add_option("dash", o->body.dash, "- to read the message from standard input");
    add_backfill_flag(cmd, o->backfill);
    return [o, &ctx] { return run_receive(*o, ctx); };
}

} // namespace hd
