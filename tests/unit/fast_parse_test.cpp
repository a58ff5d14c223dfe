#include "core/error.hpp"
#include "core/toml_text.hpp"
#include "store/fast_ticket_parse.hpp"
#include "store/files.hpp"
#include "store/ticket_parse.hpp"
#include "support/readers_agree.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

using namespace hd;

namespace {

// The fast reader either declines or agrees exactly with the full parser.
void agrees(const std::string& text, const std::string& path, bool must_accept) {
    auto v = testing::compare_readers(text, path);
    INFO(path << "\n" << text);
    CHECK(v.disagreement == "");
    if (must_accept) CHECK(v.fast);
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
    for (int i = 0; i < 500; ++i)
        agrees(testing::generated_ticket(rng), "tickets/k3/k3m9x2p.toml", true);
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

TEST_CASE("the readers agree at the edges of TOML", "[fastparse]") {
    const std::string event = "\n[[event]]\nkind = \"note\"\nby = \"x\"\nat = ";
    for (const std::string& extra : std::vector<std::string>{
             // times: no leap second, no offset of a day or more, real dates only
             event + "2026-12-31T23:59:60Z\n", event + "2026-12-31T23:59:60+01:00\n",
             event + "\"2026-12-31T23:59:60Z\"\n", "x = 2026-12-31T23:59:60Z\n",
             event + "2026-11-02T09:14:00+24:00\n", event + "2026-02-30T09:14:00Z\n",
             event + "2024-02-29T09:14:00Z\n", event + "2026-11-02t09:14:00z\n",
             event + "2026-11-02T09:14:00." + std::string(70, '1') + "Z\n",
             event + "2026-11-02T09:14:00." + std::string(12, '1') + "Z\n",
             event + "2026-11-02T09:14:00.Z\n", event + "2026-11-02T09:14Z\n",
             // escapes
             "x = \"\\uD800\"\n", "x = \"\\uDFFF\"\n", "x = \"\\U00110000\"\n",
             "x = \"\\UFFFFFFFF\"\n", "x = \"\\u0000\"\n", "x = \"\\U0010FFFF\"\n", "x = \"\\e\"\n",
             "x = \"\\x41\"\n", "x = \"\"\"\n\\uD83D\\uDE00\"\"\"\n",
             // keys and integers
             "id = \"k3m9x2p\"\n", "x = 1\nx = 2\n", "x = 1_000\n", "x = 007\n", "x = 0\n",
             "x = 99999999999999999999\n", "x = +1\n", "x = 0x1F\n",
             // comments and control characters
             "# \x7f\n", "# \x01\n", "x = \"a\x7f\"\n", "x = true# done\n", "x = truex\n"}) {
        INFO(extra);
        agrees(header + extra, "k3m9x2p.toml", false);
    }
}
