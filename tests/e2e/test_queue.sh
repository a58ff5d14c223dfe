# Issue 12: working the queue: assign/unassign, list by assignee, set,
# snooze and holds, next, search and list --grep, templates, promises in
# templates, report --by agent, follow-ups signed by the assignee, --backfill

KIM="Kim Lee <kim@x.org>"

# kinds ID: the kinds of the ticket's events, one a line, in file order.
kinds() {
    python3 - "$(ticket_path "$1")" <<'EOF'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    t = tomllib.load(f)
for e in t.get("event", []):
    print(e["kind"])
EOF
}

# kind_count ID KIND: how many [[event]] tables of that kind the file has.
kind_count() {
    kinds "$1" | grep -cx "$2"
}

# The last event of a ticket as JSON (from the file, times in isoformat).
last_event_json() { # id
    python3 - "$(ticket_path "$1")" <<'EOF'
import json, sys, tomllib
with open(sys.argv[1], "rb") as f:
    t = tomllib.load(f)
e = t["event"][-1]
print(json.dumps({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in e.items()}))
EOF
}

# py_json EXPR: the value of a python expression over the JSON in $OUT (as j).
py_json() {
    printf '%s' "$OUT" | python3 -c '
import json, sys
j = json.load(sys.stdin)
print(eval(sys.argv[1]))' "$1"
}

trailers() { git log -1 --format=%B | git interpret-trailers --parse; }

ticket_trailers() { # sorted Hd-Ticket values of the last commit, space separated
    git log -1 --format='%(trailers:key=Hd-Ticket,valueonly)' | grep . | sort | tr '\n' ' '
}

sorted_ids() { printf '%s\n' "$@" | sort | tr '\n' ' '; }

# Two answered tickets (A and B) and a new one (C), all on 1 November.
answered_desk() {
    setup_desk
    export HD_NOW=2026-11-01T10:00:00Z
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    C=$(new_ticket "Fax is silent" "Cy Chan <cy@example.org>")
    "$HD" reply "$A" -m "Please unplug it." --no-lint >/dev/null || fail reply
    "$HD" reply "$B" -m "Please open the lid." --no-lint >/dev/null || fail reply
}

# ---------------------------------------------------------------- assign

test_assign_to_records_event_and_commit() {
    setup_desk
    id=$(new_ticket)
    before=$(commit_count)
    run_hd assign "$id" --to "$KIM"
    expect_rc 0
    expect_contains "$OUT" "$id"
    expect_contains "$OUT" "Kim Lee"
    expect_eq "$(commit_count)" $((before + 1)) "one commit"
    expect_eq "$(kind_count "$id" assign)" 1 "assign events"
    python3 - "$(ticket_path "$id")" <<'EOF' || fail "assign event: $(cat "$(ticket_path "$id")")"
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    e = tomllib.load(f)["event"][-1]
assert e["kind"] == "assign", e
assert e["assignee"] == "Kim Lee <kim@x.org>", e
assert e["by"] == "Sam Agent <sam@example.com>", e
EOF
    t=$(trailers)
    expect_contains "$t" "Hd-Action: assign"
    expect_contains "$t" "Hd-Ticket: $id"
    run_hd show "$id" --json
    expect_eq "$(py_json 'j["assignee"]')" "$KIM" "assignee in show"
    # Already Kim's: skipped, said on stderr, nothing committed.
    run_hd assign "$id" --to "$KIM"
    expect_rc 0
    expect_contains "$ERR" "skipped $id"
    expect_contains "$ERR" "already assigned"
    expect_eq "$(commit_count)" $((before + 1)) "no commit when already assigned"
    expect_eq "$(kind_count "$id" assign)" 1 "assign events after the skip"
    # --me takes git's identity.
    run_hd assign "$id" --me
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 2)) "commit for --me"
    expect_eq "$(last_event_json "$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["assignee"])')" \
        "Sam Agent <sam@example.com>" "assignee from --me"
    # unassign: an assign event with an empty assignee; again: skipped.
    run_hd unassign "$id"
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 3)) "commit for unassign"
    expect_eq "$(last_event_json "$id" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["kind"], repr(e["assignee"]))')" \
        "assign ''" "unassign event"
    expect_contains "$(trailers)" "Hd-Ticket: $id"
    run_hd show "$id" --json
    expect_eq "$(py_json 'j["assignee"]')" "" "assignee after unassign"
    run_hd unassign "$id"
    expect_rc 0
    expect_contains "$ERR" "not assigned"
    expect_eq "$(commit_count)" $((before + 3)) "no commit when not assigned"
    expect_clean
}

test_assign_bulk_from_stdin_is_one_commit() {
    setup_desk
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    C=$(new_ticket "Fax is silent" "Cy Chan <cy@example.org>")
    "$HD" assign "$B" --me >/dev/null || fail assign
    before=$(commit_count)
    "$HD" list --ids </dev/null | "$HD" assign - --me >"$TEST_ROOT/out" 2>"$TEST_ROOT/err"
    RC=$?
    OUT=$(cat "$TEST_ROOT/out")
    ERR=$(cat "$TEST_ROOT/err")
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "one commit for all"
    expect_eq "$(git log -1 --format=%s)" "hd assign: 2 tickets"
    expect_eq "$(ticket_trailers)" "$(sorted_ids "$A" "$C")" "ticket trailers"
    expect_contains "$(trailers)" "Hd-Action: assign"
    expect_contains "$ERR" "skipped $B"
    for t in "$A" "$B" "$C"; do
        expect_eq "$(kind_count "$t" assign)" 1 "assign events of $t"
    done
    # All assigned already: nothing to commit.
    run_hd_stdin "$A
$B
$C
" assign - --me
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "no commit when all are skipped"
    # unassign from stdin: one commit.
    run_hd_stdin "$A
$C
" unassign -
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 2)) "one unassign commit"
    expect_eq "$(ticket_trailers)" "$(sorted_ids "$A" "$C")" "unassign trailers"
    expect_clean
}

