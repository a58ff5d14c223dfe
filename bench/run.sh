#!/bin/sh
# run.sh [DIR]
#
# Measures hd against the plain git commands it stands in for, on one
# generated repository, REPEATS times over (each repeat runs every group
# once more, so a busy moment of the machine spreads over the repeats
# rather than sitting in one group). The summary gives, for each row, the
# median over the repeats and their spread (min-max), of hd's time, git's
# and of the ratio of the two in the same hyperfine run. Without DIR, a
# repository of $N_TICKETS tickets (default 100000, about 6 events each) is
# generated in a temporary directory and removed afterwards (KEEP=1 keeps
# it). With DIR, that repository is used, and generated there first if DIR
# does not exist.
#
# Environment:
#   HD            hd binary (default: ../build/hd next to this script)
#   N_TICKETS     tickets to generate (default 100000; 1000000 is the large size)
#   EVENTS        events per ticket, on average (default 6)
#   REPEATS       how many times every group runs (default 3)
#   RUNS          timed runs per command and repeat (default 10)
#   WARMUP        untimed runs before them (default 2)
#   FOLLOWUPS     tickets in the bulk follow-up (default 1000)
#   RESULTS       where to write the results (default bench/results/run-<date>)
#   KEEP=1        keep a generated temporary repository
#
# The actions (new, note) commit to the repository on every run; that is
# intended, and the same goes for the git commands they are compared with.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
REPEATS=${REPEATS:-3}
FOLLOWUPS=${FOLLOWUPS:-1000}
need_hyperfine
need python3 "it generates tickets and writes the summary"
# The benchmark uses the real clock and the default lock timeout.
clean_env

cleanup_dir=
if [ $# -ge 1 ]; then
    DIR=$1
    if [ ! -e "$DIR" ]; then
        echo "== generating $N_TICKETS tickets in $DIR"
        "$here/gen-repo.sh" "$DIR" "$N_TICKETS" "$EVENTS"
    fi
else
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/hd-bench.XXXXXX")
    [ "${KEEP:-0}" = 1 ] || cleanup_dir=$DIR
    echo "== generating $N_TICKETS tickets in $DIR"
    gen_start=$(date +%s)
    "$here/gen-repo.sh" "$DIR" "$N_TICKETS" "$EVENTS"
    echo "   done in $(($(date +%s) - gen_start)) s"
fi
DIR=$(cd "$DIR" && pwd)
[ -f "$DIR/hd.toml" ] || die "$DIR has no hd.toml"
trap '[ -z "$cleanup_dir" ] || rm -rf "$cleanup_dir"' EXIT INT TERM

results_dir run
cd "$DIR"

# Three existing tickets: hd notes on the first, git appends to the second,
# so neither side ever finds the other's uncommitted change; both show the
# third.
id1=$("$HD" __ids | sed -n 1p)
id2=$("$HD" __ids | sed -n 2p)
id3=$("$HD" __ids | sed -n 3p)
if [ -z "$id3" ]; then die "need at least three tickets in $DIR"; fi
path_of() { echo "tickets/$(echo "$1" | cut -c1-2)/$1.toml"; }
f2=$(path_of "$id2")
f3=$(path_of "$id3")
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)

tickets=$(git ls-files -- tickets | grep -c '\.toml$' || true)
events=$(git grep -c '^\[\[event\]\]' -- tickets | awk -F: '{s += $NF} END {print s + 0}')
text_bytes=$(git ls-tree -r -l HEAD -- tickets | awk '{s += $4} END {print s + 0}')

{
    echo "date:        $(date '+%Y-%m-%d %H:%M %Z')"
    echo "machine:     $(nproc) cores, $(uname -sr)"
    echo "hd:          $("$HD" --version) ($HD)"
    echo "git:         $(git --version)"
    echo "hyperfine:   $(hyperfine --version)"
    echo "repository:  $DIR"
    echo "tickets:     $tickets, events: $events, ticket text: $text_bytes bytes"
    echo "runs:        $REPEATS repeats of $RUNS timed runs after $WARMUP warm-up"
} | tee "$RESULTS/environment.txt"

# Actions. The git side needs a shell for its '&&' chain, so both sides run
# through one; hyperfine subtracts the shell's own start-up time.
echo x >bench-scratch.txt
git add bench-scratch.txt
git commit -q -m "Add a scratch file for benchmarks"
note_event="\\n[[event]]\\nkind = \"note\"\\nat = $now\\nby = \"Bench Agent <bench@example.org>\"\\nbody = \"text\"\\n"

