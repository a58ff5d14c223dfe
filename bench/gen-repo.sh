#!/bin/sh
# gen-repo.sh DIR [N_TICKETS] [EVENTS_PER_TICKET] [SEED]
#
# Creates a git repository at DIR holding an hd help desk with N_TICKETS
# generated tickets (default 100000) of about EVENTS_PER_TICKET events each
# (default 6, so about 600,000 events). The files are written as one commit
# through `git fast-import`, then checked out so that the work tree and the
# index hold every file. The same arguments always give the same tickets.
set -eu

if [ $# -lt 1 ]; then
    echo "usage: $0 DIR [N_TICKETS=100000] [EVENTS_PER_TICKET=6] [SEED]" >&2
    exit 2
fi
dir=$1
n=${2:-100000}
per=${3:-6}
seed=${4:-20260302}
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}

if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    echo "gen-repo: $dir exists and is not empty" >&2
    exit 1
fi
mkdir -p "$dir"
git init -q -b main "$dir"
git -C "$dir" config user.name "Bench Agent"
git -C "$dir" config user.email "bench@example.org"
# Keep git from repacking in the background in the middle of a measurement.
git -C "$dir" config gc.auto 0
git -C "$dir" config maintenance.auto false

"$python" "$here/gen_tickets.py" "$n" "$per" "$seed" |
    git -C "$dir" fast-import --quiet --done
git -C "$dir" reset -q --hard main
