// libFuzzer target: any input on which the two ticket readers disagree is a
// crash. Built with -DHD_FUZZ=ON; scripts/fuzz.sh builds and runs it.
#include "support/readers_agree.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // A path with no ".toml" name, so any ID in the input is accepted.
    auto v = hd::testing::compare_readers(text, "fuzz/input");
    if (!v.disagreement.empty()) {
        std::fprintf(stderr, "%s\n%s\n", v.disagreement.c_str(), hd::testing::quoted(text).c_str());
        std::abort();
    }
    return 0;
}
