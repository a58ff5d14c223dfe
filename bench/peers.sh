#!/bin/sh
# peers.sh
#
# hd beside git-issue (https://github.com/dspinellis/git-issue), a git-native
# issue tracker written in shell: the same PEER_ISSUES issues (default 1000)
# are created in each through its own command line, then create, comment,
# list and show are timed side by side on the filled desks. git-issue is not
# part of this project: GIT_ISSUE names a copy of it (its git-issue.sh, or a
# checkout holding git-issue.sh and lib/), which is copied into the
# benchmark's temporary directory and run from there. Without GIT_ISSUE the
# benchmark is skipped (exit 0) with a message saying how to get it.
#
#   hd                                 git-issue
#   hd new --title T --from P -m BODY  git issue new (description through $VISUAL)
#   hd note ID -m TEXT                 git issue comment ID (text through $VISUAL)
#   hd list                            git issue list
#   hd show ID                         git issue show -c ID
#
# Environment:
#   GIT_ISSUE    git-issue.sh, or a directory holding it (required)
#   PEER_ISSUES  issues created in each tool first (default 1000; 10000 is
#                the large size, and takes git-issue about half an hour)
#   HD, RUNS (default 10), WARMUP (default 2), RESULTS, KEEP=1 as in run.sh.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
PEER_ISSUES=${PEER_ISSUES:-1000}

if [ -z "${GIT_ISSUE:-}" ] || [ ! -e "$GIT_ISSUE" ]; then
    echo "$script_name: skipped: git-issue not found${GIT_ISSUE:+ at $GIT_ISSUE}." >&2
    echo "  Set GIT_ISSUE to its git-issue.sh or a checkout, for instance:" >&2
    echo "    git clone https://github.com/dspinellis/git-issue /tmp/git-issue" >&2
    echo "    GIT_ISSUE=/tmp/git-issue bench/peers.sh" >&2
    exit 0
fi
[ -d "$GIT_ISSUE" ] && GIT_ISSUE=$GIT_ISSUE/git-issue.sh
gi_lib=$(dirname "$GIT_ISSUE")/lib/git-issue
[ -f "$GIT_ISSUE" ] || die "no git-issue.sh at $GIT_ISSUE"
[ -d "$gi_lib" ] || die "git-issue's lib/git-issue is not beside $GIT_ISSUE"
need_hyperfine
need python3 "it writes the issues and the table"
clean_env
work_dir peers
results_dir peers

# git-issue, vendored for this run only.
mkdir -p "$WORK/git-issue/lib"
cp "$GIT_ISSUE" "$WORK/git-issue/git-issue.sh"
cp -R "$gi_lib" "$WORK/git-issue/lib/"
chmod +x "$WORK/git-issue/git-issue.sh"
GI=$WORK/git-issue/git-issue.sh
gi_version=$(git -C "$(dirname "$GIT_ISSUE")" describe --always --tags 2>/dev/null ||
    sed -n 's/^USER_AGENT=//p' "$GIT_ISSUE")

# The same person and no personal git configuration for both tools.
export HOME="$WORK/home" GIT_CONFIG_NOSYSTEM=1 PAGER=cat GIT_PAGER=cat
mkdir -p "$HOME"
git config --global user.name "Bench Agent"
git config --global user.email bench@example.org
git config --global init.defaultBranch main
git config --global gc.auto 0
# git-issue asks for a description or comment in $VISUAL: this one writes
# $GI_TEXT, as a person typing it would.
# shellcheck disable=SC2016 # expanded by the editor script, not here
printf '#!/bin/sh\nprintf "%%s\\n" "$GI_TEXT" >"$1"\n' >"$WORK/editor.sh"
chmod +x "$WORK/editor.sh"
export VISUAL="$WORK/editor.sh"

# The issues: a title and a one-paragraph body each, the same for both.
python3 - "$PEER_ISSUES" >"$WORK/issues.tsv" <<'EOF'
import random, sys
rng = random.Random(20260302)
things = ["printer", "VPN", "invoice", "login page", "export", "calendar", "mail sync", "report"]
faults = ["fails after the update", "is slow since Monday", "shows the wrong currency",
          "drops every hour", "rejects my password", "times out", "crashes on save"]
for i in range(int(sys.argv[1])):
    title = "%s %s (%d)" % (rng.choice(things).capitalize(), rng.choice(faults), i + 1)
    body = " ".join("Step %d: I opened the %s and it %s." % (k + 1, rng.choice(things),
                    rng.choice(faults)) for k in range(rng.randint(2, 5)))
    print(title + "\t" + body)
EOF

HD_DESK=$WORK/hd
GI_DESK=$WORK/gi
git init -q "$HD_DESK"
"$HD" -C "$HD_DESK" init --name "Peers" >/dev/null
mkdir -p "$GI_DESK"
(cd "$GI_DESK" && "$GI" init >/dev/null 2>&1) || die "git issue init failed in $GI_DESK"

