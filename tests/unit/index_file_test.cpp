// The index patcher against git itself: indexes git wrote, in every
// version, patched here and then read back by git and libgit2. git
// write-tree builds its tree from the cache-tree extension where that is
// valid, so a tree not invalidated as it must be shows as a wrong tree.
#include "store/index_file.hpp"

#include "store/files.hpp"
#include "store/repo.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <unistd.h>

using namespace hd;

namespace {

std::string run(const std::string& dir, const std::string& command) {
    std::string full = fmt::format("cd '{}' && {} 2>&1", dir, command);
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(full.c_str(), "r"), ::pclose);
    REQUIRE(pipe);
    std::string out;
    char buf[4096];
    while (size_t n = std::fread(buf, 1, sizeof buf, pipe.get()))
        out.append(buf, n);
    return out;
}

struct Repos {
    std::string ours, theirs; // patched here / changed by git
    Repos() {
        char tmpl[] = "/tmp/hd-index-test.XXXXXX";
        root = ::mkdtemp(tmpl);
        ours = root + "/ours";
        theirs = root + "/theirs";
    }
    ~Repos() { std::filesystem::remove_all(root); }
    std::string root;
};

// A repository with a few files in directories, committed (so git wrote a
// cache tree), in index `version`.
void make_repo(const std::string& dir, int version) {
    std::filesystem::create_directories(dir);
    run(dir, "git init -q -b main . && git config user.name T && git config user.email t@e.org");
    run(dir, "mkdir -p t/aa t/ab t/b && for f in t/aa/1 t/aa/2 t/ab/3 t/b/4 top; do echo $f > $f; "
             "done && git add -A && git commit -qm one");
    run(dir, fmt::format("git update-index --index-version {}", version));
    // git writes version 3 only while some entry has extended flags.
    if (version == 3) run(dir, "git update-index --skip-worktree t/ab/3");
}

std::string index_bytes(const std::string& dir) {
    return read_file(dir + "/.git/index").value();
}

void write_bytes(const std::string& dir, const IndexBytes& b) {
    std::string all;
    for (auto p : b.pieces)
        all.append(p);
    Digest sum = b.checksum();
    all.append(reinterpret_cast<const char*>(sum.data()), sum.size());
    write_file_atomic(dir + "/.git/index", all);
}

// Writes `content` to `path` in `dir`, stores its blob, and returns the
// entry git would stage for it.
IndexEntry written(const std::string& dir, const std::string& path, const std::string& content) {
    std::filesystem::create_directories(std::filesystem::path(dir + "/" + path).parent_path());
    write_file_atomic(dir + "/" + path, content);
    run(dir, "git hash-object -w -- '" + path + "'");
    struct stat st {};
    REQUIRE(::stat((dir + "/" + path).c_str(), &st) == 0);
    return entry_from_stat(path, blob_digest(content), 0100644, st);
}

// The index file's bytes must outlive what is parsed from them.
IndexFile parsed(const std::string& bytes) {
    std::string why;
    auto f = IndexFile::parse(bytes, why);
    INFO(why);
    REQUIRE(f);
    return std::move(*f);
}

} // namespace

