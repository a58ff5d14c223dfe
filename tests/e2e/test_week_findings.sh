# Issue 12: what a week of use found (followup cadence, first responses,
# greetings, lint, time order, spam and the report as of a time)

# `hd list --ids | hd followup ARGS... -`, keeping OUT, ERR and RC like run_hd.
followup_piped() {
    "$HD" list --ids </dev/null | "$HD" followup "$@" - >"$TEST_ROOT/out" 2>"$TEST_ROOT/err"
    RC=$?
    OUT=$(cat "$TEST_ROOT/out")
    ERR=$(cat "$TEST_ROOT/err")
}

# The body of a ticket's last event, from hd show --json.
last_body() { # id
    "$HD" show "$1" --json </dev/null | python3 -c '
import json, sys
print(json.load(sys.stdin)["events"][-1]["body"])'
}

test_piped_followup_obeys_cadence() {
    setup_desk
    export HD_NOW=2026-11-01T10:00:00Z
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    "$HD" reply "$A" -m "Please unplug it." --no-lint >/dev/null || fail reply
    HD_NOW=2026-11-05T05:30:00Z "$HD" reply "$B" -m "Please open the lid." --no-lint >/dev/null || fail reply
    # Four hours after B's reply, and before A's follow-up falls due: nothing is sent.
    before=$(commit_count)
    HD_NOW=2026-11-05T09:30:00Z followup_piped
    expect_rc 0
    expect_eq "$(commit_count)" "$before" "commits after a piped followup with nothing due"
    expect_not_contains "$OUT" "sent"
    expect_contains "$ERR" "$B"
    expect_contains "$ERR" "not due until 2026-11-09"
    expect_not_contains "$(cat "$(ticket_path "$B")")" 'kind = "followup"'
    # Later that day A is due (quiet since 1 November), B still is not.
    HD_NOW=2026-11-05T14:00:00Z followup_piped
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "one commit"
    expect_contains "$OUT" "$A  follow-up 1 sent"
    expect_not_contains "$OUT" "$B  follow-up"
    expect_contains "$ERR" "$B"
    expect_contains "$ERR" "not due"
    expect_eq "$(git log -1 --format='%(trailers:key=Hd-Ticket,valueonly)' | grep .)" "$A" "ticket trailers"
    expect_contains "$(cat "$(ticket_path "$A")")" "followup = 1"
    expect_not_contains "$(cat "$(ticket_path "$B")")" 'kind = "followup"'
    # --now sends it anyway.
    HD_NOW=2026-11-05T14:00:00Z run_hd_stdin "$B
" followup --now -
    expect_rc 0
    expect_contains "$OUT" "$B  follow-up 1 sent"
    expect_eq "$(commit_count)" $((before + 2)) "commits after --now"
    expect_contains "$(cat "$(ticket_path "$B")")" "followup = 1"
    expect_clean
}

test_followup_message_to_many_needs_each() {
    setup_desk
    export HD_NOW=2026-11-01T10:00:00Z
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    C=$(new_ticket "Fax is silent" "Cy Chan <cy@example.org>")
    for id in "$A" "$B" "$C"; do
        "$HD" reply "$id" -m "Please try again." --no-lint >/dev/null || fail reply
    done
    export HD_NOW=2026-11-05T10:00:00Z
    before=$(commit_count)
    run_hd followup "$A" "$B" -m "Our office is closed on Friday."
    expect_rc 2
    expect_contains "$ERR" "--each"
    expect_eq "$(commit_count)" "$before" "nothing recorded without --each"
    expect_not_contains "$(cat "$(ticket_path "$A")")" "Our office is closed on Friday."
    run_hd followup "$A" "$B" -m "Our office is closed on Friday." --each
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "one commit for both"
    expect_contains "$(last_body "$A")" "Our office is closed on Friday."
    expect_contains "$(last_body "$B")" "Our office is closed on Friday."
    run_hd followup "$C" -m "Only for Cy."
    expect_rc 0
    expect_contains "$(last_body "$C")" "Only for Cy."
    expect_eq "$(commit_count)" $((before + 2)) "commits"
    expect_clean
}

test_reply_after_closing_reply_is_not_first_response() {
    setup_desk
    export HD_NOW=2026-11-23T09:00:00Z
    id=$(new_ticket)
    "$HD" restate "$id" "the printer smokes" || fail restate
    # Never restated: a second ticket whose only answer is its closing reply.
    bare=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    export HD_NOW=2026-11-23T10:00:00Z
    "$HD" close "$id" --resolution solved >/dev/null || fail close
    "$HD" close "$bare" --resolution solved >/dev/null || fail close
    run_hd show "$id" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
e = json.load(sys.stdin)["events"][-1]
assert e["kind"] == "close" and e["public"] and e["body"], e
' || fail "the closing reply is not a public reply: $OUT"
    export HD_NOW=2026-11-23T11:00:00Z
    "$HD" receive "$id" -m "It smokes again." || fail receive
    "$HD" receive "$bare" -m "It jams again." || fail receive
    export HD_NOW=2026-11-23T12:00:00Z
    for t in "$id" "$bare"; do
        run_hd reply "$t" -m "Please unplug it again and tell me what the display shows."
        expect_rc 0
        expect_not_contains "$ERR" "never restated"
        expect_not_contains "$ERR" "[restatement]"
        trailers=$(git log -1 --format=%B | git interpret-trailers --parse)
        expect_contains "$trailers" "Hd-Ticket: $t"
        expect_not_contains "$trailers" "Hd-Template: first-response"
        body=$(last_body "$t")
        expect_contains "$body" "Please unplug it again"
        expect_not_contains "$body" "Thank you for writing to Test Desk"
        expect_not_contains "$body" "As I understand it"
        expect_not_contains "$body" "I've read your message about"
    done
    expect_clean
}