test_assign_dry_run_json_and_errors() {
    setup_desk
    id=$(new_ticket)
    head_before=$(git rev-parse HEAD)
    file_before=$(cat "$(ticket_path "$id")")
    run_hd assign "$id" --to "$KIM" --dry-run
    expect_rc 0
    expect_contains "$OUT" "hd assign $id"
    expect_eq "$(git rev-parse HEAD)" "$head_before" "HEAD after --dry-run"
    expect_eq "$(cat "$(ticket_path "$id")")" "$file_before" "file after --dry-run"
    expect_clean
    run_hd assign "$id" --to "$KIM" --json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert isinstance(j, list) and len(j) == 1, j
o = j[0]
assert o["id"] == sys.argv[1], o
assert o["skipped"] is None, o
assert len(o["events"]) == 1, o
e = o["events"][0]
assert e["kind"] == "assign" and e["assignee"] == "Kim Lee <kim@x.org>", e
assert e["by"] == "Sam Agent <sam@example.com>", e
' "$id" || fail "assign --json: $OUT"
    run_hd assign "$id" --to "$KIM" --json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
o = json.load(sys.stdin)[0]
assert o["events"] == [] and "already assigned" in o["skipped"], o
' || fail "skipped in --json: $OUT"
    before=$(commit_count)
    for bad in "kim" "Kim <kim@x.org" ""; do
        run_hd assign "$id" --to "$bad"
        expect_rc 2
    done
    run_hd assign "$id"
    expect_rc 2
    run_hd assign "$id" --to "$KIM" --me
    expect_rc 2
    run_hd assign zzzzzzz --me
    expect_rc 3
    run_hd unassign zzzzzzz
    expect_rc 3
    expect_eq "$(commit_count)" "$before" "nothing recorded by the errors"
    expect_clean
}

# ---------------------------------------------------------------- list filters

test_list_mine_assignee_unassigned() {
    setup_desk
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    C=$(new_ticket "Fax is silent" "Cy Chan <cy@example.org>")
    "$HD" assign "$A" --to "Sam Agent <SAM@Example.COM>" >/dev/null || fail assign
    "$HD" assign "$B" --to "Priya Nair <priya@corp.example>" >/dev/null || fail assign
    run_hd list --mine --ids
    expect_rc 0
    expect_eq "$OUT" "$A" "--mine (email in another case)"
    run_hd list --assignee PRIYA --ids
    expect_eq "$OUT" "$B" "--assignee by name, any case"
    run_hd list --assignee Corp.EXAMPLE --ids
    expect_eq "$OUT" "$B" "--assignee by email, any case"
    run_hd list --assignee nair --json
    expect_eq "$(py_json '[t["id"] for t in j]')" "['$B']" "--assignee --json"
    run_hd list --assignee agent --ids
    expect_eq "$OUT" "$A" "--assignee part of a name"
    run_hd list --assignee nobody-like-this --ids
    expect_rc 0
    expect_eq "$OUT" "" "--assignee matching nobody"
    run_hd list --unassigned --ids
    expect_eq "$OUT" "$C" "--unassigned"
    for pair in "--mine --unassigned" "--mine --assignee x" "--assignee x --unassigned"; do
        # shellcheck disable=SC2086
        run_hd list $pair
        expect_rc 2
        expect_eq "$OUT" "" "stdout of list $pair"
    done
    # The same filters in next and search.
    run_hd search "e" --mine --ids
    expect_eq "$OUT" "$A" "search --mine"
    run_hd next --unassigned --json
    expect_eq "$(py_json '[t["id"] for t in j]')" "['$C']" "next --unassigned"
}

# ---------------------------------------------------------------- set

test_set_one_event_per_changed_field() {
    setup_desk
    A=$(new_ticket "Printer on fire")
    B=$("$HD" new --title "Scanner jams" --from "Bo Berg <bo@example.org>" --priority high \
        --tag hw -m "Jams." </dev/null) || fail new
    before=$(commit_count)
    run_hd set "$A" "$B" --priority high --title "Printer burns" --audience client \
        --tag +hw --tag paper --greet "Ana-san" --zone Asia/Tokyo
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "one commit for both tickets"
    expect_eq "$(ticket_trailers)" "$(sorted_ids "$A" "$B")" "ticket trailers"
    expect_contains "$(trailers)" "Hd-Action: set"
    for k in title priority audience tag greet zone; do
        expect_eq "$(kind_count "$A" "$k")" 1 "$k events on A"
    done
    # B was high already and had the tag hw: no priority event, a tag event adding paper only.
    expect_eq "$(kind_count "$B" priority)" 0 "priority events on B (unchanged)"
    for k in title audience tag greet zone; do
        expect_eq "$(kind_count "$B" "$k")" 1 "$k events on B"
    done
    python3 - "$(ticket_path "$A")" "$(ticket_path "$B")" <<'EOF' || fail "set events: $(cat "$(ticket_path "$B")")"
import sys, tomllib
def ev(path):
    with open(path, "rb") as f:
        return {e["kind"]: e for e in tomllib.load(f)["event"]}
a, b = ev(sys.argv[1]), ev(sys.argv[2])
assert a["title"]["title"] == "Printer burns", a["title"]
assert a["priority"]["priority"] == "high", a["priority"]
assert a["audience"]["audience"] == "client", a["audience"]
assert sorted(a["tag"].get("add", [])) == ["hw", "paper"], a["tag"]
assert b["tag"].get("add") == ["paper"] and not b["tag"].get("remove"), b["tag"]
assert a["greet"]["greet"] == "Ana-san", a["greet"]
assert a["zone"]["zone"] == "Asia/Tokyo", a["zone"]
for e in list(a.values()) + list(b.values()):
    assert e["by"] == "Sam Agent <sam@example.com>", e
EOF
    run_hd show "$A" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
t = json.load(sys.stdin)
assert t["title"] == "Printer burns", t["title"]
assert t["priority"] == "high", t["priority"]
assert t["audience"] == "client", t["audience"]
assert sorted(t["tags"]) == ["hw", "paper"], t["tags"]
assert t["greet"] == "Ana-san" and t["zone"] == "Asia/Tokyo", t
' || fail "derived values: $OUT"
    # Removing a tag, re-adding one it has: one tag event with the removal only.
    run_hd set "$A" --tag -paper --tag +hw
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 2)) "commit for the tag change"
    expect_eq "$(kind_count "$A" tag)" 2 "tag events"
    expect_eq "$(last_event_json "$A" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e.get("remove"), e.get("add"))')" \
        "['paper'] None" "the removal event"
    run_hd show "$A" --json
    expect_eq "$(py_json 'j["tags"]')" "['hw']" "tags after removal"
    run_hd check
    expect_rc 0
    expect_clean
}

