#include "store/ticket_merge.hpp"
#include "store/ticket_parse.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>

using namespace hd;

namespace {

const std::string path = "tickets/k3/k3m9x2p.toml";

std::string header(const std::string& title = "Printer", const std::string& priority = "normal") {
    return "# Ticket k3m9x2p.\n"
           "id = \"k3m9x2p\"\n"
           "title = \"" +
           title +
           "\"\n"
           "created = 2026-11-23T09:30:00+01:00\n"
           "requester = { name = \"Ana\", email = \"ana@example.org\" }\n"
           "audience = \"end-user\"\n"
           "priority = \"" +
           priority +
           "\"\n"
           "body = \"It smokes.\"\n";
}

std::string event(const std::string& at, const std::string& body,
                  const std::string& kind = "note") {
    return "\n[[event]]\nkind = \"" + kind + "\"\nat = " + at +
           "\nby = \"Sam <sam@example.com>\"\nbody = \"" + body + "\"\n";
}

const std::string t1 = "2026-11-23T10:00:00+01:00";
const std::string t2 = "2026-11-23T10:05:00+01:00";
const std::string t3 = "2026-11-23T10:10:00+01:00";

std::vector<std::string> bodies(const std::string& text) {
    std::vector<std::string> out;
    for (const Event& e : parse_ticket(text, path).events)
        out.push_back(e.body);
    return out;
}

} // namespace

TEST_CASE("events appended on both sides are all kept, in time order", "[merge]") {
    std::string base = header() + event(t1, "base");
    std::string ours = base + event(t3, "ours");
    std::string theirs = base + event(t2, "theirs");
    TicketMerge m = merge_ticket(base, ours, theirs, path);
    REQUIRE_FALSE(m.conflict);
    CHECK(bodies(m.text) == std::vector<std::string>{"base", "theirs", "ours"});
    CHECK(m.text == header() + event(t1, "base") + event(t2, "theirs") + event(t3, "ours"));
}

TEST_CASE("the merge gives the same bytes whichever side is ours", "[merge]") {
    std::string base = header() + event(t1, "base");
    // Same second on both sides, and a side whose own order must be kept.
    std::string a = base + event(t2, "a-first") + event(t2, "a-second") + event(t3, "a-late");
    std::string b = base + event(t2, "b-only") + event(t3, "b-late");
    TicketMerge ab = merge_ticket(base, a, b, path);
    TicketMerge ba = merge_ticket(base, b, a, path);
    REQUIRE_FALSE(ab.conflict);
    CHECK(ab.text == ba.text);
    auto got = bodies(ab.text);
    // a-first stays before a-second whatever their texts say.
    auto pos = [&](const std::string& s) {
        return std::find(got.begin(), got.end(), s) - got.begin();
    };
    CHECK(pos("a-first") < pos("a-second"));
    CHECK(pos("a-second") < pos("a-late"));
    CHECK(got.size() == 6);
}

TEST_CASE("byte-identical events are one event", "[merge]") {
    std::string base = header();
    std::string same = event(t2, "the same note");
    TicketMerge m = merge_ticket(base, base + same, base + same + event(t3, "more"), path);
    REQUIRE_FALSE(m.conflict);
    CHECK(bodies(m.text) == std::vector<std::string>{"the same note", "more"});
}

TEST_CASE("blank lines between events do not make them different", "[merge]") {
    std::string base = header() + event(t1, "one");
    std::string ours = base + "\n\n" + event(t2, "two");
    std::string theirs = base + event(t3, "three");
    TicketMerge m = merge_ticket(base, ours, theirs, path);
    REQUIRE_FALSE(m.conflict);
    CHECK(bodies(m.text) == std::vector<std::string>{"one", "two", "three"});
    CHECK(m.text == header() + event(t1, "one") + event(t2, "two") + event(t3, "three"));
}

