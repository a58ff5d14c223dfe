#include "core/ticket.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("requesters are parsed from what people type", "[person]") {
    CHECK(parse_person("Ana Lima <ana@example.org>") == Person{"Ana Lima", "ana@example.org"});
    CHECK(parse_person("  \"Lima, Ana\" <ana@example.org> ") ==
          Person{"Lima, Ana", "ana@example.org"});
    CHECK(parse_person("ana@example.org") == Person{"ana", "ana@example.org"});
    CHECK(parse_person("<ana@example.org>") == Person{"ana", "ana@example.org"});
    CHECK_FALSE(parse_person("Ana Lima"));
    CHECK_FALSE(parse_person("Ana <not-an-address>"));
    CHECK_FALSE(parse_person("Ana <ana@example.org"));
    CHECK_FALSE(parse_person(""));
    CHECK(Person{"Ana", "a@example.org"}.display() == "Ana <a@example.org>");
}

TEST_CASE("requesters with control characters are refused", "[person]") {
    CHECK_FALSE(parse_person("Ana\nLima <ana@example.org>"));
    CHECK_FALSE(parse_person("Ana <ana@example.org>\n"));
    CHECK_FALSE(parse_person("Ana\x1b[2J <ana@example.org>"));
    CHECK_FALSE(parse_person("Ana <ana\r@example.org>"));
    CHECK_FALSE(parse_person("Ana\tLima <ana@example.org>"));
    CHECK_FALSE(parse_person("Ana \u202e <ana@example.org>"));
    CHECK_FALSE(parse_person("Ana \u0085 <ana@example.org>"));
    CHECK_FALSE(parse_person("Ana\x7f <ana@example.org>"));
    CHECK(parse_person("\u05e9\u05dc\u05d5\u05dd <shalom@example.org>"));
}

TEST_CASE("a requester is one address mail can go to", "[person]") {
    // Two people in one --from would put the second in the To header.
    CHECK_FALSE(parse_person("Ana <ana@example.org>, Bob <bob@example.net>"));
    CHECK_FALSE(parse_person("ana@example.org, bob@example.net"));
    CHECK_FALSE(parse_person("Ana <ana@example.org;bob@example.net>"));
    CHECK_FALSE(parse_person("Ana <a@b@example.org>"));
    CHECK_FALSE(parse_person("Ana <\"a b\"@example.org>"));
    CHECK(is_mail_address("ana.lima+desk@example.org"));
    CHECK_FALSE(is_mail_address("ana@example.org\r\nBcc: x@example.net"));
    CHECK_FALSE(is_mail_address("@example.org"));
    CHECK_FALSE(is_mail_address("ana@"));
}