test_set_keeps_hand_written_header() {
    setup_desk
    mkdir -p tickets/k3
    file=tickets/k3/k3m9p2q.toml
    cat >"$file" <<'EOF'
# Written by hand on the phone.
id    = "k3m9p2q"
title = "Old   title"   # as she said it
created = 2026-11-23T08:00:00Z
requester = { name = "Ana Lima", email = "ana@example.org" }
priority = "low"
audience = "end-user"
tags = ["phone"]
body = """
She called: the "VPN" drops.
"""
EOF
    git add -A && git commit -qm "A ticket written by hand" || fail commit
    cp "$file" "$TEST_ROOT/hand.toml"
    run_hd set k3m9p2q --priority urgent --title "VPN drops" --tag -phone --tag vpn --audience client
    expect_rc 0
    size=$(wc -c <"$TEST_ROOT/hand.toml")
    head -c "$size" "$file" | cmp -s - "$TEST_ROOT/hand.toml" ||
        fail "the hand-written header changed: $(diff "$TEST_ROOT/hand.toml" "$file")"
    expect_eq "$(git diff HEAD~1 --numstat -- "$file" | cut -f2)" 0 "lines removed from the file"
    run_hd show k3m9p2q --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
t = json.load(sys.stdin)
assert (t["title"], t["priority"], t["audience"], t["tags"]) == ("VPN drops", "urgent", "client", ["vpn"]), t
' || fail "derived values: $OUT"
    # The header still says what it said.
    expect_contains "$(cat "$file")" 'title = "Old   title"   # as she said it'
    run_hd check
    expect_rc 0
    expect_clean
}

test_set_nothing_changed_and_bad_values() {
    setup_desk
    id=$(new_ticket)
    "$HD" set "$id" --priority high --zone Europe/Lisbon >/dev/null || fail set
    before=$(commit_count)
    file_before=$(cat "$(ticket_path "$id")")
    run_hd set "$id" --priority high --zone Europe/Lisbon --title "Printer on fire" --audience end-user
    expect_rc 0
    expect_contains "$ERR" "nothing to change"
    expect_eq "$(commit_count)" "$before" "no commit when nothing changes"
    expect_eq "$(cat "$(ticket_path "$id")")" "$file_before" "file when nothing changes"
    run_hd set "$id" --priority asap
    expect_rc 2
    expect_contains "$ERR" "asap"
    run_hd set "$id" --zone Mars/Olympus_Mons
    expect_rc 2
    expect_contains "$ERR" "Mars/Olympus_Mons"
    run_hd set "$id" --audience martians
    expect_rc 2
    run_hd set "$id"
    expect_rc 2
    run_hd set "$id" --priority low --dry-run
    expect_rc 0
    expect_eq "$(commit_count)" "$before" "commits after the errors and --dry-run"
    expect_eq "$(cat "$(ticket_path "$id")")" "$file_before" "file after the errors and --dry-run"
    expect_clean
}

# ---------------------------------------------------------------- snooze

test_snooze_until_forms_and_refusals() {
    answered_desk
    before=$(commit_count)
    # Never answered: the first response does not wait.
    run_hd snooze "$C" --until 3d
    expect_rc 6
    expect_contains "$ERR" "not been answered"
    run_hd snooze "$A" --until 2026-10-30
    expect_rc 2
    run_hd snooze "$A" --until 2026-11-01T09:59:00Z
    expect_rc 2
    run_hd snooze "$A" --until 2026-11-01T10:00:00Z
    expect_rc 2
    run_hd snooze "$A" --until soon
    expect_rc 2
    run_hd snooze "$A" --until 3d --dry-run
    expect_rc 0
    expect_eq "$(commit_count)" "$before" "nothing recorded yet"
    expect_clean
    run_hd snooze "$A" --until 3d --reason "until the new toner arrives"
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "commit for snooze"
    expect_contains "$(trailers)" "Hd-Action: snooze"
    expect_contains "$(trailers)" "Hd-Ticket: $A"
    expect_eq "$(last_event_json "$A")" \
        '{"kind": "snooze", "at": "2026-11-01T10:00:00+00:00", "by": "Sam Agent <sam@example.com>", "until": "2026-11-04T10:00:00+00:00", "reason": "until the new toner arrives"}' \
        "snooze --until 3d"
    run_hd snooze "$B" --until 2026-11-20
    expect_rc 0
    expect_eq "$(last_event_json "$B" | python3 -c 'import json,sys; print(json.load(sys.stdin)["until"])')" \
        "2026-11-20T00:00:00+00:00" "a date: the start of the day in the calendar's zone (UTC)"
    run_hd snooze "$B" --until 2026-11-03T12:00:00+09:00
    expect_rc 0
    run_hd show "$B" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
from datetime import datetime, timezone
t = json.load(sys.stdin)
u = datetime.fromisoformat(t["on_hold_until"].replace("Z", "+00:00"))
assert u == datetime(2026, 11, 3, 3, 0, tzinfo=timezone.utc), t["on_hold_until"]
' || fail "RFC 3339 until: $OUT"
    # Closed: refused.
    "$HD" close "$B" --resolution solved >/dev/null || fail close
    n=$(commit_count)
    run_hd snooze "$B" --until 3d
    expect_rc 6
    expect_eq "$(commit_count)" "$n" "no commit for a refused snooze"
    run_hd snooze zzzzzzz --until 3d
    expect_rc 3
    run_hd check
    expect_rc 0
    expect_clean
}

