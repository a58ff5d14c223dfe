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
