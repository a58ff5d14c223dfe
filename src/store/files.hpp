#pragma once
// Plain file access for the store: whole-file reads and atomic replacement.
#include <optional>
#include <string>
#include <sys/stat.h>

namespace hd {

// nullopt when the file does not exist; Error(repo) on any other failure.
// `st`, when given, receives the file's status as it was read.
std::optional<std::string> read_file(const std::string& path, struct stat* st = nullptr);

// Writes to a temporary file beside `path` and renames it into place, so a
// reader or a crash sees the old content or the new, never a mix.
void write_file_atomic(const std::string& path, const std::string& content);

void remove_file(const std::string& path);

} // namespace hd