test_first_reply_with_ask_does_not_say_nothing_to_do() {
    setup_desk
    id=$(new_ticket)
    "$HD" restate "$id" "the printer smokes" || fail restate
    client=$("$HD" new --title "API 500s" --from "Kim Park <kim@example.com>" --audience client \
        --summary "the orders API returns 500 on large pages" -m "500s." </dev/null) || fail new
    for t in "$client" "$id"; do
        run_hd reply "$t" --ask -m "Which version do you run?"
        expect_rc 0
        expect_contains "$(git log -1 --format=%B)" "Hd-Ask: yes"
        body=$(last_body "$t")
        expect_contains "$body" "Which version do you run?"
        expect_not_contains "$body" "You don't need to do anything in the meantime"
        expect_not_contains "$body" "need to do anything"
    done
    expect_clean
}

test_greet_name() {
    setup_desk
    run_hd new --greet "渡辺さん" --from "渡辺 健 <ken@example.jp>" --title "ログインできない" \
        -m "パスワードを忘れました。"
    expect_rc 0
    id=$OUT
    expect_contains "$(cat "$(ticket_path "$id")")" 'greet = "渡辺さん"'
    "$HD" restate "$id" "you cannot log in" || fail restate
    run_hd reply "$id" -m "I have sent you a reset link."
    expect_rc 0
    expect_not_contains "$ERR" "[greeting]"
    body=$(last_body "$id")
    expect_contains "$(printf '%s\n' "$body" | head -n 1)" "渡辺さん"
    expect_not_contains "$body" "Hello 渡辺,"
    expect_not_contains "$body" "Hi 渡辺,"
    # Set later, on a ticket not answered yet.
    other=$(new_ticket "Printer on fire" "渡辺 健 <ken@example.jp>")
    "$HD" restate "$other" "the printer smokes" || fail restate
    run_hd set "$other" --greet "Ken"
    expect_rc 0
    expect_contains "$(cat "$(ticket_path "$other")")" 'kind = "greet"'
    run_hd reply "$other" -m "Please unplug it."
    expect_rc 0
    expect_not_contains "$ERR" "[greeting]"
    first=$(last_body "$other" | head -n 1)
    expect_contains "$first" "Ken"
    expect_not_contains "$first" "渡辺"
    expect_clean
}

test_lint_on_rendered_reply() {
    setup_desk
    # The first-response template adds the greeting and the signature.
    id=$(new_ticket)
    "$HD" restate "$id" "the printer smokes" || fail restate
    run_hd reply "$id" -m "fixed" --dry-run --strict
    expect_rc 0
    expect_not_contains "$ERR" "[greeting]"
    expect_not_contains "$ERR" "[signature]"
    # Sent as it is, the same text has neither.
    run_hd reply "$id" -m "fixed" --template none --dry-run
    expect_rc 0
    expect_contains "$ERR" "[greeting]"
    expect_contains "$ERR" "[signature]"
    # The template greets by the greet name, and lint reads that rendered
    # greeting: no finding, not even with --strict.
    run_hd new --greet "Ken" --from "渡辺 健 <ken@example.jp>" --title "Printer on fire" \
        --summary "the printer smokes" -m "It smokes."
    expect_rc 0
    ken=$OUT
    run_hd reply "$ken" -m "fixed" --dry-run --strict
    expect_rc 0
    expect_eq "$ERR" "" "lint findings on the rendered dry run"
    run_hd reply "$ken" -m "fixed" --strict
    expect_rc 0
    expect_eq "$ERR" "" "lint findings on the rendered reply"
    expect_contains "$(last_body "$ken" | head -n 1)" "Ken"
    expect_clean
}