test_snooze_holds_followups() {
    answered_desk
    "$HD" snooze "$A" --until 6d >/dev/null || fail snooze
    # 6 November: A's quiet time (4d) has passed, but it is on hold until the 7th.
    export HD_NOW=2026-11-06T10:00:00Z
    run_hd followup --json
    expect_rc 0
    expect_eq "$(py_json '[d["id"] for d in j]')" "['$B']" "due list while A is on hold"
    run_hd followup
    expect_contains "$OUT" "$B"
    expect_not_contains "$OUT" "$A"
    run_hd list --json
    expect_eq "$(py_json 'sorted((t["id"], str(t["on_hold_until"])) for t in j)')" \
        "$(python3 -c 'import sys; print(sorted(zip(sys.argv[1::2], sys.argv[2::2])))' \
            "$A" 2026-11-07T10:00:00Z "$B" None "$C" None)" "list on_hold_until"
    run_hd show "$A" --json
    expect_eq "$(py_json 'j["on_hold_until"]')" "2026-11-07T10:00:00Z" "show on_hold_until"
    run_hd followup --due
    expect_rc 0
    expect_eq "$(git log -1 --format='%(trailers:key=Hd-Ticket,valueonly)' | grep .)" "$B" "only B followed up"
    expect_eq "$(kind_count "$A" followup)" 0 "follow-ups on A while on hold"
    # After the hold: due only after the quiet time plus the 6 days on hold.
    export HD_NOW=2026-11-08T10:00:00Z
    run_hd show "$A" --json
    expect_eq "$(py_json 'j["on_hold_until"]')" "None" "on_hold_until after the hold"
    run_hd followup --json
    expect_not_contains "$OUT" "$A"
    run_hd followup "$A"
    expect_rc 0
    expect_contains "$ERR" "not due until 2026-11-11"
    expect_eq "$(kind_count "$A" followup)" 0 "follow-ups on A before its time"
    HD_NOW=2026-11-11T09:59:00Z run_hd followup --json
    expect_not_contains "$OUT" "$A"
    HD_NOW=2026-11-11T10:00:00Z run_hd followup --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
d = [x for x in json.load(sys.stdin) if x["id"] == sys.argv[1]]
assert len(d) == 1 and d[0]["next"] == 1 and d[0]["due"] == "2026-11-11T10:00:00Z", d
' "$A" || fail "A due after quiet + hold: $OUT"
    HD_NOW=2026-11-11T10:00:00Z run_hd followup --due
    expect_rc 0
    expect_contains "$OUT" "$A  follow-up 1 sent"
    expect_eq "$(kind_count "$A" followup)" 1 "follow-up on A"
    expect_clean
}

test_snooze_ends_on_receive_and_clear() {
    answered_desk
    "$HD" snooze "$A" "$B" --until 2026-11-20 >/dev/null || fail snooze
    expect_eq "$(ticket_trailers)" "$(sorted_ids "$A" "$B")" "one commit for both"
    export HD_NOW=2026-11-02T10:00:00Z
    # The requester writes: A's hold ends, and A is owed a reply.
    "$HD" receive "$A" -m "The toner came early." || fail receive
    run_hd show "$A" --json
    expect_eq "$(py_json 'j["on_hold_until"]')" "None" "on hold after a message"
    run_hd next --json
    expect_eq "$(py_json '[(t["id"], t["action"]) for t in j if t["id"] == "'"$A"'"]')" "[('$A', 'reply')]" "A in next"
    # --clear ends B's hold now: until = now.
    before=$(commit_count)
    run_hd snooze "$B" --clear
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "commit for --clear"
    expect_eq "$(last_event_json "$B" | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e["kind"], e["at"] == e["until"])')" \
        "snooze True" "--clear event"
    run_hd list --json
    expect_eq "$(py_json '[t["on_hold_until"] for t in j]')" "[None, None, None]" "nothing on hold"
    run_hd snooze "$B" --clear
    expect_rc 0
    expect_contains "$ERR" "not on hold"
    expect_eq "$(commit_count)" $((before + 1)) "no commit for a second --clear"
    # B was on hold one day (1 to 2 November): follow-up 1 due on the 6th, not the 5th.
    HD_NOW=2026-11-05T10:00:00Z run_hd followup --json
    expect_not_contains "$OUT" "$B"
    HD_NOW=2026-11-06T10:00:00Z run_hd followup --json
    expect_eq "$(py_json '[d["due"] for d in j if d["id"] == "'"$B"'"]')" "['2026-11-06T10:00:00Z']" "B due"
    expect_clean
}

# A normal ticket answered at 10:00, written to at 11:00, put on hold at
# 12:00 until 4 November at 12:00: the resolution clock counted 2 hours.
held_report_desk() {
    setup_desk
    export HD_NOW=2026-11-02T09:00:00Z
    T=$(new_ticket)
    HD_NOW=2026-11-02T10:00:00Z "$HD" reply "$T" -m "Please unplug it." --no-lint >/dev/null || fail reply
    HD_NOW=2026-11-02T11:00:00Z "$HD" receive "$T" -m "Still smokes." || fail receive
    HD_NOW=2026-11-02T12:00:00Z "$HD" snooze "$T" --until 2026-11-04T12:00:00Z >/dev/null || fail snooze
}

