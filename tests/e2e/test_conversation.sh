# hd restate, hd receive

test_restate_sets_the_summary() {
    setup_desk
    id=$(new_ticket)
    run_hd restate "$id" "Printing makes the printer smoke"
    expect_rc 0
    expect_eq "$(git log -1 --format=%s)" "hd restate $id: Printer on fire"
    run_hd restate "$id" "Printer smokes on every job, even a test page"
    expect_rc 0
    run_hd show "$id" --json
    expect_contains "$OUT" '"summary": "Printer smokes on every job, even a test page"'
    expect_eq "$(grep -c '^kind = "restate"' "$(ticket_path "$id")")" 2 "restate events kept"
    run_hd restate "$id" $'two\nlines'
    expect_rc 2
    run_hd restate "$id" ""
    expect_rc 2
    expect_eq "$(commit_count)" 4 "commits"
    expect_clean
}

test_receive_records_the_requester() {
    setup_desk
    id=$(new_ticket)
    run_hd receive "$id" -m "It also beeps." --at 2026-11-23T12:00:00-05:00
    expect_rc 0
    expect_eq "$(git log -1 --format=%s)" "hd receive $id: Printer on fire"
    run_hd show "$id" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
e = json.load(sys.stdin)["events"][-1]
assert e["kind"] == "receive" and e["by"] == "Ana Lima <ana@example.org>", e
assert e["at"] == "2026-11-23T12:00:00-05:00" and e["body"] == "It also beeps.", e
' || fail "bad event: $OUT"
    expect_clean
}

test_receive_reopens_a_closed_ticket() {
    setup_desk
    id=$(new_ticket)
    printf '\n[[event]]\nkind = "reply"\nat = 2026-11-23T09:50:00+01:00\nby = "Sam Agent <sam@example.com>"\nbody = "Unplug it."\n' >>"$(ticket_path "$id")"
    printf '\n[[event]]\nkind = "close"\nat = 2026-11-23T10:00:00+01:00\nby = "Sam Agent <sam@example.com>"\nresolution = "solved"\n' >>"$(ticket_path "$id")"
    git commit -qam "closed by hand"
    run_hd list --status closed --ids
    expect_eq "$OUT" "$id" "closed before"
    HD_NOW=2026-11-23T10:30:00+01:00 run_hd_stdin "Still smoking." receive "$id" -
    expect_rc 0
    run_hd list --status open --ids
    expect_eq "$OUT" "$id" "open after"
}

test_receive_errors() {
    setup_desk
    id=$(new_ticket)
    run_hd receive "$id" -m x --at yesterday
    expect_rc 2
    expect_contains "$ERR" "--at"
    run_hd receive "$id"
    expect_rc 2
    run_hd receive nothing -m x
    expect_rc 3
    expect_eq "$(commit_count)" 2 "commits"
}
