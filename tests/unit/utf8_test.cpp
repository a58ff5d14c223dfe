#include "core/utf8.hpp"

#include <catch2/catch.hpp>

using namespace hd;

TEST_CASE("valid UTF-8 passes", "[utf8]") {
    CHECK_FALSE(find_invalid_utf8(""));
    CHECK_FALSE(find_invalid_utf8("plain ascii"));
    CHECK_FALSE(find_invalid_utf8("José Núñez, 東京, 🙂"));
}

TEST_CASE("invalid UTF-8 is found at its byte", "[utf8]") {
    CHECK(find_invalid_utf8("caf\xe9") == 3u);
    CHECK(find_invalid_utf8("\xc0\xaf") == 0u);         // overlong
    CHECK(find_invalid_utf8("ok\xed\xa0\x80") == 2u);   // surrogate
    CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0u); // past U+10FFFF
    CHECK(find_invalid_utf8("\xe2\x82") == 0u);         // truncated
    CHECK(find_invalid_utf8("a\x80") == 1u);            // stray continuation
}
