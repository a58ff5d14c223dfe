#pragma once
// hd's ticket merge wired into git: registered in process with libgit2 (which
// never reads merge.<name>.driver from config), and written into a clone's
// own .git/config for the git CLI, under the name the attributes use.
#include "store/repo.hpp"

#include <string>
#include <string_view>

namespace hd {

// The name in `merge=hd` and in `merge.hd.driver`.
inline constexpr std::string_view merge_driver_name = "hd";

// The .gitattributes line, relative to the directory holding hd.toml.
inline constexpr std::string_view merge_attributes_line = "tickets/**/*.toml merge=hd";
// The mail kept beside tickets (hd-format(5)) is binary to git.
inline constexpr std::string_view kept_mail_attributes_line = "tickets/**/*.d/** -text";

// Registers the merge with libgit2, once per process; Repo calls it when it
// sets libgit2 up, so every merge hd makes uses it.
void register_merge_driver();

// What `merge.hd.driver` is set to for the hd at `program` (an absolute path).
std::string merge_driver_command(const std::string& program);

enum class DriverConfig {
    present,   // set, and runs an hd that exists
    installed, // it was missing (or named an hd that is gone) and is now set
    missing,   // missing, and could not be set
};

// Sets merge.hd.driver and merge.hd.name in the repository's own config
// when they are missing, or name an hd binary that no longer exists. A
// user's own driver command is left alone. Quiet and best effort: many hd
// runs may race to write it, and a loser finds it set the next time.
DriverConfig ensure_merge_driver(const Repo& repo, const std::string& program);

// Whether the attributes git reads send `path` (relative to the work tree)
// to the hd merge.
bool uses_merge_driver(const Repo& repo, const std::string& path);

// Whether the attributes keep `path` byte for byte (-text).
bool kept_as_bytes(const Repo& repo, const std::string& path);

} // namespace hd
