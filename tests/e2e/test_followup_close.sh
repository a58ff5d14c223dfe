# hd followup, hd close, hd escalate, hd reopen

# Two tickets answered on 1 November, quiet since.
quiet_desk() {
    setup_desk
    export HD_NOW=2026-11-01T10:00:00Z
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    C=$(new_ticket "Still our turn" "Cy Chan <cy@example.org>")
    "$HD" reply "$A" -m "Please unplug it." --no-lint || fail reply
    "$HD" reply "$B" -m "Please open the lid." --no-lint || fail reply
}

test_followup_lists_what_is_due() {
    quiet_desk
    HD_NOW=2026-11-04T10:00:00Z run_hd followup
    expect_rc 0
    expect_eq "$OUT" "" "nothing due after three days"
    HD_NOW=2026-11-05T10:00:00Z run_hd followup --json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
due = json.load(sys.stdin)
assert sorted(d["id"] for d in due) == sorted(sys.argv[1:]), due
assert all(d["next"] == 1 and d["due"] == "2026-11-05T10:00:00Z" for d in due), due
' "$A" "$B" || fail "due list: $OUT"
}

test_bulk_followup_is_one_commit() {
    quiet_desk
    before=$(commit_count)
    HD_NOW=2026-11-05T10:00:00Z run_hd followup --due
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "one commit"
    expect_eq "$(git log -1 --format=%s)" "hd followup: 2 tickets"
    expect_eq "$(git log -1 --format='%(trailers:key=Hd-Ticket,valueonly)' | grep . | sort | tr '\n' ' ')" \
        "$(printf '%s\n' "$A" "$B" | sort | tr '\n' ' ')" "ticket trailers"
    expect_contains "$(cat "$(ticket_path "$A")")" "followup = 1"
    run_hd show "$A" --json
    expect_contains "$OUT" "Hello Ana"
    expect_clean
}

test_followup_from_stdin_skips_with_reasons() {
    quiet_desk
    HD_NOW=2026-11-05T10:00:00Z run_hd_stdin "$(printf '%s\n\n%s extra words\n' "$A" "$C")" followup -
    expect_rc 0
    expect_contains "$OUT" "$A  follow-up 1 sent"
    expect_contains "$ERR" "skipped $C: not waiting on the requester"
    expect_eq "$(git log -1 --format=%s)" "hd followup $A: Printer on fire"
    run_hd followup nosuch
    expect_rc 3
}

# A ticket file written by hand with ID $1, copied from ticket $2, committed.
hand_copy() {
    local path
    path=$(ticket_path "$1")
    mkdir -p "$(dirname "$path")"
    sed "s/$2/$1/g" "$(ticket_path "$2")" >"$path"
    git add "$path" && git commit -qm "hand-made $1" || fail "commit $1"
}

test_followup_of_many_ids_takes_each_once() {
    quiet_desk
    # Typed as people and scripts give them: full, by prefix, in upper case,
    # twice (once by prefix), with a ticket that is not due in between.
    ids=$(printf '%s\n' "$A" "${B:0:4}" "$C" "$(echo "$A" | tr a-z A-Z)" "$B" "${A:0:3}")
    HD_NOW=2026-11-05T10:00:00Z run_hd_stdin "$ids" followup - --json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
got = [(r["id"], r["followup"]) for r in json.load(sys.stdin)]
a, b, c = sys.argv[1:]
assert got == [(a, 1), (b, 1), (c, None)], got
' "$A" "$B" "$C" || fail "each ticket once, in the order given: $OUT"
    expect_eq "$(git log -1 --format=%s)" "hd followup: 2 tickets"
    expect_eq "$(grep -c '^followup = 1' "$(ticket_path "$A")")" 1 "one follow-up on $A"
    expect_clean
}

test_followup_of_many_ids_refuses_a_bad_one_before_acting() {
    quiet_desk
    hand_copy abc0001 "$A"
    hand_copy abc0002 "$A"
    head=$(git rev-parse HEAD)
    export HD_NOW=2026-11-05T10:00:00Z
    run_hd_stdin "$(printf '%s\n' "$A" zzzzzzz "$B")" followup -
    expect_rc 3
    expect_contains "$ERR" "no ticket matches 'zzzzzzz'"
    run_hd followup "$A" "k3m!" "$B"
    expect_rc 3
    expect_contains "$ERR" "'k3m!' is not a ticket id or prefix"
    run_hd followup "$A" abc000 "$B"
    expect_rc 3
    expect_contains "$ERR" "'abc000' matches 2 tickets"
    expect_contains "$ERR" "abc0001  Printer on fire"
    # An exact ID is the ticket, even where it prefixes no other.
    run_hd followup abc0001 abc0002 --dry-run
    expect_rc 0
    expect_contains "$OUT" "abc0001  follow-up 1 would be sent"
    expect_contains "$OUT" "abc0002  follow-up 1 would be sent"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_clean
}

