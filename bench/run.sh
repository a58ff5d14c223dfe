#!/bin/sh
# run.sh [DIR]
#
# Measures hd against the plain git commands it stands in for, on one
# generated repository and in one run. Without DIR, a repository of
# $N_TICKETS tickets (default 100000, about 6 events each) is generated in a
# temporary directory and removed afterwards (KEEP=1 keeps it). With DIR, that
# repository is used, and generated there first if DIR does not exist.
#
# Environment:
#   HD            hd binary (default: ../build/hd next to this script)
#   N_TICKETS     tickets to generate (default 100000)
#   EVENTS        events per ticket, on average (default 6)
#   RUNS          timed runs per command (default 10)
#   WARMUP        untimed runs before them (default 2)
#   RESULTS       where to write the results (default bench/results/<date>)
#   KEEP=1        keep a generated temporary repository
#
# The actions (new, note) commit to the repository on every run; that is
# intended, and the same goes for the git commands they are compared with.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
HD=${HD:-$here/../build/hd}
N_TICKETS=${N_TICKETS:-100000}
EVENTS=${EVENTS:-6}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
stamp=$(date +%Y%m%d-%H%M%S)
RESULTS=${RESULTS:-$here/results/$stamp}

die() {
    echo "run.sh: $*" >&2
    exit 1
}

command -v hyperfine >/dev/null || die "hyperfine is not installed (apt-get install hyperfine)"
command -v python3 >/dev/null || die "python3 is needed to generate tickets and summarise"
[ -x "$HD" ] || die "no hd binary at $HD; build it first or set HD=/path/to/hd"
HD=$(cd "$(dirname "$HD")" && pwd)/$(basename "$HD")

# The benchmark uses the real clock and the default lock timeout.
unset HD_NOW HD_LOCK_TIMEOUT HD_TEST_CRASH || true

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

mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
cd "$DIR"

# Two existing tickets: hd notes on the first, git appends to the second, so
# neither side ever finds the other's uncommitted change.
id1=$("$HD" __ids | sed -n 1p)
id2=$("$HD" __ids | sed -n 2p)
if [ -z "$id1" ] || [ -z "$id2" ]; then die "need at least two tickets in $DIR"; fi
f2=tickets/$(echo "$id2" | cut -c1-2)/$id2.toml
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
    echo "runs:        $RUNS timed after $WARMUP warm-up"
} | tee "$RESULTS/environment.txt"

bench() { # NAME HYPERFINE-ARGS...
    name=$1
    shift
    echo
    echo "== $name"
    hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" \
        --export-json "$RESULTS/$name.json" --export-markdown "$RESULTS/$name.md" "$@"
}

# Actions. The git side needs a shell for its '&&' chain, so both sides run
# through one; hyperfine subtracts the shell's own start-up time.
echo x >bench-scratch.txt
git add bench-scratch.txt
git commit -q -m "Add a scratch file for benchmarks"

bench new \
    -n "hd new" "'$HD' new --title T --from 'A <a@example.org>' -m body" \
    -n "git add+commit" "echo x >> bench-scratch.txt && git add bench-scratch.txt && git commit -q -m x"

note_event="\\n[[event]]\\nkind = \"note\"\\nat = $now\\nby = \"Bench Agent <bench@example.org>\"\\nbody = \"text\"\\n"
bench note \
    -n "hd note" "'$HD' note $id1 -m text" \
    -n "git add+commit" "printf '$note_event' >> $f2 && git add $f2 && git commit -q -m note"

# Bulk follow-up: 1,000 quiet tickets in one run and one commit, beside one
# git commit of the same 1,000 files already changed. Each run starts again
# from the same commit, so every run follows up the same tickets.
"$HD" followup | awk '$2 == "follow-up" { print $1 }' | head -n 1000 >"$RESULTS/followup-ids.txt"
sed 's#^\(..\)\(.*\)#tickets/\1/\1\2.toml#' "$RESULTS/followup-ids.txt" >"$RESULTS/followup-files.txt"
base=$(git rev-parse HEAD)
printf '#!/bin/sh\nwhile read -r f; do printf '"'"'%s'"'"' >>"$f"; done <"%s"\n' \
    "$note_event" "$RESULTS/followup-files.txt" >"$RESULTS/append-notes.sh"
