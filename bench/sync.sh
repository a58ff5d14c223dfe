#!/bin/sh
# sync.sh [DIR]
#
# How long `hd sync` takes to bring in 1,000 new events (one on each of
# 1,000 tickets) on the generated desk, next to `git pull` of the same
# commits with hd's merge driver installed. Two cases:
#   fast-forward  the clone has nothing of its own: hd sync vs git pull
#   merge         the clone added an event to each of the same 1,000 tickets:
#                 hd sync (merge in process, then push) vs git pull && git push
#                 (git runs hd merge-driver once per ticket file)
# DIR is a repository made by gen-repo.sh (generated in a temporary
# directory when not given); it is cloned, never changed.
#
# Environment: HD, N_TICKETS, EVENTS, RUNS (default 5), WARMUP (default 1),
# INCOMING (events brought in, default 1000), RESULTS, KEEP=1, as in run.sh.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
. "$here/lib.sh"
INCOMING=${INCOMING:-1000}
need_hyperfine
clean_env
work_dir sync
source_desk "${1:-}"
results_dir sync

identity() { # dir name
    git -C "$1" config user.name "$2"
    git -C "$1" config user.email "$2@example.org"
    git -C "$1" config gc.auto 0
    git -C "$1" config maintenance.auto false
}

# Appends a note dated `at` to the first $INCOMING ticket files of `dir`.
append_notes() { # dir at who
    git -C "$1" ls-files -- tickets | head -n "$INCOMING" | python3 -c '
import sys
root, at, who = sys.argv[1], sys.argv[2], sys.argv[3]
for path in sys.stdin.read().split():
    with open(f"{root}/{path}", "a") as f:
        f.write(f"\n[[event]]\nkind = \"note\"\nat = {at}\nby = \"{who} <{who}@example.org>\"\nbody = \"Seen by {who}.\"\n")
' "$1" "$2" "$3"
    git -C "$1" commit -qam "bench: $INCOMING notes by $3"
}

echo "== setting up: a remote and two clones"
git clone -q --bare "$SRC" "$WORK/remote.git"
git clone -q "$WORK/remote.git" "$WORK/base"
identity "$WORK/base" base
printf 'tickets/**/*.toml merge=hd\ntickets/**/*.d/** -text\n' >"$WORK/base/.gitattributes"
git -C "$WORK/base" add .gitattributes
git -C "$WORK/base" commit -qm "merge tickets with hd"
git -C "$WORK/base" push -q origin HEAD:main
BASE=$(git -C "$WORK/base" rev-parse HEAD)

git clone -q "$WORK/remote.git" "$WORK/them" && identity "$WORK/them" them
append_notes "$WORK/them" 2030-01-01T10:00:00Z them
git -C "$WORK/them" push -q origin HEAD:main
THEIRS=$(git -C "$WORK/them" rev-parse HEAD)

git clone -q "$WORK/remote.git" "$WORK/us" && identity "$WORK/us" us
"$HD" -C "$WORK/us" list >/dev/null # installs the driver, warms the row cache
git -C "$WORK/us" reset -q --hard "$BASE"
append_notes "$WORK/us" 2030-01-01T11:00:00Z us
OURS=$(git -C "$WORK/us" rev-parse HEAD)
cd "$WORK/us"

echo "== fast-forward: $INCOMING events come in"
hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" \
    --export-json "$RESULTS/fast-forward.json" --export-markdown "$RESULTS/fast-forward.md" \
    --prepare "git reset -q --hard $BASE" \
    -n "hd sync" "$HD sync" \
    -n "git pull" "git pull -q --no-rebase origin main"

echo "== merge: $INCOMING events come in, $INCOMING of ours go out"
reset_both="git reset -q --hard $OURS && git --git-dir=$WORK/remote.git update-ref refs/heads/main $THEIRS"
hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" \
    --export-json "$RESULTS/merge.json" --export-markdown "$RESULTS/merge.md" \
    --prepare "$reset_both" \
    -n "hd sync" "$HD sync" \
    -n "git pull && git push" "git pull -q --no-rebase --no-edit origin main && git push -q origin HEAD:main"

# The result is what it should be: every note of both sides, once.
eval "$reset_both"
"$HD" sync >/dev/null
got=$(git grep -c '^body = "Seen by' -- tickets | awk -F: '{s += $NF} END {print s + 0}')
[ "$got" -eq $((2 * INCOMING)) ] || die "after hd sync: $got notes, expected $((2 * INCOMING))"
"$HD" check >/dev/null || die "hd check failed after the merge"

{
    echo "# hd sync, $INCOMING incoming events, $(git ls-files -- tickets | wc -l) tickets"
    echo
    echo "## fast-forward"
    cat "$RESULTS/fast-forward.md"
    echo
    echo "## merge"
    cat "$RESULTS/merge.md"
} >"$RESULTS/summary.md"
cat "$RESULTS/summary.md"
