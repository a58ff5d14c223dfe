#include "core/ids.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <set>

using namespace hd;

TEST_CASE("ids are 7 alphabet characters, deterministic in their bits", "[ids]") {
    CHECK(make_id(0) == "0000000");
    CHECK(make_id(31) == "z000000");
    CHECK(make_id(0x123456789) == make_id(0x123456789));
    std::mt19937_64 rng(42);
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) {
        auto id = make_id(rng());
        CHECK(is_valid_id(id));
        seen.insert(id);
    }
    CHECK(seen.size() == 10000);
}

TEST_CASE("id validity", "[ids]") {
    CHECK(is_valid_id("k3m9x2p"));
    CHECK_FALSE(is_valid_id("k3m9x2"));
    CHECK_FALSE(is_valid_id("k3m9x2pp"));
    CHECK_FALSE(is_valid_id("k3m9x2i"));
    CHECK_FALSE(is_valid_id("K3M9X2P"));
}

TEST_CASE("typed prefixes are folded like Crockford base32", "[ids]") {
    CHECK(normalize_id_prefix("K3M") == "k3m");
    CHECK(normalize_id_prefix("iLo") == "110");
    CHECK(normalize_id_prefix("ab-c") == "");
    CHECK(normalize_id_prefix("abu") == "");
}

TEST_CASE("ticket files are sharded by the first two characters", "[ids]") {
    CHECK(ticket_relpath("k3m9x2p") == "tickets/k3/k3m9x2p.toml");
}

TEST_CASE("prefix matching", "[ids]") {
    std::vector<std::string> ids{"abc1234", "abc5678", "abd0000", "xyz9999"};
    auto one = match_prefix(ids, "abd");
    CHECK(one.kind == PrefixMatch::Kind::unique);
    CHECK(one.ids == std::vector<std::string>{"abd0000"});
    auto two = match_prefix(ids, "abc");
    CHECK(two.kind == PrefixMatch::Kind::ambiguous);
    CHECK(two.ids == std::vector<std::string>{"abc1234", "abc5678"});
    CHECK(match_prefix(ids, "q").kind == PrefixMatch::Kind::none);
    CHECK(match_prefix(ids, "abc1234").kind == PrefixMatch::Kind::unique);
    CHECK(match_prefix({}, "a").kind == PrefixMatch::Kind::none);
}