bench followup \
    --prepare "git reset -q --hard $base" \
    -n "hd followup (1000 tickets)" "'$HD' followup - <'$RESULTS/followup-ids.txt' >/dev/null" \
    --prepare "git reset -q --hard $base && sh '$RESULTS/append-notes.sh'" \
    -n "git add+commit (1000 files)" "git add --pathspec-from-file='$RESULTS/followup-files.txt' && git commit -q -m followups"
git reset -q --hard "$base"

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
rss() { # prints the peak resident set size of "$@" in KiB
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
    else
        python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
    fi
}
"$HD" list --status open >/dev/null
rss_warm=$(rss "$HD" report)
rm -f .git/hd-rows
rss_cold=$(rss "$HD" report)
printf '{"warm_kib": %s, "cold_kib": %s, "text_bytes": %s}\n' \
    "$rss_warm" "$rss_cold" "$text_bytes" >"$RESULTS/rss.json"

# Every file must still be one hd can read, including those git appended to.
echo
echo "== hd check"
"$HD" check | tail -1

python3 - "$RESULTS" <<'EOF' | tee "$RESULTS/summary.md"
import json, os, sys

out = sys.argv[1]

def load(name):
    with open(os.path.join(out, name + ".json")) as f:
        return {r["command"]: r for r in json.load(f)["results"]}

def ms(r):
    return "%.1f ± %.1f" % (r["mean"] * 1000, r["stddev"] * 1000)

new, note, fu = load("new"), load("note"), load("followup")
rwarm, rcold = load("report-warm"), load("report-cold")
warm, cold = load("list-warm"), load("list-cold")
rows = [
    ("hd new", new["hd new"], "git add+commit", new["git add+commit"], 1.0),
    ("hd note", note["hd note"], "git add+commit", note["git add+commit"], 1.0),
    ("hd followup (1000 tickets)", fu["hd followup (1000 tickets)"], "git add+commit (1000 files)",
     fu["git add+commit (1000 files)"], 1.0),
    ("hd list --ids (warm)", warm["hd list --ids"], "git ls-files", warm["git ls-files"], 2.0),
    ("hd list --status open (warm)", warm["hd list --status open"], "git ls-files",
     warm["git ls-files"], 2.0),
    ("hd list --status open (warm)", warm["hd list --status open"], "git status",
     warm["git status"], 1.0),
    ("hd list --status open (cold)", cold["hd list --status open (cold)"], "git grep -c kind",
     cold["git grep -c kind"], 3.0),
    ("hd report (warm)", rwarm["hd report"], "git status", rwarm["git status"], 1.0),
    ("hd report (cold)", rcold["hd report (cold)"], "git grep -c kind", rcold["git grep -c kind"], 3.0),
]
print("| hd command | hd ms | git command | git ms | hd / git | target | met |")
print("|---|---:|---|---:|---:|---:|:-:|")
for hd_name, hd, git_name, git, target in rows:
    ratio = hd["mean"] / git["mean"]
    print("| %s | %s | %s | %s | %.2fx | ≤ %.1fx | %s |" % (
        hd_name, ms(hd), git_name, ms(git), ratio, target, "yes" if ratio <= target else "no"))

with open(os.path.join(out, "rss.json")) as f:
    rss = json.load(f)
half = rss["text_bytes"] / 2 / 1024 / 1024
for kind in ("warm", "cold"):
    mib = rss[kind + "_kib"] / 1024
    print("| peak RSS, hd report (%s) | %.1f MiB | half the ticket text | %.1f MiB "
          "| %.2fx | ≤ 1.0x | %s |" % (kind, mib, half, mib / half, "yes" if mib <= half else "no"))
EOF
echo
echo "results in $RESULTS"
