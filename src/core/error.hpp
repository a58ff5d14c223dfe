#pragma once
// One error type for the whole program: it carries the exit code users and
// scripts rely on (see man/hd.1), and only main() turns it into a process exit.
#include <optional>
#include <stdexcept>
#include <string>

namespace hd {

enum class Exit : int {
    ok = 0,
    found = 1,     // a check found what it looks for
    usage = 2,     // unknown flag, missing argument, bad value
    not_found = 3, // ticket not found, or prefix ambiguous
    invalid = 4,   // invalid ticket data or config
    repo = 5,      // repository state: not a repo, dirty file, lock busy, no identity
    refused = 6,   // refused by the practice's rules
    external = 7,  // remote, network, mail command
};

// Where in a file a problem is. Annotations and reports read these fields;
// they never take a message apart to find them.
struct SourceLocation {
    std::string path;
    int line = 0;   // from 1; 0 when only the file is known
    int column = 0; // from 1; 0 when only the line is known

    // "path:line:col", "path:line" or "path".
    std::string text() const {
        std::string out = path;
        if (line > 0) out += ":" + std::to_string(line);
        if (line > 0 && column > 0) out += ":" + std::to_string(column);
        return out;
    }
};

class Error : public std::runtime_error {
  public:
    Error(Exit code, std::string message)
        : std::runtime_error(message), code_(code), message_(std::move(message)) {}
    // what() reads "path:line:col: message", as users see it.
    Error(Exit code, SourceLocation where, std::string message)
        : std::runtime_error(where.text() + ": " + message), code_(code),
          message_(std::move(message)), where_(std::move(where)) {}

    Exit code() const { return code_; }
    // The message without its location (all of what() when there is none).
    const std::string& message() const { return message_; }
    const std::optional<SourceLocation>& location() const { return where_; }

  private:
    Exit code_;
    std::string message_;
    std::optional<SourceLocation> where_;
};

} // namespace hd