TEST_CASE("an event deleted on one side and untouched on the other goes", "[merge]") {
    std::string base = header() + event(t1, "keep") + event(t2, "typo");
    std::string ours = header() + event(t1, "keep") + event(t2, "fixed");
    std::string theirs = base + event(t3, "new");
    TicketMerge m = merge_ticket(base, ours, theirs, path);
    REQUIRE_FALSE(m.conflict);
    CHECK(bodies(m.text) == std::vector<std::string>{"keep", "fixed", "new"});
}

TEST_CASE("header keys changed on different sides both apply", "[merge]") {
    std::string events = event(t1, "one");
    std::string base = header() + events;
    std::string ours = header("Printer on fire") + events + event(t2, "two");
    std::string theirs = header("Printer", "urgent") + events;
    TicketMerge m = merge_ticket(base, ours, theirs, path);
    REQUIRE_FALSE(m.conflict);
    Ticket t = parse_ticket(m.text, path);
    CHECK(t.title == "Printer on fire");
    CHECK(t.priority == Priority::urgent);
    CHECK(t.events.size() == 2);
    // Adjacent lines changed on each side are not a conflict either.
    std::string a = header("A title") + events, b = header() + events;
    std::string swapped = b;
    swapped.replace(swapped.find("created = "), 0, "# a note on created\n");
    TicketMerge near = merge_ticket(b, a, swapped, path);
    CHECK_FALSE(near.conflict);
    CHECK(near.text.find("# a note on created\n") != std::string::npos);
    CHECK(parse_ticket(near.text, path).title == "A title");
}

TEST_CASE("the same header key changed differently is a conflict around that key", "[merge]") {
    std::string base = header() + event(t1, "one");
    std::string ours = header("Ours") + event(t1, "one") + event(t2, "ours");
    std::string theirs = header("Theirs") + event(t1, "one") + event(t3, "theirs");
    TicketMerge m = merge_ticket(base, ours, theirs, path, MergeLabels{"HEAD", "origin", 7});
    REQUIRE(m.conflict);
    CHECK(m.conflicts == std::vector<std::string>{"the header key 'title'"});
    CHECK(m.text.find("<<<<<<< HEAD\ntitle = \"Ours\"\n=======\ntitle = \"Theirs\"\n>>>>>>> "
                      "origin\n") != std::string::npos);
    // Only the title is marked; the events of both sides are all there.
    CHECK(m.text.find("priority = \"normal\"\n") != std::string::npos);
    CHECK(m.text.find("body = \"ours\"") != std::string::npos);
    CHECK(m.text.find("body = \"theirs\"") != std::string::npos);
    CHECK(m.text.find("<<<<<<<", m.text.find(">>>>>>>")) == std::string::npos);
}

TEST_CASE("marker size follows git's %L", "[merge]") {
    std::string base = header();
    TicketMerge m = merge_ticket(base, header("X"), header("Y"), path, MergeLabels{"a", "b", 10});
    REQUIRE(m.conflict);
    CHECK(m.text.find("<<<<<<<<<< a\n") != std::string::npos);
    CHECK(m.text.find("\n==========\n") != std::string::npos);
}

TEST_CASE("a key deleted on one side and changed on the other is a conflict", "[merge]") {
    std::string base = header();
    std::string ours = base;
    ours.erase(ours.find("priority = "), std::string("priority = \"normal\"\n").size());
    TicketMerge m = merge_ticket(base, ours, header("Printer", "high"), path);
    CHECK(m.conflict);
    CHECK(m.conflicts == std::vector<std::string>{"the header key 'priority'"});
}

TEST_CASE("a side that is not a ticket is merged as text", "[merge]") {
    std::string base = header() + event(t1, "one");
    std::string broken = base + "this is = = not toml\n";
    TicketMerge m = merge_ticket(base, broken, base + event(t2, "two"), path);
    // Both change the end of the file: a line conflict, shown as git would.
    CHECK(m.conflict);
    CHECK(m.conflicts == std::vector<std::string>{"lines of the file (merged as plain text)"});
    CHECK(m.text.find("<<<<<<< ours") != std::string::npos);
}

