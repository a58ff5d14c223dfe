#pragma once
// One error type for the whole program: it carries the exit code users and
// scripts rely on (see man/hd.1), and only main() turns it into a process exit.
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

class Error : public std::runtime_error {
  public:
    Error(Exit code, std::string message) : std::runtime_error(std::move(message)), code_(code) {}
    Exit code() const { return code_; }

  private:
    Exit code_;
};

} // namespace hd