TEST_CASE("index patch: git and libgit2 read the result, and git write-tree agrees with git's own "
          "change, in index versions 2, 3 and 4") {
    int version = GENERATE(2, 3, 4);
    INFO("index version " << version);
    Repos r;
    make_repo(r.ours, version);
    make_repo(r.theirs, version);

    std::string before = index_bytes(r.ours);
    IndexFile f = parsed(before);
    CHECK(f.version() == static_cast<uint32_t>(version));
    REQUIRE(f.count() == 5);
    CHECK(f.path(0) == "t/aa/1");
    CHECK(f.path(4) == "top");
    CHECK(f.find("t/ab/3") == std::optional<size_t>(2));
    CHECK(!f.find("t/ab"));
    CHECK(f.checksum_ok());

    // Change one file, add one in a new directory and one between two
    // others, remove one: the same on both sides.
    std::vector<IndexChange> changes;
    for (auto [path, text] :
         {std::pair{"t/aa/2", "changed\n"}, {"t/ac/new", "new\n"}, {"t/aa/15", "between\n"}}) {
        changes.push_back({path, written(r.ours, path, text)});
        written(r.theirs, path, text);
        run(r.theirs, fmt::format("git add -- {}", path));
    }
    std::filesystem::remove(r.ours + "/t/b/4");
    changes.push_back({"t/b/4", std::nullopt});
    run(r.theirs, "git rm -q -- t/b/4");

    std::string why;
    auto out = f.patch(changes, {}, why);
    INFO(why);
    REQUIRE(out);
    write_bytes(r.ours, *out);

    CHECK(run(r.ours, "git ls-files -s") == run(r.theirs, "git ls-files -s"));
    CHECK(run(r.ours, "git write-tree") == run(r.theirs, "git write-tree"));
    CHECK(run(r.ours, "git status --porcelain") == run(r.theirs, "git status --porcelain"));
    CHECK(run(r.ours, "git fsck --no-progress --strict; echo $?") == "0\n");
    CHECK(run(r.ours, "git update-index --refresh >/dev/null; git diff-files --name-only") == "");

    std::string after = index_bytes(r.ours);
    IndexFile again = parsed(after);
    CHECK(again.checksum_ok());
    CHECK(again.count() == 6);
    CHECK(again.version() == static_cast<uint32_t>(version));

    Repo repo = Repo::discover(r.ours);
    git::IndexPtr index = repo.open_index();
    CHECK(git_index_entrycount(index.get()) == 6);
    const git_index_entry* e = git_index_get_bypath(index.get(), "t/aa/15", 0);
    REQUIRE(e);
    CHECK(std::string(git_oid_tostr_s(&e->id)) == digest_hex(blob_digest("between\n")));
}

TEST_CASE("index patch: entries whose time equals the index's are smudged as asked, the rest "
          "copied as they were") {
    int version = GENERATE(2, 4);
    INFO("index version " << version);
    Repos r;
    make_repo(r.ours, version);
    std::string before = index_bytes(r.ours);
    IndexFile f = parsed(before);
    struct stat ist {};
    REQUIRE(::stat((r.ours + "/.git/index").c_str(), &ist) == 0);
    // git wrote the files before the index: settled, unless in the same instant.
    struct timespec long_after = ist.st_mtim;
    long_after.tv_sec += 100;
    CHECK(f.racily_clean(long_after).empty());
    struct timespec long_before = ist.st_mtim;
    long_before.tv_sec -= 100;
    CHECK(f.racily_clean(long_before).size() == f.count());

    // t/aa/1 t/aa/2 t/ab/3 t/b/4 top: t/aa/2 comes right after a new entry
    // (in version 4 its path is compressed anew) and is smudged too.
    std::string why;
    auto out = f.patch({{"top", written(r.ours, "top", "top again\n")},
                        {"t/aa/15", written(r.ours, "t/aa/15", "new\n")}},
                       {3, 0, 1}, why);
    INFO(why);
    REQUIRE(out);
    write_bytes(r.ours, *out);
    std::string bytes = index_bytes(r.ours);
    IndexFile after = parsed(bytes);
    REQUIRE(after.count() == 6);
    CHECK(after.path(1) == "t/aa/15");
    for (size_t old_i : {0, 1, 2, 3}) {
        size_t new_i = old_i == 0 ? 0 : old_i + 1;
        INFO("entry " << f.path(old_i));
        CHECK(after.path(new_i) == f.path(old_i));
        CHECK(after.entry(new_i).id == f.entry(old_i).id);
        CHECK(after.entry(new_i).size == (old_i == 2 ? f.entry(old_i).size : 0));
    }
    // A smudged entry is only looked at again: git finds the file unchanged.
    CHECK(run(r.ours, "git status --porcelain") == "A  t/aa/15\nM  top\n");
    CHECK(run(r.ours, "git fsck --no-progress --strict; echo $?") == "0\n");
}

