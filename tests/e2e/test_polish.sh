# Small things a person meets first: the list table's columns, usage errors,
# a failed init, empty input, ambiguous IDs and times without an offset.

# The columns a terminal gives each line of FILE, one number a line
# (East Asian Wide and Fullwidth take two, combining marks none).
display_widths() {
    python3 -c '
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    w = 0
    for c in line:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    print(w)
' "$1"
}

# The column (counted as a terminal does) at which NEEDLE starts on each
# line of FILE that has it.
column_of() { # file needle
    python3 -c '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    i = line.find(sys.argv[2])
    if i >= 0:
        print(width(line[:i]))
' "$1" "$2"
}

# Appends an assign event to ticket ID by hand and commits it.
assign_by_hand() { # id "Name <email>"
    printf '\n[[event]]\nkind = "assign"\nat = 2026-11-23T09:40:00+01:00\nby = "Sam Agent <sam@example.com>"\nassignee = "%s"\n' \
        "$2" >>"$(ticket_path "$1")"
    git commit -qam "assign by hand" || fail "commit"
}

test_list_pads_wide_characters_by_display_width() {
    setup_desk
    new_ticket "Printer on fire" "Ana Lima <ana@example.org>" >/dev/null
    new_ticket "プリンターが動かない" "渡辺健一 <watanabe@example.jp>" >/dev/null
    new_ticket "Café closed" "$(printf 'Zo\xc3\xab Me\xcc\x81ndez <zoe@example.org>')" >/dev/null
    "$HD" new --title "Accents combine" --from "$(printf 'Jose\xcc\x81 Nun\xcc\x83ez <jn@example.org>')" -m x >/dev/null || fail new
    run_hd list
    expect_rc 0
    printf '%s\n' "$OUT" >"$TEST_ROOT/list"
    # The title column starts at the same terminal column on every row.
    cols=$(printf '%s\n' "$OUT" | awk 'NR > 1' | while IFS= read -r row; do
        printf '%s\n' "$row" >"$TEST_ROOT/row"
        title=$(printf '%s' "$row" | grep -oE '(Printer on fire|プリンターが動かない|Café closed|Accents combine)')
        column_of "$TEST_ROOT/row" "$title"
    done | sort -u)
    expect_eq "$(printf '%s\n' "$cols" | wc -l | tr -d ' ')" 1 "title columns ($cols) in: $OUT"
    expect_eq "$(column_of "$TEST_ROOT/list" TITLE)" "$cols" "heading's TITLE column"
}

test_list_fits_the_terminal_width() {
    setup_desk
    long="A very long title that goes on and on about the printer and the fire and the smoke"
    new_ticket "$long" >/dev/null
    new_ticket "東京のオフィスのプリンターが火を噴いて煙が出ていますので至急お願いします" "渡辺健一 <w@example.jp>" >/dev/null
    for columns in 60 61 62 63; do
        COLUMNS=$columns "$HD" list >"$TEST_ROOT/list" 2>"$TEST_ROOT/err" || fail "list at $columns"
        python3 -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' \
            "$TEST_ROOT/list" || fail "list at $columns is not valid UTF-8"
        while read -r w; do
            [ "$w" -le "$columns" ] || fail "a line of $w columns in a terminal of $columns: $(cat "$TEST_ROOT/list")"
        done < <(display_widths "$TEST_ROOT/list")
        [ "$(grep -c '…$' "$TEST_ROOT/list")" -eq 2 ] || fail "titles not shortened with … at $columns: $(cat "$TEST_ROOT/list")"
        # Shortened at the edge, not well before it.
        [ "$(display_widths "$TEST_ROOT/list" | sort -n | tail -1)" -ge $((columns - 1)) ] ||
            fail "the table does not use the width at $columns: $(cat "$TEST_ROOT/list")"
    done
    # Not a terminal and no COLUMNS: no limit from the terminal.
    run_hd list
    expect_contains "$OUT" "$long"
}

