#pragma once
// Shared plumbing for the command files: reading the text and IDs a person
// gives. Commands stay thin: parse options, call these, core and service/.
#include "context.hpp"
#include "core/ticket.hpp"
#include "service/desk.hpp"
#include "service/mail_out.hpp"
#include "service/record.hpp"
#include "service/sync.hpp"
#include "store/transaction.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hd {

// A subcommand's runner, called by main() once parsing succeeded.
using Runner = std::function<int()>;

struct BodyOptions {
    std::vector<std::string> messages; // -m, repeatable: paragraphs
    std::string file;                  // -F FILE ("-" is stdin)
    std::string dash;                  // a lone "-" argument: stdin
};

void add_body_options(CLI::App* cmd, BodyOptions& o);

// The text given with -m, -F or -, else typed in the editor when stdin is a
// terminal; nullopt when none was given and no terminal can be asked.
// Error(usage) for an unreadable file or text that is not UTF-8.
std::optional<std::string> read_body(Context& ctx, const BodyOptions& o,
                                     std::string_view editor_help, std::string_view prefill = {});

// Whether -m, -F or - was given (as opposed to the editor or nothing).
bool body_given(const BodyOptions& o);

// Error(usage) naming `source` if `text` is not valid UTF-8.
void require_utf8(std::string_view text, std::string_view source);
// Error(usage) naming `source` if `text` is empty or spans lines.
void require_one_line(std::string_view text, std::string_view source);

// The text read_body found, or Error(usage) saying how to give it.
std::string require_body(const std::optional<std::string>& body, std::string_view what);

// --send, --no-send and --print-email, for the commands whose events reach
// the requester.
struct MailFlags {
    bool send = false, no_send = false, print = false;
};
void add_mail_flags(CLI::App* cmd, MailFlags& m, bool can_print = true);

// --tries, for hd sync and the bulk actions' --sync.
CLI::Option* add_sync_tries(CLI::App* cmd, SyncOptions& o);

// --sync on a bulk action: pull before it acts, so it acts on what is due
// once others' work is in, and push after, merging again when someone
// pushed first. An action once taken is never redone: what it recorded
// (and, with mail, sent) is merged, not replayed.
struct SyncStep {
    bool enabled = false;
    SyncOptions options;
    SyncResult result;
};
void add_sync_step(CLI::App* cmd, SyncStep& s);
// Error(usage) for --sync with --dry-run; else pulls when enabled.
void sync_before(Context& ctx, Desk& desk, SyncStep& s, bool dry_run);
// Pushes when enabled and says on standard error what the sync did.
void sync_after(Context& ctx, Desk& desk, SyncStep& s);

// The ID arguments of a bulk action: required, "-" reads them from standard input.
void add_ids_argument(CLI::App* cmd, std::vector<std::string>& ids);

// --backfill on the commands that record what happened earlier (note,
// receive, reply): sets ctx.backfill when the command runs.
void add_backfill_flag(CLI::App* cmd, bool& backfill);

// --dry-run and --json of the actions that change a ticket's fields
// (assign, unassign, set, snooze), and what they print: a line a ticket
// ("ID  assigned to Kim"), the skipped ones on standard error, and with
// --dry-run the commit that would be made. Returns the exit code: 0.
struct ChangeOutput {
    bool dry_run = false, json = false;
};
void add_change_output(CLI::App* cmd, ChangeOutput& o);
int print_changes(Context& ctx, const std::vector<ChangeResult>& results, const ChangeOutput& o,
                  const std::string& commit);

// IDs from the command line, or from standard input when the only one is "-"
// (one a line; blank lines, anything after the first word and the "ID" heading
// of a table hd printed are ignored),
// each resolved to a full ID. Error(not_found) before anything is done.
std::vector<std::string> resolve_ids(Context& ctx, const Desk& desk,
                                     const std::vector<std::string>& typed);

} // namespace hd
