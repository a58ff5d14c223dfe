#include "store/digest_cache.hpp"
#include "store/ticket_parse.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

using namespace hd;

namespace {
Ticket sample() {
    return parse_ticket(R"(id = "k3m9x2p"
title = "Sync stalls"
created = 2026-11-02T09:14:00+01:00
requester = { name = "Ana", email = "ana@example.org" }
priority = "urgent"
tags = ["sync"]
body = "long words"

[[event]]
kind = "escalate"
at = 2026-11-02T10:00:00Z
by = "Sam <sam@example.com>"
to = "ENG-1"
next_steps = "we will call"

[[event]]
kind = "priority"
at = 2026-11-02T11:00:00Z
by = "Sam <sam@example.com>"
priority = "low"
)",
                        "tickets/k3/k3m9x2p.toml");
}
} // namespace

TEST_CASE("digests keep what listings need and drop long texts", "[cache]") {
    Ticket t = sample();
    auto back = deserialize_digest(serialize_digest(strip_texts(t)));
    REQUIRE(back);
    CHECK(back->id == t.id);
    CHECK(back->title == t.title);
    CHECK(back->created == t.created);
    CHECK(back->priority == Priority::urgent);
    CHECK(back->tags == t.tags);
    CHECK(back->path == t.path);
    CHECK(back->body.empty());
    REQUIRE(back->events.size() == 2);
    CHECK(back->events[0].to == "ENG-1");
    CHECK(back->events[0].next_steps == "we will call");
    CHECK(back->events[1].priority == Priority::low);
    CHECK(back->events[1].line == t.events[1].line);
}

TEST_CASE("damaged digests are refused, not trusted", "[cache]") {
    std::string bytes = serialize_digest(sample());
    CHECK_FALSE(deserialize_digest(bytes.substr(0, bytes.size() / 2)));
    CHECK_FALSE(deserialize_digest(bytes + "x"));
    CHECK_FALSE(deserialize_digest(""));
}

TEST_CASE("the cache file survives a reload and ignores a torn tail", "[cache]") {
    auto dir = std::filesystem::temp_directory_path() / "hd-cache-test";
    std::filesystem::create_directories(dir);
    std::string path = (dir / "cache").string();
    std::filesystem::remove(path);
    std::string key(20, 'k'), other(20, 'o');
    {
        DigestCache c(path);
        c.load();
        c.add(key, sample());
        c.save({key});
    }
    {
        DigestCache c(path);
        c.load();
        REQUIRE(c.find(key));
        CHECK(c.find(key)->title == "Sync stalls");
        CHECK_FALSE(c.find(other));
        c.add(other, sample());
        c.save({key, other});
    }
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 3);
    DigestCache c(path);
    c.load();
    CHECK(c.find(key));
    CHECK_FALSE(c.find(other));
    std::filesystem::remove_all(dir);
}
