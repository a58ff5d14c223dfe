#pragma once
// A ticket as listings see it: header fields and derived state, no events.
// Fields are views so that 100,000 rows can point into one mapped cache
// file without a heap allocation each; whoever builds rows owns the bytes.
#include "core/state.hpp"
#include "core/ticket.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hd {

struct TicketRow {
    std::string_view id, title, requester_name, requester_email, summary, assignee, resolution,
        path;
    std::string_view tags;        // joined with '\n'
    std::string_view timeline;    // encode_timeline() of the events
    std::string_view first_agent; // name of the agent who answered first, if any
    std::string_view closer;      // name of the agent who closed it last, if closed
    std::string_view message_ids; // of the mail the ticket holds, one a line
    Audience audience = Audience::end_user;
    Priority priority = Priority::normal;
    Status status = Status::fresh;
    WaitingOn waiting_on = WaitingOn::us;
    Timestamp created, last_activity;
    int followups = 0;           // since the requester last wrote
    Timestamp last_agent_public; // the agent's latest reply, follow-up or escalation
    Timestamp hold_until;        // see TicketState
    std::chrono::seconds quiet_held{0};

    bool on_hold(Timestamp now) const { return now < hold_until; }

    bool has_tag(std::string_view tag) const;
    std::vector<std::string_view> message_id_list() const;
    std::vector<std::string_view> tag_list() const;
};

// Owns the text of rows made from parsed tickets: packed into large blocks,
// since a string apiece (a dozen a row) costs more than the text itself at
// 100,000 rows.
class RowText {
  public:
    RowText() = default;
    // Rows hold views into this text: a copy would leave them pointing at
    // the original, so only moves (which keep every block in place) exist.
    RowText(const RowText&) = delete;
    RowText& operator=(const RowText&) = delete;
    RowText(RowText&&) = default;
    RowText& operator=(RowText&&) = default;

    std::string_view keep(std::string_view s);

  private:
    std::vector<std::unique_ptr<char[]>> blocks_, large_; // never moved once written
    size_t left_ = 0; // free bytes at the end of the last of blocks_
};

TicketRow make_row(const Ticket& t, const TicketState& s, RowText& text);

} // namespace hd
