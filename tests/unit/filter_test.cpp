#include "core/filter.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("the default listing hides closed tickets", "[filter]") {
    Ticket t;
    TicketState open, closed;
    open.status = Status::open;
    closed.status = Status::closed;
    ListFilter f;
    CHECK(f.matches(t, open));
    CHECK_FALSE(f.matches(t, closed));
    f.all = true;
    CHECK(f.matches(t, closed));
    ListFilter only_closed{.statuses = {Status::closed}};
    CHECK(only_closed.matches(t, closed));
    CHECK_FALSE(only_closed.matches(t, open));
}

TEST_CASE("filters combine", "[filter]") {
    Ticket t;
    t.requester = {"José Núñez", "Jose@Example.org"};
    t.audience = Audience::client;
    TicketState s;
    s.status = Status::waiting;
    s.priority = Priority::high;
    s.tags = {"vip", "billing"};
    s.assignee = "Sam";
    CHECK(ListFilter{.priorities = {Priority::high, Priority::urgent}}.matches(t, s));
    CHECK_FALSE(ListFilter{.priorities = {Priority::low}}.matches(t, s));
    CHECK(ListFilter{.audiences = {Audience::client}}.matches(t, s));
    CHECK(ListFilter{.tags = {"vip", "billing"}}.matches(t, s));
    CHECK_FALSE(ListFilter{.tags = {"vip", "other"}}.matches(t, s));
    CHECK(ListFilter{.requester = "jose@"}.matches(t, s));
    CHECK(ListFilter{.requester = "Núñez"}.matches(t, s));
    CHECK_FALSE(ListFilter{.requester = "ana"}.matches(t, s));
    CHECK(ListFilter{.assignee = "Sam"}.matches(t, s));
    CHECK_FALSE(ListFilter{.assignee = "Kim"}.matches(t, s));
}
