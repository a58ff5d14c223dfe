#!/usr/bin/env bash
# Builds hd and runs every test (unit, end-to-end, man pages, completions).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)"