TEST_CASE("events written inline are merged as text", "[merge]") {
    std::string base = header() + "event = [{ kind = \"note\", at = " + t1 +
                       ", by = \"Sam <sam@example.com>\", body = \"x\" }]\n";
    std::string ours = base;
    std::string theirs = header("Other") + base.substr(header().size());
    TicketMerge m = merge_ticket(base, ours, theirs, path);
    CHECK_FALSE(m.conflict);
    CHECK(m.text == theirs);
}

TEST_CASE("a file added on both sides merges when the headers agree", "[merge]") {
    std::string a = header() + event(t1, "a");
    std::string b = header() + event(t2, "b");
    TicketMerge m = merge_ticket("", a, b, path);
    REQUIRE_FALSE(m.conflict);
    CHECK(bodies(m.text) == std::vector<std::string>{"a", "b"});
    CHECK(merge_ticket("", header("X"), header("Y"), path).conflict);
}

TEST_CASE("nothing changed on one side returns the other exactly", "[merge]") {
    std::string base = header() + event(t1, "one");
    std::string ours = base + "# a comment of mine\n" + event(t2, "two");
    TicketMerge m = merge_ticket(base, ours, base, path);
    REQUIRE_FALSE(m.conflict);
    CHECK(m.text == ours);
    CHECK(merge_ticket(base, base, ours, path).text == ours);
    // A comment after an event travels with that event.
    TicketMerge both = merge_ticket(base, ours, base + event(t3, "three"), path);
    REQUIRE_FALSE(both.conflict);
    CHECK(bodies(both.text) == std::vector<std::string>{"one", "two", "three"});
    CHECK(both.text.find("# a comment of mine") != std::string::npos);
}

TEST_CASE("random histories merge to the same bytes both ways, each event once", "[merge]") {
    std::mt19937 rng(20261201);
    const char* times[] = {"2026-11-23T10:00:00+01:00", "2026-11-23T10:01:00+01:00",
                           "2026-11-23T09:02:00Z", "2026-11-23T10:02:00+01:00"};
    for (int round = 0; round < 200; ++round) {
        std::string base = header();
        int shared = static_cast<int>(rng() % 3);
        for (int i = 0; i < shared; ++i)
            base += event(times[0], "shared " + std::to_string(i));
        auto grow = [&](std::string text, const std::string& side) {
            int n = static_cast<int>(rng() % 4);
            size_t at = 1;
            for (int i = 0; i < n; ++i) {
                at = std::min<size_t>(3, at + rng() % 2); // times never go back on a side
                text += event(times[at], side + " " + std::to_string(i));
            }
            return std::pair{text, n};
        };
        auto [a, na] = grow(base, "a");
        auto [b, nb] = grow(base, "b");
        TicketMerge ab = merge_ticket(base, a, b, path);
        TicketMerge ba = merge_ticket(base, b, a, path);
        REQUIRE_FALSE(ab.conflict);
        REQUIRE(ab.text == ba.text);
        Ticket t = parse_ticket(ab.text, path);
        REQUIRE(t.events.size() == static_cast<size_t>(shared + na + nb));
        for (size_t i = 1; i < t.events.size(); ++i)
            REQUIRE(t.events[i - 1].at.utc <= t.events[i].at.utc);
        // Merging the result with either side again changes nothing.
        REQUIRE(merge_ticket(a, ab.text, a, path).text == ab.text);
        REQUIRE(merge_ticket(b, ab.text, ab.text, path).text == ab.text);
    }
}

TEST_CASE("keys added on both sides take the same place whichever side is ours", "[merge]") {
    std::string events = event(t1, "one");
    std::string base = header() + events;
    auto with = [&](const std::string& line) {
        std::string h = header();
        h.insert(h.find("audience = "), line);
        return h + events;
    };
    std::string a = with("tags = [\"printer\"]\n");
    std::string b = with("summary = \"smoke from the printer\"\n");
    TicketMerge ab = merge_ticket(base, a, b, path), ba = merge_ticket(base, b, a, path);
    REQUIRE_FALSE(ab.conflict);
    CHECK(ab.text == ba.text);
    Ticket t = parse_ticket(ab.text, path);
    CHECK(t.tags == std::vector<std::string>{"printer"});
    CHECK(t.summary == "smoke from the printer");
}