TEST_CASE("index patch: what it leaves to libgit2") {
    Repos r;
    make_repo(r.ours, 2);
    std::string why;

    SECTION("a split index") {
        run(r.ours, "git update-index --split-index");
        // Its entries may have their names stripped: refused, one way or another.
        std::string bytes = index_bytes(r.ours);
        CHECK(!IndexFile::parse(bytes, why));
    }
    SECTION("a damaged file") {
        std::string bytes = index_bytes(r.ours);
        bytes[bytes.size() / 2] ^= 1;
        auto f = IndexFile::parse(bytes, why);
        CHECK((!f || !f->checksum_ok()));
        CHECK(!IndexFile::parse(bytes.substr(0, 40), why));
        CHECK(!IndexFile::parse("not an index at all, not at all", why));
    }
    SECTION("a path in conflict, and a file where a directory is") {
        std::string bytes = index_bytes(r.ours);
        IndexFile f = parsed(bytes);
        CHECK(!f.patch({{"t/aa", written(r.ours, "t/aa2", "x")}}, {}, why));
        IndexEntry dir = written(r.ours, "t/aa2", "x");
        dir.path = "t/aa";
        CHECK(!f.patch({{"t/aa", dir}}, {}, why));
        CHECK(why == "t/aa is a directory in the index");
        IndexEntry under = written(r.ours, "t/x", "x");
        under.path = "top/x";
        CHECK(!f.patch({{"top/x", under}}, {}, why));
        CHECK(why == "top is a file in the index");

        run(r.ours, "git checkout -q -b other && echo o > top && git commit -qam o && git "
                    "checkout -q main && echo m > top && git commit -qam m && git merge other "
                    ">/dev/null");
        std::string merging = index_bytes(r.ours);
        IndexFile conflicted = parsed(merging);
        CHECK(conflicted.conflicted("top"));
        CHECK(!conflicted.find("top"));
        CHECK(!conflicted.patch({{"top", written(r.ours, "top", "resolved\n")}}, {}, why));
        CHECK(why == "top is in conflict");
        // Other paths are still patched, the conflict kept.
        auto out = conflicted.patch({{"t/b/4", written(r.ours, "t/b/4", "four\n")}}, {}, why);
        REQUIRE(out);
        write_bytes(r.ours, *out);
        CHECK(run(r.ours, "git ls-files -u | wc -l") == "3\n");
    }
    SECTION("an entry with flags of its own") {
        run(r.ours, "git update-index --assume-unchanged top");
        std::string flagged = index_bytes(r.ours);
        IndexFile f = parsed(flagged);
        CHECK(f.flagged(*f.find("top")));
        CHECK(!f.patch({{"top", written(r.ours, "top", "again\n")}}, {}, why));
        CHECK(why == "top has index flags of its own");
    }
}

TEST_CASE("index patch: optional extensions are dropped, resolve-undo kept") {
    Repos r;
    make_repo(r.ours, 2);
    run(r.ours, "git config core.untrackedCache true && git update-index --untracked-cache && "
                "git status --porcelain >/dev/null");
    std::string bytes = index_bytes(r.ours);
    REQUIRE(bytes.find("UNTR") != std::string::npos);
    IndexFile f = parsed(bytes);
    std::string why;
    auto out = f.patch({{"top", written(r.ours, "top", "again\n")}}, {}, why);
    REQUIRE(out);
    write_bytes(r.ours, *out);
    std::string after = index_bytes(r.ours);
    CHECK(after.find("UNTR") == std::string::npos);
    CHECK(after.find("TREE") != std::string::npos);
    CHECK(run(r.ours, "git status --porcelain") == "M  top\n");
}
