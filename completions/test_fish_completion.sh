#!/usr/bin/env bash
# Tests completions/hd.fish:  test_fish_completion.sh HD_BINARY CASE
# "syntax" parses the file with fish --no-execute; the other cases ask fish
# itself (complete -C LINE) and compare the candidates, without their
# descriptions, with the exact expected set. Exits 77 (a skip) when fish is
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

if ! command -v fish >/dev/null; then
    echo "SKIP: fish is not installed"
    exit 77
fi

# fish before 3.3 has no --no-config.
FISH_ARGS=(--no-config)
fish --no-config -c true 2>/dev/null || FISH_ARGS=()

# expect LINE WORD...: fish completes LINE with exactly WORD...
expect() {
    local line=$1 got
    shift
    got=$(HD_LINE=$line HD_FISH_FILE=$HERE/hd.fish fish "${FISH_ARGS[@]}" -c \
        'source $HD_FISH_FILE; and complete -C $HD_LINE' 2>"$TEST_ROOT/stderr") || {
        checks=$((checks + 1)) failures=$((failures + 1))
        echo "FAIL: completing '$line': fish failed: $(cat "$TEST_ROOT/stderr")"
        return
    }
    compare "$line" "$(printf '%s\n' "$got" | cut -f1)" "$@"
    if [[ -s $TEST_ROOT/stderr ]]; then
        failures=$((failures + 1))
        echo "FAIL: completing '$line' printed errors:"
        sed 's/^/    /' "$TEST_ROOT/stderr"
    fi
}

case_syntax() {
    checks=1
    fish --no-execute "$HERE/hd.fish" || failures=1
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
    # fish offers options again once given, but not one they rule out.
    expect "hd reply --strict --" --message --file --template --ask --dry-run --strict --send --no-send --print-email --backfill --help
    # --send goes with neither --no-send nor --print-email.
    expect "hd reply --send --" --message --file --template --ask --dry-run --no-lint --strict --send --backfill --help
    expect "hd escalate x --print-email --" --to --next-steps --dry-run --message --no-send --print-email --help
    # The value of an option is not the subcommand.
    expect "hd -C $OTHER_DESK show -" --json -h --help
}

# receive: a typed message or mail, and mail from one place only; --maildir
# takes a directory, --mbox a file, and neither takes a ticket.
case_receive_mail() {
    local first=${DESK_IDS%%$'\n'*}
    expect "hd receive -" -m --message -F --file --at --backfill --email --maildir --mbox --json -h --help
    expect "hd receive --email " $(words_of "$DESK_IDS")
    # fish offers options again once given, but not one they rule out.
    expect "hd receive $first --" --message --file --at --backfill --email --json --help
    expect "hd receive $first --email --" --email --json --help
    expect "hd receive --json --" --email --maildir --mbox --json --help
    expect "hd receive $first -m text --" --message --file --at --backfill --help
    mkdir -p "$TEST_ROOT/mail/Maildir/new" "$TEST_ROOT/mail/Maildir/cur" "$TEST_ROOT/mail/archive"
    touch "$TEST_ROOT/mail/support.mbox" "$TEST_ROOT/mail/saved.eml"
    cd "$TEST_ROOT/mail" || fail "cd"
    expect "hd receive --maildir " Maildir/ archive/
    expect "hd receive --maildir M" Maildir/
    expect "hd receive --maildir=M" --maildir=Maildir/
    expect "hd receive --mbox " Maildir/ archive/ saved.eml support.mbox
    expect "hd receive --mbox s" saved.eml support.mbox
    # No ticket after --maildir, and fish offers options only after a dash.
    expect "hd receive --maildir Maildir "
    expect "hd receive --maildir Maildir --" --maildir --json --help
    expect "hd receive --mbox support.mbox --" --mbox --json --help
}

# followup, close, escalate and reopen: their flags, what they exclude, and
# the tickets they take.
case_actions() {
    local first=${DESK_IDS%%$'\n'*}
    expect_action_flags
    # followup takes any number of tickets, or --due, not both.
    expect "hd followup " $(words_of "$DESK_IDS")
    expect "hd followup $first " $(words_of "$DESK_IDS")
    expect "hd followup -m text $first " $(words_of "$DESK_IDS")
    expect "hd followup $first --" --now --dry-run --json --message --each --sync --remote --tries --send --no-send --print-email --help
    expect "hd followup --now " $(words_of "$DESK_IDS")
    expect "hd followup --due "
    # close takes one ticket, or --stale, which chooses the rest itself.
    expect "hd close " $(words_of "$DESK_IDS")
    expect "hd close -r solved " $(words_of "$DESK_IDS")
    expect "hd close $first "
    expect "hd close $first --" --resolution --explain --of --force --reason --dry-run --message --send --no-send --print-email --help
    expect "hd close --stale "
    expect "hd close --stale --" --explain --stale --dry-run --message --sync --remote --tries --send --no-send --print-email --help
    expect "hd close --force --" --resolution --explain --of --force --reason --dry-run --message --send --no-send --print-email --help
    expect "hd escalate " $(words_of "$DESK_IDS")
    expect "hd escalate --to ENG-1 " $(words_of "$DESK_IDS")
    expect "hd escalate $first --to "
    expect "hd reopen " $(words_of "$DESK_IDS")
    expect "hd reopen $first "
}

