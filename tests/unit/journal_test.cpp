#include "core/error.hpp"
#include "store/journal.hpp"
#include "store/transaction.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

using namespace hd;

TEST_CASE("a journal reads back what was written", "[journal]") {
    Journal j{std::string(40, 'a'), std::string(40, '0'), "refs/heads/main",
              {"tickets/ab/abcdefg.toml", "tickets/cd/cdefghj.toml"}, this_process()};
    Journal back = parse_journal(render_journal(j));
    CHECK(back.commit == j.commit);
    CHECK(back.parent == j.parent);
    CHECK(back.ref == j.ref);
    CHECK(back.paths == j.paths);
    REQUIRE(back.owner);
    CHECK(*back.owner == *j.owner);
}

TEST_CASE("journals of older versions have no owner", "[journal]") {
    Journal j = parse_journal("commit abc\nparent def\nref HEAD\npath x\n");
    CHECK_FALSE(j.owner);
    CHECK(j.paths == std::vector<std::string>{"x"});
    CHECK_FALSE(parse_journal("commit abc\npid notanumber\n").owner);
}

TEST_CASE("whether the process that wrote a journal still runs", "[journal]") {
    ProcessId me = this_process();
    CHECK(me.pid == ::getpid());
    CHECK(liveness(me) == Liveness::running);
    ProcessId reused = me;
    reused.start_ticks += 1; // the same pid, started at another time: another process
    CHECK(liveness(reused) == Liveness::gone);
    ProcessId rebooted = me;
    rebooted.boot_id = "another-boot";
    CHECK(liveness(rebooted) == Liveness::gone);
    ProcessId elsewhere = me;
    elsewhere.host = me.host + "-other";
    CHECK(liveness(elsewhere) == Liveness::unknown);
}

TEST_CASE("HD_LOCK_TIMEOUT is a finite, non-negative number of seconds", "[lock]") {
    CHECK(parse_lock_timeout("10") == 10.0);
    CHECK(parse_lock_timeout("0.5") == 0.5);
    CHECK(parse_lock_timeout("0") == 0.0);
    for (const char* bad : {"", "nan", "inf", "-1", "10abc", " 10", "1e999"}) {
        INFO(bad);
        CHECK_THROWS_AS(parse_lock_timeout(bad), Error);
    }
}