# The whole index is read a fixed number of times, and each template once,
# however many tickets a bulk action names (not once per ticket).
test_bulk_actions_read_the_index_and_templates_once() {
    command -v strace >/dev/null || fail "strace is needed (scripts/deps.sh installs it)"
    setup_desk
    export HD_NOW=2026-11-01T10:00:00Z
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
        id=$(new_ticket "Quiet $i")
        "$HD" reply "$id" -m "Please try again." --no-lint >/dev/null || fail reply
        echo "$id" >>"$TEST_ROOT/ids"
    done
    opens() { # pattern, then hd's arguments: how often hd opened a file matching it
        local pattern=$1
        shift
        strace -f -qq -e trace=open,openat -o "$TEST_ROOT/trace" "$HD" "$@" \
            <"$TEST_ROOT/stdin" >/dev/null 2>&1 || fail "hd $*"
        grep -c "$pattern" "$TEST_ROOT/trace"
    }
    export HD_NOW=2026-11-05T10:00:00Z
    for command in "followup - --dry-run" "assign - --me --dry-run" \
        "snooze - --until 2d --reason Away --dry-run" "set - --priority low --dry-run"; do
        head -n 2 "$TEST_ROOT/ids" >"$TEST_ROOT/stdin"
        # shellcheck disable=SC2086
        two=$(opens '/\.git/index"' $command)
        cp "$TEST_ROOT/ids" "$TEST_ROOT/stdin"
        # shellcheck disable=SC2086
        twelve=$(opens '/\.git/index"' $command)
        expect_eq "$twelve" "$two" "opens of .git/index by hd $command, for 12 tickets as for 2"
    done
    cp "$TEST_ROOT/ids" "$TEST_ROOT/stdin"
    expect_eq "$(opens 'templates/followup-1\.' followup - --dry-run)" 1 "reads of the template"
}

test_followup_dry_run_writes_nothing() {
    quiet_desk
    before=$(git rev-parse HEAD)
    HD_NOW=2026-11-05T10:00:00Z run_hd followup --due --dry-run
    expect_rc 0
    expect_contains "$OUT" "would be sent"
    expect_contains "$OUT" "hd followup: 2 tickets"
    expect_eq "$(git rev-parse HEAD)" "$before" "HEAD"
    expect_clean
}

test_close_no_response_needs_two_followups() {
    quiet_desk
    HD_NOW=2026-11-05T10:00:00Z "$HD" followup "$A" >/dev/null || fail followup
    HD_NOW=2026-11-06T10:00:00Z run_hd close "$A" --resolution no-response --explain "No answer."
    expect_rc 6
    expect_contains "$ERR" "1 follow-up(s)"
    HD_NOW=2026-11-07T10:00:00Z "$HD" followup "$A" >/dev/null || fail followup
    # A reply from the requester starts the count again.
    "$HD" receive "$B" -m "Lid is open." || fail receive
    "$HD" reply "$B" -m "Thanks, and now?" --no-lint || fail reply
    HD_NOW=2026-11-08T10:00:00Z run_hd close "$A" --resolution no-response --explain "No answer."
    expect_rc 0
    expect_contains "$(git log -1 --format=%B)" "Hd-Resolution: no-response"
    run_hd show "$A" --json
    expect_contains "$OUT" '"status": "closed"'
    expect_contains "$OUT" '"resolution": "no-response"'
    expect_clean
}

test_close_force_is_recorded() {
    quiet_desk
    run_hd close "$A" --resolution no-response --explain "Left the company." --force
    expect_rc 2
    run_hd close "$A" --resolution no-response --explain "Left the company." --force --reason "mailbox bounces"
    expect_rc 0
    expect_contains "$ERR" "overrode"
    expect_contains "$(git log -1 --format=%B)" "Hd-Override: mailbox bounces"
    expect_contains "$(cat "$(ticket_path "$A")")" 'force = true'
    expect_contains "$(cat "$(ticket_path "$A")")" 'reason = "mailbox bounces"'
}

