#!/usr/bin/env bash
# Tests completions/hd.bash on real desks:
#   test_bash_completion.sh HD_BINARY CASE [plain|bash-completion]
# CASE names a case_* function below. In "plain" mode _hd runs on bare bash;
# in "bash-completion" mode the bash-completion package is loaded first, so
# _hd uses its helpers (exit 77, a skip, when the package is not installed).
# Each check completes a line as bash would split it and compares COMPREPLY
# with the exact expected set; every mismatch is shown as a diff.
set -u

[ $# -ge 2 ] || {
    echo "usage: $0 HD_BINARY CASE [plain|bash-completion]" >&2
    exit 2
}
HD=$(realpath "$1")
CASE=$2
MODE=${3:-plain}
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/test_lib.sh"

# complete LINE: runs _hd with the cursor at the end of LINE, the words split
# as bash splits them (at blanks, and around '=', a COMP_WORDBREAKS character).
# The test lines use no quotes.
complete_line() {
    local line=$1 tok before
    local -a toks
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMP_WORDS=()
    read -ra toks <<<"$line"
    for tok in "${toks[@]}"; do
        while [[ $tok == *=* ]]; do
            before=${tok%%=*}
            [[ -n $before ]] && COMP_WORDS+=("$before")
            COMP_WORDS+=("=")
            tok=${tok#*=}
        done
        [[ -n $tok ]] && COMP_WORDS+=("$tok")
    done
    [[ $line == *[[:space:]] ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_TYPE=9 COMP_KEY=9
    COMPREPLY=()
    _hd >"$TEST_ROOT/stdout" 2>"$TEST_ROOT/stderr"
}

# expect LINE WORD...: completing LINE offers exactly WORD... (in any order),
# and prints nothing.
expect() {
    local line=$1
    shift
    complete_line "$line"
    compare "$line" "$( ((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}")" "$@"
    if [[ -s $TEST_ROOT/stderr || -s $TEST_ROOT/stdout ]]; then
        failures=$((failures + 1))
        echo "FAIL: completing '$line' printed something:"
        sed 's/^/    /' "$TEST_ROOT/stdout" "$TEST_ROOT/stderr"
    fi
}

# --- cases -------------------------------------------------------------------

# Every subcommand and flag hd --help shows, and nothing else.
case_cli_coverage() {
    check_cli_coverage
}

case_subcommands() {
    expect_common_subcommands
    expect "hd n" new next note
    expect "hd s" set show snooze search sync
    expect "hd a" assign
    expect "hd c" check close
    expect "hd sh" show
    expect "hd zz"
    expect_subcommands_after_C
    expect "hd -C$OTHER_DESK l" list
    # The hidden subcommand is for completion only.
    expect "hd __" 
}

case_top_options() {
    expect "hd -" -C -h --help --version
    expect "hd --" --help --version
    expect "hd --v" --version
    expect "hd -C $OTHER_DESK -" -h --help --version
}

case_flags_new() {
    expect "hd new --pri" --priority
    expect "hd new --t" --title --tag
    expect "hd new -" --title --from --audience --priority --summary --tag --greet --zone \
        -m --message -F --file -h --help
    # Given once at most: offered no more. --tag and -m repeat.
    expect "hd new --title T --from X --tag a -m x --" \
        --audience --priority --summary --tag --greet --zone --message --file --help
    expect "hd new --title=T --priority=high --" \
        --from --audience --summary --tag --greet --zone --message --file --help
    expect "hd new --greet G --zone Z --" --title --from --audience --priority --summary --tag \
        --message --file --help
    expect "hd new -F f -" --title --from --audience --priority --summary --tag --greet --zone -m --message -h --help
    # Nothing positional to complete: the long options.
    expect "hd new " --title --from --audience --priority --summary --tag --greet --zone --message --file --help
}

case_flags_list() {
    expect "hd list -" -s --status -p --priority --audience --waiting-on -t --tag --requester \
        --mine --assignee --unassigned --grep -a --all --json --ids -h --help
    expect "hd list --a" --audience --assignee --all
    expect "hd list -s new -p high -a --" --status --priority --audience --waiting-on --tag --requester \
        --mine --assignee --unassigned --grep --json --ids --help
    # --mine, --assignee and --unassigned exclude each other.
    expect "hd list --mine --" --status --priority --audience --waiting-on --tag --requester \
        --grep --all --json --ids --help
    expect "hd list --assignee priya --u"
    expect "hd list --unassigned --m"
    # --json and --ids exclude each other.
    expect "hd list --json --i"
    expect "hd list --ids --j"
}

case_flags_others() {
    expect "hd init -" --name -h --help
    expect "hd note -" -m --message -F --file --backfill -h --help
    expect "hd show -" --json -h --help
    expect "hd show --json -"  -h --help
    expect "hd check --" --json --help
    expect "hd init --name N " --help
    expect "hd restate -" -h --help
    expect "hd receive -" -m --message -F --file --at --backfill --email --maildir --mbox --json -h --help
    expect "hd reply -" -m --message -F --file --template --ask --dry-run --no-lint --strict --send --no-send --print-email --backfill -h --help
    # --no-lint and --strict exclude each other.
    expect "hd reply x --strict --" --message --file --template --ask --dry-run --send --no-send --print-email --backfill --help
    expect "hd reply x --no-lint --" --message --file --template --ask --dry-run --send --no-send --print-email --backfill --help
    # --send goes with neither --no-send nor --print-email.
    expect "hd reply x --send --" --message --file --template --ask --dry-run --no-lint --strict --backfill --help
    expect "hd reply x --no-send --" --message --file --template --ask --dry-run --no-lint --strict --print-email --backfill --help
    expect "hd followup --due --print-email --" --dry-run --json --message --each --sync --remote --tries --no-send --help
    expect "hd close --stale --send --" --explain --dry-run --message --sync --remote --tries --help
    expect "hd escalate x --no-send --print-email --" --to --next-steps --dry-run --message --help
    expect "hd reply x --template " 
    expect "hd receive x --at " 
}

# receive: a typed message or mail, and mail from one place only; --maildir
# takes a directory, --mbox a file, and neither takes a ticket.
case_receive_mail() {
    local first=${DESK_IDS%%$'\n'*}
    expect "hd receive --email " $(words_of "$DESK_IDS")
    expect "hd receive $first --" --message --file --at --backfill --email --json --help
    expect "hd receive $first --email --" --json --help
    expect "hd receive --email --" --json --help
    expect "hd receive --json --" --email --maildir --mbox --help
    expect "hd receive $first -m text --" --message --file --at --backfill --help
    expect "hd receive --at 2026-11-23T10:00:00Z --" --message --file --backfill --help
    expect "hd receive --backfill --" --message --file --at --help
    mkdir -p "$TEST_ROOT/mail/Maildir/new" "$TEST_ROOT/mail/Maildir/cur" "$TEST_ROOT/mail/archive"
    touch "$TEST_ROOT/mail/support.mbox" "$TEST_ROOT/mail/saved.eml"
    cd "$TEST_ROOT/mail" || fail "cd"
    expect "hd receive --maildir " Maildir archive
    expect "hd receive --maildir M" Maildir
    expect "hd receive --maildir=a" archive
    expect "hd receive --mbox " Maildir archive saved.eml support.mbox
    expect "hd receive --mbox s" saved.eml support.mbox
    expect "hd receive --maildir Maildir " --json --help
    expect "hd receive --maildir Maildir --" --json --help
    expect "hd receive --mbox support.mbox -" --json -h --help
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
    expect "hd followup --due " --dry-run --json --message --each --sync --remote --tries --send --no-send --print-email --help
    expect "hd followup --due -m x --" --dry-run --json --message --each --sync --remote --tries --send --no-send --print-email --help
    # --now sends to the tickets named, due or not: not with --due.
    expect "hd followup --now --d" --dry-run
    expect "hd followup --now " $(words_of "$DESK_IDS")
    expect "hd followup $first --now -m x --each --" --dry-run --json --message --sync --remote --tries --send --no-send --print-email --help
    # close takes one ticket, or --stale, which chooses the rest itself.
    expect "hd close " $(words_of "$DESK_IDS")
    expect "hd close -r solved " $(words_of "$DESK_IDS")
    expect "hd close $first --" --resolution --explain --of --force --reason --dry-run --message --send --no-send --print-email --help
    expect "hd close --stale --" --explain --dry-run --message --sync --remote --tries --send --no-send --print-email --help
    expect "hd close --stale " --explain --dry-run --message --sync --remote --tries --send --no-send --print-email --help
    expect "hd close --force --" --resolution --explain --of --reason --dry-run --message --send --no-send --print-email --help
    expect "hd close $first --explain "
    expect "hd close $first --reason "
    # escalate and reopen take one ticket; their values are free text.
    expect "hd escalate " $(words_of "$DESK_IDS")
    expect "hd escalate --to ENG-1 " $(words_of "$DESK_IDS")
    expect "hd escalate $first --to "
    expect "hd escalate $first --next-steps "
    expect "hd escalate $first --to ENG-1 --" --next-steps --dry-run --message --send --no-send --print-email --help
    expect "hd reopen " $(words_of "$DESK_IDS")
    expect "hd reopen $first " --message --help
    expect "hd reopen $first -m "
}

# sync and merge-driver; --sync, --remote and --tries of followup and close,
# which do not go with --dry-run.
case_sync() {
    local first=${DESK_IDS%%$'\n'*}
    add_remotes
    expect_sync_flags
    expect "hd sync origin " --dry-run --json --tries --help
    expect "hd sync --json --" --dry-run --tries --help
    expect "hd followup --due --remote=b" backup
    expect "hd followup --due --sync --" --json --message --each --remote --tries --send --no-send --print-email --help
    expect "hd followup --due --dry-run --" --json --message --each --send --no-send --print-email --help
    expect "hd followup --due --remote origin --" --json --message --each --sync --tries --send --no-send --print-email --help
    # close: --sync goes with --stale, so no ticket and no resolution.
    expect "hd close --sync " --explain --stale --message --remote --tries --send --no-send --print-email --help
    expect "hd close --stale --sync --" --explain --message --remote --tries --send --no-send --print-email --help
    expect "hd close --stale --dry-run --" --explain --message --send --no-send --print-email --help
    expect "hd close -r solved --" --explain --of --force --reason --dry-run --message --send --no-send --print-email --help
    expect "hd close $first --" --resolution --explain --of --force --reason --dry-run --message --send --no-send --print-email --help
    # The remotes of the desk named with -C; none here: the options.
    cd "$OTHER_DESK" || fail "cd"
    expect "hd sync " --dry-run --json --tries --help
    expect "hd -C $DESK sync " origin backup
    expect "hd -C $DESK followup --sync --remote " origin backup
}

# merge-driver takes files: BASE OURS THEIRS [PATH].
case_merge_driver() {
    mkdir -p "$TEST_ROOT/merge/sub"
    touch "$TEST_ROOT/merge/base.toml" "$TEST_ROOT/merge/ours.toml" "$TEST_ROOT/merge/theirs.toml"
    cd "$TEST_ROOT/merge" || fail "cd"
    expect "hd merge-driver " base.toml ours.toml theirs.toml sub
    expect "hd merge-driver b" base.toml
    expect "hd merge-driver base.toml o" ours.toml
    expect "hd merge-driver --marker-size 9 base.toml ours.toml t" theirs.toml
    expect "hd merge-driver base.toml ours.toml theirs.toml x.toml " --marker-size --help
}

# The daily loop: next, assign, unassign, set, snooze, search, templates.
case_loop() {
    local first=${DESK_IDS%%$'\n'*}
    expect_loop_flags
    # assign, unassign, set and snooze take any number of tickets.
    expect "hd assign " $(words_of "$DESK_IDS")
    expect "hd assign --me $first " $(words_of "$DESK_IDS")
    expect "hd unassign $first " $(words_of "$DESK_IDS")
    expect "hd set --priority high " $(words_of "$DESK_IDS")
    expect "hd snooze $first " $(words_of "$DESK_IDS")
    # assign: --to or --me.
    expect "hd assign $first --me --" --dry-run --json --help
    expect "hd assign $first --to=X --" --dry-run --json --help
    # set: --tag repeats, the others are given once.
    expect "hd set $first --priority high --tag a --" --title --audience --tag --greet --zone \
        --dry-run --json --help
    # snooze: --until or --clear, either with --reason.
    expect "hd snooze $first --until 3d --" --reason --dry-run --json --help
    expect "hd snooze $first --clear --" --reason --dry-run --json --help
    # next takes no ticket; --mine, --assignee and --unassigned exclude each other.
    expect "hd next " --priority --audience --tag --requester --mine --assignee --unassigned --all \
        --limit --json --help
    expect "hd next --mine --" --priority --audience --tag --requester --all --limit --json --help
    expect "hd next -p high,u" high,urgent
    expect "hd next --limit "
    # search: the text first (free), then the filters of list.
    expect "hd search "
    expect "hd search vpn " --status --priority --audience --waiting-on --tag --requester --mine \
        --assignee --unassigned --json --ids --limit --help
    expect "hd search vpn --ids --j"
    expect "hd search vpn -s open,c" open,closed
    expect "hd search vpn --unassigned --m"
    # templates show NAME [ID]: the name is free text, then a ticket.
    expect "hd templates s" show
    expect "hd templates show "
    expect "hd templates show clarify " $(words_of "$DESK_IDS")
    expect "hd templates show clarify $first " --audience --help
    expect "hd templates --json " show
}

# report: its flags, which may be repeated, and the values they take.
case_report() {
    expect "hd report -" -f --format --check --fail-on --since --until -p --priority --agent \
        --limit --by --as-of --weeks -h --help
    expect "hd report --f" --format --fail-on
    # Nothing positional: the long options.
    expect "hd report " --format --check --fail-on --since --until --priority --agent --limit \
        --by --as-of --weeks --help
    # Given once at most, except --priority.
    expect "hd report -f json --check -p high --" --fail-on --since --until --priority --agent \
        --limit --by --as-of --weeks --help
    expect "hd report --format " text json csv markdown junit github codequality html
    expect "hd report -f j" json junit
    expect "hd report -f h" html
    expect "hd report --format=c" csv codequality
    expect "hd report --check --fail-on " breach at-risk
    expect "hd report --fail-on=a" at-risk
    expect "hd report --by " priority agent audience
    expect "hd report --by a" agent audience
    expect "hd report -p " low normal high urgent
    expect "hd report -p high --priority u" urgent
    # One priority per option here: no lists.
    expect "hd report -p high,"
    # Free text.
    expect "hd report --since "
    expect "hd report --until "
    expect "hd report --agent "
    expect "hd report --limit "
}

case_resolution_values() {
    local first=${DESK_IDS%%$'\n'*}
    expect "hd close $first -r " solved workaround wont-fix duplicate no-response spam unsubscribe
    expect "hd close $first --resolution w" workaround wont-fix
    expect "hd close --resolution=n" no-response
    expect "hd close $first -r s" solved spam
    # One kind only: no lists here.
    expect "hd close -r solved,"
    # --of names another ticket.
    expect "hd close $first -r duplicate --of " $(words_of "$DESK_IDS")
    expect "hd close --of=" $(words_of "$DESK_IDS")
    expect "hd close --of ${first:0:3}" $(words_of "$(grep "^${first:0:3}" <<<"$DESK_IDS")")
}

case_priority_values() {
    expect "hd new --priority " low normal high urgent
    expect "hd new --priority h" high
    expect "hd new --title T --priority n" normal
    expect "hd list -p " low normal high urgent
    expect "hd list --priority u" urgent
    # One value at a time for new; a comma-separated list for list.
    expect "hd new --priority high,"
    expect "hd list -p high," high,low high,normal high,urgent
    expect "hd list -p high,low,u" high,low,urgent
}

case_status_values() {
    expect "hd list --status " new open waiting escalated closed
    expect "hd list -s " new open waiting escalated closed
    expect "hd list -s w" waiting
    expect "hd list -s open,e" open,escalated
    expect "hd list -s open,new,waiting,escalated," open,new,waiting,escalated,closed
    expect "hd list --status=c" closed
    expect "hd list --waiting-on " us requester engineering nobody
    expect "hd list --waiting-on us,e" us,engineering
}

case_audience_values() {
    expect "hd new --audience " end-user client
    expect "hd new --audience e" end-user
    expect "hd list --audience c" client
    expect "hd list --audience client," client,end-user
}

case_equals_values() {
    # "--opt=VALUE": bash replaces only what follows the '='.
    expect "hd new --priority=" low normal high urgent
    expect "hd new --priority=ur" urgent
    expect "hd new --audience=cl" client
    expect "hd list --status=open,cl" open,closed
    expect "hd new --title=" 
    expect "hd new --nosuch=" 
}

case_free_text() {
    # Free text: nothing to offer, not even file names.
    expect "hd new --title "
    expect "hd new --from "
    expect "hd new --summary "
    expect "hd note -m "
    expect "hd list --requester "
    expect "hd init --name "
}

case_file_values() {
    mkdir -p "$TEST_ROOT/files/sub dir" "$TEST_ROOT/files/subway"
    touch "$TEST_ROOT/files/body.txt" "$TEST_ROOT/files/brief.md"
    cd "$TEST_ROOT/files" || fail "cd"
    expect "hd new --title T -F b" body.txt brief.md
    expect "hd note abc --file " body.txt brief.md "sub dir" subway
    expect "hd note abc --file=bo" body.txt
    expect "hd -C " "sub dir" subway
    expect "hd -C su" "sub dir" subway
    expect "hd -C b"
    expect "hd show -C s" "sub dir" subway
}

case_ticket_ids() {
    expect "hd show " $(words_of "$DESK_IDS")
    expect "hd note " $(words_of "$DESK_IDS")
    local first=${DESK_IDS%%$'\n'*}
    expect "hd show ${first:0:3}" $(words_of "$(grep "^${first:0:3}" <<<"$DESK_IDS")")
    expect "hd show $first" "$first"
    expect "hd show --json " $(words_of "$DESK_IDS")
    expect "hd note -m text " $(words_of "$DESK_IDS")
    expect "hd note --file=x " $(words_of "$DESK_IDS")
    # One ID only: then the options.
    expect "hd show $first " --json --help
    expect "hd note $first -m x " --message --file --backfill --help
    expect "hd restate " $(words_of "$DESK_IDS")
    expect "hd receive --at 2026-11-23T10:00:00Z " $(words_of "$DESK_IDS")
    expect "hd reply --ask " $(words_of "$DESK_IDS")
    # restate's second argument is the summary: free text.
    expect "hd restate $first "
    expect "hd reply $first " --message --file --template --ask --dry-run --no-lint --strict --send --no-send --print-email --backfill --help
    # Other subcommands take no ID.
    expect "hd list " --status --priority --audience --waiting-on --tag --requester --mine --assignee \
        --unassigned --grep --all --json --ids --help
    expect "hd new --title " 
}

case_ids_with_C() {
    cd "$OTHER_DESK" || fail "cd"
    # Here the other desk's ticket; with -C, the named desk's.
    expect "hd show " $(words_of "$OTHER_IDS")
    expect "hd -C $DESK show " $(words_of "$DESK_IDS")
    expect "hd -C$DESK note " $(words_of "$DESK_IDS")
    expect "hd -C $DESK/ note -m x " $(words_of "$DESK_IDS")
    # hd also takes -C after the subcommand.
    expect "hd show -C $DESK " $(words_of "$DESK_IDS")
    local rel
    rel=$(realpath --relative-to="$OTHER_DESK" "$DESK")
    expect "hd -C $rel show " $(words_of "$DESK_IDS")
    mkdir -p "$HOME/desk-link" && ln -s "$DESK" "$HOME/desk-link/d"
    expect "hd -C ~/desk-link/d show " $(words_of "$DESK_IDS")
}

case_ids_outside_desk() {
    mkdir -p "$TEST_ROOT/plain" && cd "$TEST_ROOT/plain" || fail "cd"
    git init -q
    # Not a desk: no IDs and, above all, no error text on the terminal.
    expect "hd show "
    expect "hd -C $TEST_ROOT/nowhere show "
    expect "hd -C $DESK show " $(words_of "$DESK_IDS")
}

# --- main --------------------------------------------------------------------

declare -F "case_$CASE" >/dev/null || {
    echo "no such case: $CASE" >&2
    exit 2
}

case $MODE in
plain) ;;
bash-completion)
    helpers=${BASH_COMPLETION_SCRIPT:-}
    if [[ -z $helpers ]]; then
        for f in /usr/share/bash-completion/bash_completion /usr/local/share/bash-completion/bash_completion \
            /opt/homebrew/share/bash-completion/bash_completion /etc/bash_completion; do
            [[ -r $f ]] && helpers=$f && break
        done
    fi
    if [[ -z $helpers || ! -r $helpers ]]; then
        echo "SKIP: the bash-completion package is not installed"
        exit 77
    fi
    # bash-completion is written for interactive shells, not for set -u.
    set +u
    source "$helpers" || fail "cannot load $helpers"
    declare -F _init_completion >/dev/null || fail "$helpers defines no _init_completion"
    ;;
*)
    echo "unknown mode: $MODE" >&2
    exit 2
    ;;
esac

setup_desks
source "$HERE/hd.bash" || fail "cannot source hd.bash"
[[ $(complete -p hd) == *"-F _hd hd"* ]] || fail "hd.bash did not register _hd for hd"
if [[ $MODE == plain ]] && declare -F _init_completion >/dev/null; then
    fail "plain mode, yet _init_completion is defined"
fi

"case_$CASE"
finish "bash $CASE ($MODE)"
