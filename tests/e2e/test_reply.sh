# hd reply: templates, lint, dry runs and state

test_first_reply_uses_first_response_template() {
    setup_desk
    id=$(new_ticket "Invoice in wrong currency" "Ana Lima <ana@example.org>" "It says USD.")
    "$HD" restate "$id" "your invoice shows dollars instead of euros" || fail restate
    run_hd reply "$id" -m "I have switched your account to EUR."
    expect_rc 0
    expect_eq "$ERR" "" "no lint findings"
    expect_eq "$(git log -1 --format=%s)" "hd reply $id: Invoice in wrong currency"
    expect_contains "$(git log -1 --format=%B)" "Hd-Template: first-response"
    run_hd show "$id" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
t = json.load(sys.stdin)
assert t["status"] == "waiting" and t["waiting_on"] == "requester", t["status"]
body = t["events"][-1]["body"]
assert body.startswith("Hello Ana,") or body.startswith("Hi Ana,"), body
assert "your invoice shows dollars instead of euros" in body, body
assert "I have switched your account to EUR." in body, body
assert body.rstrip().endswith("Sam Agent"), body
' || fail "bad reply: $OUT"
    expect_clean
}

test_dry_run_writes_nothing() {
    setup_desk
    id=$(new_ticket)
    before=$(git rev-parse HEAD)
    run_hd reply "$id" --dry-run
    expect_rc 0
    expect_contains "$OUT" "Hello Ana"
    expect_contains "$OUT" "hd reply $id: Printer on fire"
    expect_contains "$OUT" "Hd-Template: first-response"
    expect_eq "$(git rev-parse HEAD)" "$before" "HEAD"
    expect_clean
}

test_lint_warns_and_strict_refuses() {
    setup_desk
    id=$(new_ticket)
    run_hd reply "$id" -m "fixed" --template none --strict
    expect_rc 6
    expect_contains "$ERR" "[greeting]"
    expect_contains "$ERR" "[signature]"
    expect_contains "$ERR" "[restatement]"
    expect_eq "$(commit_count)" 2 "nothing recorded"
    run_hd reply "$id" -m "fixed" --template none
    expect_rc 0
    expect_contains "$ERR" "[greeting]"
    run_hd reply "$id" -m "Hi Ana, all good. Sam Agent" --template none --no-lint
    expect_rc 0
    expect_eq "$ERR" "" "--no-lint prints nothing"
    expect_eq "$(commit_count)" 4 "commits"
}

test_ask_waits_on_the_requester_and_receive_turns_it_back() {
    setup_desk
    id=$(new_ticket)
    "$HD" restate "$id" "the printer smokes" || fail restate
    run_hd reply "$id" -m "Which model is it?" --ask
    expect_rc 0
    expect_contains "$(git log -1 --format=%B)" "Hd-Ask: yes"
    expect_contains "$(cat "$(ticket_path "$id")")" "ask = true"
    run_hd list --status waiting --ids
    expect_eq "$OUT" "$id" "waiting"
    "$HD" receive "$id" -m "An LX-200." || fail receive
    run_hd list --status open --ids
    expect_eq "$OUT" "$id" "open"
    run_hd reply "$id" -m "Does it smoke on a test page too?" --ask
    expect_rc 0
    expect_contains "$(git log -1 --format=%B)" "Hd-Template: clarify"
    run_hd reply "$id"
    expect_rc 2
    expect_contains "$ERR" "--template"
    expect_clean
}

test_desk_templates_override_and_are_checked() {
    setup_desk
    id=$(new_ticket)
    mkdir templates
    printf 'Hi {{requester_first_name}},\n\n{{message}}\n\n{{signature}}\n' >templates/short.end-user.mustache
    git add templates && git commit -qm "our template"
    run_hd reply "$id" --template short -m "On it." --no-lint
    expect_rc 0
    run_hd show "$id" --json
    expect_contains "$OUT" 'Hi Ana,\n\nOn it.\n\nKind regards,\nSam Agent'
    printf 'Hi {{requester_first_name}},\n\n{{customer_tier}}\n' >templates/bad.end-user.mustache
    run_hd reply "$id" --template bad -m x
    expect_rc 4
    expect_contains "$ERR" "templates/bad.end-user.mustache:3:1: unknown variable 'customer_tier'"
    run_hd reply "$id" --template nosuch -m x
    expect_rc 2
    expect_contains "$ERR" "templates/nosuch.end-user.mustache"
    expect_eq "$(commit_count)" 4 "commits"
}

test_client_audience_gets_client_variant() {
    setup_desk
    id=$("$HD" new --title "API 500s" --from "Kim Park <kim@example.com>" --audience client \
        --summary "the orders API returns 500 on large pages" </dev/null)
    run_hd reply "$id" --template first-response --dry-run
    client=$OUT
    id2=$(new_ticket "API 500s" "Kim Park <kim@example.com>")
    "$HD" restate "$id2" "the orders API returns 500 on large pages" || fail restate
    run_hd reply "$id2" --template first-response --dry-run
    [ "$client" != "$OUT" ] || fail "client and end-user replies are the same"
    [ ${#client} -lt ${#OUT} ] || fail "the client reply should be the briefer one"
}

test_reply_to_closed_ticket_is_refused() {
    setup_desk
    id=$(new_ticket)
    printf '\n[[event]]\nkind = "close"\nat = 2026-11-23T10:00:00+01:00\nby = "Sam Agent <sam@example.com>"\nresolution = "spam"\n' >>"$(ticket_path "$id")"
    git commit -qam "closed"
    run_hd reply "$id" -m "Hello"
    expect_rc 6
    expect_contains "$ERR" "closed"
}

test_list_filters_on_whose_turn_it_is() {
    setup_desk
    a=$(new_ticket "ours")
    b=$(new_ticket "theirs")
    "$HD" reply "$b" -m "Could you send a photo?" --ask --no-lint || fail reply
    run_hd list --waiting-on us --ids
    expect_eq "$OUT" "$a" "our turn"
    run_hd list --waiting-on requester --ids
    expect_eq "$OUT" "$b" "their turn"
    run_hd list --waiting-on nobody --ids
    expect_eq "$OUT" "" "nobody"
    run_hd list --waiting-on them
    expect_rc 2
}

test_reply_refuses_empty_and_misplaced_templates() {
    setup_desk
    id=$(new_ticket)
    run_hd reply "$id" -m ""
    expect_rc 2
    run_hd reply "$id" --ask
    expect_rc 2
    expect_contains "$ERR" "--ask"
    run_hd reply "$id" --template escalate -m x
    expect_rc 2
    expect_contains "$ERR" "hd escalate"
    run_hd reply "$id" --template close-solved -m x
    expect_rc 2
    expect_eq "$(commit_count)" 2 "commits"
}
