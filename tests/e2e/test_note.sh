# hd note

test_note_appends_one_commit() {
    setup_desk
    id=$(new_ticket)
    run_hd note "${id:0:4}" -m "Checked the logs." -m "Second paragraph."
    expect_rc 0
    expect_eq "$(commit_count)" 3 "commits"
    expect_eq "$(git log -1 --format=%s)" "hd note $id: Printer on fire"
    expect_contains "$(git log -1 --format=%B)" "Hd-Action: note"
    expect_contains "$(cat "$(ticket_path "$id")")" $'kind = "note"'
    expect_contains "$(cat "$(ticket_path "$id")")" $'Checked the logs.\n\nSecond paragraph.'
    expect_clean
}

test_note_keeps_hand_edits_byte_for_byte() {
    setup_desk
    id=$(new_ticket)
    f=$(ticket_path "$id")
    # A person's comment, unknown key, odd spacing and a table of their own.
    sed -i 's/^priority = "normal"$/priority   =   "normal"   # agreed on the phone\ncrm_account = "ACME-77"/' "$f"
    printf '\n# our own notes\n[custom]\nseat_count = 12\n' >>"$f"
    git commit -qam "hand edit"
    before=$(cat "$f"; echo x)
    before=${before%x}
    run_hd note "$id" -m "note after hand edit"
    expect_rc 0
    after=$(cat "$f")
    [ "${after:0:${#before}}" = "$before" ] || fail "the hand-edited text changed"
    expect_contains "$after" 'crm_account = "ACME-77"'
    run_hd show "$id" --json
    expect_contains "$OUT" "note after hand edit"
    expect_clean
}

test_note_from_stdin_and_file() {
    setup_desk
    id=$(new_ticket)
    run_hd_stdin $'from\nstdin\n\n' note "$id" -
    expect_rc 0
    printf 'from file\n' >n.txt
    run_hd note "$id" -F n.txt
    expect_rc 0
    run_hd show "$id" --json
    expect_contains "$OUT" '"body": "from\nstdin"'
    expect_contains "$OUT" '"body": "from file"'
}

test_note_needs_text_off_a_terminal() {
    setup_desk
    id=$(new_ticket)
    run_hd note "$id"
    expect_rc 2
    expect_contains "$ERR" "-m"
    run_hd note "$id" -m ""
    expect_rc 2
    run_hd note "$id" -m a -F /dev/null
    expect_rc 2
    expect_eq "$(commit_count)" 2 "commits"
}

test_note_unknown_and_ambiguous_ids() {
    setup_desk
    run_hd note zzzzzzz -m x
    expect_rc 3
    expect_contains "$ERR" "no ticket matches"
    # Two tickets sharing a prefix, written by hand as a person might.
    for id in abc1234 abc5678; do
        mkdir -p tickets/ab
        printf 'id = "%s"\ntitle = "t"\ncreated = 2026-11-01T10:00:00Z\nrequester = { name = "A", email = "a@example.org" }\n' "$id" >"tickets/ab/$id.toml"
    done
    git add tickets && git commit -qm "two tickets"
    run_hd note abc -m x
    expect_rc 3
    expect_contains "$ERR" "abc1234"
    expect_contains "$ERR" "abc5678"
    run_hd note ABC5 -m x
    expect_rc 0
    run_hd note "a b" -m x
    expect_rc 3
    expect_clean
}

test_note_refuses_dirty_ticket_file() {
    setup_desk
    id=$(new_ticket)
    f=$(ticket_path "$id")
    echo "# my unsaved thought" >>"$f"
    run_hd note "$id" -m x
    expect_rc 5
    expect_contains "$ERR" "$f"
    expect_eq "$(commit_count)" 2 "commits"
    expect_contains "$(cat "$f")" "my unsaved thought"
    git add "$f"
    run_hd note "$id" -m x
    expect_rc 5
    expect_contains "$ERR" "uncommitted"
}

test_note_on_broken_ticket_names_line() {
    setup_desk
    id=$(new_ticket)
    f=$(ticket_path "$id")
    printf '\n[[event]]\nkind = "nite"\nat = 2026-11-01T10:00:00Z\nby = "x"\n' >>"$f"
    git commit -qam "broken"
    run_hd note "$id" -m x
    expect_rc 4
    expect_contains "$ERR" "$f:"
    expect_contains "$ERR" 'unknown kind "nite"'
    expect_eq "$(commit_count)" 3 "commits"
    expect_clean
}

test_parallel_notes_and_news_all_land() {
    setup_desk
    id=$(new_ticket)
    pids=()
    for i in $(seq 1 20); do
        "$HD" note "$id" -m "note $i" >/dev/null 2>"$TEST_ROOT/note.$i.err" &
        pids+=($!)
        "$HD" new --title "parallel $i" --from a@example.org >/dev/null 2>"$TEST_ROOT/new.$i.err" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || fail "a parallel hd failed: $(cat "$TEST_ROOT"/*.err)"; done
    expect_eq "$(grep -c '^kind = "note"' "$(ticket_path "$id")")" 20 "notes in the file"
    expect_eq "$(commit_count)" 42 "commits"
    expect_eq "$(git ls-files tickets | wc -l | tr -d ' ')" 21 "ticket files"
    expect_eq "$(git log --format=%s | grep -c '^hd note')" 20 "note commits"
    expect_clean
}

test_interrupted_action_is_finished_next_time() {
    setup_desk
    id=$(new_ticket)
    HD_TEST_CRASH=after-files run_hd note "$id" -m "before the crash"
    expect_rc 137
    [ -f .git/hd-journal ] || fail "no journal left behind"
    expect_eq "$(commit_count)" 2 "commits after the crash"
    run_hd note "$id" -m "after the crash"
    expect_rc 0
    expect_eq "$(commit_count)" 4 "commits after recovery"
    expect_contains "$(git log --format=%s | sed -n 2p)" "hd note $id"
    expect_contains "$(cat "$(ticket_path "$id")")" "before the crash"
    expect_contains "$(cat "$(ticket_path "$id")")" "after the crash"
    [ ! -f .git/hd-journal ] || fail "journal not removed"
    expect_clean
}

test_options_take_one_value_each() {
    setup_desk
    id=$(new_ticket)
    run_hd note -m "first" -m "second" "${id:0:5}"
    expect_rc 0
    run_hd show "$id" --json
    expect_contains "$OUT" '"body": "first\n\nsecond"'
    run_hd_stdin "from stdin" new --title T --from a@example.org --tag x -
    expect_rc 0
    run_hd show "$OUT" --json
    expect_contains "$OUT" '"body": "from stdin"'
    expect_contains "$OUT" '"tags": [
    "x"
  ]'
}

test_lock_busy_is_reported() {
    setup_desk
    id=$(new_ticket)
    flock .git/hd.lock sleep 3 &
    holder=$!
    sleep 0.3
    HD_LOCK_TIMEOUT=0.2 run_hd note "$id" -m "blocked"
    expect_rc 5
    expect_contains "$ERR" "locked"
    HD_LOCK_TIMEOUT=soon run_hd note "$id" -m "blocked"
    expect_rc 2
    expect_contains "$ERR" "HD_LOCK_TIMEOUT"
    wait "$holder"
    expect_eq "$(commit_count)" 2 "commits"
    run_hd note "$id" -m "after the lock"
    expect_rc 0
    expect_clean
}