test_list_shows_assignee_name_and_hides_an_empty_column() {
    setup_desk
    a=$(new_ticket "Printer on fire")
    new_ticket "VPN drops" "Bo Chen <bo@example.org>" >/dev/null
    assign_by_hand "$a" "Kim Agent <kim@example.com>"
    run_hd list
    expect_rc 0
    expect_contains "$(printf '%s' "$OUT" | head -1)" "ASSIGNEE"
    expect_contains "$OUT" "Kim Agent"
    expect_not_contains "$OUT" "kim@example.com"
    printf '%s\n' "$OUT" >"$TEST_ROOT/list"
    expect_eq "$(column_of "$TEST_ROOT/list" "Kim Agent")" "$(column_of "$TEST_ROOT/list" ASSIGNEE)" "assignee column"
    run_hd list --requester bo@
    expect_rc 0
    expect_contains "$OUT" "VPN drops"
    expect_not_contains "$OUT" "ASSIGNEE"
}

test_failed_init_leaves_nothing_behind() {
    TEST_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/hd-e2e.XXXXXX")
    trap 'rm -rf "$TEST_ROOT"' EXIT
    export HOME="$TEST_ROOT/home" GIT_CONFIG_NOSYSTEM=1 HD_NOW=2026-11-23T09:30:00+01:00
    unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
    mkdir -p "$HOME" "$TEST_ROOT/fresh"
    cd "$TEST_ROOT/fresh" || fail cd
    run_hd init --name Desk
    expect_rc 5
    expect_contains "$ERR" "no agent identity"
    expect_eq "$(ls -A)" "" "what a failed init left in a fresh directory"
    # A repository that was there stays, as it was.
    mkdir -p "$TEST_ROOT/existing"
    cd "$TEST_ROOT/existing" || fail cd
    git init -q -b main
    before=$(find .git | sort)
    run_hd init --name Desk
    expect_rc 5
    [ -d .git ] || fail "a failed init removed a repository that was there"
    expect_eq "$(ls -A)" ".git" "what a failed init left beside an existing .git"
    expect_eq "$(find .git | sort)" "$before" "the existing .git"
    # Nor is a .git git cannot open taken for one init made.
    mkdir -p "$TEST_ROOT/broken/.git"
    cd "$TEST_ROOT/broken" || fail cd
    echo keep >.git/mine
    run_hd init --name Desk
    [ "$RC" -ne 0 ] || fail "init in a broken .git succeeded"
    expect_eq "$(cat .git/mine)" keep "a file in the .git that was there"
}


test_usage_errors_say_hd_and_suggest_a_flag() {
    setup_desk
    run_hd list --staus open
    expect_rc 2
    expect_eq "$OUT" "" "stdout"
    expect_eq "$(printf '%s\n' "$ERR" | head -1)" "hd: The following arguments were not expected: open --staus"
    expect_contains "$ERR" "
hd: did you mean --status?
"
    expect_eq "$(printf '%s\n' "$ERR" | tail -1)" "see 'hd list --help'"
    expect_eq "$(printf '%s\n' "$ERR" | sed '$d' | grep -vc '^hd: ')" 0 "lines without hd:"
    expect_not_contains "$ERR" "Run with --help"
    run_hd list --jsno
    expect_rc 2
    expect_contains "$ERR" "hd: did you mean --json?"
    run_hd list --wait us # a unique prefix
    expect_rc 2
    expect_contains "$ERR" "hd: did you mean --waiting-on?"
    run_hd list --zzzzzz
    expect_rc 2
    expect_not_contains "$ERR" "did you mean"
    expect_eq "$(printf '%s\n' "$ERR" | tail -1)" "see 'hd list --help'"
    run_hd new --from "A <a@x.org>"
    expect_rc 2
    expect_eq "$ERR" "hd: --title is required
see 'hd new --help'"
    run_hd list "$(printf -- '--st\033[2J\natus')"
    expect_rc 2
    expect_not_contains "$ERR" "$(printf '\033')"
    expect_eq "$(printf '%s\n' "$ERR" | sed '$d' | grep -vc '^hd: ')" 0 "lines without hd:"
    run_hd --bogus
    expect_rc 2
    expect_eq "$(printf '%s\n' "$ERR" | tail -1)" "see 'hd --help'"
    # Help and the version still go to standard output.
    run_hd list --help
    expect_rc 0
    expect_contains "$OUT" "--status"
    expect_eq "$ERR" "" "help stderr"
    run_hd --version
    expect_rc 0
    expect_contains "$OUT" "hd "
}

