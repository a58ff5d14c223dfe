#pragma once
// Finding the repository of a directory without libgit2, whose set-up (the
// system's CA bundle, parsed at git_libgit2_init) costs more than a whole
// listing of a small desk. Only the plain layout is taken: a `.git`
// directory in the start directory or above it, on the same file system,
// owned by this user, whose config holds nothing that could move the work
// tree or make it bare. Anything else is libgit2's to find, so what is
// found is always what libgit2 would find.
#include "store/git_config_text.hpp"
#include "store/repo.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hd {

struct PlainRepo {
    std::string workdir, gitdir;    // absolute, real paths, ending in '/'
    std::vector<ConfigLine> config; // .git/config
};

// nullopt when the layout is not plain, or no repository is found: then
// libgit2 decides (and says why not).
std::optional<PlainRepo> find_plain_repo(const std::string& start, const Getenv& env);

} // namespace hd
