#include "store/git_config_text.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("plain git config is read as git reads it") {
    auto lines = read_plain_config("[core]\n\trepositoryformatversion = 0\n\tBare = false\n"
                                   "# a comment\n[merge \"hd\"]\n\tname = hd ticket merge\n"
                                   "\tdriver = '/usr/bin/hd' merge-driver %O %A ; trailing\n"
                                   "[Merge \"hd\"]\n\tdriver = \"quoted # kept\"  \n");
    REQUIRE(lines);
    CHECK(last_value(*lines, "core", "", "bare") == "false");
    CHECK(last_value(*lines, "merge", "hd", "name") == "hd ticket merge");
    // The last value wins, and section names are case-insensitive.
    CHECK(last_value(*lines, "merge", "hd", "driver") == "quoted # kept");
    CHECK(!last_value(*lines, "merge", "HD", "driver"));
    auto first = read_plain_config("[merge \"hd\"]\n driver = '/x/hd' merge-driver %O ; c\n");
    REQUIRE(first);
    CHECK(last_value(*first, "merge", "hd", "driver") == "'/x/hd' merge-driver %O");
}

TEST_CASE("config a full reader must read is refused") {
    CHECK(!read_plain_config("[core]\n\tpath = a\\\nb\n"));   // continuation
    CHECK(!read_plain_config("[include]\n\tpath = other\n")); // includes
    CHECK(!read_plain_config("[includeIf \"gitdir:/x/\"]\n\tpath = o\n"));
    CHECK(!read_plain_config("[merge.hd]\n\tdriver = x\n")); // old dotted form
    CHECK(!read_plain_config("[core] bare = true\n"));       // key after header
    CHECK(!read_plain_config("key = outside a section\n"));
    CHECK(!read_plain_config("[core]\n\tx = \"unclosed\n"));
    CHECK(read_plain_config(""));
}
