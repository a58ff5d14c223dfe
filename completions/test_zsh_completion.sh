#!/usr/bin/env bash
# Tests completions/_hd:  test_zsh_completion.sh HD_BINARY CASE
# "syntax" parses the file with zsh -n; the other cases press TAB in a real
# interactive zsh (see zsh_capture.zsh) and compare the matches offered with
# the exact expected set. Exits 77 (a skip) when zsh or its zpty module is
# missing.
set -u

[ $# -ge 2 ] || {
    echo "usage: $0 HD_BINARY CASE" >&2
    exit 2
}
HD=$(realpath "$1")
CASE=$2
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/test_lib.sh"

if ! command -v zsh >/dev/null; then
    echo "SKIP: zsh is not installed"
    exit 77
fi

# expect LINE WORD...: TAB at the end of LINE offers exactly WORD...
# (as zsh inserts them: "--opt=" forms keep their option).
expect() {
    local line=$1 got
    shift
    got=$(zsh -f "$HERE/zsh_capture.zsh" "$HERE" "$line") || {
        checks=$((checks + 1)) failures=$((failures + 1))
        echo "FAIL: completing '$line': zsh_capture failed"
        return
    }
    compare "$line" "$got" "$@"
}

case_syntax() {
    checks=1
    zsh -n "$HERE/_hd" || failures=1
    head -1 "$HERE/_hd" | grep -qx '#compdef hd' || {
        echo "FAIL: _hd does not start with '#compdef hd'"
        failures=1
    }
}

# Every subcommand and flag hd --help shows, and nothing else.
case_cli_coverage() {
    check_cli_coverage
}

case_subcommands() {
    expect_common_subcommands
    expect "hd c" check close
    expect_subcommands_after_C
    expect "hd -" -C -h --help --version
}

case_options() {
    expect "hd new --pri" --priority
    expect "hd new -" --title --from --audience --priority --summary --tag --greet --zone \
        -m --message -F --file -h --help
    expect "hd list -" -s --status -p --priority --audience --waiting-on -t --tag --requester \
        --mine --assignee --unassigned --grep -a --all --json --ids -h --help
    expect "hd list --json --i"
    expect "hd list --mine --u"
    expect "hd show -" --json -h --help
    expect "hd check --" --json --help
    expect "hd init --" --name --help
    expect "hd receive --" --message --file --at --backfill --email --maildir --mbox --json --help
    expect "hd reply --strict --" --message --file --template --ask --dry-run --send --no-send --print-email --backfill --help
    # --send goes with neither --no-send nor --print-email.
    expect "hd reply --send --" --message --file --template --ask --dry-run --no-lint --strict --backfill --help
    expect "hd followup --due --print-email --" --dry-run --json --message --each --sync --remote --tries --no-send --help
    expect "hd escalate x --no-send --" --to --next-steps --dry-run --message --print-email --help
}

# receive: a typed message or mail, and mail from one place only; --maildir
# takes a directory, --mbox a file, and neither takes a ticket.
case_receive_mail() {
    local first=${DESK_IDS%%$'\n'*}
    expect "hd receive -" -m --message -F --file --at --backfill --email --maildir --mbox --json -h --help
    expect "hd receive --email " $(words_of "$DESK_IDS")
    expect "hd receive $first --" --message --file --at --backfill --email --json --help
    expect "hd receive $first --email --" --json --help
    expect "hd receive --email --" --json --help
    expect "hd receive --json --" --email --maildir --mbox --help
    expect "hd receive $first -m text --" --message --at --backfill --help
    mkdir -p "$TEST_ROOT/mail/Maildir/new" "$TEST_ROOT/mail/Maildir/cur" "$TEST_ROOT/mail/archive"
    touch "$TEST_ROOT/mail/support.mbox" "$TEST_ROOT/mail/saved.eml"
    cd "$TEST_ROOT/mail" || fail "cd"
    expect "hd receive --maildir " Maildir archive
    expect "hd receive --maildir M" Maildir
    expect "hd receive --mbox " Maildir archive saved.eml support.mbox
    expect "hd receive --mbox s" saved.eml support.mbox
    expect "hd receive --maildir Maildir --" --json --help
}

# followup, close, escalate, reopen and recover: their flags, what they exclude, and
# the tickets they take.
case_actions() {
    local first=${DESK_IDS%%$'\n'*}
    expect_action_flags
    expect "hd followup " $(words_of "$DESK_IDS")
    expect "hd followup $first " $(words_of "$DESK_IDS")
    expect "hd followup $first --" --now --dry-run --json --message --each --sync --remote --tries --send --no-send --print-email --help
    expect "hd followup --due --" --dry-run --json --message --each --sync --remote --tries --send --no-send --print-email --help
    expect "hd followup --now " $(words_of "$DESK_IDS")
    expect "hd close " $(words_of "$DESK_IDS")
    expect "hd close $first --" --resolution --explain --of --force --reason --dry-run --message --send --no-send --print-email --help
    expect "hd close --stale --" --explain --dry-run --message --sync --remote --tries --send --no-send --print-email --help
    expect "hd escalate " $(words_of "$DESK_IDS")
    expect "hd escalate $first --to ENG-1 --" --next-steps --dry-run --message --send --no-send --print-email --help
    expect "hd escalate $first --to "
    expect "hd reopen " $(words_of "$DESK_IDS")
    expect "hd recover --" --help
}

