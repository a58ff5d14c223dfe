#include "cli/common.hpp"
#include "render/json.hpp"
#include "render/sync_render.hpp"
#include "render/text.hpp"

#include "core/display.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/state.hpp"
#include "core/toml_text.hpp"
#include "core/utf8.hpp"
#include "store/files.hpp"
#include "store/ticket_parse.hpp"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <iterator>
#include <unistd.h>
#include <unordered_set>

namespace hd {

namespace {

constexpr std::string_view scissors = "# ------------------------ >8 ------------------------";

std::string run_editor(Context& ctx, std::string_view help, std::string_view prefill) {
    std::string editor = ctx.env("VISUAL").value_or(ctx.env("EDITOR").value_or("vi"));
    std::string tmpl = ctx.env("TMPDIR").value_or("/tmp") + "/hd-edit-XXXXXX.md";
    int fd = ::mkstemps(tmpl.data(), 3);
    if (fd < 0) throw Error(Exit::usage, "cannot create a temporary file for the editor");
    ::close(fd);
    std::string path = tmpl;
    write_file_atomic(path, fmt::format("{}\n{}\n# Everything below this line is ignored.\n# {}\n",
                                        prefill, scissors, help));
    std::string cmd = editor + " '" + path + "'";
    int rc = std::system(cmd.c_str());
    auto text = read_file(path).value_or("");
    remove_file(path);
    if (rc != 0)
        throw Error(Exit::usage,
                    fmt::format("the editor ({}) failed; nothing was recorded", editor));
    if (auto cut = text.find(scissors); cut != std::string::npos) text.resize(cut);
    return trim_body(text);
}

} // namespace

void add_body_options(CLI::App* cmd, BodyOptions& o) {
    cmd->add_option("-m,--message", o.messages, "Text (repeat for more paragraphs)")
        ->allow_extra_args(false)
        ->type_name("TEXT");
    cmd->add_option("-F,--file", o.file, "Read the text from FILE (- for standard input)")
        ->type_name("FILE");
}

void require_utf8(std::string_view text, std::string_view source) {
    if (auto bad = find_invalid_utf8(text))
        throw Error(Exit::usage,
                    fmt::format("{}: not valid UTF-8 (byte {}); convert it first, e.g. with iconv",
                                source, *bad));
}

void require_one_line(std::string_view text, std::string_view source) {
    if (text.find_first_not_of(" \t") == std::string_view::npos)
        throw Error(Exit::usage, fmt::format("{} must not be empty", source));
    if (text.find_first_of("\r\n") != std::string_view::npos)
        throw Error(Exit::usage, fmt::format("{} must be a single line", source));
    require_utf8(text, source);
}

bool body_given(const BodyOptions& o) {
    return !o.messages.empty() || !o.file.empty() || !o.dash.empty();
}

std::optional<std::string> read_body(Context& ctx, const BodyOptions& o,
                                     std::string_view editor_help, std::string_view prefill) {
    int sources = !o.messages.empty() + !o.file.empty() + !o.dash.empty();
    if (sources > 1) throw Error(Exit::usage, "give the text one way: -m, -F FILE or -");
    if (!o.dash.empty() && o.dash != "-")
        throw Error(Exit::usage, fmt::format("unexpected argument '{}'", o.dash));
    std::string text, source;
    if (!o.messages.empty()) {
        for (size_t i = 0; i < o.messages.size(); ++i)
            text += (i ? "\n\n" : "") + o.messages[i];
        source = "-m";
    } else if (o.file == "-" || o.dash == "-") {
        text.assign(std::istreambuf_iterator<char>(*ctx.in), std::istreambuf_iterator<char>());
        source = "standard input";
    } else if (!o.file.empty()) {
        std::optional<std::string> content;
        try {
            content = read_file(o.file);
        } catch (const Error& e) {
            throw Error(Exit::usage, fmt::format("-F {}", e.what()));
        }
        if (!content) throw Error(Exit::usage, fmt::format("-F {}: no such file", o.file));
        text = *content;
        source = o.file;
    } else if (ctx.stdin_tty && ctx.stdout_tty) {
        text = run_editor(ctx, editor_help, prefill);
        source = "the editor";
        if (text.empty()) throw Error(Exit::usage, "the text was empty; nothing was recorded");
    } else {
        return std::nullopt;
    }
    require_utf8(text, source);
    return trim_body(text);
}

std::string require_body(const std::optional<std::string>& body, std::string_view what) {
    if (!body)
        throw Error(Exit::usage,
                    fmt::format("{} needs text: -m TEXT, -F FILE or - (standard input)", what));
    if (body->empty())
        throw Error(Exit::usage, fmt::format("{} is empty; nothing was recorded", what));
    return *body;
}

std::vector<std::string> resolve_ids(Context& ctx, const Desk& desk,
                                     const std::vector<std::string>& typed) {
    std::vector<std::string> words = typed;
    if (typed.size() == 1 && typed.front() == "-") {
        words.clear();
        std::string line;
        while (std::getline(*ctx.in, line)) {
            auto start = line.find_first_not_of(" \t\r");
            if (start == std::string::npos) continue;
            auto end = line.find_first_of(" \t\r", start);
            std::string word = line.substr(start, end == std::string::npos ? end : end - start);
            // The heading of hd's own tables, so `hd list | hd followup -` works.
            if (words.empty() && word == "ID") continue;
            words.push_back(std::move(word));
        }
    }
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;
    auto add = [&](std::string id) {
        if (seen.insert(id).second) ids.push_back(std::move(id));
    };
    if (words.size() <= 1) {
        // One ID: the store's lookup scans only the ID's shard of the index.
        for (const auto& w : words)
            add(desk.store->resolve(w));
        return ids;
    }
    // Many IDs: one scan of the index for all of them and a sorted lookup
    // each, where resolving one by one would walk the whole index per ID.
    std::vector<std::string> known = desk.store->ids(); // sorted, as match_prefix needs
    std::unordered_set<std::string> conflicted;
    for (const auto& c : desk.store->conflicts())
        conflicted.insert(c.path);
    for (const auto& w : words) {
        std::string prefix = normalize_id_prefix(w);
        if (!prefix.empty()) {
            PrefixMatch m = match_prefix(known, prefix);
            if (m.kind == PrefixMatch::Kind::unique &&
                !conflicted.count(desk.store->path_of(m.ids.front()))) {
                add(std::move(m.ids.front()));
                continue;
            }
        }
        // Not a prefix of exactly one ticket that can be acted on: the
        // single lookup says why (and is the one place that says it).
        add(desk.store->resolve(w));
    }
    return ids;
}

CLI::Option* add_sync_tries(CLI::App* cmd, SyncOptions& o) {
    return cmd
        ->add_option("--tries", o.tries, "Push attempts when others keep pushing first (default 5)")
        ->check(CLI::Range(1, 100))
        ->type_name("N");
}

void add_sync_step(CLI::App* cmd, SyncStep& s) {
    auto* flag =
        cmd->add_flag("--sync", s.enabled,
                      "Pull before acting and push after (the branch's upstream, else origin)");
    cmd->add_option("--remote", s.options.remote, "With --sync: the remote to sync with")
        ->type_name("REMOTE")
        ->needs(flag);
    add_sync_tries(cmd, s.options)->needs(flag);
}

void sync_before(Context& ctx, Desk& desk, SyncStep& s, bool dry_run) {
    if (!s.enabled) return;
    if (dry_run)
        throw Error(Exit::usage, "--sync acts and pushes; for a preview run hd sync, then "
                                 "--dry-run without --sync");
    s.result = pull_desk(ctx, desk, s.options);
}

void sync_after(Context& ctx, Desk& desk, SyncStep& s) {
    if (!s.enabled) return;
    push_desk(ctx, desk, s.options, s.result);
    *ctx.err << "hd: " << sync_summary_line(s.result) << '\n';
}

void add_ids_argument(CLI::App* cmd, std::vector<std::string>& ids) {
    cmd->add_option("ids", ids, "Ticket IDs or prefixes; - reads them from standard input")
        ->required();
}

void add_backfill_flag(CLI::App* cmd, bool& backfill) {
    cmd->add_flag("--backfill", backfill,
                  "Record it at its own time (HD_NOW, --at) even when that is earlier than the "
                  "ticket's latest event: it goes in its place in time order");
}

void add_change_output(CLI::App* cmd, ChangeOutput& o) {
    cmd->add_flag("--dry-run", o.dry_run, "Print what would change; write nothing");
    cmd->add_flag("--json", o.json, "Print JSON: one object a ticket");
}

int print_changes(Context& ctx, const std::vector<ChangeResult>& results, const ChangeOutput& o,
                  const std::string& commit) {
    if (o.json) {
        auto arr = nlohmann::ordered_json::array();
        for (const auto& r : results) {
            nlohmann::ordered_json j;
            j["id"] = r.id;
            auto events = nlohmann::ordered_json::array();
            for (const Event& e : r.events)
                events.push_back(event_json(e));
            j["events"] = events;
            j["skipped"] = r.skipped.empty() ? nlohmann::ordered_json(nullptr)
                                             : nlohmann::ordered_json(r.skipped);
            arr.push_back(j);
        }
        *ctx.out << json_text(arr) << '\n';
        return 0;
    }
    for (const auto& r : results) {
        if (r.events.empty()) {
            *ctx.err << fmt::format("hd: skipped {}: {}\n", r.id, inert(r.skipped, Shape::line));
            continue;
        }
        std::string what;
        for (const Event& e : r.events)
            (what += what.empty() ? "" : "; ") += describe_event(e);
        *ctx.out << fmt::format("{}  {}{}\n", r.id, o.dry_run ? "would record: " : "", what);
    }
    if (o.dry_run && !commit.empty())
        *ctx.out << "--- hd would commit (nothing was written) ---\n"
                 << inert(commit, Shape::block);
    return 0;
}

void add_mail_flags(CLI::App* cmd, MailFlags& m, bool can_print) {
    cmd->add_flag("--send", m.send, "Send it to the requester as mail ([mail] in hd.toml)");
    cmd->add_flag("--no-send", m.no_send, "Record it only, even when [mail] send = true");
    if (can_print)
        cmd->add_flag("--print-email", m.print,
                      "Record it and print the mail on standard output instead of sending it");
}

} // namespace hd
