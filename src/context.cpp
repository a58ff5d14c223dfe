#include "context.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <random>
#include <sys/ioctl.h>
#include <unistd.h>

namespace hd {

bool Context::color() const {
    // An empty NO_COLOR counts as unset (no-color.org).
    if (auto nc = env("NO_COLOR"); !stdout_tty || (nc && !nc->empty())) return false;
    auto term = env("TERM");
    return !term || *term != "dumb";
}

Timestamp system_now() {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm local{};
    localtime_r(&t, &local);
    return Timestamp{now, static_cast<int>(local.tm_gmtoff / 60)};
}

namespace {

size_t terminal_columns(const Getenv& env, bool stdout_tty) {
    if (auto v = env("COLUMNS"); v && !v->empty() && v->size() < 6 &&
                                 v->find_first_not_of("0123456789") == std::string::npos) {
        if (size_t n = std::stoul(*v)) return n;
    }
    winsize ws{};
    if (stdout_tty && ::ioctl(1, TIOCGWINSZ, &ws) == 0) return ws.ws_col;
    return 0;
}

} // namespace

Context make_process_context(const std::string& dir_option) {
    Context ctx;
    ctx.in = &std::cin;
    ctx.out = &std::cout;
    ctx.err = &std::cerr;
    ctx.stdin_tty = ::isatty(0);
    ctx.stdout_tty = ::isatty(1);
    ctx.env = [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        if (!v) return std::nullopt;
        return std::string(v);
    };
    ctx.columns = terminal_columns(ctx.env, ctx.stdout_tty);
    std::optional<Timestamp> fixed;
    if (auto v = ctx.env("HD_NOW"); v && !v->empty()) {
        fixed = parse_rfc3339(*v);
        if (!fixed) throw Error(Exit::usage, time_refusal("HD_NOW", *v));
    }
    ctx.clock = [fixed] { return fixed ? *fixed : system_now(); };
    ctx.random = [] {
        static std::random_device device;
        return (std::uint64_t(device()) << 32) ^ device();
    };
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path dir = dir_option.empty() ? fs::current_path(ec) : fs::absolute(dir_option, ec);
    if (!dir_option.empty() && !fs::is_directory(dir, ec))
        throw Error(Exit::usage, fmt::format("-C {}: no such directory", dir_option));
    ctx.dir = dir.lexically_normal().string();
    ctx.program = fs::read_symlink("/proc/self/exe", ec).string();
    return ctx;
}

} // namespace hd
