#include "core/error.hpp"
#include "core/toml_text.hpp"
#include "store/ticket_parse.hpp"

#include <catch2/catch.hpp>

using namespace hd;

namespace {

const std::string header = R"(# a person's comment
id = "k3m9x2p"
title = "Invoice in wrong currency"
created = 2026-11-02T09:14:00+01:00
requester = { name = "Ana Lima", email = "ana@example.org" }
audience = "client"
priority = "high"
crm_account = "ACME-77"
tags = ["billing"]
body = """
It says USD.
"""
)";

std::string message_of(const std::string& text,
                       const std::string& path = "tickets/k3/k3m9x2p.toml") {
    try {
        parse_ticket(text, path);
    } catch (const Error& e) {
        CHECK(e.code() == Exit::invalid);
        return e.what();
    }
    return "(parsed)";
}

} // namespace

TEST_CASE("a ticket file parses into its model", "[parse]") {
    std::string text = header + R"(
[[event]]
kind = "reply"
at = 2026-11-02T10:00:00Z
by = "Sam <sam@example.com>"
ask = true
body = "Which invoice?"

[[event]]
kind = "close"
at = 2026-11-03T10:00:00Z
by = "Sam <sam@example.com>"
resolution = "duplicate"
of = "abc1234"
explain = "Tracked on the other ticket."
)";
    Ticket t = parse_ticket(text, "tickets/k3/k3m9x2p.toml");
    CHECK(t.id == "k3m9x2p");
    CHECK(t.requester == Person{"Ana Lima", "ana@example.org"});
    CHECK(t.audience == Audience::client);
    CHECK(t.priority == Priority::high);
    CHECK(t.tags == std::vector<std::string>{"billing"});
    CHECK(t.body == "It says USD.");
    REQUIRE(t.events.size() == 2);
    CHECK(t.events[0].ask);
    CHECK(t.events[0].line == 14);
    CHECK(t.events[1].resolution == "duplicate");
    CHECK(t.events[1].of == "abc1234");
    CHECK(format_rfc3339(t.created) == "2026-11-02T09:14:00+01:00");
}

TEST_CASE("what hd appends is read back exactly", "[parse]") {
    Event e;
    e.kind = EventKind::escalate;
    e.at = *parse_rfc3339("2026-11-04T08:00:00-05:00");
    e.by = "Sam <sam@example.com>";
    e.to = "https://tracker.example/ENG-12";
    e.next_steps = "We will write when the fix ships.\nExpect a week.";
    e.body = "Quote \"\"\" and \\ backslash";
    Ticket t = parse_ticket(header + render_event(e), "k3m9x2p.toml");
    REQUIRE(t.events.size() == 1);
    CHECK(t.events[0].to == e.to);
    CHECK(t.events[0].next_steps == e.next_steps);
    CHECK(t.events[0].body == e.body);
    CHECK(t.events[0].at == e.at);
}

TEST_CASE("errors name file, line, column and key", "[parse]") {
    CHECK_THAT(message_of("id = \"k3m9x2p\"\ntitle = = 1\n"),
               Catch::Contains("tickets/k3/k3m9x2p.toml:2:"));
    CHECK_THAT(message_of("title = \"x\"\n"), Catch::Contains("'id' is missing"));
    CHECK_THAT(message_of(header, "tickets/zz/zzzzzzz.toml"),
               Catch::Contains("does not match the file name"));
    std::string bad_kind =
        header + "\n[[event]]\nkind = \"nite\"\nat = 2026-11-02T10:00:00Z\nby = \"x\"\n";
    CHECK_THAT(message_of(bad_kind), Catch::Contains(":15:"));
    CHECK_THAT(message_of(bad_kind),
               Catch::Contains("event 1: unknown kind \"nite\" (one of note, receive,"));
    std::string local_time =
        header + "\n[[event]]\nkind = \"note\"\nat = 2026-11-02T10:00:00\nby = \"x\"\n";
    CHECK_THAT(message_of(local_time), Catch::Contains("needs a UTC offset"));
    std::string no_at = header + "\n[[event]]\nkind = \"note\"\nby = \"x\"\n";
    CHECK_THAT(message_of(no_at), Catch::Contains("event 1: 'at' is missing"));
    std::string bad_followup =
        header +
        "\n[[event]]\nkind = \"followup\"\nat = 2026-11-02T10:00:00Z\nby = \"x\"\nfollowup = 3\n";
    CHECK_THAT(message_of(bad_followup), Catch::Contains("must be 1 or 2"));
    std::string bad_resolution =
        header + "\n[[event]]\nkind = \"close\"\nat = 2026-11-02T10:00:00Z\nby = \"x\"\nresolution "
                 "= \"fixed\"\n";
    CHECK_THAT(message_of(bad_resolution),
               Catch::Contains("'resolution' must be solved, workaround"));
    CHECK_THAT(message_of("id = \"k3m9x2p\"\ntitle = \"t\"\ncreated = "
                          "2026-11-02T09:14:00Z\nrequester = \"Ana\"\n"),
               Catch::Contains("'requester' must be a table"));
    CHECK_THAT(
        message_of("id = \"k3m9x2p\"\ntitle = \"t\"\ncreated = 2026-11-02T09:14:00Z\nrequester = { "
                   "name = \"A\", email = \"a@example.org\" }\npriority = \"asap\"\n"),
        Catch::Contains(":5:12: 'priority' must be"));
}

TEST_CASE("a quoted RFC 3339 time is accepted from hand edits", "[parse]") {
    std::string text = "id = \"k3m9x2p\"\ntitle = \"t\"\ncreated = \"2026-11-02T09:14:00Z\"\n"
                       "requester = { name = \"A\", email = \"a@example.org\" }\n";
    CHECK(parse_ticket(text, "x").created == *parse_rfc3339("2026-11-02T09:14:00Z"));
}
