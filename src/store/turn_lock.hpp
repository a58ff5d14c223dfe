#pragma once
// A lock that makes long jobs of one kind take turns in a clone (syncs,
// which wait on the network; mail intake, which must see what the last
// intake recorded) without holding hd's own lock, so other actions go on.
#include "store/repo.hpp"

#include <string>

namespace hd {

class TurnLock {
  public:
    // Waits for .git/<name> as long as HD_LOCK_TIMEOUT says, else
    // `default_seconds`; Error(repo) naming `what` when the wait runs out.
    TurnLock(const Repo& repo, const std::string& name, const Getenv& env, double default_seconds,
             const std::string& what);
    ~TurnLock();
    TurnLock(const TurnLock&) = delete;
    TurnLock& operator=(const TurnLock&) = delete;

  private:
    int fd_ = -1;
};

} // namespace hd
