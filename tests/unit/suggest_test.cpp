#include "core/suggest.hpp"

#include <catch2/catch.hpp>

using namespace hd;

namespace {

const std::vector<std::string> list_options{"--help",       "--status", "--priority",  "--audience",
                                            "--waiting-on", "--tag",    "--requester", "--assignee",
                                            "--all",        "--json",   "--ids"};

} // namespace

TEST_CASE("edit distance counts inserts, deletes, replacements and swaps", "[suggest]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("status", "status") == 0);
    CHECK(edit_distance("staus", "status") == 1);   // a letter left out
    CHECK(edit_distance("statuss", "status") == 1); // one too many
    CHECK(edit_distance("stutus", "status") == 1);  // one replaced
    CHECK(edit_distance("jsno", "json") == 1);      // two swapped
    CHECK(edit_distance("priorty", "priority") == 1);
    CHECK(edit_distance("sttaus", "status") == 1);
    CHECK(edit_distance("stxtux", "status") == 2);
    CHECK(edit_distance("", "all") == 3);
    CHECK(edit_distance("abc", "xyz") == 3);
}

TEST_CASE("a mistyped option is matched to the one most likely meant", "[suggest]") {
    CHECK(suggest_option("--staus", list_options) == "--status");
    CHECK(suggest_option("--jsno", list_options) == "--json");
    CHECK(suggest_option("--priorty=high", list_options) == "--priority");
    CHECK(suggest_option("--requestor", list_options) == "--requester");
    CHECK(suggest_option("--stxtux", list_options) == "--status"); // two edits
    CHECK(suggest_option("--tga", list_options) == "--tag");
    // A start of one option only.
    CHECK(suggest_option("--wait", list_options) == "--waiting-on");
    CHECK(suggest_option("--req", list_options) == "--requester");
    CHECK(suggest_option("--pri", list_options) == "--priority");
}

TEST_CASE("no suggestion when nothing is close or several are", "[suggest]") {
    CHECK_FALSE(suggest_option("--zzzzzz", list_options));
    CHECK_FALSE(suggest_option("--status", list_options)); // known
    CHECK_FALSE(suggest_option("-x", list_options));       // short options are not guessed
    CHECK_FALSE(suggest_option("--", list_options));
    CHECK_FALSE(suggest_option("--=x", list_options));
    CHECK_FALSE(suggest_option("--a", list_options));        // starts --audience, --assignee, --all
    CHECK_FALSE(suggest_option("--id", {"--ids", "--idx"})); // two starts, tied distance
    CHECK_FALSE(suggest_option("--xy", list_options));       // short: one edit at most
    CHECK_FALSE(suggest_option("--sxtxtxs", list_options));  // three edits
    CHECK(suggest_option("--jsn", list_options) == "--json"); // a short name, one edit
}
