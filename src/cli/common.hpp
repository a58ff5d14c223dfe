#pragma once
// Shared plumbing for the command files: body input, opening the help desk,
// commit messages. Commands stay thin: parse options, call these and core.
#include "context.hpp"
#include "core/ticket.hpp"
#include "store/config.hpp"
#include "store/repo.hpp"
#include "store/ticket_store.hpp"

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

// The repository and ticket root that a command works in.
struct Desk {
    std::unique_ptr<Repo> repo;
    std::unique_ptr<TicketStore> store;

    Config config() const;
};
Desk open_desk(const Context& ctx);

// "hd <action> <id>: <title>" and the trailers scripts grep for.
std::string commit_message(std::string_view action, const Ticket& t,
                           const std::vector<std::pair<std::string, std::string>>& extra = {});

// Appends an event to a ticket file's text, keeping every byte before it.
std::string append_event(std::string text, const Event& e);

// The text read_body found, or Error(usage) saying how to give it.
std::string require_body(const std::optional<std::string>& body, std::string_view what);

// The one shape of every single-ticket action: lock, check the file is
// clean, append the event `make` builds from the ticket, commit. `make`
// gets the ticket as committed, the agent and the time of the action.
using EventMaker = std::function<Event(const Ticket&, const Person& agent, Timestamp now)>;
void record_event(Context& ctx, Desk& desk, const std::string& id, std::string_view action,
                  const EventMaker& make,
                  const std::vector<std::pair<std::string, std::string>>& trailers = {});

// The bulk form: one lock, one commit for every ticket whose maker returns
// an event. A maker returns nullopt and sets `skip` to pass a ticket over.
struct BulkResult {
    std::string id;
    std::optional<Event> event; // what was (or, dry, would be) recorded
    std::string skipped;        // why not, when not
};
using BulkMaker = std::function<std::optional<Event>(
    const Ticket&, const TicketState&, const Person& agent, Timestamp now, std::string& skip)>;
// With dry_run, everything is computed and nothing is written. The commit
// is "hd <action> <id>: <title>" for one ticket, "hd <action>: N tickets"
// for more, with an Hd-Ticket trailer for each.
std::vector<BulkResult>
record_events(Context& ctx, Desk& desk, const std::vector<std::string>& ids,
              std::string_view action, const BulkMaker& make, bool dry_run,
              std::string* message_out = nullptr,
              const std::vector<std::pair<std::string, std::string>>& trailers = {});

// IDs from the command line, or from standard input when the only one is "-"
// (one a line; blank lines and anything after the first word are ignored),
// each resolved to a full ID. Error(not_found) before anything is done.
std::vector<std::string> resolve_ids(Context& ctx, const Desk& desk,
                                     const std::vector<std::string>& typed);

} // namespace hd
