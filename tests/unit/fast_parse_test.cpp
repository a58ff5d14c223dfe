#include "core/error.hpp"
#include "core/toml_text.hpp"
#include "store/fast_ticket_parse.hpp"
#include "store/files.hpp"
#include "store/ticket_parse.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

using namespace hd;

namespace {

// Every field the model has, so a difference anywhere is seen.
std::string describe(const Ticket& t) {
    std::string out = t.id + "|" + t.title + "|" + t.requester.display() + "|" +
                      std::string(to_string(t.audience)) + "|" +
                      std::string(to_string(t.priority)) + "|" + t.summary + "|" +
                      format_rfc3339(t.created) + "|" + t.body + "|" + t.path;
    for (auto& tag : t.tags)
        out += "|tag:" + tag;
    for (const Event& e : t.events) {
        out += "\n" + std::to_string(e.line) + " " + std::string(to_string(e.kind)) + " " +
               format_rfc3339(e.at) + " " + e.by + " [" + e.body + "] " + std::to_string(e.ask) +
               std::to_string(e.followup) + e.resolution + "/" + e.explain + "/" + e.of + "/" +
               std::to_string(e.force) + e.reason + "/" + e.to + "/" + e.next_steps + "/" +
               e.summary + "/" + (e.priority ? std::string(to_string(*e.priority)) : "") + "/" +
               e.assignee;
        for (auto& a : e.add)
            out += "+" + a;
        for (auto& r : e.remove)
            out += "-" + r;
    }
    return out;
}

// The fast reader either declines or agrees exactly with the full parser.
void agrees(const std::string& text, const std::string& path, bool must_accept) {
    auto fast = fast_parse_ticket(text, path);
    std::optional<Ticket> full;
    try {
        full = parse_ticket(text, path);
    } catch (const Error&) {
    }
    INFO(path << "\n" << text);
    if (!full) {
        CHECK_FALSE(fast); // never accepts what the full parser refuses
        return;
    }
    if (must_accept) REQUIRE(fast);
    if (fast) CHECK(describe(*fast) == describe(*full));
}

const std::string header = "# note\nid = \"k3m9x2p\"\ntitle = \"T\"\ncreated = "
                           "2026-11-02T09:14:00+01:00\nrequester = { name = \"Ana\", email = "
                           "\"a@example.org\" }\n";

} // namespace

TEST_CASE("the fast reader agrees with toml++ on the example desk", "[fastparse]") {
    namespace fs = std::filesystem;
    fs::path root = fs::path(HD_SOURCE_DIR) / "tickets-example" / "tickets";
    int seen = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.path().extension() != ".toml") continue;
        std::string rel = fs::relative(entry.path(), HD_SOURCE_DIR).generic_string();
        agrees(*read_file(entry.path().string()), rel, true);
        ++seen;
    }
    CHECK(seen >= 25);
}

TEST_CASE("the fast reader agrees on everything hd writes", "[fastparse]") {
    std::mt19937 rng(5);
    const std::vector<std::string> tokens{"a",         " ",  "\"",   "\"\"", "\"\"\"", "\\",
                                          "\n",        "\t", "\x01", "'",    "#",      "=",
                                          "[[event]]", "é",  "🙂", "\\n"};
    auto random_text = [&] {
        std::string s;
        for (int k = static_cast<int>(rng() % 30); k > 0; --k)
            s += tokens[rng() % tokens.size()];
        return s;
    };
    for (int i = 0; i < 500; ++i) {
        Ticket t;
        t.id = "k3m9x2p";
        t.title = "T" + random_text();
        for (char& c : t.title)
            if (c == '\n') c = ' ';
        t.requester = {random_text(), "a@example.org"};
        t.created = *parse_rfc3339("2026-11-02T09:14:00-05:00");
        t.body = random_text();
        t.summary = "S";
        t.tags = {"x", random_text()};
        std::string text = render_ticket_header(t);
        for (int k = 0; k < 3; ++k) {
            Event e{.kind = static_cast<EventKind>(rng() % 11),
                    .at = *parse_rfc3339("2026-11-03T10:00:00Z"),
                    .by = "Sam <s@example.org>",
                    .body = random_text()};
            e.followup = 1 + static_cast<int>(rng() % 2);
            e.resolution = "workaround";
            e.explain = random_text();
            e.to = "ENG-1";
            e.next_steps = random_text();
            e.summary = "restated " + std::to_string(k);
            e.priority = Priority::high;
            e.assignee = "Kim";
            e.add = {"y"};
            if (e.kind != EventKind::followup) e.followup = 0;
            if (e.kind != EventKind::close) e.resolution.clear(), e.explain.clear();
            if (e.kind != EventKind::escalate) e.to.clear(), e.next_steps.clear();
            if (e.kind != EventKind::priority) e.priority.reset();
            if (e.kind != EventKind::tag) e.add.clear();
            text += render_event(e);
        }
        agrees(text, "tickets/k3/k3m9x2p.toml", true);
    }
}

TEST_CASE("the fast reader declines what it does not handle", "[fastparse]") {
    for (std::string extra :
         {"[custom]\nseats = 12\n", "x = 1.5\n", "x = 'literal'\n", "a.b = \"dotted\"\n",
          "\"quoted key\" = 1\n", "x = [\n  \"multi\",\n]\n", "x = 2026-11-02T09:14:00\n",
          "title = \"again\"\n", "x = 1_000\n"}) {
        INFO(extra);
        CHECK_FALSE(fast_parse_ticket(header + extra, "k3m9x2p.toml"));
        agrees(header + extra, "k3m9x2p.toml", false);
    }
    CHECK_FALSE(fast_parse_ticket(header + "body = \"a\"\r\n", "k3m9x2p.toml"));
    CHECK_FALSE(fast_parse_ticket("caf\xe9", "x.toml"));
}

TEST_CASE("the fast reader accepts hand edits in its subset", "[fastparse]") {
    for (std::string extra :
         {"crm_account = \"ACME-77\"   # from the CRM\n", "  seats = 12\n", "flag = true\n",
          "tags = [ \"a\" , \"b\", ]\n", "body = \"\"\"\nline \\\n   joined\nquote \"\"\"\"\n",
          "body = \"\\u00e9\\U0001F642\"\n",
          "\n[[event]] # the first\nkind = \"note\"\nat = "
          "2026-11-02T10:00:00.5Z\nby = \"x\"\n"}) {
        agrees(header + extra, "k3m9x2p.toml", true);
    }
}