# sync and merge-driver; --sync, --remote and --tries of followup and close,
# which do not go with --dry-run.
case_sync() {
    local first=${DESK_IDS%%$'\n'*}
    add_remotes
    expect_sync_flags
    # fish offers options only after a dash.
    expect "hd sync origin "
    expect "hd followup --due --sync --" --due --json --message --each --sync --remote --tries --send --no-send --print-email --help
    expect "hd followup --due --dry-run --" --due --dry-run --json --message --each --send --no-send --print-email --help
    # close: --sync goes with --stale, so no ticket and no resolution.
    expect "hd close --sync "
    expect "hd close --sync --" --explain --stale --sync --remote --tries --message --send --no-send --print-email --help
    expect "hd close --stale --dry-run --" --explain --stale --dry-run --message --send --no-send --print-email --help
    expect "hd close $first --" --resolution --explain --of --force --reason --dry-run --message --send --no-send --print-email --help
    cd "$OTHER_DESK" || fail "cd"
    expect "hd sync "
    expect "hd -C $DESK sync " origin backup
}

case_merge_driver() {
    mkdir -p "$TEST_ROOT/merge/sub"
    touch "$TEST_ROOT/merge/base.toml" "$TEST_ROOT/merge/ours.toml" "$TEST_ROOT/merge/theirs.toml"
    cd "$TEST_ROOT/merge" || fail "cd"
    expect "hd merge-driver " base.toml ours.toml theirs.toml sub/
    expect "hd merge-driver base.toml o" ours.toml
    expect "hd merge-driver base.toml ours.toml theirs.toml x.toml "
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
    # fish offers options again once given, but not one they rule out.
    expect "hd assign $first --me --" --me --dry-run --json --help
    expect "hd snooze $first --until 3d --" --until --reason --dry-run --json --help
    expect "hd snooze $first --clear --" --clear --reason --dry-run --json --help
    expect "hd next --mine --" --priority --audience --tag --requester --mine --all --limit --json --help
    expect "hd next -p high,u" high,urgent
    expect "hd search vpn --unassigned --" --status --priority --audience --waiting-on --tag \
        --requester --unassigned --json --ids --limit --help
    # The text to search for is free, and so is a template's name.
    expect "hd search "
    expect "hd templates s" show
    expect "hd templates show "
    expect "hd templates show clarify " $(words_of "$DESK_IDS")
    expect "hd templates show clarify $first --" --audience --help
}

# report: its flags and the values they take.
case_report() {
    expect "hd report -" -f --format --check --fail-on --since --until -p --priority --agent \
        --limit --by --as-of --weeks -h --help
    expect "hd report --f" --format --fail-on
    expect "hd report --format " text json csv markdown junit github codequality html
    expect "hd report -f j" json junit
    expect "hd report -f h" html
    expect "hd report --format=c" --format=csv --format=codequality
    expect "hd report --check --fail-on " breach at-risk
    expect "hd report --by " priority agent audience
    expect "hd report -p high -p " low normal high urgent
    # A value is not taken for a subcommand or an ID.
    expect "hd report --agent x -" -f --format --check --fail-on --since --until -p --priority \
        --agent --limit --by --as-of --weeks -h --help
    expect "hd report "
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
    expect "hd close --of=" $(printf -- '--of=%s\n' $DESK_IDS)
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
    expect "hd -C " subdir/
}

case_ticket_ids() {
    expect "hd show " $(words_of "$DESK_IDS")
    expect "hd note -m text " $(words_of "$DESK_IDS")
    expect "hd restate " $(words_of "$DESK_IDS")
    expect "hd receive --at 2026-11-23T10:00:00Z " $(words_of "$DESK_IDS")
    expect "hd reply --ask " $(words_of "$DESK_IDS")
    local first=${DESK_IDS%%$'\n'*}
    expect "hd show $first "
    expect "hd list "
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
[[ $CASE == syntax ]] || setup_desks
"case_$CASE"
finish "fish $CASE"
