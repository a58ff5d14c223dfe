#include "store/index_reader.hpp"
#include "store/row_cache.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace hd;

namespace {
TicketRow sample(std::string_view path) {
    TicketRow r;
    r.path = path;
    r.id = "k3m9x2p";
    r.title = "Sync stalls";
    r.requester_name = "Ana";
    r.requester_email = "ana@example.org";
    r.tags = "sync\nvip";
    r.priority = Priority::urgent;
    r.status = Status::escalated;
    r.waiting_on = WaitingOn::engineering;
    r.created = *parse_rfc3339("2026-11-02T09:14:00+01:00");
    r.last_activity = *parse_rfc3339("2026-11-03T09:14:00-05:00");
    return r;
}
} // namespace

TEST_CASE("rows round-trip through their encoding", "[cache]") {
    std::string oid(20, '\x7f');
    TicketRow r = sample("tickets/k3/k3m9x2p.toml");
    std::string rec = encode_row(oid, r);
    TicketRow back;
    REQUIRE(decode_row(rec, back));
    CHECK(record_oid(rec) == oid);
    CHECK(record_path(rec) == r.path);
    CHECK(back.title == r.title);
    CHECK(back.tags == r.tags);
    CHECK(back.status == Status::escalated);
    CHECK(back.waiting_on == WaitingOn::engineering);
    CHECK(back.last_activity == r.last_activity);
    CHECK(back.last_activity.offset_minutes == -300);
    CHECK_FALSE(decode_row(rec.substr(0, rec.size() - 1), back));
    CHECK_FALSE(decode_row(rec + "x", back));
}

TEST_CASE("the cache file is saved and mapped back; damage empties it", "[cache]") {
    auto dir = std::filesystem::temp_directory_path() / "hd-row-cache-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string path = (dir / "rows").string();
    TicketRow a = sample("tickets/aa/aaaaaaa.toml"), b = sample("tickets/bb/bbbbbbb.toml");
    std::string oa(20, 'a'), ob(20, 'b');
    {
        RowCacheWriter w(path);
        w.add(encode_row(oa, a));
        w.add(encode_row(ob, b));
        w.commit();
    }
    {
        RowCacheWriter abandoned(path); // never committed: the old file stays
        abandoned.add(encode_row(oa, a));
    }
    RowCache cache(path);
    const auto& records = cache.load();
    REQUIRE(records.size() == 2);
    CHECK(record_path(records[1]) == "tickets/bb/bbbbbbb.toml");
    CHECK(record_oid(records[1]) == ob);

    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 2);
    RowCache torn(path);
    CHECK(torn.load().size() == 1); // a torn last record is dropped
    std::filesystem::remove_all(dir);
}

TEST_CASE("a missing index scans as empty; a foreign file is refused", "[index]") {
    auto dir = std::filesystem::temp_directory_path() / "hd-index-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto none = scan_index((dir / "index").string(), "tickets/");
    REQUIRE(none);
    CHECK(none->entries.empty());
    std::FILE* f = std::fopen((dir / "index").c_str(), "w");
    std::fputs("not an index at all, just some text that is long enough", f);
    std::fclose(f);
    CHECK_FALSE(scan_index((dir / "index").string(), "tickets/"));
    std::filesystem::remove_all(dir);
}
