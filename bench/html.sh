#!/bin/sh
# html.sh [DIR]
#
# The dashboard on the generated desk of 100,000 tickets: `hd report
# --format html` (the report and the trend of --weeks) beside the plain
# `hd report`, warm (row cache filled), with the size of the page; then
# the same on business calendars (working hours in a time zone, which
# cost more to count than calendar time), and one `hd report --as-of` for
# what a report per week would cost instead.
# DIR is a repository made by gen-repo.sh (generated in a temporary
# directory when not given); it is cloned, never changed.
#
# Environment: HD, N_TICKETS, EVENTS, RUNS (default 10), WARMUP (default 2),
# RESULTS, KEEP=1, as in run.sh. HD_NOW is the generated desk's last day.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
need_hyperfine
# The generated tickets end in January 2026: the weeks before hold them.
now=${HD_NOW:-2026-01-30T00:00:00Z}
clean_env
export HD_NOW="$now"
work_dir html
source_desk "${1:-}"
results_dir html

DIR=$WORK/desk
clone_desk "$SRC" "$DIR"
cd "$DIR"

sizes() { # name: the page's size at 12 and 52 weeks
    "$HD" report --format html >"$WORK/page.html"
    "$HD" report --format html --weeks 52 >"$WORK/page52.html"
    echo "$1 $(wc -c <"$WORK/page.html") $(wc -c <"$WORK/page52.html")" >>"$RESULTS/sizes.txt"
}

"$HD" report >/dev/null
bench calendar -N \
    -n "hd report" "$HD report" \
    -n "hd report --format html" "$HD report --format html" \
    -n "hd report --format html --weeks 52" "$HD report --format html --weeks 52"
sizes calendar

# Every priority on office hours in Lisbon, with holidays.
cat >>hd.toml <<'TOML'

[calendar.office]
timezone = "Europe/Lisbon"
mon = "09:00-17:30"
tue = "09:00-17:30"
wed = "09:00-17:30"
thu = "09:00-17:30"
fri = ["09:00-13:00", "14:00-17:30"]
holidays = [2025-12-01, 2025-12-08, 2025-12-25, 2026-01-01]

[sla.low]
calendar = "office"
[sla.normal]
calendar = "office"
[sla.high]
calendar = "office"
periodic_update = "16h"
[sla.urgent]
periodic_update = "1d"
TOML
git commit -qam "business calendars"
"$HD" report >/dev/null
bench business -N \
    -n "hd report" "$HD report" \
    -n "hd report --format html" "$HD report --format html" \
    -n "hd report --format html --weeks 52" "$HD report --format html --weeks 52"
sizes business
WARMUP=0 RUNS=2 bench as-of -N -n "hd report --as-of" "$HD report --as-of 2026-01-23"

python3 - "$RESULTS" <<'PY' | tee "$RESULTS/summary.md"
import json, os, sys
out = sys.argv[1]
def load(name):
    with open(os.path.join(out, name + ".json")) as f:
        return {r["command"]: r for r in json.load(f)["results"]}
def ms(r):
    return "%.0f ± %.0f" % (r["mean"] * 1000, r["stddev"] * 1000)
sizes = {}
for line in open(os.path.join(out, "sizes.txt")):
    name, s12, s52 = line.split()
    sizes[name] = (int(s12), int(s52))
print("| calendars | hd report ms | html, 12 weeks ms | html, 52 weeks ms | page, 12 weeks | page, 52 weeks |")
print("|---|---:|---:|---:|---:|---:|")
for name in ("calendar", "business"):
    r = load(name)
    print("| %s | %s | %s | %s | %d KB | %d KB |" % (
        name, ms(r["hd report"]), ms(r["hd report --format html"]),
        ms(r["hd report --format html --weeks 52"]), sizes[name][0] // 1024,
        sizes[name][1] // 1024))
a = load("as-of")["hd report --as-of"]
print()
print("One report --as-of (what each week would cost without the trend): %s ms" % ms(a))
PY
echo
echo "results in $RESULTS"