test_close_kinds_and_their_replies() {
    quiet_desk
    run_hd close "$A" --resolution spam
    expect_rc 0
    expect_not_contains "$(sed -n '/kind = "close"/,$p' "$(ticket_path "$A")")" "body ="
    run_hd close "$B" --resolution workaround
    expect_rc 2
    expect_contains "$ERR" "--explain"
    run_hd close "$B" --resolution duplicate --explain "Same as the other." --of "$C"
    expect_rc 0
    expect_contains "$(cat "$(ticket_path "$B")")" "of = \"$C\""
    run_hd show "$B" --json
    expect_contains "$OUT" "Same as the other."
    expect_contains "$OUT" "$C"
    run_hd close "$B" --resolution solved
    expect_rc 6
    expect_contains "$ERR" "already closed"
    run_hd close "$C" --resolution fixed
    expect_rc 2
    expect_clean
}

test_close_stale_closes_quiet_tickets_in_one_commit() {
    quiet_desk
    HD_NOW=2026-11-05T10:00:00Z "$HD" followup --due >/dev/null || fail f1
    HD_NOW=2026-11-07T10:00:00Z "$HD" followup --due >/dev/null || fail f2
    HD_NOW=2026-11-09T10:00:00Z run_hd close --stale
    expect_rc 0
    expect_eq "$OUT" "" "nothing stale yet"
    before=$(commit_count)
    HD_NOW=2026-11-10T10:00:00Z run_hd close --stale --dry-run
    expect_contains "$OUT" "hd close: 2 tickets"
    expect_eq "$(commit_count)" "$before" "dry run"
    HD_NOW=2026-11-10T10:00:00Z run_hd close --stale
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "one commit"
    expect_eq "$(git log -1 --format=%s)" "hd close: 2 tickets"
    run_hd list --status closed --ids
    expect_eq "$(echo "$OUT" | wc -l | tr -d ' ')" 2 "closed"
    expect_clean
}

test_escalate_tells_next_steps_and_close_needs_outcome() {
    quiet_desk
    run_hd escalate "$A" --to ENG-42
    expect_rc 2
    run_hd escalate "$A" --to ENG-42 --next-steps "Our engineers will test a fix this week."
    expect_rc 0
    expect_contains "$(git log -1 --format=%B)" "Hd-Escalated-To: ENG-42"
    run_hd show "$A" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
t = json.load(sys.stdin)
assert t["status"] == "escalated" and t["waiting_on"] == "engineering", t
e = t["events"][-1]
assert e["to"] == "ENG-42" and "test a fix this week" in e["body"], e
' || fail "escalation: $OUT"
    run_hd close "$A" --resolution solved
    expect_rc 6
    expect_contains "$ERR" "escalated"
    run_hd close "$A" --resolution solved --explain "Fixed in 2.4."
    expect_rc 0
    expect_clean
}

test_reopen_and_check_practice() {
    quiet_desk
    "$HD" close "$A" --resolution solved >/dev/null || fail close
    run_hd reopen "$B"
    expect_rc 6
    run_hd reopen "$A" -m "Customer called: it is back."
    expect_rc 0
    run_hd list --status open --ids
    expect_eq "$OUT" "$A" "reopened"
    run_hd check
    expect_rc 0
    # An escalation written by hand without next steps is a practice finding.
    printf '\n[[event]]\nkind = "escalate"\nat = 2026-11-02T10:00:00Z\nby = "Sam Agent <sam@example.com>"\nto = "ENG-7"\n' >>"$(ticket_path "$B")"
    run_hd check
    expect_rc 1
    expect_contains "$ERR" "practice: $(ticket_path "$B"):"
    expect_contains "$ERR" "next steps"
}

test_close_refuses_blank_and_pointless_flags() {
    quiet_desk
    run_hd close "$A" --resolution wont-fix --explain "   "
    expect_rc 2
    expect_contains "$ERR" "blank"
    run_hd close "$A" --resolution solved --force --reason "why not"
    expect_rc 2
    expect_contains "$ERR" "no rule"
    run_hd close "$A" --resolution solved --of "$B"
    expect_rc 2
    run_hd close --stale --force --reason x
    expect_rc 2
    run_hd followup -m "hello"
    expect_rc 2
    expect_eq "$(commit_count)" 6 "nothing recorded"
}
