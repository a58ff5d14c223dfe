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
. "$here/lib.sh"
WORD=${WORD:-invoice}
need_hyperfine
clean_env
work_dir queue
source_desk "${1:-}"
results_dir queue

DIR=$WORK/desk
clone_desk "$SRC" "$DIR"
cd "$DIR"

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
