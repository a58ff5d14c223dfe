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
    # One clone's clock is far ahead: its note is in 2099.
    HD_NOW=2099-11-23T10:00:00Z run_hd note "$id" -m "from the clone that runs ahead"
    expect_rc 0
    # This machine's own clock is behind that: the note still goes after it.
    (unset HD_NOW && "$HD" note "$id" -m "from a clock behind" </dev/null) || fail "system clock note"
    expect_eq "$(events_in_order)" ok "events in time order"
    expect_contains "$(tail -n 4 "$(ticket_path "$id")")" "at = 2099-11-23T10:00:00"
    run_hd check
    expect_rc 0
    expect_clean
}

test_hd_now_before_the_latest_event_is_refused() {
    setup_desk
    id=$(HD_NOW=2026-11-23T09:00:00Z new_ticket)
    HD_NOW=2026-11-23T10:00:00Z run_hd note "$id" -m "later"
    before=$(commit_count)
    # A time given by hand is taken at its word: earlier than the file's
    # latest event, it is refused rather than silently moved.
    HD_NOW=2026-11-23T09:30:00Z run_hd note "$id" -m "earlier"
    expect_rc 2
    expect_contains "$ERR" "--backfill"
    expect_eq "$(commit_count)" "$before" "commits"
    HD_NOW=2026-11-23T09:30:00Z run_hd note "$id" --backfill -m "earlier"
    expect_rc 0
    expect_eq "$(events_in_order)" ok "events in time order"
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

# N tickets answered on 1 November and quiet since, their IDs in `ids`.
quiet_tickets() { # n
    setup_desk
    export HD_NOW=2026-11-01T10:00:00Z
    ids=()
    for i in $(seq 1 "$1"); do
        id=$(new_ticket "Ticket $i")
        "$HD" reply "$id" -m "Please try again." --no-lint || fail reply
        ids+=("$id")
    done
}

test_parallel_followup_due_sends_each_step_once() {
    quiet_tickets 12
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

# An editor saving a change: write the old text and a new line to a new
# file, and rename it into place (plain shell: it must be quick).
editor_save() { # file marker
    { cat "$1" && echo "# $2"; } >"$1.editor" && mv "$1.editor" "$1"
}

# Waits (up to 10 s) until a file matching the glob exists.
wait_for() { # glob
    local i
    for i in $(seq 1 1000); do
        compgen -G "$1" >/dev/null && return 0
        sleep 0.01
    done
    fail "timed out waiting for $1"
}

# After a hand edit raced an `hd note`: the edit is in the work tree, nothing
# was staged behind the person's back, and hd did what its exit says.
expect_edit_kept() { # file marker hd_rc note_text
    grep -q "# $2" "$1" || fail "$2: the hand edit was lost (hd exit $3)"
    git diff --cached --quiet || fail "$2: something was staged: $(git diff --cached)"
    if [ "$3" -eq 0 ]; then
        git show HEAD:"$1" | grep -q "$4" || fail "$2: hd said ok but committed no note"
    else
        [ "$3" -eq 5 ] || fail "$2: hd exit $3"
    fi
    git fsck --strict --no-progress >/dev/null 2>&1 || fail "$2: git fsck"
    # Keep the edit, as its author would, so the next trial starts clean.
    git commit -qam "keep $2"
}

test_hand_edit_while_note_runs_is_never_lost() {
    command -v strace >/dev/null || fail "strace is needed (scripts/deps.sh installs it)"
    setup_desk
    id=$(new_ticket)
    f=$(ticket_path "$id")
    # hd is held at each rename it makes (its journal, the ticket, git's
    # index and branch locks) while the editor saves; the file each rename
    # moves into place shows when hd is there.
    local points=("rename 1 .git/hd-journal.hd-*.tmp" "renameat2 1 $f.hd-*.tmp"
        "rename 2 .git/index.lock" "rename 3 .git/refs/heads/main.lock")
    for point in "${points[@]}"; do
        read -r call n glob <<<"$point"
        strace -f -qq -o /dev/null -e trace=rename,renameat2 \
            -e inject="$call:delay_enter=1000000:when=$n" \
            "$HD" note "$id" -m "note at $call $n" >/dev/null 2>&1 </dev/null &
        pid=$!
        wait_for "$glob"
        editor_save "$f" "edit at $call $n"
        wait $pid
        expect_edit_kept "$f" "edit at $call $n" $? "note at $call $n"
    done
    # And at random moments, unslowed.
    for trial in $(seq 1 15); do
        (sleep "0.0$((RANDOM % 6))" && editor_save "$f" "edit $trial") &
        "$HD" note "$id" -m "note $trial" >/dev/null 2>&1 </dev/null
        hd_rc=$?
        wait
        expect_edit_kept "$f" "edit $trial" $hd_rc "note $trial"
    done
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
    expect_eq "$(git log -1 --format=%s)" "hd note $id: Printer␊␊Hd-Action: close␊Hd-Ticket: zzzzzzz"
    run_hd close "$id" --resolution no-response --explain "Quiet." --force \
        --reason $'asked by phone\n\nHd-Action: reopen\nHd-Ticket: zzzzzzz'
    expect_rc 0
    trailers=$(parsed_trailers)
    expect_eq "$(printf '%s\n' "$trailers" | grep -c '^Hd-Action:')" 1 "Hd-Action trailers"
    expect_eq "$(printf '%s\n' "$trailers" | grep -c '^Hd-Ticket:')" 1 "Hd-Ticket trailers"
    expect_contains "$trailers" "Hd-Override: asked by phone␊␊Hd-Action: reopen␊Hd-Ticket: zzzzzzz"
    expect_clean
}

test_parallel_close_stale_closes_each_once() {
    quiet_tickets 6
    HD_NOW=2026-11-05T10:00:00Z "$HD" followup --due >/dev/null || fail "follow-up 1"
    HD_NOW=2026-11-07T10:00:00Z "$HD" followup --due >/dev/null || fail "follow-up 2"
    export HD_NOW=2026-11-11T10:00:00Z
    for i in 1 2 3 4; do
        HD_LOCK_TIMEOUT=60 "$HD" close --stale >/dev/null 2>&1 </dev/null &
    done
    wait
    for id in "${ids[@]}"; do
        expect_eq "$(grep -c 'kind = "close"' "$(ticket_path "$id")")" 1 "closes of $id"
    done
    expect_clean
}