# Bulk follow-up: $FOLLOWUPS quiet tickets in one run and one commit, beside
# one git commit of the same files already changed. The tickets are picked
# once; every run starts again from the same commit, so it follows up the
# same tickets.
"$HD" followup | awk '$2 == "follow-up" { print $1 }' | head -n "$FOLLOWUPS" >"$RESULTS/followup-ids.txt"
followups=$(wc -l <"$RESULTS/followup-ids.txt" | tr -d ' ')
[ "$followups" -gt 0 ] || die "no ticket in $DIR is due a follow-up"
sed 's#^\(..\)\(.*\)#tickets/\1/\1\2.toml#' "$RESULTS/followup-ids.txt" >"$RESULTS/followup-files.txt"
printf '#!/bin/sh\nwhile read -r f; do printf '"'"'%s'"'"' >>"$f"; done <"%s"\n' \
    "$note_event" "$RESULTS/followup-files.txt" >"$RESULTS/append-notes.sh"

# Peak resident set size of "$@" in KiB.
rss() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
    else
        python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
    fi
}

top=$RESULTS
repeat=1
while [ "$repeat" -le "$REPEATS" ]; do
    echo
    echo "=== repeat $repeat of $REPEATS"
    RESULTS=$top/r$repeat
    mkdir -p "$RESULTS"

    bench new \
        -n "hd new" "'$HD' new --title T --from 'A <a@example.org>' -m body" \
        -n "git add+commit" "echo x >> bench-scratch.txt && git add bench-scratch.txt && git commit -q -m x"

    bench note \
        -n "hd note" "'$HD' note $id1 -m text" \
        -n "git add+commit" "printf '$note_event' >> $f2 && git add $f2 && git commit -q -m note"

    base=$(git rev-parse HEAD)
    bench followup \
        --prepare "git reset -q --hard $base" \
        -n "hd followup" "'$HD' followup - <'$top/followup-ids.txt' >/dev/null" \
        --prepare "git reset -q --hard $base && sh '$top/append-notes.sh'" \
        -n "git add+commit" "git add --pathspec-from-file='$top/followup-files.txt' && git commit -q -m followups"
    git reset -q --hard "$base"

    # One ticket, by its ID: hd's view of the file beside git's bytes of it.
    bench show -N \
        -n "hd show" "$HD show $id3" \
        -n "git cat-file" "git cat-file -p HEAD:$f3"

    # Reports, warm: the row cache is filled first (the actions above added
    # tickets and events it has not seen).
    "$HD" list --status open >/dev/null
    bench list-warm -N \
        -n "hd list --ids" "$HD list --ids" \
        -n "hd list --status open" "$HD list --status open" \
        -n "git ls-files" "git ls-files" \
        -n "git status" "git status --porcelain"

    # Reports, cold: no row cache, so every ticket file is read and parsed.
    # The files themselves stay in the page cache.
    WARMUP=1 RUNS=$(((RUNS + 1) / 2)) bench list-cold -N \
        --prepare "rm -f $DIR/.git/hd-rows" -n "hd list --status open (cold)" "$HD list --status open" \
        --prepare "true" -n "git grep -c kind" "git grep -c kind -- tickets"

    # The SLA report: warm beside git status, cold beside git grep.
    "$HD" report >/dev/null
    bench report-warm -N \
        -n "hd report" "$HD report" \
        -n "git status" "git status --porcelain"
    WARMUP=1 RUNS=$(((RUNS + 1) / 2)) bench report-cold -N \
        --prepare "rm -f $DIR/.git/hd-rows" -n "hd report (cold)" "$HD report" \
        --prepare "true" -n "git grep -c kind" "git grep -c kind -- tickets"

    # Peak memory of the report, warm and cold.
    "$HD" list --status open >/dev/null
    rss_warm=$(rss "$HD" report)
    rm -f .git/hd-rows
    rss_cold=$(rss "$HD" report)
    printf '{"warm_kib": %s, "cold_kib": %s, "text_bytes": %s}\n' \
        "$rss_warm" "$rss_cold" "$text_bytes" >"$RESULTS/rss.json"
    repeat=$((repeat + 1))
done
RESULTS=$top

# Every file must still be one hd can read, including those git appended to.
echo
echo "== hd check"
"$HD" check | tail -1

python3 "$here/summary.py" "$RESULTS" "$followups" | tee "$RESULTS/summary.md"
echo
echo "results in $RESULTS"