test_snooze_pauses_resolution_in_report() {
    held_report_desk
    for now in 2026-11-02T12:00:00Z 2026-11-03T12:00:00Z 2026-11-04T11:59:00Z; do
        HD_NOW=$now run_hd report --format json
        expect_rc 0
        printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
t = r["tickets"][0]
assert t["on_hold_until"] == "2026-11-04T12:00:00Z", t
res = [c for c in t["clocks"] if c["clock"] == "resolution"][0]
assert res["state"] == "paused" and res["elapsed_seconds"] == 7200, res
assert res["due"] is None, res
# The next response does not pause.
nr = [c for c in t["clocks"] if c["clock"] == "next-response"][0]
assert nr["state"] != "paused", nr
assert r["totals"]["on_hold"] == 1, r["totals"]
' || fail "report at $now: $OUT"
    done
    HD_NOW=2026-11-03T12:00:00Z run_hd report
    expect_contains "$OUT" "1 on hold"
    # After the hold the clock counts again from where it stopped.
    HD_NOW=2026-11-05T00:00:00Z run_hd report --format json
    printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
t = r["tickets"][0]
assert t["on_hold_until"] is None, t
res = [c for c in t["clocks"] if c["clock"] == "resolution"][0]
assert res["state"] == "running" and res["elapsed_seconds"] == 7200 + 12 * 3600, res
assert res["due"] == "2026-11-05T10:00:00Z", res
assert r["totals"]["on_hold"] == 0, r["totals"]
' || fail "report after the hold: $OUT"
}

# The same clock, once breached after the hold: 2 hours over at 12:00, so
# its target was used up at 10:00 that day (not during the hold).
test_report_breach_after_hold_has_right_due() {
    held_report_desk
    HD_NOW=2026-11-05T12:00:00Z run_hd report --format json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
res = [c for c in r["tickets"][0]["clocks"] if c["clock"] == "resolution"][0]
assert res["state"] == "breached" and res["elapsed_seconds"] == 93600, res
f = [x for x in r["findings"] if x["clock"] == "resolution"][0]
assert f["past_seconds"] == 7200, f
assert res["due"] == "2026-11-05T10:00:00Z", "resolution due %s, expected 2026-11-05T10:00:00Z" % res["due"]
assert f["due"] == "2026-11-05T10:00:00Z", f
' || fail "breached after a hold"
}

# ---------------------------------------------------------------- next

test_next_order_groups_and_filters() {
    setup_desk
    export HD_NOW=2026-11-02T09:00:00Z
    F=$(new_ticket "Quiet since Monday" "Fa Fox <fa@example.org>")
    "$HD" reply "$F" -m "Please try again." --no-lint >/dev/null || fail reply
    export HD_NOW=2026-11-06T09:00:00Z
    W=$(new_ticket "Waiting on her" "Wo Wu <wo@example.org>")
    "$HD" reply "$W" -m "Please try again." --no-lint >/dev/null || fail reply
    O=$(new_ticket "On hold" "Ho Hu <ho@example.org>")
    "$HD" reply "$O" -m "Please try again." --no-lint >/dev/null || fail reply
    "$HD" snooze "$O" --until 2026-11-30 >/dev/null || fail snooze
    N=$(new_ticket "Normal with time left" "No Nu <no@example.org>")
    "$HD" assign "$N" --me >/dev/null || fail assign
    U=$("$HD" new --title "Site down" --priority urgent --from "Ur Uz <ur@example.org>" -m "Down." </dev/null) || fail new
    Z=$(new_ticket "Closed" "Ze Zu <ze@example.org>")
    "$HD" close "$Z" --resolution spam >/dev/null || fail close
    export HD_NOW=2026-11-06T10:30:00Z
    run_hd next --json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
U, N, F = sys.argv[1:]
j = json.load(sys.stdin)
assert [t["id"] for t in j] == [U, N, F], [(t["id"], t["title"]) for t in j]
u, n, f = j
for t in j:
    for k in ("id", "title", "priority", "status", "assignee", "action", "due", "late", "left_seconds", "group", "on_hold_until"):
        assert k in t, (k, t)
assert (u["action"], u["group"], u["late"], u["left_seconds"], u["due"]) == ("first response", "sla", True, -1800, "2026-11-06T10:00:00Z"), u
assert (n["action"], n["group"], n["late"], n["left_seconds"], n["due"]) == ("first response", "sla", False, 6 * 3600 + 1800, "2026-11-06T17:00:00Z"), n
assert n["assignee"] == "Sam Agent <sam@example.com>", n
assert (f["action"], f["group"], f["due"]) == ("follow-up 1", "followup", "2026-11-06T09:00:00Z"), f
' "$U" "$N" "$F" || fail "next: $OUT"
    run_hd next
    expect_rc 0
    expect_eq "$(printf '%s\n' "$OUT" | awk '{print $1}' | tr '\n' ' ')" "$U $N $F " "text order"
    expect_contains "$(printf '%s\n' "$OUT" | head -n 1)" "30m late"
    expect_contains "$(printf '%s\n' "$OUT" | sed -n 2p)" "6h 30m left"
    expect_contains "$(printf '%s\n' "$OUT" | sed -n 3p)" "follow-up 1"
    run_hd next --all --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
U, N, F, W, O = sys.argv[1:]
j = json.load(sys.stdin)
ids = [t["id"] for t in j]
assert ids[:3] == [U, N, F] and sorted(ids[3:]) == sorted([W, O]), ids
rest = {t["id"]: t for t in j[3:]}
assert all(t["group"] == "rest" for t in rest.values()), rest
assert rest[O]["on_hold_until"] == "2026-11-30T00:00:00Z", rest[O]
assert rest[W]["on_hold_until"] is None, rest[W]
' "$U" "$N" "$F" "$W" "$O" || fail "next --all: $OUT"
    expect_not_contains "$OUT" "$Z"
    run_hd next --all
    expect_contains "$(printf '%s\n' "$OUT" | grep "^$O")" "on hold"
    run_hd next --mine --json
    expect_eq "$(py_json '[t["id"] for t in j]')" "['$N']" "next --mine"
    run_hd next --limit 1 --json
    expect_eq "$(py_json '[t["id"] for t in j]')" "['$U']" "next --limit 1"
    run_hd next --mine --unassigned
    expect_rc 2
}

