#!/usr/bin/env bash
# Builds hd, checks and lists the example help desk, then walks through a
# ticket's life on a throw-away copy of it in a temporary repository.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
hd=$PWD/build/hd

echo "== hd check on tickets-example/"
"$hd" -C tickets-example check
echo
echo "== hd list --all on tickets-example/"
"$hd" -C tickets-example list --all

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r tickets-example "$tmp/desk"
cd "$tmp/desk"
git init -q
git config user.name "Demo Agent"
git config user.email demo@example.com
git add -A
git commit -qm "Import the example help desk"

echo
echo "== a new ticket, an internal note, then show and list"
id=$("$hd" new --title "Exported CSV has no header row" --from "Priya Raman <priya@example.org>" \
    --priority high --summary "CSV export drops the header line" \
    -m "Since this morning the CSV export starts straight with data.")
echo "new ticket: $id"
"$hd" note "$id" -m "Reproduced with the 2.3 build; the 2.2 build is fine."
"$hd" show "$id"
echo
"$hd" list --priority high
echo
git log --oneline -n 3
