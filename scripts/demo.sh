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
echo
echo "== hd report on tickets-example/, as of 2026-11-23 12:00 UTC"
HD_NOW=2026-11-23T12:00:00Z "$hd" -C tickets-example report

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
echo "== a ticket's life: new, restate, reply, receive, reply, note"
id=$("$hd" new --title "Exported CSV has no header row" --from "Priya Raman <priya@example.org>" \
    --priority high -m "Since this morning the CSV export starts straight with data.")
echo "new ticket: $id"
"$hd" restate "$id" "the CSV export has lost its header row since this morning"
"$hd" reply "$id" -m "Could you tell me which report you were exporting?" --ask
"$hd" receive "$id" -m "The monthly invoices report."
"$hd" reply "$id" --template none -F - <<EOF_REPLY
Hello Priya,

Thank you, that pinned it down: the monthly invoices export skipped its header
after this morning's update. It is fixed now; exporting again gives the header.

Kind regards,
Demo Agent
EOF_REPLY
"$hd" note "$id" -m "Root cause: header row dropped by the new streaming writer."
"$hd" show "$id"
echo
"$hd" list --priority high
echo
git log --oneline -n 7
