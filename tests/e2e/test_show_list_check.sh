# hd show, hd list, hd check

test_show_text_and_json() {
    setup_desk
    id=$(new_ticket "Invoice in wrong currency" "José Núñez <jose@example.org>" "Shows USD, I pay in EUR.")
    "$HD" note "$id" -m "Looks like the locale setting." || fail note
    run_hd show "$id"
    expect_rc 0
    expect_contains "$OUT" "Invoice in wrong currency"
    expect_contains "$OUT" "José Núñez <jose@example.org>"
    expect_contains "$OUT" "internal note"
    expect_contains "$OUT" "Looks like the locale setting."
    run_hd show "$id" --json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
t = json.load(sys.stdin)
for k in ["id", "title", "status", "priority", "audience", "requester", "summary", "created", "events"]:
    assert k in t, k
assert t["status"] == "new", t["status"]
assert t["requester"] == {"name": "José Núñez", "email": "jose@example.org"}
assert t["created"] == "2026-11-23T09:30:00+01:00"
assert [e["kind"] for e in t["events"]] == ["note"]
e = t["events"][0]
assert e["by"] == "Sam Agent <sam@example.com>" and e["public"] is False
' || fail "bad JSON: $OUT"
    run_hd show nothere
    expect_rc 3
}

test_list_filters_and_formats() {
    setup_desk
    a=$(new_ticket "first")
    HD_NOW=2026-11-23T10:00:00+01:00 "$HD" new --title second --from "Bo <bo@example.org>" --priority urgent --tag vip >/dev/null
    # A closed ticket, written as a later command would write it.
    c=$(new_ticket "third")
    printf '\n[[event]]\nkind = "close"\nat = 2026-11-23T11:00:00+01:00\nby = "Sam Agent <sam@example.com>"\nresolution = "spam"\n' >>"$(ticket_path "$c")"
    git commit -qam "close by hand"
    run_hd list
    expect_rc 0
    expect_contains "$OUT" "first"
    expect_contains "$OUT" "second"
    expect_not_contains "$OUT" "third"
    run_hd list --all --ids
    expect_eq "$(echo "$OUT" | wc -l | tr -d ' ')" 3 "all ids"
    run_hd list --priority urgent --ids
    expect_eq "$(echo "$OUT" | wc -l | tr -d ' ')" 1 "urgent ids"
    run_hd list --tag vip --json
    expect_contains "$OUT" '"title": "second"'
    run_hd list --status closed --ids
    expect_eq "$OUT" "$c" "closed"
    run_hd list --requester BO@ --ids
    expect_eq "$(echo "$OUT" | wc -l | tr -d ' ')" 1 "requester filter"
    run_hd list --status bogus
    expect_rc 2
    run_hd list --json
    printf '%s' "$OUT" | python3 -c 'import json,sys; a=json.load(sys.stdin); assert [t["title"] for t in a]==["first","second"], a' || fail "json order: $OUT"
}

test_list_reports_broken_ticket_and_lists_the_rest() {
    setup_desk
    good=$(new_ticket "good one")
    bad=$(new_ticket "bad one")
    sed -i 's/^created = .*/created = "last tuesday"/' "$(ticket_path "$bad")"
    git commit -qam "break it"
    run_hd list
    expect_rc 4
    expect_contains "$OUT" "good one"
    expect_contains "$ERR" "$(ticket_path "$bad"):4:"
    expect_contains "$ERR" "'created'"
    run_hd __ids
    expect_eq "$(echo "$OUT" | sort | tr '\n' ' ')" "$(printf '%s\n' "$good" "$bad" | sort | tr '\n' ' ')" "ids"
}

