#!/usr/bin/env bash
# Runs a fuzz target for SECONDS (default 60): scripts/fuzz.sh [SECONDS] [TARGET]
#   readers  the same bytes to both ticket readers; stops on any disagreement
#   mail     any bytes as a mail: parsing, quote cutting, HTML to text
#   merge    three ticket versions: the merge must be the same both ways
# It builds with clang and libFuzzer in build-fuzz/, keeps each corpus in
# build-fuzz/corpus-TARGET/ (seeded from tickets-example/ or tests/data/mail/)
# and writes a failing input as build-fuzz/crash-*; replay one with
#   build-fuzz/tests/hd_fuzz_TARGET build-fuzz/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
target=${2:-readers}
build=build-fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DHD_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build "$build" -j2 --target "hd_fuzz_$target"
corpus="$build/corpus-$target"
mkdir -p "$corpus"
case $target in
readers | merge) cp -n tickets-example/tickets/*/*.toml "$corpus/" ;;
mail) cp -n tests/data/mail/*.eml "$corpus/" ;;
*) echo "fuzz.sh: no target '$target' (readers, mail, merge)" >&2 && exit 2 ;;
esac
dict=()
[ "$target" = mail ] || dict=(-dict=tests/fuzz/readers.dict)
"$build/tests/hd_fuzz_$target" -max_total_time="$seconds" "${dict[@]}" \
    -max_len=8192 -timeout=10 -artifact_prefix="$build/" "$corpus"
