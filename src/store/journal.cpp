#include "store/journal.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace hd {

namespace {

std::string first_line_of(const char* path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// Field 22 of /proc/PID/stat: the start time in clock ticks since boot.
std::optional<unsigned long long> start_ticks(long pid) {
    std::string stat = first_line_of(fmt::format("/proc/{}/stat", pid).c_str());
    auto close = stat.rfind(')'); // the command name may hold spaces and parentheses
    if (stat.empty() || close == std::string::npos) return std::nullopt;
    std::istringstream rest(stat.substr(close + 1));
    std::string field;
    for (int i = 3; i <= 22 && rest >> field; ++i)
        if (i == 22) return std::stoull(field);
    return std::nullopt;
}

std::string host_name() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "";
    return buf;
}

} // namespace

ProcessId this_process() {
    ProcessId p;
    p.pid = static_cast<long>(::getpid());
    p.host = host_name();
    p.boot_id = first_line_of("/proc/sys/kernel/random/boot_id");
    p.start_ticks = start_ticks(p.pid).value_or(0);
    return p;
}

Liveness liveness(const ProcessId& p) {
    ProcessId me = this_process();
    if (p.host != me.host) return Liveness::unknown;
    if (p.boot_id.empty() || me.boot_id.empty()) return Liveness::unknown;
    if (p.boot_id != me.boot_id) return Liveness::gone; // the machine restarted since
    auto ticks = start_ticks(p.pid);
    if (!ticks) return Liveness::gone;
    return *ticks == p.start_ticks ? Liveness::running : Liveness::gone;
}

std::string render_owner(const ProcessId& p) {
    return fmt::format("pid {}\nhost {}\nboot {}\nstart {}\n", p.pid, p.host, p.boot_id,
                       p.start_ticks);
}

std::string render_journal(const Journal& j) {
    std::string out = fmt::format("commit {}\nparent {}\nref {}\n", j.commit, j.parent, j.ref);
    if (j.owner) out += render_owner(*j.owner);
    for (const auto& p : j.paths)
        out += "path " + p + "\n";
    return out;
}

Journal parse_journal(std::string_view text) {
    Journal j;
    ProcessId owner;
    bool has_owner = false;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        size_t space = line.find(' ');
        if (space == std::string_view::npos) continue;
        std::string_view word = line.substr(0, space);
        std::string value(line.substr(space + 1));
        try {
            if (word == "commit")
                j.commit = value;
            else if (word == "parent")
                j.parent = value;
            else if (word == "ref")
                j.ref = value;
            else if (word == "path")
                j.paths.push_back(value);
            else if (word == "pid")
                owner.pid = std::stol(value), has_owner = true;
            else if (word == "host")
                owner.host = value;
            else if (word == "boot")
                owner.boot_id = value;
            else if (word == "start")
                owner.start_ticks = std::stoull(value);
        } catch (const std::exception&) {
            has_owner = false; // a damaged number: treat the owner as unknown
        }
    }
    if (has_owner) j.owner = owner;
    return j;
}

} // namespace hd
