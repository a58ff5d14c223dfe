# lib.sh: what the benchmark scripts share. Each one starts with
#
#     here=$(cd "$(dirname "$0")" && pwd)
#     . "$here/lib.sh"
#
# and then has HD (absolute), N_TICKETS, EVENTS, RUNS and WARMUP set (their
# defaults below unless the script set them first), and these:
#
#   die MESSAGE            "<script>: MESSAGE" on standard error, exit 1
#   need COMMAND [HOW]     die unless COMMAND can be run; HOW says how to get it
#   need_hyperfine         need hyperfine
#   clean_env              the real clock and the default lock timeout for hd
#   work_dir NAME          WORK: a new temporary directory, removed on exit
#                          unless KEEP=1
#   results_dir NAME       RESULTS (default bench/results/NAME-<date>), made
#                          and absolute
#   source_desk [DIR]      SRC: DIR made absolute, or $N_TICKETS generated in
#                          $WORK/generated
#   clone_desk SRC DEST    a clone to measure in: identity, no automatic gc
#   bench NAME ARGS...     hyperfine ARGS with RUNS and WARMUP, exported to
#                          $RESULTS/NAME.json and .md
#   size_label N           10000 -> 10k, 1000000 -> 1M (for names and tables)
# POSIX sh: the scripts run under dash as well as bash.

script_name=${0##*/}

die() {
    echo "$script_name: $*" >&2
    exit 1
}

need() { # command [how to get it]
    command -v "$1" >/dev/null 2>&1 || die "$1 is not installed${2:+ ($2)}"
}

need_hyperfine() {
    need hyperfine "apt-get install hyperfine"
}

HD=${HD:-$here/../build/hd}
[ -x "$HD" ] || die "no hd binary at $HD; build it first or set HD=/path/to/hd"
HD=$(cd "$(dirname "$HD")" && pwd)/$(basename "$HD")
N_TICKETS=${N_TICKETS:-100000}
EVENTS=${EVENTS:-6}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}

clean_env() {
    unset HD_NOW HD_LOCK_TIMEOUT HD_TEST_CRASH || true
}

work_dir() { # name
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/hd-$1-bench.XXXXXX")
    [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT INT TERM
    [ "${KEEP:-0}" != 1 ] || echo "== keeping $WORK"
}

results_dir() { # name
    RESULTS=${RESULTS:-$here/results/$1-$(date +%Y%m%d-%H%M%S)}
    mkdir -p "$RESULTS"
    RESULTS=$(cd "$RESULTS" && pwd)
}

source_desk() { # [dir]
    if [ $# -ge 1 ] && [ -n "$1" ]; then
        SRC=$(cd "$1" && pwd) || die "no repository at $1"
    else
        SRC=$WORK/generated
        echo "== generating $N_TICKETS tickets"
        "$here/gen-repo.sh" "$SRC" "$N_TICKETS" "$EVENTS"
    fi
}

clone_desk() { # src dest
    git clone -q "$1" "$2"
    git -C "$2" config user.name "Bench Agent"
    git -C "$2" config user.email bench@example.org
    git -C "$2" config gc.auto 0
    git -C "$2" config maintenance.auto false
}

bench() { # name, then hyperfine arguments
    bench_name=$1
    shift
    echo
    echo "== $bench_name"
    hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" \
        --export-json "$RESULTS/$bench_name.json" --export-markdown "$RESULTS/$bench_name.md" "$@"
}

size_label() { # n
    case $1 in
    *000000) echo "${1%000000}M" ;;
    *000) echo "${1%000}k" ;;
    *) echo "$1" ;;
    esac
}
