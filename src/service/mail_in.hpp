#pragma once
// Taking mail in: a message becomes a new ticket, or a requester message on
// the ticket it answers, with its original and attachments kept beside the
// ticket. One message, one commit. Auto-replies, bulk mail and bounces are
// counted and left alone; a message already recorded is recorded once.
#include "context.hpp"
#include "service/desk.hpp"
#include "store/config.hpp"
#include "store/turn_lock.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace hd {

struct MailReceipt {
    enum class Outcome {
        opened,    // a new ticket
        appended,  // a requester message on an existing ticket
        duplicate, // recorded before: nothing done
        automatic, // an auto-reply, bulk mail or bounce: nothing done
        refused,   // cannot be taken in (too large, cut short, no sender)
    };
    Outcome outcome = Outcome::refused;
    std::string source; // the file it came from, or "standard input"
    std::string id;     // the ticket, for opened, appended and duplicate
    std::string title;  // of that ticket
    std::string from;   // "Name <email>"
    std::string reason; // for automatic and refused
    size_t attachments = 0;
};
std::string_view to_string(MailReceipt::Outcome o);

class MailIntake {
  public:
    // Takes the intake's turn in this clone (one intake at a time, so each
    // sees what the one before recorded), then reads which ticket holds
    // each Message-ID hd has recorded.
    MailIntake(Context& ctx, Desk& desk, const Config& config);

    // Takes one message in. `into`, when not empty, is the ticket it goes
    // to whatever its headers say. Errors of the repository (a dirty ticket
    // file, the lock) are thrown; a message hd cannot take is `refused`.
    MailReceipt take(std::string_view raw, const std::string& source, const std::string& into = {});

  private:
    TurnLock turn_;
    Context& ctx_;
    Desk& desk_;
    const Config& config_;
    std::map<std::string, std::string, std::less<>> by_message_; // Message-ID -> ticket
    std::set<std::string, std::less<>> tickets_;
    std::set<std::string, std::less<>> unreadable_; // ticket files hd cannot read
};

} // namespace hd
