#include "store/index_reader.hpp"
#include "store/row_cache.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace hd;

namespace {
TicketRow sample(std::string_view path, std::string_view timeline) {
    TicketRow r;
    r.path = path;
    r.id = "k3m9x2p";
    r.title = "Sync stalls";
    r.requester_name = "Ana";
    r.requester_email = "ana@example.org";
    r.tags = "sync\nvip";
    r.timeline = timeline;
    r.first_agent = "Sam";
    r.priority = Priority::urgent;
    r.status = Status::escalated;
    r.waiting_on = WaitingOn::engineering;
    r.created = *parse_rfc3339("2026-11-02T09:14:00+01:00");
    r.last_activity = *parse_rfc3339("2026-11-03T09:14:00-05:00");
    r.followups = 2;
    return r;
}
} // namespace

TEST_CASE("rows round-trip through their encoding", "[cache]") {
    std::string oid(20, '\x7f');
    std::string timelines = "xxxxTIMELINE";
    TicketRow r = sample("tickets/k3/k3m9x2p.toml", "TIMELINE");
    std::string rec = encode_row(oid, r, 4);
    TicketRow back;
    REQUIRE(decode_row(rec, timelines, back));
    CHECK(record_oid(rec) == oid);
    CHECK(record_path(rec) == r.path);
    CHECK(back.title == r.title);
    CHECK(back.tags == r.tags);
    CHECK(back.timeline == "TIMELINE");
    CHECK(back.first_agent == "Sam");
    CHECK(back.status == Status::escalated);
    CHECK(back.waiting_on == WaitingOn::engineering);
    CHECK(back.followups == 2);
    CHECK(back.last_activity == r.last_activity);
    CHECK(back.last_activity.offset_minutes == -300);
    REQUIRE(decode_row(rec, "", back)); // a listing reads no timelines
    CHECK(back.timeline.empty());
    CHECK_FALSE(decode_row(rec, "short", back)); // points past the section
    CHECK_FALSE(decode_row(rec.substr(0, rec.size() - 1), timelines, back));
    CHECK_FALSE(decode_row(rec + "x", timelines, back));
}

