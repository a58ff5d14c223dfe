#include "core/filter.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("the default listing hides closed tickets", "[filter]") {
    TicketRow open, closed;
    open.status = Status::open;
    closed.status = Status::closed;
    ListFilter f;
    CHECK(f.matches(open));
    CHECK_FALSE(f.matches(closed));
    f.all = true;
    CHECK(f.matches(closed));
    ListFilter only_closed{.statuses = {Status::closed}};
    CHECK(only_closed.matches(closed));
    CHECK_FALSE(only_closed.matches(open));
}

TEST_CASE("filters combine", "[filter]") {
    TicketRow r;
    r.requester_name = "José Núñez";
    r.requester_email = "Jose@Example.org";
    r.audience = Audience::client;
    r.status = Status::waiting;
    r.priority = Priority::high;
    r.tags = "vip\nbilling";
    r.assignee = "Sam";
    CHECK(ListFilter{.priorities = {Priority::high, Priority::urgent}}.matches(r));
    CHECK_FALSE(ListFilter{.priorities = {Priority::low}}.matches(r));
    CHECK(ListFilter{.audiences = {Audience::client}}.matches(r));
    CHECK(ListFilter{.tags = {"vip", "billing"}}.matches(r));
    CHECK_FALSE(ListFilter{.tags = {"vip", "other"}}.matches(r));
    CHECK_FALSE(ListFilter{.tags = {"vi"}}.matches(r));
    CHECK(ListFilter{.requester = "jose@"}.matches(r));
    CHECK(ListFilter{.requester = "Núñez"}.matches(r));
    CHECK_FALSE(ListFilter{.requester = "ana"}.matches(r));
    CHECK(ListFilter{.assignee = "Sam"}.matches(r));
    CHECK_FALSE(ListFilter{.assignee = "Kim"}.matches(r));
}

TEST_CASE("rows carry the derived state of their ticket", "[filter]") {
    Ticket t;
    t.id = "k3m9x2p";
    t.title = "Sync stalls";
    t.tags = {"sync"};
    Event tag{.kind = EventKind::tag, .add = {"vip"}};
    t.events = {tag};
    RowText text;
    TicketRow r = make_row(t, derive_state(t), text);
    CHECK(r.id == "k3m9x2p");
    CHECK(r.tag_list() == std::vector<std::string_view>{"sync", "vip"});
    CHECK(ListFilter{.tags = {"vip"}}.matches(r));
}
