#include "core/ticket_schema.hpp"
#include "core/toml_text.hpp"
#include "render/json.hpp"
#include "store/fast_ticket_parse.hpp"
#include "store/ticket_parse.hpp"
#include "support/readers_agree.hpp"

#include <catch2/catch.hpp>

using namespace hd;

namespace {

const std::string header = "id = \"k3m9x2p\"\ntitle = \"T\"\ncreated = 2026-11-02T09:14:00Z\n"
                           "requester = { email = \"a@example.org\" }\n";

// Every field of the kind holds something other than its default, so a key
// the writer leaves out or a reader skips shows as a difference.
Event full_event(EventKind kind, bool multiline = true) {
    Event e{.kind = kind, .at = *parse_rfc3339("2026-11-03T10:00:00+01:00"), .by = "Sam <s@x>"};
    e.body = "first line\nsecond \"\"\" line";
    for (const schema::EventField& f : schema::event_own_fields(kind))
        std::visit(
            [&](auto member) {
                auto& v = e.*member;
                using T = std::remove_cvref_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>)
                    v = f.rule == schema::Rule::resolution_kind     ? "duplicate"
                        : f.type == schema::Type::text && multiline ? "two\nlines"
                                                                    : std::string(f.key) + " value";
                else if constexpr (std::is_same_v<T, bool>)
                    v = true;
                else if constexpr (std::is_same_v<T, int>)
                    v = 2;
                else if constexpr (std::is_same_v<T, std::vector<std::string>>)
                    v = {"a", "b c"};
                else if constexpr (std::is_same_v<T, std::optional<Priority>>)
                    v = Priority::urgent;
                else if constexpr (std::is_same_v<T, std::optional<Audience>>)
                    v = Audience::client;
                else if constexpr (std::is_same_v<T, Timestamp>)
                    v = *parse_rfc3339("2026-11-09T08:00:00-05:00");
                else
                    FAIL("no test value for " << f.key);
            },
            f.member);
    return e;
}

constexpr EventKind all_kinds[] = {
    EventKind::note,     EventKind::receive, EventKind::reply,    EventKind::restate,
    EventKind::followup, EventKind::close,   EventKind::escalate, EventKind::reopen,
    EventKind::priority, EventKind::assign,  EventKind::tag,      EventKind::title,
    EventKind::audience, EventKind::greet,   EventKind::zone,     EventKind::snooze};

} // namespace

TEST_CASE("every key of every kind is written and read back by both readers", "[schema]") {
    for (EventKind kind : all_kinds) {
        INFO(to_string(kind));
        Event e = full_event(kind);
        std::string text = header + render_event(e);
        for (const schema::EventField& f : schema::event_own_fields(kind))
            CHECK_THAT(text, Catch::Contains("\n" + std::string(f.key) + " = "));
        auto fast = fast_parse_ticket(text, "k3m9x2p.toml");
        REQUIRE(fast);
        Ticket full = parse_ticket(text, "k3m9x2p.toml");
        CHECK(testing::describe(*fast) == testing::describe(full));
        REQUIRE(full.events.size() == 1);
        Event back = full.events[0];
        back.line = 0;
        back.bytes = {};
        CHECK(back == e);
    }
}

TEST_CASE("a key the schema requires is required by both readers", "[schema]") {
    for (EventKind kind : all_kinds) {
        // One line per key, so that dropping a line drops a key.
        std::string text = header + render_event(full_event(kind, false));
        for (const schema::EventField& f : schema::event_own_fields(kind)) {
            INFO(to_string(kind) << " without " << f.key);
            size_t at = text.find("\n" + std::string(f.key) + " = ");
            REQUIRE(at != std::string::npos);
            std::string without = text.substr(0, at + 1) + text.substr(text.find('\n', at + 1) + 1);
            auto v = testing::compare_readers(without, "k3m9x2p.toml");
            CHECK(v.disagreement == "");
            CHECK(v.full == (f.need == schema::Need::optional));
        }
    }
}

TEST_CASE("JSON events show their kind's keys as the schema says", "[schema]") {
    Event reply{.kind = EventKind::reply, .by = "x"};
    auto j = event_json(reply);
    CHECK(j["ask"] == false); // shown even when false
    CHECK_FALSE(j.contains("followup"));
    Event close = full_event(EventKind::close);
    close.of.clear();
    j = event_json(close);
    for (const char* k : {"resolution", "explain", "force", "reason"})
        CHECK(j.contains(k));
    CHECK_FALSE(j.contains("of")); // optional and empty
    CHECK_FALSE(j.contains("ask"));
    Event assign{.kind = EventKind::assign, .by = "x"};
    CHECK(event_json(assign)["assignee"] == ""); // required: "" unassigns
}
