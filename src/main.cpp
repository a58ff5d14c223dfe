// hd: a help desk in a git repository. main() builds the command line from
// one table of subcommands and is the only place errors become exit codes.
#include "cli/commands.hpp"
#include "core/display.hpp"
#include "core/error.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
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

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"hd: a help desk that lives in a git repository.\n"
                 "Every action is a commit; see hd(1) for the practice it encodes.",
                 "hd"};
    app.set_version_flag("--version", "hd " HD_VERSION);
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
        break;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // CLI11 quotes the arguments it rejects; they may hold anything.
        std::ostringstream out, err;
        int rc = app.exit(e, out, err);
        std::cout << out.str();
        std::cerr << hd::inert(err.str(), hd::Shape::block);
        return rc == 0 ? 0 : static_cast<int>(hd::Exit::usage);
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