test_hd_now_before_last_event_refused() {
    setup_desk
    export HD_NOW=2026-11-23T08:00:00Z
    id=$(new_ticket)
    HD_NOW=2026-11-23T10:00:00Z "$HD" note "$id" -m "Called her at ten." || fail note
    before=$(commit_count)
    file_before=$(cat "$(ticket_path "$id")")
    HD_NOW=2026-11-23T09:00:00Z run_hd note "$id" -m x
    expect_rc 2
    expect_contains "$ERR" "2026-11-23T10:00:00Z"
    expect_eq "$(commit_count)" "$before" "commits after a refused note"
    expect_eq "$(cat "$(ticket_path "$id")")" "$file_before" "ticket file"
    HD_NOW=2026-11-23T11:00:00Z run_hd receive "$id" -m x --at 2026-11-23T09:00:00Z
    expect_rc 2
    expect_contains "$ERR" "2026-11-23T10:00:00Z"
    expect_eq "$(commit_count)" "$before" "commits after a refused receive"
    HD_NOW=2026-11-23T11:00:00Z run_hd receive "$id" -m "Sent at nine." --at 2026-11-23T09:00:00Z --backfill
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "commits after --backfill"
    python3 - "$(ticket_path "$id")" <<'EOF' || fail "events out of order: $(cat "$(ticket_path "$id")")"
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    t = tomllib.load(f)
ev = t["event"]
ats = [e["at"] for e in ev]
assert ats == sorted(ats), ats
kinds = [(e["kind"], e["at"].isoformat()) for e in ev]
assert kinds == [("receive", "2026-11-23T09:00:00+00:00"), ("note", "2026-11-23T10:00:00+00:00")], kinds
assert ev[0]["body"] == "Sent at nine.", ev[0]
EOF
    run_hd check
    expect_rc 0
    expect_clean
}

test_spam_close_has_no_resolution_time() {
    setup_desk
    export HD_NOW=2026-11-02T09:00:00Z
    spam=$(new_ticket "Cheap pills" "Spam Bot <bot@example.net>")
    real=$(new_ticket "Printer on fire")
    export HD_NOW=2026-11-02T10:00:00Z
    "$HD" close "$spam" --resolution spam >/dev/null || fail close
    "$HD" reply "$real" -m "Please unplug it." --no-lint >/dev/null || fail reply
    "$HD" close "$real" --resolution solved >/dev/null || fail close
    HD_NOW=2026-11-03T10:00:00Z run_hd report --format json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
spam, real = sys.argv[1:]
t = {x["id"]: x for x in r["tickets"]}
assert [c["clock"] for c in t[spam]["clocks"] if c["clock"] == "resolution"] == [], t[spam]
assert [c["clock"] for c in t[real]["clocks"] if c["clock"] == "resolution"] == ["resolution"], t[real]
assert r["totals"]["resolution"]["finished"] == 1, r["totals"]
' "$spam" "$real" || fail "spam closure in the resolution figures: $OUT"
    man="$E2E_DIR/../../man/hd-sla.7.scd"
    [ -f "$man" ] || fail "no $man"
    if grep -n "Closures without a reply (spam) count like any other" "$man" >&2; then
        fail "hd-sla(7) still says spam closures count in resolution times"
    fi
}

test_report_as_of() {
    setup_desk
    export HD_NOW=2026-11-02T09:00:00Z
    urgent=$("$HD" new --title "Site down" --from "Ana Lima <ana@example.org>" --priority urgent \
        -m "The shop is down." </dev/null) || fail new
    HD_NOW=2026-11-02T12:00:00Z "$HD" reply "$urgent" -m "It is back up." --no-lint >/dev/null || fail reply
    later=$(HD_NOW=2026-11-02T13:00:00Z new_ticket "Created after the as-of time")
    HD_NOW=2026-11-02T14:00:00Z run_hd report --as-of 2026-11-02T11:00:00Z --format json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
urgent, later = sys.argv[1:]
assert r["generated_at"] == "2026-11-02T11:00:00Z", r["generated_at"]
ids = [t["id"] for t in r["tickets"]]
assert ids == [urgent], ids
assert r["totals"]["tickets"] == 1, r["totals"]
t = r["tickets"][0]
assert t["status"] == "new", t
fr = [c for c in t["clocks"] if c["clock"] == "first-response"]
assert len(fr) == 1, t["clocks"]
fr = fr[0]
# Breached and still running: counted up to 11:00, due at 10:00.
assert fr["state"] == "breached", fr
assert fr["elapsed_seconds"] == 7200, fr
assert fr["due"] == "2026-11-02T10:00:00Z", fr
assert r["totals"]["first_response"]["finished"] == 0, r["totals"]
assert r["totals"]["open_breaches"] >= 1, r["totals"]
f = [x for x in r["findings"] if x["id"] == urgent and x["clock"] == "first-response"]
assert len(f) == 1 and f[0]["state"] == "breached" and f[0]["past_seconds"] == 3600, r["findings"]
' "$urgent" "$later" || fail "report as of 11:00: $OUT"
    HD_NOW=2026-11-02T14:00:00Z run_hd report --as-of 2026-11-02T11:00:00Z --check
    expect_rc 1
}

# The table hd list prints starts with a heading; piped into a bulk
# command, the heading is not taken for a ticket ID.
test_list_table_piped_into_followup() {
    setup_desk
    export HD_NOW=2026-11-02T09:00:00Z
    id=$(new_ticket)
    "$HD" reply "$id" -m "Please try again." --no-lint >/dev/null || fail reply
    export HD_NOW=2026-11-09T09:00:00Z
    before=$(commit_count)
    out=$("$HD" list | "$HD" followup - 2>&1) || fail "hd list | hd followup -: $out"
    expect_contains "$out" "follow-up 1 sent"
    expect_eq "$(commit_count)" $((before + 1)) "commits"
    expect_clean
}
