// hd: a help desk in a git repository. main() builds the command line from
// one table of subcommands and is the only place errors become exit codes.
#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "core/suggest.hpp"
#include "version_info.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>

namespace {

struct Command {
    const char* name;
    hd::Runner (*add)(CLI::App&, hd::Context&);
};

// Adding a subcommand: one row here and one file in src/cli/.
constexpr Command commands[] = {
    {"init", hd::add_init},
    {"new", hd::add_new},
    {"note", hd::add_note},
    {"restate", hd::add_restate},
    {"receive", hd::add_receive},
    {"reply", hd::add_reply},
    {"followup", hd::add_followup},
    {"close", hd::add_close},
    {"escalate", hd::add_escalate},
    {"reopen", hd::add_reopen},
    {"report", hd::add_report},
    {"show", hd::add_show},
    {"list", hd::add_list},
    {"check", hd::add_check},
    {"recover", hd::add_recover},
    {"sync", hd::add_sync},
    {"merge-driver", hd::add_merge_driver},
    {"assign", hd::add_assign},
    {"unassign", hd::add_unassign},
    {"set", hd::add_set},
    {"search", hd::add_search},
    {"next", hd::add_next},
    {"snooze", hd::add_snooze},
    {"templates", hd::add_templates},
    {"__ids", hd::add_ids},
};

// What CLI11 rejected, as hd says things: one "hd: " line (CLI11 quotes
// the arguments it rejects, and they may hold anything), the option each
// unknown one most likely meant, and where to read more.
std::string usage_error(std::string_view message, CLI::App* cmd,
                        const std::vector<std::string>& args) {
    std::string out = "hd: " + hd::inert(message, hd::Shape::line) + "\n";
    if (cmd) {
        std::vector<std::string> known, seen;
        for (const CLI::Option* opt : cmd->get_options())
            for (const auto& name : opt->get_lnames())
                known.push_back("--" + name);
        for (const auto& arg : args) {
            if (arg == "--") break;
            if (!arg.starts_with("--")) continue;
            std::string name = arg.substr(0, arg.find('='));
            if (std::find(known.begin(), known.end(), name) != known.end() ||
                std::find(seen.begin(), seen.end(), name) != seen.end())
                continue;
            seen.push_back(name); // each typo once
            if (auto near = hd::suggest_option(name, known))
                out += "hd: did you mean " + *near + "?\n";
        }
    }
    return out + (cmd ? "see 'hd " + cmd->get_name() + " --help'\n" : "see 'hd --help'\n");
}

} // namespace

namespace {

int run(int argc, char** argv) {
    CLI::App app{"hd: a help desk that lives in a git repository.\n"
                 "Every action is a commit; see hd(1) for the practice it encodes.",
                 "hd"};
    app.set_version_flag(
        "--version",
        [argc, argv] {
            return hd::version_text({argv + 1, argv + argc});
        },
        "Print the version and the commit built from (--json: with libraries and features)");
    app.require_subcommand(1);
    app.fallthrough();
    std::string dir;
    app.add_option("-C", dir, "Run as if started in DIR")->type_name("DIR");
    app.footer("Environment: HD_NOW fixes the clock (RFC 3339). Exit codes: see hd(1).");

    hd::Context ctx;
    std::map<std::string, hd::Runner> runners;
    for (const auto& c : commands)
        runners[c.name] = c.add(app, ctx);
    // CLI11 would call an unknown command a missing one; name it instead.
    std::string command;
    int command_at = argc;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-C") {
            ++i;
            continue;
        }
        if (arg.starts_with("-")) continue;
        if (!runners.count(std::string(arg))) {
            std::cerr << "hd: unknown command '" << hd::inert(arg, hd::Shape::line)
                      << "'; see 'hd --help'\n";
            return static_cast<int>(hd::Exit::usage);
        }
        command = arg;
        command_at = i;
        break;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) { // --help, --version
            std::ostringstream out, err;
            app.exit(e, out, err);
            std::cout << out.str();
            std::cerr << hd::inert(err.str(), hd::Shape::block);
            return 0;
        }
        CLI::App* cmd = command.empty() ? nullptr : app.get_subcommand(command);
        std::vector<std::string> rest;
        for (int i = command_at + 1; i < argc; ++i)
            rest.emplace_back(argv[i]);
        std::cerr << usage_error(e.what(), cmd, rest);
        return static_cast<int>(hd::Exit::usage);
    }
    try {
        hd::Context real = hd::make_process_context(dir);
        ctx = std::move(real);
        int rc = runners.at(app.get_subcommands().front()->get_name())();
        std::cout.flush();
        return rc;
    } catch (const hd::Error& e) {
        std::cout.flush();
        std::cerr << "hd: " << hd::inert(e.what(), hd::Shape::block) << '\n';
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "hd: internal error: " << hd::inert(e.what(), hd::Shape::block) << '\n';
        return 70;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    int rc = run(argc, argv);
    hd::finish_libgit2_start();
    return rc;
}
