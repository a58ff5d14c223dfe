#include "store/templates.hpp"

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "store/files.hpp"

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

} // namespace hd
