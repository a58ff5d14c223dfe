#include "store/repo_discovery.hpp"

#include "core/filter.hpp"
#include "store/files.hpp"

#include <climits>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace hd {

namespace {

bool is_dir(const std::string& path, struct stat* st = nullptr) {
    struct stat local {};
    struct stat& s = st ? *st : local;
    return ::stat(path.c_str(), &s) == 0 && S_ISDIR(s.st_mode);
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}

bool is_false(std::string v) {
    v = ascii_lower(v);
    return v == "false" || v == "no" || v == "off" || v == "0";
}

// Whether a config file says nothing that changes where the work tree is,
// whether there is one, or how the repository is read.
bool plain_settings(const std::vector<ConfigLine>& lines, bool local) {
    for (const auto& l : lines) {
        if (l.section == "core" && l.key == "worktree") return false;
        if (l.section == "core" && l.key == "bare" && !is_false(l.value)) return false;
        if (l.section == "extensions") return false;
        if (local && l.section == "core" && l.key == "repositoryformatversion" && l.value != "0" &&
            l.value != "1")
            return false;
    }
    return true;
}

// A config file of another level (global, XDG, system): missing, or plain.
bool plain_other_level(const std::string& path) {
    std::optional<std::string> text;
    try {
        text = read_file(path);
    } catch (...) {
        return false;
    }
    if (!text) return !exists(path); // a directory or the like: let libgit2 say
    auto lines = read_plain_config(*text);
    return lines && plain_settings(*lines, false);
}

} // namespace

std::optional<PlainRepo> find_plain_repo(const std::string& start, const Getenv& env) {
    if (!env) return std::nullopt;
    // libgit2 as hd opens it ignores these (it reads no GIT_CONFIG_*), but
    // git does not: whoever sets them is in unusual territory, where
    // libgit2 keeps today's answer.
    for (const char* var : {"GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES",
                            "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_INDEX_FILE",
                            "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"})
        if (env(var)) return std::nullopt;
    // The levels libgit2 reads besides the repository's own.
    auto home = env("HOME");
    if (!home || home->empty()) return std::nullopt;
    std::string xdg = env("XDG_CONFIG_HOME").value_or("");
    xdg = xdg.empty() ? *home + "/.config/git/config" : xdg + "/git/config";
    for (const std::string& level : {*home + "/.gitconfig", xdg, std::string("/etc/gitconfig")})
        if (!plain_other_level(level)) return std::nullopt;

    char real[PATH_MAX];
    if (!::realpath(start.c_str(), real)) return std::nullopt;
    std::string dir = real;
    struct stat st {};
    if (!is_dir(dir, &st)) return std::nullopt;
    dev_t device = st.st_dev;
    uid_t me = ::geteuid();
    for (;;) {
        std::string slash = dir == "/" ? dir : dir + "/";
        // A directory that is itself a repository (bare, or a .git entered)
        // is libgit2's case.
        if (exists(slash + "HEAD")) return std::nullopt;
        std::string dotgit = slash + ".git";
        struct stat g {};
        if (::lstat(dotgit.c_str(), &g) == 0) {
            if (!S_ISDIR(g.st_mode)) return std::nullopt;               // a gitlink file, a symlink
            if (g.st_uid != me || st.st_uid != me) return std::nullopt; // ownership rules
            std::string gitdir = dotgit + "/";
            struct stat head {};
            if (::lstat((gitdir + "HEAD").c_str(), &head) != 0 || !S_ISREG(head.st_mode) ||
                !is_dir(gitdir + "objects") || !is_dir(gitdir + "refs") ||
                exists(gitdir + "commondir"))
                return std::nullopt;
            std::optional<std::string> text;
            try {
                text = read_file(gitdir + "config");
            } catch (...) {
                return std::nullopt;
            }
            if (!text) return std::nullopt;
            auto lines = read_plain_config(*text);
            if (!lines || !plain_settings(*lines, true)) return std::nullopt;
            return PlainRepo{slash, gitdir, std::move(*lines)};
        }
        if (dir == "/") return std::nullopt;
        size_t cut = dir.rfind('/');
        dir.resize(cut == 0 ? 1 : cut); // "/a" -> "/"
        // libgit2 does not search across file systems unless asked.
        if (!is_dir(dir, &st) || st.st_dev != device) return std::nullopt;
    }
}

} // namespace hd
