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

TEST_CASE("assignee: part of the name or email in any case; exactly me; unassigned", "[filter]") {
    TicketRow r;
    r.status = Status::open;
    r.assignee = "Sam Agent <Sam.Agent@Example.com>";
    TicketRow nobody;
    nobody.status = Status::open;

    for (const char* part : {"sam", "AGENT", "sam.agent@example", "EXAMPLE.COM", "m A"}) {
        INFO(part);
        CHECK(ListFilter{.assignee = part}.matches(r));
        CHECK_FALSE(ListFilter{.assignee = part}.matches(nobody));
    }
    CHECK_FALSE(ListFilter{.assignee = "kim"}.matches(r));

    CHECK(ListFilter{.assignee_email = "sam.agent@example.com"}.matches(r));
    CHECK(ListFilter{.assignee_email = "SAM.AGENT@EXAMPLE.COM"}.matches(r));
    CHECK_FALSE(ListFilter{.assignee_email = "agent@example.com"}.matches(r));
    CHECK_FALSE(ListFilter{.assignee_email = "sam.agent@example.co"}.matches(r));
    CHECK_FALSE(ListFilter{.assignee_email = "Sam Agent"}.matches(r));
    CHECK_FALSE(ListFilter{.assignee_email = "sam.agent@example.com"}.matches(nobody));

    CHECK(ListFilter{.unassigned = true}.matches(nobody));
    CHECK_FALSE(ListFilter{.unassigned = true}.matches(r));
    CHECK(ListFilter{}.matches(r));
    CHECK(ListFilter{}.matches(nobody));
}

TEST_CASE("is_person compares the email of \"Name <email>\" in any case", "[filter]") {
    CHECK(is_person("Sam Agent <Sam@Example.com>", "sam@example.com"));
    CHECK(is_person("Sam Agent <sam@example.com>", "SAM@EXAMPLE.COM"));
    CHECK(is_person("sam@example.com", "sam@example.com")); // a bare address
    CHECK_FALSE(is_person("Sam Agent <sam@example.com>", "kim@example.com"));
    CHECK_FALSE(is_person("Sam Agent <sam@example.com>", "am@example.com"));
    CHECK_FALSE(is_person("Sam Agent <sam@example.com>", ""));
    CHECK_FALSE(is_person("", "sam@example.com"));
    CHECK_FALSE(is_person("Sam Agent", "sam@example.com")); // no address
    CHECK(ascii_lower("ÀBC Déf") == "Àbc déf");
}
