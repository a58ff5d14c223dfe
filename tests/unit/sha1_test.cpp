#include "store/sha1.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("sha1: known digests, and a digest taken midway leaves the hasher going") {
    CHECK(digest_hex(Sha1().digest()) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    Sha1 h;
    h.update("a");
    CHECK(digest_hex(h.digest()) == "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8");
    h.update("bc");
    CHECK(digest_hex(h.digest()) == "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST_CASE("sha1: blob ids are git's") {
    // git hash-object of an empty file, and of "hello\n".
    CHECK(digest_hex(blob_digest("")) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    CHECK(digest_hex(blob_digest("hello\n")) == "ce013625030ba8dba906f756967f9e9ca394464a");
}
