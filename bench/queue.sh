#!/bin/sh
# queue.sh [DIR]
#
# The daily loop on the generated desk of 100,000 tickets: `hd next` (what
# to do now, from every open ticket's SLA clocks) beside `git status`, and
# `hd search` beside `git grep -i` of the same word over every ticket file,
# both warm (row cache filled, files in the page cache); then the queue's
# single actions, `hd assign` and `hd set`, beside the `git add && git
# commit` each replaces.
# DIR is a repository made by gen-repo.sh (generated in a temporary
# directory when not given); it is cloned, never changed.
#
# Environment: HD, N_TICKETS, EVENTS, RUNS (default 10), WARMUP (default 2),
# WORD (searched for, default "invoice"), RESULTS, KEEP=1, as in run.sh.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
HD=${HD:-$here/../build/hd}
N_TICKETS=${N_TICKETS:-100000}
EVENTS=${EVENTS:-6}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
WORD=${WORD:-invoice}
RESULTS=${RESULTS:-$here/results/queue-$(date +%Y%m%d-%H%M%S)}

die() {
    echo "queue.sh: $*" >&2
    exit 1
}
command -v hyperfine >/dev/null || die "hyperfine is not installed (apt-get install hyperfine)"
[ -x "$HD" ] || die "no hd binary at $HD; build it first or set HD=/path/to/hd"
HD=$(cd "$(dirname "$HD")" && pwd)/$(basename "$HD")
unset HD_NOW HD_LOCK_TIMEOUT HD_TEST_CRASH || true

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hd-queue-bench.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT INT TERM
if [ $# -ge 1 ]; then
    SRC=$(cd "$1" && pwd)
else
    SRC=$WORK/generated
    echo "== generating $N_TICKETS tickets"
    "$here/gen-repo.sh" "$SRC" "$N_TICKETS" "$EVENTS"
fi
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)

DIR=$WORK/desk
git clone -q "$SRC" "$DIR"
cd "$DIR"
git config user.name "Bench Agent"
git config user.email bench@example.org
git config gc.auto 0
git config maintenance.auto false

bench() { # name, then hyperfine arguments
    name=$1
    shift
    echo
    echo "== $name"
    hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" \
        --export-json "$RESULTS/$name.json" --export-markdown "$RESULTS/$name.md" "$@"
}

# Fill the row cache, and the page cache with every ticket file.
"$HD" list --ids >/dev/null
git grep -c -i "$WORD" -- tickets >/dev/null || true

bench next -N \
    -n "hd next" "$HD next" \
    -n "git status" "git status --porcelain"
bench search -N \
    -n "hd search" "$HD search $WORD --ids" \
    -n "git grep -i" "git grep -l -i $WORD -- tickets"

# Single actions: each run acts on a ticket of its own, so none is skipped
# as already done; the plain git pair appends an event of the same size.
git ls-files -- tickets | head -n 400 >"$WORK/paths"
cat >"$WORK/assign.sh" <<SH
#!/bin/sh
f=\$(head -1 "$WORK/paths") && sed -i 1d "$WORK/paths"
id=\$(basename "\$f" .toml)
exec "$HD" assign "\$id" --to "Kim Lee <kim@example.org>" >/dev/null
SH
cat >"$WORK/git-assign.sh" <<SH
#!/bin/sh
f=\$(tail -1 "$WORK/paths") && sed -i '\$d' "$WORK/paths"
printf '\n[[event]]\nkind = "assign"\nat = 2026-12-01T09:00:00Z\nby = "Bench Agent <bench@example.org>"\nassignee = "Kim Lee <kim@example.org>"\n' >>"\$f"
git add "\$f" && exec git commit -q -m "assign \$f"
SH
chmod +x "$WORK/assign.sh" "$WORK/git-assign.sh"
bench assign -N \
    -n "hd assign" "$WORK/assign.sh" \
    -n "git add+commit" "$WORK/git-assign.sh"

python3 - "$RESULTS" <<'PY' | tee "$RESULTS/summary.md"
import json, os, sys
out = sys.argv[1]
def load(name):
    with open(os.path.join(out, name + ".json")) as f:
        return {r["command"]: r for r in json.load(f)["results"]}
def ms(r):
    return "%.1f ± %.1f" % (r["mean"] * 1000, r["stddev"] * 1000)
nxt, search, assign = load("next"), load("search"), load("assign")
rows = [
    ("hd next", nxt["hd next"], "git status", nxt["git status"]),
    ("hd search", search["hd search"], "git grep -i", search["git grep -i"]),
    ("hd assign", assign["hd assign"], "git add+commit", assign["git add+commit"]),
]
print("| hd command | hd ms | git command | git ms | hd / git |")
print("|---|---:|---|---:|---:|")
for hd_name, hd, git_name, git in rows:
    print("| %s | %s | %s | %s | %.2fx |" % (hd_name, ms(hd), git_name, ms(git),
                                            hd["mean"] / git["mean"]))
PY
echo
echo "results in $RESULTS"
