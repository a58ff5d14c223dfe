#include "store/templates.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "store/files.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace hd {

std::optional<TemplateText> find_template(const std::string& workdir, const std::string& root,
                                          std::string_view name, Audience audience,
                                          std::string* looked) {
    std::string file = fmt::format("{}.{}.mustache", name, to_string(audience));
    std::string own = root + "templates/" + file;
    if (looked) *looked = own;
    if (auto text = read_file(workdir + own)) {
        if (auto bad = find_invalid_utf8(*text))
            throw Error(Exit::invalid, fmt::format("{}: not valid UTF-8 at byte {}", own, *bad));
        return TemplateText{*text, own};
    }
    auto it = builtin_templates().find(fmt::format("{}.{}", name, to_string(audience)));
    if (it == builtin_templates().end()) return std::nullopt;
    return TemplateText{std::string(it->second), "hd's built-in " + file};
}

TemplateCache::TemplateCache(std::string workdir, std::string root)
    : workdir_(std::move(workdir)), root_(std::move(root)) {}

const std::optional<TemplateText>& TemplateCache::find(std::string_view name, Audience audience,
                                                       std::string* looked) {
    std::string key = fmt::format("{}.{}", name, to_string(audience));
    auto it = found_.find(key);
    if (it == found_.end()) {
        Found f;
        f.text = find_template(workdir_, root_, name, audience, &f.looked);
        it = found_.emplace(std::move(key), std::move(f)).first;
    }
    if (looked) *looked = it->second.looked;
    return it->second.text;
}

std::map<std::string, TemplateText> templates_in_effect(const std::string& workdir,
                                                        const std::string& root) {
    std::map<std::string, TemplateText> out;
    for (const auto& [key, text] : builtin_templates())
        out[std::string(key)] = {std::string(text), "built-in"};
    std::error_code ec;
    std::string dir = workdir + root + "templates";
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::string file = entry.path().filename().string();
        if (!file.ends_with(".mustache") || !entry.is_regular_file(ec)) continue;
        std::string key = file.substr(0, file.size() - 9);
        auto dot = key.rfind('.');
        if (dot == std::string::npos || !parse_audience(key.substr(dot + 1))) continue;
        auto text = read_file(entry.path().string());
        if (text) out[key] = {*text, root + "templates/" + file};
    }
    return out;
}

} // namespace hd