test_list_cache_follows_changes() {
    setup_desk
    id=$(new_ticket "cached")
    run_hd list --json
    expect_contains "$OUT" '"status": "new"'
    [ -f .git/hd-rows ] || fail "no cache written"
    printf '\n[[event]]\nkind = "reply"\nat = 2026-11-23T11:00:00+01:00\nby = "Sam Agent <sam@example.com>"\nbody = "Hello"\n' >>"$(ticket_path "$id")"
    git commit -qam "reply by hand"
    run_hd list --json
    expect_contains "$OUT" '"status": "waiting"'
    printf 'garbage' >.git/hd-rows
    run_hd list --json
    expect_rc 0
    expect_contains "$OUT" '"status": "waiting"'
}

test_list_reads_every_index_version() {
    setup_desk
    a=$(new_ticket "one")
    b=$(new_ticket "two")
    want=$(printf '%s\n' "$a" "$b" | sort | tr '\n' ' ')
    for v in 2 3 4; do
        git update-index --index-version "$v"
        rm -f .git/hd-rows
        run_hd list --ids
        expect_rc 0
        expect_eq "$(echo "$OUT" | sort | tr '\n' ' ')" "$want" "ids with index version $v"
        run_hd list --ids
        expect_eq "$(echo "$OUT" | sort | tr '\n' ' ')" "$want" "warm ids with index version $v"
    done
    # A third ticket written while the index is version 4.
    c=$(new_ticket "three")
    run_hd list --ids
    expect_eq "$(echo "$OUT" | wc -l | tr -d ' ')" 3 "after a new ticket"
    expect_clean
}

test_check_finds_each_broken_file() {
    setup_desk
    ok=$(new_ticket "fine")
    b1=$(new_ticket "syntax")
    b2=$(new_ticket "local time")
    echo 'title = = "x"' >>"$(ticket_path "$b1")"
    sed -i 's/^created = .*/created = 2026-11-01T10:00:00/' "$(ticket_path "$b2")"
    mkdir -p tickets/zz && cp "$(ticket_path "$ok")" tickets/zz/misplaced.toml
    run_hd check
    expect_rc 4
    expect_contains "$ERR" "$(ticket_path "$b1"):"
    expect_contains "$ERR" "$(ticket_path "$b2"):4:"
    expect_contains "$ERR" "UTC offset"
    expect_contains "$ERR" "tickets/zz/misplaced.toml"
    expect_contains "$OUT" "4 ticket file(s) checked, 3 problem(s)"
    run_hd check --json
    expect_rc 4
    printf '%s' "$OUT" | python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["checked"]==4 and len(j["problems"])==3, j' || fail "json: $OUT"
    # The place of each problem, as fields: line and column when known.
    printf '%s' "$OUT" | python3 -c '
import json, sys
p = {x["path"]: x for x in json.load(sys.stdin)["problems"]}
local = p[sys.argv[1]]
assert local["line"] == 4 and local["column"] > 1 and "UTC offset" in local["message"], local
assert p["tickets/zz/misplaced.toml"]["line"] == 2, p' "$(ticket_path "$b2")" || fail "json places: $OUT"
}

test_check_bad_config() {
    setup_desk
    echo '[desk' >>hd.toml
    run_hd check
    expect_rc 4
    expect_contains "$ERR" "hd.toml:"
}

test_example_desk_is_valid() {
    setup_repo
    cp -r "$E2E_DIR/../../tickets-example" "$TEST_ROOT/example"
    cd "$TEST_ROOT/example" || fail cd
    git init -q && git add -A && git commit -qm example
    run_hd check
    expect_rc 0
    run_hd list --all --json
    expect_rc 0
    n=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    [ "$n" -ge 25 ] || fail "only $n example tickets"
}

test_help_and_version() {
    setup_repo
    run_hd --help
    expect_rc 0
    expect_contains "$OUT" "new"
    run_hd --version
    expect_rc 0
    expect_contains "$OUT" "hd "
    run_hd
    expect_rc 2
    run_hd frobnicate
    expect_rc 2
}

test_unknown_command_is_named() {
    setup_desk
    run_hd frobnicate --json
    expect_rc 2
    expect_contains "$ERR" "unknown command 'frobnicate'"
}
