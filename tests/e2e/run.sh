#!/usr/bin/env bash
# Runs one end-to-end test: run.sh HD_BINARY FILE FUNCTION
HD=$(realpath "$1")
export HD
here=$(cd "$(dirname "$0")" && pwd)
export E2E_DIR=$here
source "$here/lib.sh"
source "$2"
"$3"
echo "ok: $3"