tab=$(printf '\t')
fill() { # tool: creates every issue of issues.tsv, prints the seconds taken
    start=$(date +%s.%N)
    while IFS=$tab read -r title body; do
        if [ "$1" = hd ]; then
            "$HD" -C "$HD_DESK" new --title "$title" --from "Ana Lima <ana@example.org>" \
                -m "$body" >/dev/null
        else
            (cd "$GI_DESK" && GI_TEXT=$(printf '%s\n\n%s' "$title" "$body") "$GI" new >/dev/null)
        fi
    done <"$WORK/issues.tsv"
    end=$(date +%s.%N)
    python3 -c 'import sys; print("%.1f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$start" "$end"
}
echo "== creating $PEER_ISSUES issues in hd"
hd_fill=$(fill hd)
echo "   $hd_fill s"
echo "== creating $PEER_ISSUES issues in git-issue"
gi_fill=$(fill gi)
echo "   $gi_fill s"

# One issue of each to comment on and show: the first created.
hid=$("$HD" -C "$HD_DESK" list --ids | head -n 1)
gid=$(cd "$GI_DESK" && "$GI" list | head -n 1 | cut -d' ' -f1)
if [ -z "$hid" ] || [ -z "$gid" ]; then
    die "no issue to comment on (hd: '$hid', git-issue: '$gid')"
fi
"$HD" -C "$HD_DESK" list >/dev/null # hd's row cache, filled as a desk in use has it

{
    echo "date:        $(date '+%Y-%m-%d %H:%M %Z')"
    echo "machine:     $(nproc) cores, $(uname -sr)"
    echo "hd:          $("$HD" --version) ($HD)"
    echo "git-issue:   $gi_version ($GIT_ISSUE)"
    echo "git:         $(git --version)"
    echo "issues:      $PEER_ISSUES in each; filled in $hd_fill s (hd), $gi_fill s (git-issue)"
    echo "runs:        $RUNS timed after $WARMUP warm-up"
} | tee "$RESULTS/environment.txt"
printf '{"issues": %s, "hd_fill_s": %s, "gi_fill_s": %s}\n' \
    "$PEER_ISSUES" "$hd_fill" "$gi_fill" >"$RESULTS/fill.json"

export GI_TEXT="One more: the scanner jams on the second page.
It started after the driver update."
bench create \
    -n "hd" "'$HD' -C '$HD_DESK' new --title 'Scanner jams' --from 'Bo Berg <bo@example.org>' -m 'It started after the driver update.'" \
    -n "git-issue" "cd '$GI_DESK' && '$GI' new"
export GI_TEXT="Asked the requester for the driver version."
bench comment \
    -n "hd" "'$HD' -C '$HD_DESK' note $hid -m '$GI_TEXT'" \
    -n "git-issue" "cd '$GI_DESK' && '$GI' comment $gid"
bench list \
    -n "hd" "'$HD' -C '$HD_DESK' list" \
    -n "git-issue" "cd '$GI_DESK' && '$GI' list"
# Each tool must hold what it was given: every issue, and the comment.
[ "$("$HD" -C "$HD_DESK" list --ids | wc -l)" -gt "$PEER_ISSUES" ] || die "hd lost issues"
[ "$(cd "$GI_DESK" && "$GI" list | wc -l)" -gt "$PEER_ISSUES" ] || die "git-issue lost issues"
(cd "$GI_DESK" && "$GI" show -c "$gid") | grep -q "driver version" ||
    die "git-issue did not record the comment"
bench show \
    -n "hd" "'$HD' -C '$HD_DESK' show $hid" \
    -n "git-issue" "cd '$GI_DESK' && '$GI' show -c $gid"

python3 - "$RESULTS" <<'EOF' | tee "$RESULTS/summary.md"
import json, os, sys
out = sys.argv[1]
with open(os.path.join(out, "fill.json")) as f:
    fill = json.load(f)
print("%d issues in each, created through each tool's own command line." % fill["issues"])
print()
print("| measure | hd ms | git-issue ms | hd is faster by |")
print("|---|---:|---:|---:|")
n = fill["issues"]
hd_ms, gi_ms = fill["hd_fill_s"] * 1000 / n, fill["gi_fill_s"] * 1000 / n
print("| creating the %d, per issue | %.1f | %.1f | %.1fx |" % (n, hd_ms, gi_ms, gi_ms / hd_ms))
for name in ("create", "comment", "list", "show"):
    with open(os.path.join(out, name + ".json")) as f:
        r = {x["command"]: x for x in json.load(f)["results"]}
    hd, gi = r["hd"], r["git-issue"]
    print("| %s | %.1f ± %.1f | %.1f ± %.1f | %.1fx |" % (
        name, hd["mean"] * 1000, hd["stddev"] * 1000, gi["mean"] * 1000, gi["stddev"] * 1000,
        gi["mean"] / hd["mean"]))
EOF
echo
echo "results in $RESULTS"
