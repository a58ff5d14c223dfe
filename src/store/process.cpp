#include "store/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace hd {

namespace {

struct Pipe {
    int fd[2] = {-1, -1};
    Pipe() {
        if (::pipe2(fd, O_CLOEXEC) != 0) fd[0] = fd[1] = -1;
    }
    ~Pipe() {
        for (int f : fd)
            if (f >= 0) ::close(f);
    }
    void close_end(int i) {
        if (fd[i] >= 0) ::close(fd[i]);
        fd[i] = -1;
    }
};

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& dir,
                          const std::vector<std::string>& env,
                          const std::optional<std::string>& input) {
    ProcessResult r;
    Pipe out, err, in;
    if (out.fd[0] < 0 || err.fd[0] < 0 || in.fd[0] < 0) {
        r.status = 127;
        r.err = std::string("cannot make a pipe: ") + std::strerror(errno);
        return r;
    }
    std::vector<std::string> vars;
    for (char** e = environ; *e; ++e) {
        std::string_view v = *e;
        bool replaced = false;
        for (const auto& mine : env)
            if (v.substr(0, v.find('=') + 1) ==
                std::string_view(mine).substr(0, mine.find('=') + 1))
                replaced = true;
        if (!replaced) vars.emplace_back(v);
    }
    vars.insert(vars.end(), env.begin(), env.end());
    std::vector<char*> envp, args;
    for (auto& v : vars)
        envp.push_back(v.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_copy = argv;
    for (auto& a : argv_copy)
        args.push_back(a.data());
    args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (input)
        posix_spawn_file_actions_adddup2(&actions, in.fd[0], 0);
    else
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
    pid_t pid = 0;
    int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    out.close_end(1);
    err.close_end(1);
    in.close_end(0);
    if (!input) in.close_end(1);
    if (rc != 0) {
        r.status = 127;
        r.err = std::string("cannot run ") + argv[0] + ": " + std::strerror(rc);
        return r;
    }
    // A child that stops reading (it failed) must not leave hd blocked or
    // killed by SIGPIPE: writes are non-blocking and their errors ignored.
    if (input) ::fcntl(in.fd[1], F_SETFL, O_NONBLOCK);
    ::signal(SIGPIPE, SIG_IGN);
    size_t written = 0;
    pollfd fds[3] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}, {in.fd[1], POLLOUT, 0}};
    if (!input || input->empty()) {
        in.close_end(1);
        fds[2].fd = -1;
    }
    std::string* sinks[2] = {&r.out, &r.err};
    int open_count = 2;
    char buf[65536];
    while (open_count > 0) {
        if (::poll(fds, 3, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = ::write(fds[2].fd, input->data() + written, input->size() - written);
            if (n > 0) written += static_cast<size_t>(n);
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input->size()) {
                in.close_end(1);
                fds[2].fd = -1;
            }
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

} // namespace hd
