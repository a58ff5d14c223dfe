#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/practice_check.hpp"
#include "core/utf8.hpp"
#include "render/json.hpp"
#include "store/files.hpp"
#include "store/merge_driver.hpp"
#include "store/ticket_parse.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hd {

namespace {

struct CheckOptions {
    bool json = false;
};

struct Problem {
    enum class Kind { invalid, practice, setup };
    std::string path, message;
    Kind kind = Kind::invalid; // practice: valid, but its history breaks the practice
    int line = 0, column = 0;  // where in the file, when known
};

std::string_view to_string(Problem::Kind k) {
    return k == Problem::Kind::practice ? "practice"
           : k == Problem::Kind::setup  ? "setup"
                                        : "invalid";
}

// Clones merge tickets by hd's rules only when the attributes send ticket
// files to the hd merge and git knows how to run it.
void check_merge_setup(const Context& ctx, const Desk& desk, std::vector<Problem>& out) {
    std::string attributes = desk.store->root() + ".gitattributes";
    if (!uses_merge_driver(*desk.repo, desk.store->root() + "tickets/00/0000000.toml"))
        out.push_back({attributes,
                       fmt::format("{}: ticket files are not merged by hd, so clones that act on "
                                   "one ticket will conflict; add the line '{}' to it and commit",
                                   attributes, merge_attributes_line),
                       Problem::Kind::setup});
    if (!kept_as_bytes(*desk.repo, desk.store->root() + "tickets/00/0000000.d/0.eml"))
        out.push_back({attributes,
                       fmt::format("{}: mail kept beside tickets is not marked binary, so git may "
                                   "change its line endings; add the line '{}' to it and commit",
                                   attributes, kept_mail_attributes_line),
                       Problem::Kind::setup});
    if (ensure_merge_driver(*desk.repo, ctx.program) == DriverConfig::missing)
        out.push_back({".git/config",
                       fmt::format(".git/config: git cannot run hd's merge (merge.{0}.driver is "
                                   "not set and could not be); set it: git config merge.{0}.driver "
                                   "\"{1}\"",
                                   merge_driver_name, merge_driver_command("hd")),
                       Problem::Kind::setup});
}

Problem invalid(const std::string& path, const Error& e) {
    const auto& at = e.location();
    return {path, e.what(), Problem::Kind::invalid, at ? at->line : 0, at ? at->column : 0};
}

// Validates one file, adding what it finds to `out`.
void check_file(const std::string& workdir, const std::string& rel,
                std::string_view expected_prefix, std::vector<Problem>& out) {
    auto text = read_file(workdir + rel);
    if (!text) return out.push_back({rel, rel + ": cannot be read"});
    if (auto bad = find_invalid_utf8(*text))
        return out.push_back({rel, fmt::format("{}: not valid UTF-8 at byte {}", rel, *bad)});
    try {
        Ticket t = parse_ticket(*text, rel);
        if (std::string want = std::string(expected_prefix) + ticket_relpath(t.id); want != rel)
            out.push_back({rel, fmt::format("{}: ticket {} belongs at {}", rel, t.id, want)});
        for (const auto& f : practice_findings(t))
            out.push_back({rel, fmt::format("{}:{}: {}", rel, f.line, f.message),
                           Problem::Kind::practice, f.line});
    } catch (const Error& e) {
        out.push_back(invalid(rel, e));
    }
}

int run_check(const CheckOptions& o, Context& ctx) {
    Desk desk = open_desk(ctx, Intent::read);
    const std::string& workdir = desk.repo->workdir();
    std::vector<Problem> problems;
    try {
        desk.config();
    } catch (const Error& e) {
        problems.push_back(invalid(desk.store->config_path(), e));
    }

    // The work tree, not the index: check what a person may have just edited.
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    fs::path dir = fs::path(workdir) / (desk.store->root() + "tickets");
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        if (!it->is_regular_file() || it->path().extension() != ".toml") continue;
        files.push_back(fs::relative(it->path(), workdir).generic_string());
    }
    // A file in a merge conflict holds both sides between markers: name the
    // conflict, not the syntax errors it makes, even if the file is gone.
    std::vector<BrokenTicket> conflicts = desk.store->conflicts();
    for (const auto& c : conflicts)
        files.push_back(c.path);
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    for (const auto& rel : files) {
        auto c = std::find_if(conflicts.begin(), conflicts.end(),
                              [&](const BrokenTicket& b) { return b.path == rel; });
        if (c != conflicts.end())
            problems.push_back({rel, c->message});
        else
            check_file(workdir, rel, desk.store->root(), problems);
    }

    check_merge_setup(ctx, desk, problems);

    if (o.json) {
        nlohmann::ordered_json j;
        j["checked"] = files.size();
        j["problems"] = nlohmann::ordered_json::array();
        for (const auto& p : problems) {
            nlohmann::ordered_json item{
                {"path", p.path}, {"kind", to_string(p.kind)}, {"message", p.message}};
            if (p.line > 0) item["line"] = p.line;
            if (p.column > 0) item["column"] = p.column;
            j["problems"].push_back(std::move(item));
        }
        *ctx.out << json_text(j) << '\n';
    } else {
        for (const auto& p : problems)
            *ctx.err << (p.kind == Problem::Kind::invalid ? ""
                                                          : std::string(to_string(p.kind)) + ": ")
                     << inert(p.message, Shape::line) << '\n';
        *ctx.out << fmt::format("{} ticket file(s) checked, {} problem(s)\n", files.size(),
                                problems.size());
    }
    bool invalid = std::any_of(problems.begin(), problems.end(),
                               [](const Problem& p) { return p.kind == Problem::Kind::invalid; });
    if (invalid) return static_cast<int>(Exit::invalid);
    return problems.empty() ? 0 : static_cast<int>(Exit::found);
}

} // namespace

Runner add_check(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<CheckOptions>();
    auto* cmd = app.add_subcommand("check", "Validate hd.toml and every ticket file");
    cmd->add_flag("--json", o->json, "Print the findings as JSON");
    return [o, &ctx] { return run_check(*o, ctx); };
}

Runner add_ids(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("__ids", "Every ticket ID, from the index alone (completion)");
    cmd->group(""); // hidden from --help
    return [&ctx] {
        Desk desk = open_desk(ctx);
        std::string out;
        for (const auto& id : desk.store->ids())
            (out += id) += '\n';
        *ctx.out << out;
        return 0;
    };
}

} // namespace hd