test_next_nothing_to_do() {
    setup_desk
    run_hd next
    expect_rc 0
    expect_eq "$OUT" "" "stdout"
    expect_contains "$ERR" "nothing to do"
    run_hd next --json
    expect_rc 0
    expect_eq "$(py_json 'j')" "[]" "next --json"
    # Only a ticket waiting on the requester: nothing to do, except with --all.
    id=$(new_ticket)
    "$HD" reply "$id" -m "Please unplug it." --no-lint >/dev/null || fail reply
    run_hd next
    expect_rc 0
    expect_eq "$OUT" "" "stdout with a waiting ticket"
    expect_contains "$ERR" "nothing to do"
    run_hd next --all --json
    expect_eq "$(py_json '[(t["id"], t["group"]) for t in j]')" "[('$id', 'rest')]" "--all"
}

# ---------------------------------------------------------------- search

search_desk() {
    setup_desk
    export HD_NOW=2026-11-02T09:00:00Z
    T=$(new_ticket "Zebra printer" "Ana Lima <ana@example.org>" "It smokes.")
    S=$("$HD" new --title "Login" --from "Bo Berg <bo@example.org>" --summary "the Quokka page fails" \
        -m "It fails." </dev/null) || fail new
    R=$(new_ticket "Mail" "Cy Chan <walrus.keeper@example.org>" "No mail.")
    D=$(new_ticket "Paths" "Di Dee <di@example.org>" 'The Narwhal said "hi" at C:\temp\x and left.')
    P=$(new_ticket "VPN" "Ed Eke <ed@example.org>" "It drops.")
    "$HD" reply "$P" -m "Please try the Platypus mode." --no-lint >/dev/null || fail reply
    N=$(new_ticket "Disk" "Fi Fu <fi@example.org>" "It is full.")
    "$HD" note "$N" -m "Internal: the axolotl backup ate it." >/dev/null || fail note
    "$HD" close "$T" --resolution solved >/dev/null || fail close
}

# search_one TEXT ID WHERE: search finds exactly ID, first match in WHERE.
search_one() {
    run_hd search "$1" --json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
text, id, where = sys.argv[1:]
j = json.load(sys.stdin)
assert [t["id"] for t in j] == [id], (text, [t["id"] for t in j])
m = j[0]["match"]
assert m["where"] == where, (text, m)
assert text.lower() in m["snippet"].lower(), (text, m)
assert isinstance(m["line"], int), m
' "$1" "$2" "$3" || fail "search '$1': $OUT"
}

# match.line is "the line of the ticket file the match is on" (hd-search(1)).
test_search_match_line_is_the_line_of_the_file() {
    search_desk
    bad=""
    for needle in zebra quokka walrus.keeper narwhal platypus axolotl; do
        run_hd search "$needle" --json
        expect_rc 0
        got=$(py_json '"%s %s" % (j[0]["path"], j[0]["match"]["line"])')
        path=${got% *}
        want=$(grep -n -i -m1 -F "$needle" "$path" | cut -d: -f1)
        [ "${got#* }" = "$want" ] || bad="$bad $needle: line ${got#* }, the text is on line $want of $path;"
    done
    [ -z "$bad" ] || fail "match.line:$bad"
}

test_search_finds_text_everywhere() {
    search_desk
    search_one zebra "$T" title
    search_one QUOKKA "$S" summary
    search_one Walrus.Keeper "$R" requester
    search_one narwhal "$D" body
    search_one pLaTyPuS "$P" "event 1 (reply)"
    search_one AXOLOTL "$N" "event 1 (note)"
    # TOML escapes in the file do not hide a quote or a backslash.
    search_one '"hi"' "$D" body
    search_one 'C:\temp\x' "$D" body
    # Text output: the row, then the first match under it.
    run_hd search narwhal
    expect_rc 0
    expect_contains "$(printf '%s\n' "$OUT" | grep "^$D")" "Paths"
    expect_contains "$OUT" "    body: "
    expect_contains "$OUT" "Narwhal"
    run_hd search zebra --ids
    expect_eq "$OUT" "$T" "--ids includes the closed ticket"
}

test_search_filters_and_errors() {
    search_desk
    run_hd search zebra --status open --ids
    expect_rc 0
    expect_eq "$OUT" "" "--status open leaves out the closed ticket"
    run_hd search zebra --status closed --ids
    expect_eq "$OUT" "$T" "--status closed"
    run_hd search "it " --status waiting --ids
    expect_eq "$OUT" "$P" "--status waiting"
    run_hd search nothing-like-this-anywhere
    expect_rc 0
    expect_eq "$OUT" "" "no match"
    run_hd search ""
    expect_rc 2
    run_hd search zebra --json --ids
    expect_rc 2
    # list --grep: the same hits, but no closed tickets.
    for needle in narwhal axolotl platypus quokka; do
        run_hd search "$needle" --ids
        s=$OUT
        run_hd list --grep "$needle" --ids
        expect_rc 0
        expect_eq "$OUT" "$s" "list --grep $needle"
    done
    run_hd list --grep zebra --ids
    expect_rc 0
    expect_eq "$OUT" "" "list --grep leaves out closed tickets"
    run_hd list --grep zebra --all --ids
    expect_eq "$OUT" "$T" "list --grep --all"
}

