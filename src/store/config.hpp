#pragma once
// hd.toml: the help desk's settings, kept at the ticket root.
#include "core/followup.hpp"
#include "core/sla.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hd {

// Mail coming in (hd receive --email, --maildir, --mbox).
struct MailConfig {
    size_t max_message = 25u << 20;      // larger messages are refused, not half read
    size_t attachment_limit = 10u << 20; // larger attachments are listed, not stored
    // Mail out (--send): the desk's address, where answers go, and the
    // sendmail-compatible command that takes a message on standard input.
    std::string address;  // "Acme Support <support@acme.example>"
    std::string reply_to; // "" for the address itself
    std::string command = "sendmail -t -i";
    bool send = false; // replies go out as mail unless --no-send
};

// "10MB", "512KB", "2GB" or a number of bytes; nullopt for anything else.
std::optional<size_t> parse_size(std::string_view text);

struct Config {
    std::string desk_name = "Support";
    std::string signature; // appended to replies; falls back to the agent's name
    // Where the desk's files are shown on the web, for links from the HTML
    // report: "https://forge.example/org/desk/blob/main/{path}#L{line}".
    std::string web_url;
    FollowupPolicy followup;
    SlaPolicy sla = default_policy();
    // The explanation hd close --stale gives when it closes quiet tickets.
    std::string stale_explain =
        "We sent two reminders and have not heard back, so we are closing this request for now.";
    MailConfig mail;
};

// Why a web_url pattern is refused, or "" when it is fine: an http(s)
// address with {path}, maybe {line}, and no other braces, spaces, quotes,
// angle brackets, backslashes or control characters.
std::string web_url_problem(std::string_view pattern);

// Error(invalid) naming hd.toml:line:col for a bad value.
Config parse_config(std::string_view text, const std::string& path);

// The hd.toml that `hd init` writes: every setting, commented.
std::string default_config_text(std::string_view desk_name);

} // namespace hd
