#!/bin/sh
# growth.sh
#
# How hd's costs grow with the desk: `hd note`, `hd new`, `hd list --ids`
# (warm) and `hd show ID`, each beside the git command it stands in for, on
# generated desks of every size in SIZES. Prints a table of milliseconds per
# size, hd's ratio to git at each size, and the growth from each size to the
# next (a cost that does not grow with the desk stays near 1.0x).
#
# Environment:
#   SIZES      ticket counts, smallest first (default "10000 100000";
#              "10000 100000 1000000" adds the large size: see README.md)
#   REPOS      a directory to keep generated desks in, as REPOS/hd-10k,
#              REPOS/hd-100k, REPOS/hd-1M, and to take them from when they
#              are there (they are cloned, never changed). Without it each
#              desk is generated in a temporary directory, measured in place
#              and removed.
#   HD, EVENTS, RUNS (default 10), WARMUP (default 2), RESULTS, KEEP=1 as in
#   run.sh.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
SIZES=${SIZES:-10000 100000}
need_hyperfine
need python3 "it generates tickets and writes the table"
clean_env
work_dir growth
results_dir growth

sizes_done=
for n in $SIZES; do
    label=$(size_label "$n")
    out=$RESULTS/$label
    mkdir -p "$out"
    if [ -n "${REPOS:-}" ]; then
        src=$REPOS/hd-$label
        if [ ! -e "$src" ]; then
            echo "== generating $n tickets in $src"
            "$here/gen-repo.sh" "$src" "$n" "$EVENTS"
        fi
        echo "== cloning $src"
        desk=$WORK/desk-$label
        clone_desk "$src" "$desk"
    else
        desk=$WORK/desk-$label
        echo "== generating $n tickets in $desk"
        "$here/gen-repo.sh" "$desk" "$n" "$EVENTS"
    fi
    cd "$desk"
    id1=$("$HD" __ids | sed -n 1p)
    id2=$("$HD" __ids | sed -n 2p)
    id3=$("$HD" __ids | sed -n 3p)
    [ -n "$id3" ] || die "need at least three tickets in $desk"
    f2=tickets/$(echo "$id2" | cut -c1-2)/$id2.toml
    f3=tickets/$(echo "$id3" | cut -c1-2)/$id3.toml
    now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    echo x >bench-scratch.txt
    git add bench-scratch.txt
    git commit -q -m "Add a scratch file for benchmarks"
    note_event="\\n[[event]]\\nkind = \"note\"\\nat = $now\\nby = \"Bench Agent <bench@example.org>\"\\nbody = \"text\"\\n"

    RESULTS=$out bench note \
        -n "hd note" "'$HD' note $id1 -m text" \
        -n "git add+commit" "printf '$note_event' >> $f2 && git add $f2 && git commit -q -m note"
    RESULTS=$out bench new \
        -n "hd new" "'$HD' new --title T --from 'A <a@example.org>' -m body" \
        -n "git add+commit" "echo x >> bench-scratch.txt && git add bench-scratch.txt && git commit -q -m x"
    "$HD" list --ids >/dev/null # the row cache, filled as a desk in use has it
    RESULTS=$out bench list -N \
        -n "hd list --ids" "$HD list --ids" \
        -n "git ls-files" "git ls-files"
    RESULTS=$out bench show -N \
        -n "hd show" "$HD show $id3" \
        -n "git cat-file" "git cat-file -p HEAD:$f3"
    cd "$WORK"
    # Not needed again, and the next desk may be large.
    [ "${KEEP:-0}" = 1 ] || rm -rf "$desk"
    sizes_done="$sizes_done $label"
done

# shellcheck disable=SC2086 # one argument per size
python3 - "$RESULTS" $sizes_done <<'EOF' | tee "$RESULTS/growth.md"
import json, os, sys

out, labels = sys.argv[1], sys.argv[2:]

def mean(label, group, command):
    with open(os.path.join(out, label, group + ".json")) as f:
        for r in json.load(f)["results"]:
            if r["command"] == command:
                return r["mean"] * 1000
    raise SystemExit("growth: no '%s' in %s/%s.json" % (command, label, group))

ROWS = [
    ("hd note", "note", "hd note"), ("git add+commit (note)", "note", "git add+commit"),
    ("hd new", "new", "hd new"), ("git add+commit (new)", "new", "git add+commit"),
    ("hd list --ids (warm)", "list", "hd list --ids"), ("git ls-files", "list", "git ls-files"),
    ("hd show ID", "show", "hd show"), ("git cat-file -p HEAD:path", "show", "git cat-file"),
]
steps = list(zip(labels, labels[1:]))
head = ["command"] + ["%s ms" % l for l in labels] + ["%s → %s" % s for s in steps]
print("| " + " | ".join(head) + " |")
print("|---|" + "---:|" * (len(head) - 1))
for name, group, command in ROWS:
    ms = [mean(l, group, command) for l in labels]
    cells = ["%.1f" % m for m in ms] + ["%.2fx" % (b / a) for a, b in zip(ms, ms[1:])]
    print("| " + " | ".join([name] + cells) + " |")
print()
print("hd / git at each size:")
print()
print("| command | " + " | ".join(labels) + " |")
print("|---|" + "---:|" * len(labels))
for i in range(0, len(ROWS), 2):
    (name, group, hd_cmd), (_, _, git_cmd) = ROWS[i], ROWS[i + 1]
    cells = ["%.2fx" % (mean(l, group, hd_cmd) / mean(l, group, git_cmd)) for l in labels]
    print("| " + " | ".join([name] + cells) + " |")
EOF
echo
echo "results in $RESULTS"