test_new_refuses_an_empty_message() {
    setup_desk
    before=$(commit_count)
    run_hd_stdin "" new --title T --from "A <a@x.org>" -
    expect_rc 2
    expect_contains "$ERR" "empty"
    run_hd_stdin "$(printf ' \n\n')" new --title T --from "A <a@x.org>" -
    expect_rc 2
    : >"$TEST_ROOT/empty.txt"
    run_hd new --title T --from "A <a@x.org>" -F "$TEST_ROOT/empty.txt"
    expect_rc 2
    expect_eq "$(commit_count)" "$before" "commits"
    [ ! -e tickets ] || fail "a ticket was written: $(find tickets)"
    expect_clean
    # No message at all is still a ticket without a body, as before.
    run_hd new --title T --from "A <a@x.org>"
    expect_rc 0
}

test_ambiguous_prefix_lists_titles() {
    setup_desk
    ids=""
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
        title="Title number $i"
        [ "$i" = 2 ] && title=$(printf 'Title number 2 \033[2J')
        id=$(new_ticket "$title")
        # Move it to an ID that starts with zz, as chance could have made
        # it; in ID order, the order they were made in.
        new=zz0000$(printf '%s' "0123456789abc" | cut -c"$i")
        mkdir -p tickets/zz
        sed "s/$id/$new/g" "$(ticket_path "$id")" >"$(ticket_path "$new")"
        git rm -q "$(ticket_path "$id")"
        git add "$(ticket_path "$new")"
        ids="$ids $new"
    done
    git commit -qm "tickets moved to zz" || fail commit
    "$HD" set zz0000a --title "Renamed eleven" >/dev/null || fail "set --title"
    "$HD" set zz00003 --title "Renamed four" >/dev/null || fail "set --title"
    run_hd show zz
    expect_rc 3
    expect_contains "$ERR" "matches 12 tickets"
    first=$(printf '%s' "$ids" | awk '{print $1}')
    expect_eq "$first" zz00000 "first id"
    expect_contains "$ERR" "
  zz00000  Title number 1
"
    expect_contains "$ERR" "
  zz00009  Title number 10
"
    expect_contains "$ERR" "
  zz00003  Renamed four
"  # the title as it is now
    expect_not_contains "$ERR" "Title number 11"
    expect_eq "$(printf '%s\n' "$ERR" | grep -c '^  zz0000.  \(Title number\|Renamed four\)')" 10 "candidate lines"
    expect_contains "$ERR" "and 2 more"
    # Titles are inert.
    expect_contains "$ERR" "Title number 2 ␛[2J"
    expect_not_contains "$ERR" "$(printf '\033')"
}

test_time_without_offset_says_it_needs_one() {
    setup_desk
    id=$(new_ticket)
    HD_NOW=2026-11-20T10:00:00 run_hd list
    expect_rc 2
    expect_contains "$ERR" "UTC offset"
    expect_contains "$ERR" "+01:00 or Z"
    expect_not_contains "$ERR" "not an RFC 3339 time"
    HD_NOW=yesterday run_hd list
    expect_rc 2
    expect_contains "$ERR" "HD_NOW"
    expect_not_contains "$ERR" "UTC offset"
    run_hd receive "$id" --at 2026-11-24T10:00:00 -m "Still smoking."
    expect_rc 2
    expect_contains "$ERR" "--at '2026-11-24T10:00:00'"
    expect_contains "$ERR" "UTC offset"
    run_hd report --since 2026-11-01T10:00:00
    expect_rc 2
    expect_contains "$ERR" "--since '2026-11-01T10:00:00'"
    expect_contains "$ERR" "UTC offset"
    run_hd report --since 2026-11-01
    expect_rc 0
}
