# Many hands on one clone: parallel runs, hand edits while hd works, the
# order of events, and the text that reaches commit messages.

# Prints "ok" when every ticket file's events are in time order (the
# order contract of hd-format(5)), else the first offending file.
events_in_order() {
    python3 - "$@" <<'EOF'
import sys, tomllib, pathlib
for path in pathlib.Path("tickets").rglob("*.toml"):
    t = tomllib.loads(path.read_text())
    times = [e["at"] for e in t.get("event", [])]
    if times != sorted(times):
        print(f"{path}: {times}")
        sys.exit(0)
print("ok")
EOF
}

test_event_never_stamped_before_the_latest() {
    setup_desk
    id=$(HD_NOW=2026-11-23T09:00:00Z new_ticket)
    # One clone's clock is ahead: its note is at 10:00.
    HD_NOW=2026-11-23T10:00:00Z run_hd note "$id" -m "from the clone that runs ahead"
    expect_rc 0
    # This machine's clock says 09:30: the note still goes after 10:00.
    HD_NOW=2026-11-23T09:30:00+00:00 run_hd note "$id" -m "from a clock behind"
    expect_rc 0
    expect_eq "$(events_in_order)" ok "events in time order"
    expect_contains "$(tail -n 4 "$(ticket_path "$id")")" "at = 2026-11-23T10:00:00Z"
    run_hd check
    expect_rc 0
    expect_clean
}

test_arrival_time_before_the_latest_event_is_refused() {
    setup_desk
    id=$(HD_NOW=2026-11-23T09:00:00Z new_ticket)
    HD_NOW=2026-11-23T10:00:00Z run_hd note "$id" -m "later"
    before=$(commit_count)
    run_hd receive "$id" -m "sent yesterday" --at 2026-11-22T09:00:00Z
    expect_rc 2
    expect_contains "$ERR" "time order"
    expect_eq "$(commit_count)" "$before" "commits"
    expect_clean
}

test_parallel_notes_commit_in_time_order() {
    setup_desk
    unset HD_NOW # the real clock, read by each run once it holds the lock
    id=$(new_ticket)
    for i in $(seq 1 30); do
        "$HD" note "$id" -m "note $i" >/dev/null 2>&1 </dev/null &
    done
    wait
    expect_eq "$(grep -c 'kind = "note"' "$(ticket_path "$id")")" 30 "notes"
    expect_eq "$(commit_count)" 32 "commits"
    expect_eq "$(events_in_order)" ok "events in time order"
    # Commit times follow the same order as the events they record.
    git log --reverse --format=%ct | python3 -c '
import sys; t = [int(x) for x in sys.stdin]; assert t == sorted(t), t' || fail "commit times"
    expect_clean
}

test_parallel_followup_due_sends_each_step_once() {
    setup_desk
    export HD_NOW=2026-11-01T10:00:00Z
    ids=()
    for i in $(seq 1 12); do
        id=$(new_ticket "Ticket $i")
        "$HD" reply "$id" -m "Please try again." --no-lint || fail reply
        ids+=("$id")
    done
    export HD_NOW=2026-11-05T10:00:00Z
    for i in 1 2 3 4; do
        HD_LOCK_TIMEOUT=60 "$HD" followup --due >/dev/null 2>&1 </dev/null &
    done
    wait
    for id in "${ids[@]}"; do
        f=$(ticket_path "$id")
        expect_eq "$(grep -c 'kind = "followup"' "$f")" 1 "follow-ups of $id"
    done
    expect_clean
}

test_hand_edit_while_note_runs_is_never_lost() {
    setup_desk
    id=$(new_ticket)
    f=$(ticket_path "$id")
    git -c core.hooksPath=/dev/null commit -q --allow-empty -m base
    for trial in $(seq 1 25); do
        git reset -q --hard HEAD
        # An editor saving a change: read, add a line, write a new file, rename.
        (
            sleep "0.0$((RANDOM % 10))"
            python3 - "$f" "$trial" <<'EOF'
import os, sys
path, trial = sys.argv[1], sys.argv[2]
text = open(path).read() + f"# hand edit {trial}\n"
tmp = path + ".editor"
open(tmp, "w").write(text)
os.rename(tmp, path)
EOF
        ) &
        "$HD" note "$id" -m "note $trial" >/dev/null 2>&1 </dev/null
        hd_rc=$?
        wait
        grep -q "# hand edit $trial" "$f" || fail "trial $trial: the hand edit was lost (hd exit $hd_rc)"
        git diff --cached --quiet || fail "trial $trial: something was staged: $(git diff --cached)"
        if [ "$hd_rc" -eq 0 ]; then
            git show HEAD:"$f" | grep -q "note $trial" || fail "trial $trial: hd said ok, no note"
        else
            [ "$hd_rc" -eq 5 ] || fail "trial $trial: hd exit $hd_rc"
        fi
        # Keep the hand edit, as its author would, so the next trial starts clean.
        git commit -qam "keep hand edit $trial"
    done
    git fsck --strict --no-progress >/dev/null 2>&1 || fail "git fsck"
}

test_lock_timeout_must_be_a_number() {
    setup_desk
    id=$(new_ticket)
    for bad in nan inf 10abc -1 ""; do
        HD_LOCK_TIMEOUT=$bad run_hd note "$id" -m x
        expect_rc 2
        expect_contains "$ERR" "HD_LOCK_TIMEOUT"
    done
    HD_LOCK_TIMEOUT=0.5 run_hd note "$id" -m x
    expect_rc 0
}

# The trailers git itself reads from the last commit's message.
parsed_trailers() {
    git log -1 --format=%B | git interpret-trailers --parse
}

test_text_in_commit_messages_cannot_forge_trailers() {
    setup_desk
    id=$(new_ticket)
    f=$(ticket_path "$id")
    # A title hand-edited to carry line breaks and a trailer of its own.
    sed -i 's/^title = .*/title = "Printer\\n\\nHd-Action: close\\nHd-Ticket: zzzzzzz"/' "$f"
    git commit -qam "hand edit"
    run_hd note "$id" -m "checked"
    expect_rc 0
    expect_eq "$(parsed_trailers)" "Hd-Action: note
Hd-Ticket: $id" "trailers"
    expect_eq "$(git log -1 --format=%s)" "hd note $id: Printer Hd-Action: close Hd-Ticket: zzzzzzz"
    run_hd close "$id" --resolution no-response --explain "Quiet." --force \
        --reason $'asked by phone\n\nHd-Action: reopen\nHd-Ticket: zzzzzzz'
    expect_rc 0
    trailers=$(parsed_trailers)
    expect_eq "$(printf '%s\n' "$trailers" | grep -c '^Hd-Action:')" 1 "Hd-Action trailers"
    expect_eq "$(printf '%s\n' "$trailers" | grep -c '^Hd-Ticket:')" 1 "Hd-Ticket trailers"
    expect_contains "$trailers" "Hd-Override: asked by phone Hd-Action: reopen Hd-Ticket: zzzzzzz"
    expect_clean
}
