#pragma once
// An exclusive flock on a file under .git, waited for with a timeout. hd's
// own lock (every action) is one; long jobs of one kind take turns with
// others of their kind (syncs, which wait on the network; mail intake,
// which must see what the last intake recorded) without holding hd's lock,
// so other actions go on meanwhile.
#include "store/repo.hpp"

#include <string>

namespace hd {

class TurnLock {
  public:
    // Waits for .git/<name> as long as HD_LOCK_TIMEOUT says, else
    // `default_seconds`; when the wait runs out, Error(repo) that starts
    // with `busy` ("another hd sync is running in this clone").
    TurnLock(const Repo& repo, const std::string& name, const Getenv& env, double default_seconds,
             const std::string& busy);
    ~TurnLock();
    TurnLock(const TurnLock&) = delete;
    TurnLock& operator=(const TurnLock&) = delete;

  private:
    int fd_ = -1;
};

} // namespace hd
