#pragma once
// What `hd --version` says: the version, the commit this build was made
// from (worked out when it was built, see cmake/version_stamp.cmake), and
// with --json the libraries and features compiled in.
#include <nlohmann/json.hpp>
#include <span>
#include <string>

namespace hd {

// The project version, as in CMakeLists.txt's project().
std::string_view version();

// `git describe --tags --always --dirty` of the tree it was built from;
// empty for a build from a tree that was not a git checkout.
std::string_view version_describe();

// "hd 0.1.0 (v0.1.0-3-g1a2b3c4)", or "hd 0.1.0" with no description: of
// this build, or of the given version and description.
std::string version_line();
std::string version_line(std::string_view version, std::string_view describe);

// The version, commit, build, libraries (with the versions linked or
// compiled in) and features, as `hd --version --json` prints them.
nlohmann::ordered_json version_json();

// What --version prints for these command-line arguments (argv without
// the program name): the JSON when one of them is --json, else the line.
std::string version_text(std::span<const char* const> args);

} // namespace hd
