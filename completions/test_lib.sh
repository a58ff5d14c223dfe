# Shared by the completion tests (sourced, not run). Needs HD set to the hd
# binary. setup_desks makes, in a fresh temporary directory:
#   $DESK        a git repository with a help desk and three tickets ($DESK_IDS)
#   $OTHER_DESK  a second desk with one ticket ($OTHER_IDS)
#   $BIN         a directory holding `hd` (a link to $HD), first on PATH
# and leaves the current directory at $DESK.

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# new_ticket DIR TITLE: opens a ticket and prints its ID.
new_ticket() {
    "$HD" -C "$1" new --title "$2" --from "A Requester <a@example.org>" -m "Text." </dev/null ||
        fail "hd new failed in $1"
}

# make_desk DIR: a repository with an agent identity and `hd init` done.
make_desk() {
    mkdir -p "$1"
    git -C "$1" init -q || fail "git init failed"
    git -C "$1" config user.name "Sam Agent"
    git -C "$1" config user.email sam@example.org
    "$HD" -C "$1" init >/dev/null || fail "hd init failed in $1"
}

setup_desks() {
    TEST_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/hd-completion.XXXXXX") || fail "mktemp failed"
    trap 'rm -rf "$TEST_ROOT"' EXIT
    export HOME="$TEST_ROOT/home" GIT_CONFIG_NOSYSTEM=1 HD_NOW=2026-11-23T10:00:00Z
    unset GIT_DIR GIT_WORK_TREE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
    mkdir -p "$HOME"

    BIN="$TEST_ROOT/bin"
    mkdir -p "$BIN"
    ln -s "$HD" "$BIN/hd"
    export PATH="$BIN:$PATH"
    [ "$(command -v hd)" = "$BIN/hd" ] || fail "hd is not first on PATH"

    DESK="$TEST_ROOT/desk"
    make_desk "$DESK"
    DESK_IDS=$(for title in "Printer on fire" "VPN drops" "Password reset"; do
        new_ticket "$DESK" "$title"
    done | sort)
    [ "$(printf '%s\n' "$DESK_IDS" | wc -l)" -eq 3 ] || fail "expected three ticket IDs"

    OTHER_DESK="$TEST_ROOT/other"
    make_desk "$OTHER_DESK"
    OTHER_IDS=$(new_ticket "$OTHER_DESK" "Elsewhere")

    [ "$(cd "$DESK" && hd __ids | sort)" = "$DESK_IDS" ] || fail "hd __ids does not list the desk's tickets"
    cd "$DESK" || fail "cannot enter $DESK"
}

# Counts of checks made and failed, for the summary.
checks=0
failures=0