TEST_CASE("the cache file is saved and mapped back; a torn tail is dropped", "[cache]") {
    auto dir = std::filesystem::temp_directory_path() / "hd-row-cache-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string path = (dir / "rows").string();
    TicketRow a = sample("tickets/aa/aaaaaaa.toml", "first timeline");
    TicketRow b = sample("tickets/bb/bbbbbbb.toml", "second");
    std::string oa(20, 'a'), ob(20, 'b');
    {
        RowCacheWriter w(path);
        w.add(oa, a);
        w.add(ob, b);
        w.commit();
    }
    {
        RowCacheWriter abandoned(path); // never committed: the old file stays
        abandoned.add(oa, a);
    }
    RowCache cache(path);
    const auto& records = cache.load(true);
    REQUIRE(records.size() == 2);
    CHECK(record_path(records[1]) == "tickets/bb/bbbbbbb.toml");
    CHECK(record_oid(records[1]) == ob);
    TicketRow back;
    REQUIRE(decode_row(records[1], cache.timelines(), back));
    CHECK(back.timeline == "second");
    RowCache listing(path);
    CHECK(listing.load(false).size() == 2);
    CHECK(listing.timelines().empty());

    // The keys come last: torn, they are not trusted, and the rows still are.
    auto size = std::filesystem::file_size(path);
    std::filesystem::resize_file(path, size - 2);
    RowCache torn_keys(path);
    CHECK(torn_keys.load(true).size() == 2);
    CHECK_FALSE(torn_keys.open_keys(false));
    std::filesystem::resize_file(path, size - 2 * 44 - 2); // into the last row
    RowCache torn(path);
    CHECK(torn.load(true).size() == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("keys list rows in created order and find them by ID", "[cache]") {
    auto dir = std::filesystem::temp_directory_path() / "hd-row-keys-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string path = (dir / "rows").string();
    // In ID order, as the index has them; created in another order, with a tie.
    TicketRow a = sample("tickets/aa/aaaaaaa.toml", "a"),
              b = sample("tickets/bb/bbbbbbb.toml", "b"),
              c = sample("tickets/cc/ccccccc.toml", "c");
    a.id = "aaaaaaa";
    b.id = "bbbbbbb";
    c.id = "ccccccc";
    a.created = *parse_rfc3339("2026-11-03T00:00:00Z");
    b.created = *parse_rfc3339("2026-11-01T00:00:00+02:00");
    c.created = *parse_rfc3339("2026-11-03T00:00:00Z");
    b.status = Status::closed;
    std::string sum(20, 's');
    {
        RowCacheWriter w(path);
        w.add(std::string(20, 'a'), a);
        w.add(std::string(20, 'b'), b);
        w.add(std::string(20, 'c'), c);
        w.commit(sum);
    }
    RowCache cache(path);
    REQUIRE(cache.open_keys(false));
    REQUIRE(cache.key_count() == 3);
    CHECK(cache.index_checksum() == sum);
    RowKey k;
    std::string order;
    for (size_t i = 0; i < 3; ++i) {
        REQUIRE(cache.key_by_created(i, k));
        order += k.id.substr(0, 1);
    }
    CHECK(order == "bac"); // oldest first, ties in ID order
    REQUIRE(cache.key(1, k));
    CHECK(k.id == "bbbbbbb");
    CHECK(k.status == Status::closed);
    CHECK(k.created == b.created);
    CHECK(k.created.offset_minutes == 120);
    TicketRow back = k.row();
    REQUIRE(decode_row(k.record, cache.timelines(), back));
    CHECK(back.path == "tickets/bb/bbbbbbb.toml");
    CHECK(back.title == "Sync stalls");

    // The checksum is set only in the file that was read, not one that
    // replaced it since.
    std::string other(20, 'o');
    cache.set_index_checksum(other);
    CHECK(RowCache(path).open_keys(false));
    {
        RowCache reread(path);
        REQUIRE(reread.open_keys(false));
        CHECK(reread.index_checksum() == other);
    }
    {
        RowCacheWriter w(path);
        w.add(std::string(20, 'a'), a);
        w.commit(); // no checksum: these rows were not checked against an index
    }
    cache.set_index_checksum(sum);
    RowCache replaced(path);
    REQUIRE(replaced.open_keys(false));
    CHECK(replaced.index_checksum().empty());
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

TEST_CASE("a cache written by another version is not read", "[cache]") {
    auto dir = std::filesystem::temp_directory_path() / "hd-row-cache-version-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string path = (dir / "rows").string();
    {
        RowCacheWriter w(path);
        w.add(std::string(20, 'a'), sample("tickets/aa/aaaaaaa.toml", "timeline"));
        w.commit();
    }
    REQUIRE(RowCache(path).load(true).size() == 1);
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    REQUIRE(bytes.starts_with("hd-rows "));
    // Another build's version: same length, same layout, other digits.
    bytes[8] = bytes[8] == '0' ? '1' : '0';
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    CHECK(RowCache(path).load(true).empty());
    std::filesystem::remove_all(dir);
}

TEST_CASE("a work tree file is taken as staged only when git would", "[index]") {
    IndexScan scan;
    scan.mtime_s = 1000;
    scan.mtime_ns = 500;
    IndexPath e{.path = "tickets/aa/aaaaaaa.toml",
                .oid = "01234567890123456789",
                .ctime_s = 900,
                .ctime_ns = 1,
                .mtime_s = 900,
                .mtime_ns = 2,
                .dev = 3,
                .ino = 4,
                .uid = 5,
                .gid = 6,
                .size = 7};
    struct stat st {};
    st.st_ctim = {900, 1};
    st.st_mtim = {900, 2};
    st.st_dev = 3;
    st.st_ino = 4;
    st.st_uid = 5;
    st.st_gid = 6;
    st.st_size = 7;
    CHECK(scan.unchanged(e, st));
    // Any field that differs means the file may have changed.
    for (auto* field : {&e.ctime_s, &e.ctime_ns, &e.mtime_s, &e.mtime_ns, &e.dev, &e.ino, &e.uid,
                        &e.gid, &e.size}) {
        uint32_t was = *field;
        *field += 1;
        CHECK_FALSE(scan.unchanged(e, st));
        *field = was;
    }
    CHECK(scan.unchanged(e, st));
    // Racily clean: written no earlier than the index itself.
    IndexScan same_instant = std::move(scan);
    same_instant.mtime_s = 900;
    same_instant.mtime_ns = 2;
    CHECK_FALSE(same_instant.unchanged(e, st));
    same_instant.mtime_ns = 3;
    CHECK(same_instant.unchanged(e, st));
    // A conflict has no blob to stand for.
    e.stages = 0b1110;
    CHECK_FALSE(same_instant.unchanged(e, st));
}
