#pragma once
// The write services: every hd action that changes tickets goes through
// these, so each holds the lock, reads what it changes inside it, stamps
// its events in order and makes one commit. Command files parse options and
// call these; they hold no write logic of their own.
#include "context.hpp"
#include "core/commit_text.hpp"
#include "core/state.hpp"
#include "core/ticket.hpp"
#include "service/desk.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hd {

// The one shape of every single-ticket action: lock, check the file is
// clean, append the event `make` builds from the ticket, commit. `make`
// gets the ticket as committed, the agent and the time of the action.
using EventMaker = std::function<Event(const Ticket&, const Person& agent, Timestamp now)>;

// A file committed with an action, beside the ticket (a mail's original,
// its attachments). Paths are relative to the work tree; content is as git
// stores it. A path that already holds these bytes is left as it is.
struct FileWrite {
    std::string path;
    std::string content;
};

void record_event(Context& ctx, Desk& desk, const std::string& id, std::string_view action,
                  const EventMaker& make, const Trailers& trailers = {},
                  const std::vector<FileWrite>& files = {});

// The bulk form: one lock, one commit for every ticket whose maker returns
// an event. The maker sees each ticket as it is once the lock is held, so
// it decides afresh whether the action is still due; it returns nullopt
// and sets `skip` to pass a ticket over.
struct BulkResult {
    std::string id;
    std::optional<Event> event; // what was (or, dry, would be) recorded
    std::string skipped;        // why not, when not
};
using BulkMaker = std::function<std::optional<Event>(
    const Ticket&, const TicketState&, const Person& agent, Timestamp now, std::string& skip)>;
// The form for actions that record several events on a ticket (hd set):
// the maker returns them in order; none, with `skip` set, passes it over.
struct ChangeResult {
    std::string id;
    std::vector<Event> events;
    std::string skipped;
};
using ChangeMaker = std::function<std::vector<Event>(
    const Ticket&, const TicketState&, const Person& agent, Timestamp now, std::string& skip)>;
std::vector<ChangeResult> record_changes(Context& ctx, Desk& desk,
                                         const std::vector<std::string>& ids,
                                         std::string_view action, const ChangeMaker& make,
                                         bool dry_run, std::string* message_out = nullptr,
                                         const Trailers& trailers = {},
                                         const std::vector<FileWrite>& files = {});

// With dry_run, everything is computed and nothing is written, not even the
// recovery of an interrupted action. The commit message is
// commit_message() for one ticket, bulk_commit_message() for more.
std::vector<BulkResult> record_events(Context& ctx, Desk& desk, const std::vector<std::string>& ids,
                                      std::string_view action, const BulkMaker& make, bool dry_run,
                                      std::string* message_out = nullptr,
                                      const Trailers& trailers = {},
                                      const std::vector<FileWrite>& files = {});

// Opens a ticket from `draft` (everything but its ID and creation time,
// which are set inside the lock); returns the new ID.
// `with_files`, when given, is called once the ID is known: it may fill in
// the header and returns the files to commit beside the ticket.
using FilesFor = std::function<std::vector<FileWrite>(Ticket& t)>;
std::string create_ticket(Context& ctx, Desk& desk, Ticket draft, const FilesFor& with_files = {},
                          const Trailers& trailers = {});

// Finishes an interrupted action, if there is one; returns its commit or "".
std::string recover_interrupted(Context& ctx, Desk& desk);

} // namespace hd
