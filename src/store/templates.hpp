#pragma once
// Where reply templates come from: the desk's own templates/ folder first,
// then the defaults built into hd (from the project's templates/).
#include "core/ticket.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hd {

struct TemplateText {
    std::string text;
    std::string path; // for messages: the desk's file, or "hd's built-in <file>"
};

// "<name>.<audience>" -> text; generated at build time.
const std::map<std::string_view, std::string_view>& builtin_templates();

// nullopt when neither the desk nor hd has it; `looked` says where it looked.
std::optional<TemplateText> find_template(const std::string& workdir, const std::string& root,
                                          std::string_view name, Audience audience,
                                          std::string* looked = nullptr);

// The templates of one desk, each looked for at most once in a run: a bulk
// action (hd followup --due, hd close --stale) renders the same few for
// every ticket it touches, and reading them again per ticket cost a file
// lookup each. A template edited during the run is used from the next run.
class TemplateCache {
  public:
    TemplateCache(std::string workdir, std::string root);

    // find_template's answer, remembered by name and audience.
    const std::optional<TemplateText>& find(std::string_view name, Audience audience,
                                            std::string* looked = nullptr);

  private:
    struct Found {
        std::optional<TemplateText> text;
        std::string looked;
    };
    std::string workdir_, root_;
    std::map<std::string, Found, std::less<>> found_; // by "<name>.<audience>"
};

// Every template in effect, by "<name>.<audience>": the desk's own files
// (under root's templates/) over hd's built-in ones, in name order.
std::map<std::string, TemplateText> templates_in_effect(const std::string& workdir,
                                                        const std::string& root);

} // namespace hd