# sync and merge-driver; --sync, --remote and --tries of followup and close,
# which do not go with --dry-run.
case_sync() {
    local first=${DESK_IDS%%$'\n'*}
    add_remotes
    expect_sync_flags
    expect "hd sync origin --" --dry-run --json --tries --help
    expect "hd followup --due --sync --" --json --message --each --remote --tries --send --no-send --print-email --help
    expect "hd followup --due --dry-run --" --json --message --each --send --no-send --print-email --help
    expect "hd close --sync --" --explain --stale --message --remote --tries --send --no-send --print-email --help
    expect "hd close --stale --sync --" --explain --message --remote --tries --send --no-send --print-email --help
    expect "hd close --stale --dry-run --" --explain --message --send --no-send --print-email --help
    expect "hd close $first --" --resolution --explain --of --force --reason --dry-run --message --send --no-send --print-email --help
    cd "$OTHER_DESK" || fail "cd"
    expect "hd -C $DESK sync " origin backup
}

case_merge_driver() {
    mkdir -p "$TEST_ROOT/merge/sub"
    touch "$TEST_ROOT/merge/base.toml" "$TEST_ROOT/merge/ours.toml" "$TEST_ROOT/merge/theirs.toml"
    cd "$TEST_ROOT/merge" || fail "cd"
    expect "hd merge-driver " base.toml ours.toml theirs.toml sub
    expect "hd merge-driver base.toml o" ours.toml
    expect "hd merge-driver base.toml ours.toml theirs.toml x.toml --" --marker-size --help
}

# The daily loop: next, assign, unassign, set, snooze, search, templates.
case_loop() {
    local first=${DESK_IDS%%$'\n'*}
    expect_loop_flags
    expect "hd assign " $(words_of "$DESK_IDS")
    expect "hd assign --me $first " $(words_of "$DESK_IDS")
    expect "hd unassign $first " $(words_of "$DESK_IDS")
    expect "hd set --priority high " $(words_of "$DESK_IDS")
    expect "hd snooze $first " $(words_of "$DESK_IDS")
    expect "hd assign $first --me --" --dry-run --json --help
    expect "hd set $first --priority high --tag a --" --title --audience --tag --greet --zone \
        --dry-run --json --help
    expect "hd snooze $first --until 3d --" --reason --dry-run --json --help
    expect "hd snooze $first --clear --" --reason --dry-run --json --help
    expect "hd next --mine --" --priority --audience --tag --requester --all --limit --json --help
    expect "hd search vpn --" --status --priority --audience --waiting-on --tag --requester --mine \
        --assignee --unassigned --json --ids --limit --help
    expect "hd search vpn --unassigned --m"
    expect "hd templates s" show
    expect "hd templates show clarify " $(words_of "$DESK_IDS")
    expect "hd templates show clarify $first --" --audience --help
}

# report: its flags and the values they take.
case_report() {
    expect "hd report -" -f --format --check --fail-on --since --until -p --priority --agent \
        --limit --by --as-of --weeks -h --help
    expect "hd report --f" --format --fail-on
    expect "hd report -f json --" --check --fail-on --since --until --priority --agent --limit \
        --by --as-of --weeks --help
    expect "hd report --format " text json csv markdown junit github codequality html
    expect "hd report -f j" json junit
    expect "hd report -f h" html
    expect "hd report --format=c" --format=csv --format=codequality
    expect "hd report --check --fail-on " breach at-risk
    expect "hd report --by " priority agent audience
    expect "hd report -p high -p " low normal high urgent
    expect "hd report --since "
    expect "hd report --agent "
    expect "hd report --limit "
}

case_resolution_values() {
    local first=${DESK_IDS%%$'\n'*}
    expect "hd close $first -r " solved workaround wont-fix duplicate no-response spam unsubscribe
    expect "hd close $first --resolution w" workaround wont-fix
    expect "hd close --resolution=n" --resolution=no-response
    expect "hd close $first -r duplicate --of " $(words_of "$DESK_IDS")
}

case_values() {
    expect "hd new --priority " low normal high urgent
    expect "hd new --priority=u" --priority=urgent
    expect "hd new --audience " end-user client
    expect "hd list --status " new open waiting escalated closed
    expect "hd list -s open," open,new open,waiting open,escalated open,closed
    expect "hd list -p high,u" high,urgent
    expect "hd list --waiting-on " us requester engineering nobody
    expect "hd new --title "
}

case_files() {
    mkdir -p "$TEST_ROOT/files/subdir"
    touch "$TEST_ROOT/files/body.txt" "$TEST_ROOT/files/brief.md"
    cd "$TEST_ROOT/files" || fail "cd"
    expect "hd new -F b" body.txt brief.md
    expect "hd -C " subdir
}

case_ticket_ids() {
    expect "hd show " $(words_of "$DESK_IDS")
    expect "hd note -m text " $(words_of "$DESK_IDS")
    expect "hd restate " $(words_of "$DESK_IDS")
    expect "hd receive --at 2026-11-23T10:00:00Z " $(words_of "$DESK_IDS")
    expect "hd reply --ask " $(words_of "$DESK_IDS")
    local first=${DESK_IDS%%$'\n'*}
    expect "hd show $first -" --json -h --help
}

case_ids_with_C() {
    cd "$OTHER_DESK" || fail "cd"
    expect "hd show " $(words_of "$OTHER_IDS")
    expect "hd -C $DESK show " $(words_of "$DESK_IDS")
    expect "hd -C$DESK note " $(words_of "$DESK_IDS")
    mkdir -p "$HOME/links" && ln -s "$DESK" "$HOME/links/d"
    expect "hd -C ~/links/d show " $(words_of "$DESK_IDS")
    cd "$TEST_ROOT" || fail "cd"
    expect "hd show "
}

declare -F "case_$CASE" >/dev/null || {
    echo "no such case: $CASE" >&2
    exit 2
}
if [[ $CASE != syntax ]]; then
    if ! zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
        echo "SKIP: zsh has no zpty module"
        exit 77
    fi
    setup_desks
fi
"case_$CASE"
finish "zsh $CASE"
