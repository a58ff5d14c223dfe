#!/usr/bin/env python3
"""The summary table of bench/run.sh, in Markdown, on standard output.

Usage: summary.py RESULTS FOLLOWUPS

RESULTS holds one directory per repeat (r1, r2, ...), each with hyperfine's
JSON export per group and rss.json. For every row, each repeat gives hd's
mean, git's mean and their ratio (both measured in the same hyperfine run,
so a busy moment of the machine weighs on both); the table gives the median
over the repeats and, in brackets, their spread (min-max). "met" is "yes"
when every repeat meets the target, "median" when only the median does.
Standard library only.
"""

import json
import os
import statistics
import sys

out, followups = sys.argv[1], sys.argv[2]
repeats = sorted(
    (d for d in os.listdir(out) if d.startswith("r") and d[1:].isdigit()), key=lambda d: int(d[1:])
)
if not repeats:
    sys.exit("summary.py: no repeats (r1, r2, ...) in " + out)


def mean_of(repeat, group, command):
    with open(os.path.join(out, repeat, group + ".json")) as f:
        for r in json.load(f)["results"]:
            if r["command"] == command:
                return r["mean"]
    raise SystemExit("summary.py: no '%s' in %s/%s.json" % (command, repeat, group))


def spread(values, unit=""):
    mid = statistics.median(values)
    fmt = "%.2f" if unit == "x" else "%.1f"
    text = (fmt % mid) + unit
    if len(values) > 1:
        text += " (" + (fmt % min(values)) + "-" + (fmt % max(values)) + ")"
    return text, mid


def met(ratios, target):
    if max(ratios) <= target:
        return "yes"
    return "median" if statistics.median(ratios) <= target else "no"


# hd row, its group and command; git row, its group and command; target.
ROWS = [
    ("hd new", "new", "hd new", "git add+commit", "new", "git add+commit", 1.0),
    ("hd note", "note", "hd note", "git add+commit", "note", "git add+commit", 0.25),
    ("hd followup (%s tickets)" % followups, "followup", "hd followup",
     "git add+commit (%s files)" % followups, "followup", "git add+commit", 0.5),
    ("hd show ID", "show", "hd show", "git cat-file -p HEAD:path", "show", "git cat-file", 2.0),
    ("hd list --ids (warm)", "list-warm", "hd list --ids", "git ls-files", "list-warm",
     "git ls-files", 2.0),
    ("hd list --status open (warm)", "list-warm", "hd list --status open", "git ls-files",
     "list-warm", "git ls-files", 2.0),
    ("hd list --status open (warm)", "list-warm", "hd list --status open", "git status",
     "list-warm", "git status", 1.0),
    ("hd list --status open (cold)", "list-cold", "hd list --status open (cold)",
     "git grep -c kind", "list-cold", "git grep -c kind", 3.0),
    ("hd report (warm)", "report-warm", "hd report", "git status", "report-warm", "git status", 1.0),
    ("hd report (cold)", "report-cold", "hd report (cold)", "git grep -c kind", "report-cold",
     "git grep -c kind", 3.0),
]

print("Median of %d repeats, (min-max) over them; ratios are per repeat, from one hyperfine run."
      % len(repeats))
print()
print("| hd command | hd ms | git command | git ms | hd / git | target | met |")
print("|---|---:|---|---:|---:|---:|:-:|")
for hd_name, hd_group, hd_cmd, git_name, git_group, git_cmd, target in ROWS:
    hd = [mean_of(r, hd_group, hd_cmd) * 1000 for r in repeats]
    git = [mean_of(r, git_group, git_cmd) * 1000 for r in repeats]
    ratios = [h / g for h, g in zip(hd, git)]
    print("| %s | %s | %s | %s | %s | ≤ %gx | %s |" % (
        hd_name, spread(hd)[0], git_name, spread(git)[0], spread(ratios, "x")[0], target,
        met(ratios, target)))

for kind in ("warm", "cold"):
    mib, half = [], []
    for r in repeats:
        with open(os.path.join(out, r, "rss.json")) as f:
            rss = json.load(f)
        mib.append(rss[kind + "_kib"] / 1024)
        half.append(rss["text_bytes"] / 2 / 1024 / 1024)
    ratios = [m / h for m, h in zip(mib, half)]
    print("| peak RSS, hd report (%s) | %s MiB | half the ticket text | %.1f MiB | %s | ≤ 1.0x | %s |"
          % (kind, spread(mib)[0], statistics.median(half), spread(ratios, "x")[0],
             met(ratios, 1.0)))
