#include "store/turn_lock.hpp"

#include "core/error.hpp"
#include "store/transaction.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace hd {

TurnLock::TurnLock(const Repo& repo, const std::string& name, const Getenv& env,
                   double default_seconds, const std::string& busy) {
    std::string path = repo.gitdir() + name;
    double timeout = default_seconds;
    if (auto t = env("HD_LOCK_TIMEOUT")) timeout = parse_lock_timeout(*t);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw Error(Exit::repo, fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int saved = errno;
            ::close(fd_);
            throw Error(Exit::repo, fmt::format("cannot lock {}: {}", path, std::strerror(saved)));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(fd_);
            throw Error(Exit::repo, fmt::format("{} ({} is locked); try again, or raise "
                                                "HD_LOCK_TIMEOUT",
                                                busy, path));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

TurnLock::~TurnLock() {
    if (fd_ >= 0) ::close(fd_);
}

} // namespace hd