# hd-list(1): an empty --grep is a usage error (as hd search "" is).
test_list_grep_empty_is_usage_error() {
    search_desk
    run_hd list --grep ""
    expect_rc 2
}

test_search_does_not_print_terminal_escapes() {
    setup_desk
    id=$(new_ticket "Odd mail" "Gu Gee <gu@example.org>" $'Beware \e[31mdanger\e[0m\e]0;pwned\a here')
    for cmd in "search danger" "search danger --json" "list --grep danger" "search pwned"; do
        # shellcheck disable=SC2086
        "$HD" $cmd >"$TEST_ROOT/raw" 2>/dev/null </dev/null || fail "hd $cmd"
        grep -q "$id" "$TEST_ROOT/raw" || fail "hd $cmd did not find the ticket"
        if LC_ALL=C grep -q $'[\x1b\x07]' "$TEST_ROOT/raw"; then
            fail "hd $cmd printed a raw ESC or BEL: $(od -c "$TEST_ROOT/raw" | head)"
        fi
    done
}

# ---------------------------------------------------------------- templates

test_templates_list_and_desk_override() {
    setup_desk
    run_hd templates
    expect_rc 0
    for name in first-response clarify followup-1 followup-2 close-solved escalate; do
        expect_contains "$OUT" "$name"
    done
    expect_eq "$(printf '%s\n' "$OUT" | grep -c -v 'built-in$')" 0 "all built-in"
    mkdir -p templates
    printf 'Dear {{greeting_name}},\n\n{{message}}\n\nOur own words.\n{{signature}}\n' \
        >templates/first-response.client.mustache
    printf 'Hi {{greeting_name}}, about {{ticket_id}}.\n' >templates/promo.end-user.mustache
    git add templates && git commit -qm "Templates of our own" || fail commit
    run_hd templates
    expect_rc 0
    expect_contains "$(printf '%s\n' "$OUT" | grep '^first-response  *client')" \
        "templates/first-response.client.mustache"
    expect_contains "$(printf '%s\n' "$OUT" | grep '^first-response  *end-user')" "built-in"
    expect_contains "$(printf '%s\n' "$OUT" | grep '^promo ')" "templates/promo.end-user.mustache"
    run_hd templates --json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
j = json.load(sys.stdin)
src = {(t["name"], t["audience"]): t["source"] for t in j}
assert src[("first-response", "client")] == "templates/first-response.client.mustache", src
assert src[("first-response", "end-user")] == "built-in", src
assert src[("promo", "end-user")] == "templates/promo.end-user.mustache", src
assert ("promo", "client") not in src, src
assert all(set(t) >= {"name", "audience", "source"} for t in j), j
' || fail "templates --json: $OUT"
    # show NAME: the raw text, byte for byte.
    "$HD" templates show first-response --audience client >"$TEST_ROOT/raw" </dev/null || fail show
    cmp -s "$TEST_ROOT/raw" templates/first-response.client.mustache || fail "show differs: $(cat "$TEST_ROOT/raw")"
    run_hd templates show first-response
    expect_rc 0
    expect_contains "$OUT" "{{greeting_name}}"
    expect_contains "$OUT" "{{update_due}}"
    run_hd templates show nosuch
    expect_rc 2
    run_hd templates show promo --audience client
    expect_rc 2
    run_hd templates show first-response --audience martians
    expect_rc 2
    run_hd templates show first-response zzzzzzz
    expect_rc 3
    expect_clean
}

test_templates_show_renders_for_ticket() {
    setup_desk
    id=$(new_ticket "Printer on fire" "Ana Lima <ana@example.org>")
    run_hd templates show first-response "$id"
    expect_rc 0
    expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "Hello Ana," "greeting"
    expect_contains "$OUT" "Your request number is $id."
    expect_contains "$OUT" "Sam Agent"
    expect_not_contains "$OUT" "{{"
    "$HD" set "$id" --greet "Watanabe-san" >/dev/null || fail set
    before=$(commit_count)
    run_hd templates show first-response "$id"
    expect_rc 0
    expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "Hello Watanabe-san," "greeting by the greet name"
    expect_eq "$(commit_count)" "$before" "show commits nothing"
    expect_clean
}

# ---------------------------------------------------------------- promises

test_promises_in_first_response() {
    setup_desk
    # 08:30 UTC; urgent resolution (default policy) is 4h: 12:30 UTC.
    export HD_NOW=2026-11-23T09:30:00+01:00
    U=$("$HD" new --title "Site down" --priority urgent --from "Ana Lima <ana@example.org>" -m "Down." </dev/null) || fail new
    run_hd templates show first-response "$U"
    expect_rc 0
    expect_contains "$OUT" "write to you again by today at 12:30 (UTC)."
    # In the requester's zone, named: 21:30 in Tokyo.
    "$HD" set "$U" --zone Asia/Tokyo >/dev/null || fail set
    run_hd templates show first-response "$U"
    expect_contains "$OUT" "write to you again by today at 21:30 (Asia/Tokyo)."
    expect_not_contains "$OUT" "(UTC)"
    # The reply itself says the same.
    run_hd reply "$U" -m "We are looking at it." --no-lint
    expect_rc 0
    run_hd show "$U" --json
    expect_contains "$(py_json 'j["events"][-1]["body"]')" "today at 21:30 (Asia/Tokyo)"
    # Low priority: resolution in 72h, on Thursday.
    L=$("$HD" new --title "Slow wiki" --priority low --from "Bo Berg <bo@example.org>" -m "Slow." </dev/null) || fail new
    run_hd templates show first-response "$L"
    expect_contains "$OUT" "write to you again by Thursday 26 November at 08:30 (UTC)."
    expect_not_contains "$OUT" "today"
    expect_not_contains "$OUT" "end of the next working day"
    expect_clean
}

