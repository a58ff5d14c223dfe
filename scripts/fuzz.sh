#!/usr/bin/env bash
# Runs the fuzz target that feeds the same bytes to both ticket readers and
# stops on any disagreement (or memory error): scripts/fuzz.sh [SECONDS]
# (default 60). It builds with clang and libFuzzer in build-fuzz/, keeps its
# corpus in build-fuzz/corpus/ (seeded from tickets-example/) and writes a
# failing input as build-fuzz/crash-*; replay one with
#   build-fuzz/tests/hd_fuzz_readers build-fuzz/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=build-fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DHD_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build "$build" -j2 --target hd_fuzz_readers
mkdir -p "$build/corpus"
cp -n tickets-example/tickets/*/*.toml "$build/corpus/"
"$build/tests/hd_fuzz_readers" -max_total_time="$seconds" -dict=tests/fuzz/readers.dict \
    -max_len=4096 -timeout=10 -artifact_prefix="$build/" "$build/corpus"
