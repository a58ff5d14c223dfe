#include "store/merge_driver.hpp"

#include "store/git_ptr.hpp"
#include "store/ticket_merge.hpp"

#include <fmt/format.h>
#include <git2/sys/merge.h>
#include <sys/stat.h>

namespace hd {

namespace {

std::string blob_text(git_repository* repo, const git_index_entry* e) {
    if (!e) return "";
    auto text = git::read_blob(repo, e->id);
    if (!text) throw std::runtime_error(git::last_error());
    return *text;
}

int apply(git_merge_driver*, const char** path_out, uint32_t* mode_out, git_buf* merged_out,
          const char*, const git_merge_driver_source* src) {
    const git_index_entry* ours = git_merge_driver_source_ours(src);
    const git_index_entry* theirs = git_merge_driver_source_theirs(src);
    // Deleted on one side: git's own rules say what that means.
    if (!ours || !theirs) return GIT_PASSTHROUGH;
    try {
        git_repository* repo = git_merge_driver_source_repo(src);
        const git_merge_file_options* opts = git_merge_driver_source_file_options(src);
        MergeLabels labels;
        if (opts && opts->our_label) labels.ours = opts->our_label;
        if (opts && opts->their_label) labels.theirs = opts->their_label;
        if (opts && opts->marker_size) labels.marker_size = opts->marker_size;
        TicketMerge m =
            merge_ticket(blob_text(repo, git_merge_driver_source_ancestor(src)),
                         blob_text(repo, ours), blob_text(repo, theirs), ours->path, labels);
        if (m.conflict) return GIT_EMERGECONFLICT;
            // libgit2 1.5 offers no other public way to fill a git_buf.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        if (git_buf_set(merged_out, m.text.data(), m.text.size()) != 0) return -1;
#pragma GCC diagnostic pop
        *path_out = ours->path;
        *mode_out = ours->mode;
        return 0;
    } catch (...) {
        return GIT_EMERGECONFLICT; // no exception crosses into C
    }
}

git_merge_driver driver{GIT_MERGE_DRIVER_VERSION, nullptr, nullptr, apply};

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// The program a driver command written by hd runs, or "" for any other
// command (a person's own, which is left alone).
std::string hd_program_of(std::string_view command) {
    if (!command.starts_with('\'')) return "";
    size_t close = command.find('\'', 1);
    if (close == std::string_view::npos) return "";
    if (command.substr(close + 1).find(" merge-driver ") != 0) return "";
    return std::string(command.substr(1, close - 1));
}

} // namespace

void register_merge_driver() {
    static const int once =
        git_merge_driver_register(std::string(merge_driver_name).c_str(), &driver);
    (void)once;
}

std::string merge_driver_command(const std::string& program) {
    return shell_quote(program) + " merge-driver --marker-size %L %O %A %B %P";
}

DriverConfig ensure_merge_driver(const Repo& repo, const std::string& program) {
    // Set in the repository's own plain config, the level that wins: no
    // need for libgit2 to say so.
    if (const auto* local = repo.plain_config()) {
        if (auto value = last_value(*local, "merge", merge_driver_name, "driver")) {
            std::string current = hd_program_of(*value);
            struct stat st {};
            if (current.empty() || ::stat(current.c_str(), &st) == 0) return DriverConfig::present;
        }
    }
    std::string key = fmt::format("merge.{}.driver", merge_driver_name);
    git_config* raw = nullptr;
    if (git_repository_config_snapshot(&raw, repo.raw()) != 0) return DriverConfig::missing;
    git::ConfigPtr snapshot(raw);
    const char* value = nullptr;
    if (git_config_get_string(&value, snapshot.get(), key.c_str()) == 0) {
        std::string current = hd_program_of(value);
        struct stat st {};
        if (current.empty() || ::stat(current.c_str(), &st) == 0) return DriverConfig::present;
    }
    if (program.empty()) return DriverConfig::missing;
    git_config* all = nullptr;
    if (git_repository_config(&all, repo.raw()) != 0) return DriverConfig::missing;
    git::ConfigPtr owned(all);
    git_config* local = nullptr;
    if (git_config_open_level(&local, owned.get(), GIT_CONFIG_LEVEL_LOCAL) != 0)
        return DriverConfig::missing;
    git::ConfigPtr level(local);
    std::string name_key = fmt::format("merge.{}.name", merge_driver_name);
    if (git_config_set_string(level.get(), name_key.c_str(), "hd ticket merge (events by time)") !=
            0 ||
        git_config_set_string(level.get(), key.c_str(), merge_driver_command(program).c_str()) !=
            0) {
        git_error_clear();
        return DriverConfig::missing;
    }
    return DriverConfig::installed;
}

bool kept_as_bytes(const Repo& repo, const std::string& path) {
    const char* value = nullptr;
    if (git_attr_get(&value, repo.raw(), GIT_ATTR_CHECK_FILE_THEN_INDEX, path.c_str(), "text") != 0)
        return false;
    return git_attr_value(value) == GIT_ATTR_VALUE_FALSE;
}

bool uses_merge_driver(const Repo& repo, const std::string& path) {
    const char* value = nullptr;
    if (git_attr_get(&value, repo.raw(), GIT_ATTR_CHECK_FILE_THEN_INDEX, path.c_str(), "merge") !=
        0)
        return false;
    return git_attr_value(value) == GIT_ATTR_VALUE_STRING && value == merge_driver_name;
}

} // namespace hd