# ---------------------------------------------------------------- report --by agent

test_report_by_agent_credits_who_did_it() {
    setup_desk
    git config user.name "Ann Agent"
    git config user.email ann@example.com
    export HD_NOW=2026-11-02T09:00:00Z
    id=$(new_ticket)
    HD_NOW=2026-11-02T10:00:00Z "$HD" reply "$id" -m "Please unplug it." --no-lint >/dev/null || fail reply
    HD_NOW=2026-11-02T11:00:00Z "$HD" assign "$id" --to "Ben Berg <ben@example.com>" >/dev/null || fail assign
    HD_NOW=2026-11-02T12:00:00Z "$HD" receive "$id" -m "Unplugged; still smokes." || fail receive
    git config user.name "Ben Berg"
    git config user.email ben@example.com
    HD_NOW=2026-11-02T14:00:00Z "$HD" close "$id" --resolution solved >/dev/null || fail close
    expect_eq "$(git log -1 --format=%an)" "Ben Berg" "closed by Ben"
    HD_NOW=2026-11-03T09:00:00Z run_hd report --by agent --format json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
assert r["group_by"] == "agent", r["group_by"]
g = {x["key"]: x for x in r["groups"]}
assert set(g) == {"Ann Agent", "Ben Berg"}, list(g)
ann, ben = g["Ann Agent"], g["Ben Berg"]
# First answer by Ann after 1h; resolution 1h + 2h (12:00 to 14:00) by Ben.
assert ann["first_response"]["finished"] == 1 and ann["first_response"]["median_seconds"] == 3600, ann
assert ann["resolution"]["finished"] == 0, ann
assert ben["first_response"]["finished"] == 0, ben
assert ben["resolution"]["finished"] == 1 and ben["resolution"]["median_seconds"] == 3 * 3600, ben
assert r["totals"]["first_response"]["finished"] == 1 and r["totals"]["resolution"]["finished"] == 1, r["totals"]
' || fail "report --by agent: $OUT"
    HD_NOW=2026-11-03T09:00:00Z run_hd report --by agent
    expect_rc 0
    expect_contains "$OUT" "Ann Agent"
    expect_contains "$OUT" "Ben Berg"
}

# ---------------------------------------------------------------- followup by the assignee

test_followup_signed_by_assignee() {
    answered_desk
    "$HD" assign "$A" --to "$KIM" >/dev/null || fail assign
    HD_NOW=2026-11-05T10:00:00Z run_hd followup --due
    expect_rc 0
    expect_contains "$OUT" "$A  follow-up 1 sent"
    expect_contains "$OUT" "$B  follow-up 1 sent"
    expect_eq "$(git log -1 --format='%an <%ae>')" "Sam Agent <sam@example.com>" "commit author"
    run_hd show "$A" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
e = json.load(sys.stdin)["events"][-1]
assert e["kind"] == "followup", e
assert e["by"] == "Kim Lee <kim@x.org>", e["by"]
lines = e["body"].rstrip("\n").splitlines()
assert lines[-1] == "Kim Lee", lines[-3:]
assert "Sam Agent" not in e["body"], e["body"]
' || fail "A's follow-up: $OUT"
    # B has no assignee: signed by whoever ran hd.
    run_hd show "$B" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
e = json.load(sys.stdin)["events"][-1]
assert e["kind"] == "followup" and e["by"] == "Sam Agent <sam@example.com>", e
assert e["body"].rstrip("\n").splitlines()[-1] == "Sam Agent", e["body"]
' || fail "B's follow-up: $OUT"
    expect_clean
}

# ---------------------------------------------------------------- backfill

test_backfill_receive_and_note() {
    setup_desk
    export HD_NOW=2026-11-02T09:00:00Z
    id=$(new_ticket)
    HD_NOW=2026-11-02T12:00:00Z "$HD" reply "$id" -m "Please unplug it." --no-lint >/dev/null || fail reply
    before=$(commit_count)
    file_before=$(cat "$(ticket_path "$id")")
    HD_NOW=2026-11-02T10:00:00Z run_hd receive "$id" -m "Also the tray is stuck."
    expect_rc 2
    expect_contains "$ERR" "--backfill"
    HD_NOW=2026-11-02T11:00:00Z run_hd note "$id" -m "She called."
    expect_rc 2
    expect_eq "$(commit_count)" "$before" "nothing recorded without --backfill"
    expect_eq "$(cat "$(ticket_path "$id")")" "$file_before" "file without --backfill"
    HD_NOW=2026-11-02T11:00:00Z run_hd note "$id" -m "She called." --backfill
    expect_rc 0
    HD_NOW=2026-11-02T10:00:00Z run_hd receive "$id" -m "Also the tray is stuck." --backfill
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 2)) "two commits with --backfill"
    python3 - "$(ticket_path "$id")" <<'EOF' || fail "time order: $(cat "$(ticket_path "$id")")"
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    ev = tomllib.load(f)["event"]
got = [(e["kind"], e["at"].isoformat()) for e in ev]
assert got == [("receive", "2026-11-02T10:00:00+00:00"), ("note", "2026-11-02T11:00:00+00:00"),
               ("reply", "2026-11-02T12:00:00+00:00")], got
assert ev[0]["body"] == "Also the tray is stuck." and ev[1]["body"] == "She called.", ev
EOF
    # The reply at 12:00 still answers everything: waiting on the requester.
    run_hd show "$id" --json
    expect_eq "$(py_json 'j["waiting_on"]')" "requester" "waiting on"
    run_hd check
    expect_rc 0
    expect_clean
}
