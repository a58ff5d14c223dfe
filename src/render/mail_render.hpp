#pragma once
// What hd receive --email, --maildir and --mbox did, for people and scripts.
#include "service/mail_in.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hd {

// One line a message: what became of it.
std::string render_receipt(const MailReceipt& r);
// "3 messages: 1 new ticket, 1 requester message, 1 auto-reply skipped".
std::string render_receipt_totals(const std::vector<MailReceipt>& all);
nlohmann::ordered_json receipts_json(const std::vector<MailReceipt>& all);

} // namespace hd
