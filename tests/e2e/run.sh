#!/usr/bin/env bash
# Runs one end-to-end test: run.sh HD_BINARY FILE FUNCTION
HD=$(realpath "$1")
export HD
here=$(cd "$(dirname "$0")" && pwd)
export E2E_DIR=$here
source "$here/lib.sh"
source "$2" || fail "$2 could not be read"
declare -F "$3" >/dev/null || fail "$2 has no test $3"
"$3"
echo "ok: $3"
