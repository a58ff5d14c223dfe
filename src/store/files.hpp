#pragma once
// Plain file access for the store: whole-file reads and atomic replacement.
#include <optional>
#include <string>

namespace hd {

// nullopt when the file does not exist; Error(repo) on any other failure.
std::optional<std::string> read_file(const std::string& path);

// Writes to a temporary file beside `path` and renames it into place, so a
// reader or a crash sees the old content or the new, never a mix.
void write_file_atomic(const std::string& path, const std::string& content);

void remove_file(const std::string& path);

} // namespace hd
