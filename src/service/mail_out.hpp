#pragma once
// Replies that go out as mail. Sending and recording must never disagree:
// a message is never sent twice, and never recorded as sent when it was not.
// So, with hd's lock held: the event is written to an outbox under .git
// first, then the mail command runs; if it fails, the entry goes and
// nothing is recorded (exit 7); if it succeeds, the event is committed and
// the entry goes. A run killed between the two leaves the entry, and the
// next hd action records the event marked `unconfirmed`, never sending it
// again.
#include "context.hpp"
#include "core/ticket.hpp"
#include "service/desk.hpp"
#include "store/config.hpp"

#include <string>
#include <vector>

namespace hd {

class Mailer {
  public:
    enum class Mode {
        record,  // no mail: the event is only recorded
        send,    // through [mail] command
        print,   // the message on standard output, for the person to send
        preview, // a dry run: print what would be sent, send nothing
    };
    // Error(usage) when mail is asked for and [mail] address is not set.
    Mailer(Context& ctx, Desk& desk, const Config& config, Mode mode);
    ~Mailer();
    Mailer(const Mailer&) = delete;
    Mailer& operator=(const Mailer&) = delete;

    Mode mode() const { return mode_; }

    // For a public event about to be recorded on `t`: gives it a Message-ID
    // and sends or prints its mail. Error(external) when the mail command
    // fails; the event must then not be recorded.
    void deliver(const Ticket& t, Event& e);
    // The same for one ticket of a bulk action: false, with the reason in
    // `skip`, when its mail command failed, so the others go on.
    bool deliver_or_skip(const Ticket& t, Event& e, std::string& skip);
    // Tickets whose mail failed in this run (exit 7 once the rest is done).
    size_t failed() const { return failed_; }
    // After the commit that recorded what deliver() sent.
    void recorded();

  private:
    Context& ctx_;
    Desk& desk_;
    const Config& config_;
    Mode mode_;
    std::vector<std::string> entries_; // this run's outbox files
    size_t failed_ = 0;
};

// --send, --no-send, --print-email and [mail] send, as one mode. Error(usage)
// for flags that contradict each other.
Mailer::Mode mail_mode(const Config& config, bool send, bool no_send, bool print, bool dry_run);

// Records, marked unconfirmed, the mail a killed run sent (or was about to
// send) without recording it; returns how many. Entries of a run that is
// still going are left to it.
size_t recover_outbox(const Context& ctx, Desk& desk);

// For commands that only read: mail was sent and is not recorded yet, and
// which command records it. Empty when the outbox is.
std::string outbox_notice(const Repo& repo);

} // namespace hd
