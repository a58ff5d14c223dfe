// The two readers of ticket files, checked against each other on many
// broken variants of real and generated tickets. The loop is seeded, so a
// failure repeats; HD_DIFF_SEED and HD_DIFF_ROUNDS explore further.
#include "core/error.hpp"
#include "store/fast_ticket_parse.hpp"
#include "store/files.hpp"
#include "store/ticket_parse.hpp"
#include "support/readers_agree.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <random>

using namespace hd;

namespace {

unsigned long env_number(const char* name, unsigned long fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoul(v, nullptr, 10) : fallback;
}

std::vector<std::pair<std::string, std::string>> example_desk() {
    namespace fs = std::filesystem;
    std::vector<std::pair<std::string, std::string>> out;
    fs::path root = fs::path(HD_SOURCE_DIR) / "tickets-example" / "tickets";
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.path().extension() == ".toml")
            out.emplace_back(fs::relative(entry.path(), root.parent_path()).generic_string(),
                             *read_file(entry.path().string()));
    std::sort(out.begin(), out.end()); // the same order on every file system
    return out;
}

} // namespace

TEST_CASE("the readers never disagree on mutated tickets", "[parse][diff]") {
    const unsigned long seed = env_number("HD_DIFF_SEED", 20261123);
    const unsigned long rounds = env_number("HD_DIFF_ROUNDS", 40000);
    std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));
    auto corpus = example_desk();
    REQUIRE(corpus.size() >= 25);
    unsigned long fast = 0, full = 0;
    for (unsigned long round = 0; round < rounds; ++round) {
        std::string path = "tickets/k3/k3m9x2p.toml", text;
        if (rng() % 2) {
            const auto& pick = corpus[rng() % corpus.size()];
            path = pick.first;
            text = pick.second;
        } else {
            text = testing::generated_ticket(rng);
        }
        text = testing::mutate(std::move(text), rng);
        auto v = testing::compare_readers(text, path);
        fast += v.fast;
        full += v.full;
        if (!v.disagreement.empty())
            FAIL("seed " << seed << ", round " << round << ": " << v.disagreement << "\n"
                         << path << ":\n"
                         << testing::quoted(text));
    }
    // Both outcomes must be common, or the loop tests little.
    CHECK(fast > rounds / 10);
    CHECK(rounds - full > rounds / 4);
}

TEST_CASE("events know their bytes, the same in both readers", "[parse]") {
    const std::string header = "id = \"k3m9x2p\"\ntitle = \"T\"\ncreated = 2026-11-02T09:14:00Z\n"
                               "requester = { email = \"a@example.org\" }\n";
    const std::string first = "  [[event]] # indented\nkind = \"note\"\nat = "
                              "2026-11-02T10:00:00Z\nby = \"x\"\nbody = \"\"\"\n[[event]]\n\"\"\"\n"
                              "\n# about the next one\n";
    const std::string second = "[[event]]\nkind = \"receive\"\nat = 2026-11-02T11:00:00Z\nby = "
                               "\"y\"\n";
    const std::string text = header + first + second;
    auto fast = fast_parse_ticket(text, "k3m9x2p.toml");
    REQUIRE(fast);
    Ticket full = parse_ticket(text, "k3m9x2p.toml");
    for (const Ticket& t : {*fast, full}) {
        REQUIRE(t.events.size() == 2);
        CHECK(t.events[0].bytes == ByteRange{header.size(), header.size() + first.size()});
        CHECK(t.events[1].bytes == ByteRange{header.size() + first.size(), text.size()});
    }
    CHECK(testing::describe(*fast) == testing::describe(full));
}

TEST_CASE("errors carry their place as fields", "[parse]") {
    try {
        parse_ticket("id = \"k3m9x2p\"\ntitle = \"T\"\ncreated = 2026-11-02T09:14:00Z\n"
                     "requester = { email = \"a@example.org\" }\npriority = \"asap\"\n",
                     "tickets/k3/k3m9x2p.toml");
        FAIL("parsed");
    } catch (const Error& e) {
        REQUIRE(e.location());
        CHECK(e.location()->path == "tickets/k3/k3m9x2p.toml");
        CHECK(e.location()->line == 5);
        CHECK(e.location()->column == 12);
        CHECK(e.message().starts_with("'priority' must be low, normal, high or urgent"));
        CHECK(std::string(e.what()) == "tickets/k3/k3m9x2p.toml:5:12: " + e.message());
    }
    Error plain(Exit::usage, "--since: bad value");
    CHECK_FALSE(plain.location());
    CHECK(std::string(plain.what()) == "--since: bad value");
    Error file_only(Exit::invalid, SourceLocation{"a.toml"}, "cannot be read");
    CHECK(std::string(file_only.what()) == "a.toml: cannot be read");
}
