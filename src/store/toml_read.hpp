#pragma once
// Small helpers over toml++ that turn a wrong type or value into an Error
// naming file:line:col and the key; shared by ticket and config readers.
#include "core/error.hpp"

#include <optional>
#include <string>
#include <toml++/toml.h>
#include <vector>

namespace hd {

class TomlReader {
  public:
    explicit TomlReader(std::string path) : path_(std::move(path)) {}

    // Parses text; a syntax error becomes Error(invalid) at its position.
    toml::table parse(std::string_view text) const;

    [[noreturn]] void fail(const toml::node* at, const std::string& what) const;
    [[noreturn]] void fail_at(const toml::source_region& at, const std::string& what) const;

    std::optional<std::string> string(const toml::table& t, std::string_view key,
                                      std::string_view where = {}) const;
    std::optional<int64_t> integer(const toml::table& t, std::string_view key,
                                   std::string_view where = {}) const;
    std::vector<std::string> strings(const toml::table& t, std::string_view key,
                                     std::string_view where = {}) const;

    const std::string& path() const { return path_; }

  private:
    std::string label(std::string_view key, std::string_view where) const;
    std::string path_;
};

} // namespace hd