# compare LINE GOT WORD...: GOT (one a line) must hold exactly WORD..., in
# any order; otherwise a diff is printed and the failure counted.
compare() {
    local line=$1 got want
    got=$(printf '%s\n' "$2" | sed '/^$/d' | sort)
    shift 2
    want=$( (($# == 0)) || printf '%s\n' "$@" | sort)
    checks=$((checks + 1))
    if [[ $want != "$got" ]]; then
        failures=$((failures + 1))
        echo "FAIL: completing '$line' (in $PWD)"
        diff -u --label expected --label actual <(printf '%s\n' "$want") <(printf '%s\n' "$got") |
            sed 's/^/    /'
    fi
}

# finish NAME: prints the summary and exits 1 if any check failed.
finish() {
    if ((failures > 0)); then
        echo "$failures of $checks checks failed ($1)"
        exit 1
    fi
    echo "ok: $1: $checks checks"
    exit 0
}

# The words of a newline-separated list, as separate arguments.
words_of() { printf '%s\n' $1; }

# What hd's own --help lists, so that the completions cannot fall behind:
# help_commands prints the subcommands, help_flags [COMMAND] the flags of hd
# or of COMMAND (both spellings of each), one a line.
help_commands() {
    "$HD" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z0-9_-]*\) .*/\1/p'
}
help_flags() {
    "$HD" ${1+"$1"} --help | sed -n 's/^  \(-[^ ]*\).*/\1/p' | tr ',' '\n'
}

# check_cli_coverage: `hd <TAB>` offers exactly the subcommands of hd --help,
# and `hd [COMMAND] -<TAB>` exactly the flags of its --help. Uses expect.
check_cli_coverage() {
    local commands c
    commands=$(help_commands)
    [ "$(printf '%s\n' "$commands" | wc -w)" -ge 6 ] ||
        fail "could not read the subcommands from 'hd --help': $commands"
    expect "hd " $(words_of "$commands")
    expect "hd -" $(words_of "$(help_flags)")
    for c in $commands; do
        expect "hd $c -" $(words_of "$(help_flags "$c")")
    done
}

# Expectations every shell shares. `expect` is each test script's own, so
# these read the same whichever shell is being driven.
expect_common_subcommands() {
    expect "hd " check init list new note restate receive reply followup close escalate reopen report show \
        recover sync merge-driver next assign unassign set snooze search templates
    expect "hd no" note
    expect "hd re" restate receive reply reopen report recover
}

expect_subcommands_after_C() {
    expect "hd -C $OTHER_DESK " check init list new note restate receive reply followup close \
        escalate reopen report show recover sync merge-driver next assign unassign set snooze search \
        templates
}

# The flags of followup, close, escalate, reopen and recover.
expect_action_flags() {
    expect "hd followup -" --due --now --dry-run --json -m --message --each --sync --remote --tries --send --no-send --print-email -h --help
    expect "hd close -" -r --resolution --explain --of --force --reason --stale --dry-run \
        -m --message --sync --remote --tries --send --no-send --print-email -h --help
    expect "hd escalate -" --to --next-steps --dry-run -m --message --send --no-send --print-email -h --help
    expect "hd reopen -" -m --message -h --help
    expect "hd recover -" -h --help
}

# The commands of the daily loop: next, assign, unassign, set, snooze,
# search and templates, and the flags followup, list and report gained.
expect_loop_flags() {
    expect "hd next -" -p --priority --audience -t --tag --requester --mine --assignee --unassigned \
        -a --all -n --limit --json -h --help
    expect "hd assign -" --to --me --dry-run --json -h --help
    expect "hd unassign -" --dry-run --json -h --help
    expect "hd set -" -p --priority --title --audience -t --tag --greet --zone --dry-run --json -h --help
    expect "hd snooze -" --until --reason --clear --dry-run --json -h --help
    expect "hd search -" -s --status -p --priority --audience --waiting-on -t --tag --requester \
        --mine --assignee --unassigned --json --ids --limit -h --help
    expect "hd templates -" --json -h --help
    expect "hd templates " show
    expect "hd templates show -" --audience -h --help
    expect "hd set --audience " end-user client
    expect "hd set --priority " low normal high urgent
    expect "hd templates show first-response --audience " end-user client
    # Free text.
    expect "hd assign --to "
    expect "hd snooze --until "
    expect "hd report --as-of "
    expect "hd report --weeks "
    expect "hd list --grep "
    expect "hd set --zone "
}

# add_remotes: gives $DESK the remotes origin and backup (both $OTHER_DESK),
# for the completion of remote names.
add_remotes() {
    git -C "$DESK" remote add origin "$OTHER_DESK" || fail "git remote add failed"
    git -C "$DESK" remote add backup "$OTHER_DESK" || fail "git remote add failed"
}

# The flags of sync and merge-driver, and the remotes sync takes.
expect_sync_flags() {
    expect "hd sync -" --dry-run --json --tries -h --help
    expect "hd sync " origin backup
    expect "hd sync b" backup
    expect "hd sync --tries "
    expect "hd followup --due --sync --remote " origin backup
    expect "hd followup --due --sync --tries "
    expect "hd close --stale --sync --remote o" origin
    expect "hd merge-driver -" --marker-size -h --help
    expect "hd merge-driver --marker-size "
}
