# Several clones of one desk, each with its own agent, sharing a bare
# remote: what the git CLI makes of a ticket that two clones changed at
# once, when hd's merge driver merges ticket files (hd-merge-driver(1)).

# The ticket that setup_team opens, and its restatement, are from 09:00.
T0=2026-11-02T09:00:00Z
T0_RESTATE=2026-11-02T09:01:00Z

# at HH:MM[:SS] on the day of the tests, as HD_NOW takes it.
at_time() {
    case "$1" in
    *:*:*) echo "2026-11-02T$1Z" ;;
    *) echo "2026-11-02T$1:00Z" ;;
    esac
}

# clone_as NAME "First Last" email: a clone of the remote in $TEST_ROOT/NAME
# that has not run hd.
clone_as() {
    git clone -q "$TEST_ROOT/remote.git" "$TEST_ROOT/$1" 2>"$TEST_ROOT/clone.err" ||
        fail "git clone $1: $(cat "$TEST_ROOT/clone.err")"
    git -C "$TEST_ROOT/$1" config user.name "$2"
    git -C "$TEST_ROOT/$1" config user.email "$3"
}

# setup_team [N]: a bare remote and N clones of it (2 unless told), named
# a, b, c, d in $TEST_ROOT, for Ana, Bo, Cy and Di. Clone a runs hd init,
# opens ticket $ID (restated) and pushes; each other clone runs `hd list`
# once, which writes the driver into its .git/config (a clone does not copy
# it). Leaves the shell in clone a.
setup_team() {
    local n=${1:-2} names=(a b c d) users=(Ana Bo Cy Di) emails=(ana bo cy di) i
    setup_repo # HOME, GIT_CONFIG_NOSYSTEM, HD_NOW, TEST_ROOT and its removal
    cd "$TEST_ROOT" || exit 1
    rm -rf "$REPO"
    export GIT_MERGE_AUTOEDIT=no
    git init -q --bare -b main remote.git
    clone_as a "Ana Agent" ana@example.com
    at a
    HD_NOW=$T0 "$HD" init --name "Team Desk" >/dev/null || fail "hd init"
    ID=$(HD_NOW=$T0 new_ticket "Printer on fire" "Rita Requester <rita@example.org>")
    HD_NOW=$T0_RESTATE "$HD" restate "$ID" "The office printer smokes" >/dev/null || fail restate
    git push -q -u origin main || fail "first push"
    for ((i = 1; i < n; i++)); do
        clone_as "${names[i]}" "${users[i]} Agent" "${emails[i]}@example.com"
        "$HD" -C "$TEST_ROOT/${names[i]}" list >/dev/null || fail "hd list in ${names[i]}"
        git -C "$TEST_ROOT/${names[i]}" config merge.hd.driver >/dev/null ||
            fail "hd list did not install the merge driver in ${names[i]}"
    done
    at a
}

at() { cd "$TEST_ROOT/$1" || fail "no clone $1"; }

# hd_at HH:MM hd-arguments...: runs hd here at that time; it must succeed.
hd_at() {
    local now
    now=$(at_time "$1")
    shift
    HD_NOW=$now run_hd "$@"
    [ "$RC" -eq 0 ] || fail "hd $* (at $now) in $PWD exited $RC: $ERR"
}

# The ticket's events as hd show --json gives them, one a line:
# kind/agent's first name/text (the summary of a restate, the resolution of a
# close, else the body's first line). Fails unless their times never go back.
events_of() { # id
    "$HD" show "$1" --json </dev/null 2>"$TEST_ROOT/show.err" >"$TEST_ROOT/show.json" ||
        fail "hd show $1 --json: $(cat "$TEST_ROOT/show.err")"
    python3 - "$TEST_ROOT/show.json" <<'EOF' || fail "hd show $1 --json: $(cat "$TEST_ROOT/show.json")"
import json, sys
from datetime import datetime
events = json.load(open(sys.argv[1]))["events"]
at = [datetime.fromisoformat(e["at"].replace("Z", "+00:00")) for e in events]
if at != sorted(at):
    sys.exit("events out of time order: %s" % [e["at"] for e in events])
for e in events:
    if e["kind"] == "restate":
        text = e["summary"]
    elif e["kind"] == "close":
        text = e["resolution"]
    else:
        text = (e.get("body", "").strip().split("\n") or [""])[0]
    print("%s/%s/%s" % (e["kind"], e["by"].split(" ")[0], text))
EOF
}

show_field() { # id field
    "$HD" show "$1" --json </dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"
}

# The clone is clean and sound, the ticket files hold no conflict markers,
# and hd check finds nothing.
expect_sound() {
    expect_clean
    if git grep -n -E '^(<{7}|={7}|>{7})' -- tickets >/dev/null; then
        fail "conflict markers left: $(git grep -n -E '^(<{7}|={7}|>{7})' -- tickets)"
    fi
    run_hd check
    expect_rc 0
    expect_contains "$OUT" "0 problem(s)"
}

expect_merge_commit() {
    expect_eq "$(git log -1 --format=%p | wc -w | tr -d ' ')" 2 "parents of HEAD (a merge)"
}

# Ana notes at 10:10 and 10:50 and pushes; Bo replies at 10:30 in his clone,
# not having seen her notes. Leaves the shell in clone b, before it pulls.
diverge_on_one_ticket() {
    setup_team 2
    at a
    hd_at 10:10 note "$ID" -m "A early"
    hd_at 10:50 note "$ID" -m "A late"
    git push -q || fail "push from a"
    at b
    hd_at 10:30 reply "$ID" --template none -m "B replies"
}

DIVERGED_EVENTS="restate/Ana/The office printer smokes
note/Ana/A early
reply/Bo/B replies
note/Ana/A late"

# After Bo has brought Ana's notes in: both clones end with the same ticket.
expect_diverged_merged() {
    expect_eq "$(events_of "$ID")" "$DIVERGED_EVENTS" "events after the merge in b"
    expect_sound
    git push -q || fail "push from b"
    at a
    git pull -q --ff-only || fail "a fast-forwards to b's result"
    expect_eq "$(events_of "$ID")" "$DIVERGED_EVENTS" "events in a"
    cmp "$TEST_ROOT/a/$(ticket_path "$ID")" "$TEST_ROOT/b/$(ticket_path "$ID")" || fail "a and b differ"
    expect_sound
}

# 1
test_pull_merge_keeps_both_clones_events() {
    diverge_on_one_ticket
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull: $(cat "$TEST_ROOT/pull.out")"
    expect_merge_commit
    expect_eq "$(git log --format=%s -1 HEAD^2)" "hd note $ID: Printer on fire" "the merged-in commit"
    expect_eq "$(grep -c '^\[\[event\]\]' "$(ticket_path "$ID")")" 4 "event tables in the file"
    expect_diverged_merged
}

# 2
test_pull_rebase_keeps_both_clones_events() {
    diverge_on_one_ticket
    git pull -q --rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull --rebase: $(cat "$TEST_ROOT/pull.out")"
    expect_eq "$(git log --merges --oneline | wc -l | tr -d ' ')" 0 "merge commits"
    expect_eq "$(git log -1 --format=%s)" "hd reply $ID: Printer on fire" "the replayed commit on top"
    git merge-base --is-ancestor origin/main HEAD || fail "not rebased onto origin/main"
    expect_diverged_merged
}

# 3
test_fetch_and_merge_keeps_both_clones_events() {
    diverge_on_one_ticket
    git fetch -q || fail "git fetch"
    git merge -q origin/main >"$TEST_ROOT/merge.out" 2>&1 || fail "git merge: $(cat "$TEST_ROOT/merge.out")"
    expect_merge_commit
    expect_diverged_merged
}

# hd sync merges in process, through libgit2, with the same rules: Cy (on
# Bo's machine, as Bo) makes Bo's reply and syncs; Bo merges with git.
test_hd_sync_merges_as_the_git_cli_does() {
    setup_team 3
    git -C "$TEST_ROOT/c" config user.name "Bo Agent"
    git -C "$TEST_ROOT/c" config user.email bo@example.com
    hd_at 10:10 note "$ID" -m "A early"
    hd_at 10:50 note "$ID" -m "A late"
    git push -q || fail "push from a"
    at b
    hd_at 10:30 reply "$ID" --template none -m "B replies"
    git fetch -q || fail fetch # Ana's notes, before Cy pushes
    at c
    hd_at 10:30 reply "$ID" --template none -m "B replies"
    expect_eq "$(git rev-parse HEAD)" "$(git -C "$TEST_ROOT/b" rev-parse HEAD)" "c's reply commit is b's"
    HD_NOW=$(at_time 11:00) run_hd sync
    expect_rc 0
    expect_merge_commit
    expect_eq "$(git rev-parse origin/main)" "$(git rev-parse HEAD)" "pushed"
    at b
    git merge -q origin/main >"$TEST_ROOT/merge.out" 2>&1 || fail "git merge: $(cat "$TEST_ROOT/merge.out")"
    expect_merge_commit
    at c
    expect_eq "$(events_of "$ID")" "$DIVERGED_EVENTS" "events after hd sync"
    cmp "$(ticket_path "$ID")" "$TEST_ROOT/b/$(ticket_path "$ID")" ||
        fail "hd sync and git merge differ: $(diff "$(ticket_path "$ID")" "$TEST_ROOT/b/$(ticket_path "$ID")")"
    expect_sound
}

# 4
test_cherry_pick_of_an_event_onto_the_same_ticket() {
    setup_team 2
    git checkout -q -b side
    hd_at 10:00 note "$ID" -m "on side"
    expect_eq "$(git rev-parse --abbrev-ref HEAD)" side "branch hd committed on"
    git checkout -q main
    hd_at 10:30 note "$ID" -m "on main"
    git cherry-pick side >"$TEST_ROOT/pick.out" 2>&1 || fail "git cherry-pick: $(cat "$TEST_ROOT/pick.out")"
    expect_eq "$(git log --format=%s -2 | tr '\n' '|')" \
        "hd note $ID: Printer on fire|hd note $ID: Printer on fire|" "the last two commits"
    expect_eq "$(git log --merges --oneline | wc -l | tr -d ' ')" 0 "merge commits"
    expect_eq "$(events_of "$ID")" "restate/Ana/The office printer smokes
note/Ana/on side
note/Ana/on main" "events after the cherry-pick"
    expect_sound
}

# 4
test_rebase_of_a_local_branch_onto_main() {
    setup_team 2
    at b
    git checkout -q -b work
    hd_at 10:15 note "$ID" -m "from work"
    at a
    hd_at 10:45 close "$ID" --resolution solved
    git push -q || fail "push from a"
    at b
    git fetch -q || fail fetch
    git rebase origin/main >"$TEST_ROOT/rebase.out" 2>&1 || fail "git rebase: $(cat "$TEST_ROOT/rebase.out")"
    expect_eq "$(git rev-parse --abbrev-ref HEAD)" work "branch after the rebase"
    expect_eq "$(git rev-parse HEAD^)" "$(git rev-parse origin/main)" "the rebased commit's parent"
    expect_eq "$(git log -1 --format=%s)" "hd note $ID: Printer on fire" "the rebased commit"
    expect_eq "$(events_of "$ID")" "restate/Ana/The office printer smokes
note/Bo/from work
close/Ana/solved" "events after the rebase"
    expect_eq "$(show_field "$ID" status)" closed "status"
    expect_sound
}

# 5: Bo and Cy diverge; Bo merges Cy's branch, Cy merges Bo's. Two of their
# events are at the same second, so only the tie-break orders them.
test_merge_is_the_same_whichever_side_is_ours() {
    setup_team 3
    at b
    hd_at 10:00 note "$ID" -m "b first"
    hd_at 11:00 note "$ID" -m "b at eleven"
    git push -q origin HEAD:b-work || fail "push b-work"
    at c
    hd_at 10:30 note "$ID" -m "c first"
    hd_at 11:00 note "$ID" -m "c at eleven"
    sed -i 's/^priority = "normal"$/priority = "high"/' "$(ticket_path "$ID")"
    git commit -qam "high priority" || fail "commit in c"
    git push -q origin HEAD:c-work || fail "push c-work"
    at b
    git fetch -q && git merge -q origin/c-work >"$TEST_ROOT/m.out" 2>&1 || fail "b merging c: $(cat "$TEST_ROOT/m.out")"
    at c
    git fetch -q && git merge -q origin/b-work >"$TEST_ROOT/m.out" 2>&1 || fail "c merging b: $(cat "$TEST_ROOT/m.out")"
    path=$(ticket_path "$ID")
    cmp "$TEST_ROOT/b/$path" "$TEST_ROOT/c/$path" ||
        fail "the merges differ: $(diff "$TEST_ROOT/b/$path" "$TEST_ROOT/c/$path")"
    expect_eq "$(git -C "$TEST_ROOT/b" rev-parse 'HEAD^{tree}')" "$(git rev-parse 'HEAD^{tree}')" "trees of the two merges"
    for clone in b c; do
        at $clone
        expect_merge_commit
        expect_eq "$(events_of "$ID")" "restate/Ana/The office printer smokes
note/Bo/b first
note/Cy/c first
note/Bo/b at eleven
note/Cy/c at eleven" "events in $clone"
        expect_eq "$(show_field "$ID" priority)" high "priority in $clone"
        expect_sound
    done
}

# 6
test_tickets_opened_in_two_clones_both_land() {
    setup_team 2
    at a
    HD_NOW=$(at_time 10:00) run_hd new --title "Scanner jams" --from "Sol <sol@example.org>" -m "Paper stuck."
    expect_rc 0
    one=$OUT
    git push -q || fail "push from a"
    at b
    HD_NOW=$(at_time 10:05) run_hd new --title "Mouse gone" --from "Uma <uma@example.org>" -m "It left."
    expect_rc 0
    two=$OUT
    [ "$one" != "$two" ] || fail "both clones chose the ID $one"
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull: $(cat "$TEST_ROOT/pull.out")"
    expect_merge_commit
    run_hd list --json
    expect_rc 0
    printf '%s' "$OUT" | python3 -c '
import json, sys
ids = sorted(t["id"] for t in json.load(sys.stdin))
assert ids == sorted(sys.argv[1:]), ids' "$ID" "$one" "$two" || fail "hd list --json: $OUT"
    [ -f "$(ticket_path "$one")" ] && [ -f "$(ticket_path "$two")" ] || fail "a ticket file is missing"
    expect_sound
}

# 7: Ana closes while Bo, not having seen it, writes to the requester.
close_meets() { # kind-of-Bo's-action close-time Bo's-time
    setup_team 2
    at a
    hd_at "$2" close "$ID" --resolution solved
    git push -q || fail "push from a"
    at b
    if [ "$1" = reply ]; then
        hd_at "$3" reply "$ID" --template none -m "Bo writes"
    else
        hd_at "$3" receive "$ID" -m "Rita writes"
    fi
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull: $(cat "$TEST_ROOT/pull.out")"
    expect_merge_commit
    expect_clean
}

test_reply_after_a_close_in_another_clone_is_a_practice_finding() {
    close_meets reply 11:00 11:30
    expect_eq "$(events_of "$ID")" "restate/Ana/The office printer smokes
close/Ana/solved
reply/Bo/Bo writes" "events"
    expect_eq "$(show_field "$ID" status)" closed "status (a reply does not reopen)"
    run_hd check
    expect_rc 1
    expect_contains "$ERR" "practice: $(ticket_path "$ID"):"
    expect_contains "$ERR" "reply after the ticket was closed"
    run_hd check --json
    expect_rc 1
    printf '%s' "$OUT" | python3 -c '
import json, sys
p = json.load(sys.stdin)["problems"]
assert [(x["kind"], x["path"]) for x in p] == [("practice", sys.argv[1])], p
assert "reply" in p[0]["message"] and "closed" in p[0]["message"], p' "$(ticket_path "$ID")" ||
        fail "hd check --json: $OUT"
}

test_reply_before_a_close_in_another_clone_is_fine() {
    close_meets reply 11:30 11:00
    expect_eq "$(events_of "$ID")" "restate/Ana/The office printer smokes
reply/Bo/Bo writes
close/Ana/solved" "events"
    expect_eq "$(show_field "$ID" status)" closed "status"
    expect_sound
}

# The status is computed from the merged order: a message from the
# requester reopens the ticket only when it comes after the close.
test_receive_after_a_close_in_another_clone_reopens() {
    close_meets receive 11:00 11:30
    expect_eq "$(events_of "$ID" | tail -n 2 | tr '\n' '|')" "close/Ana/solved|receive/Rita/Rita writes|" "events"
    status=$(show_field "$ID" status)
    [ "$status" != closed ] || fail "a message after the close left the ticket closed"
    expect_sound
}

test_receive_before_a_close_in_another_clone_stays_closed() {
    close_meets receive 11:30 11:00
    expect_eq "$(events_of "$ID" | tail -n 2 | tr '\n' '|')" "receive/Rita/Rita writes|close/Ana/solved|" "events"
    expect_eq "$(show_field "$ID" status)" closed "status"
    expect_sound
}

# 8
test_hand_edits_of_different_header_keys_merge() {
    setup_team 2
    at a
    sed -i 's/^title = .*/title = "Printer on fire, 3rd floor"/' "$(ticket_path "$ID")"
    git commit -qam "where it is" || fail commit
    hd_at 10:00 note "$ID" -m "A notes"
    git push -q || fail "push from a"
    at b
    sed -i 's/^priority = .*/priority = "urgent"/' "$(ticket_path "$ID")"
    git commit -qam "it is urgent" || fail commit
    hd_at 10:10 note "$ID" -m "B notes"
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull: $(cat "$TEST_ROOT/pull.out")"
    expect_merge_commit
    expect_eq "$(show_field "$ID" title)" "Printer on fire, 3rd floor" "title"
    expect_eq "$(show_field "$ID" priority)" urgent "priority"
    expect_eq "$(events_of "$ID" | tail -n 2 | tr '\n' '|')" "note/Ana/A notes|note/Bo/B notes|" "events"
    expect_sound
}

test_hand_edits_of_one_header_key_conflict_on_that_key_only() {
    setup_team 2
    path=$(ticket_path "$ID")
    at a
    sed -i 's/^title = .*/title = "Title by Ana"/' "$path"
    git commit -qam "Ana's title" || fail commit
    hd_at 10:00 note "$ID" -m "A notes"
    git push -q || fail "push from a"
    at b
    sed -i 's/^title = .*/title = "Title by Bo"/' "$path"
    git commit -qam "Bo's title" || fail commit
    hd_at 10:10 note "$ID" -m "B notes"
    git pull --no-rebase >"$TEST_ROOT/pull.out" 2>&1 && fail "the pull did not conflict"
    expect_contains "$(cat "$TEST_ROOT/pull.out")" "CONFLICT (content): Merge conflict in $path"
    expect_eq "$(git ls-files -u -- "$path" | wc -l | tr -d ' ')" 3 "index stages of the ticket"
    expect_eq "$(git diff --name-only --diff-filter=U)" "$path" "conflicted files"
    # One conflict, around the title only; the rest is merged.
    expect_eq "$(grep -c '^<<<<<<<' "$path")" 1 "conflict starts"
    expect_eq "$(sed -n '/^<<<<<<</,/^>>>>>>>/p' "$path")" '<<<<<<< ours
title = "Title by Bo"
=======
title = "Title by Ana"
>>>>>>> theirs' "the conflict block"
    for body in '"A notes"' '"B notes"' 'summary = "The office printer smokes"' 'priority = "normal"'; do
        expect_eq "$(grep -c "$body" "$path")" 1 "lines with $body"
    done
    expect_eq "$(grep -c '^\[\[event\]\]' "$path")" 3 "event tables"
    run_hd list
    expect_rc 4
    expect_contains "$ERR" "$path"
    expect_contains "$ERR" "conflict"
    run_hd show "$ID"
    expect_rc 5
    expect_contains "$ERR" "resolve the conflict in $path"
    # Resolved by hand: one title kept, the markers gone.
    python3 - "$path" <<'EOF' || fail "resolving by hand"
import re, sys
p = sys.argv[1]
text = open(p).read()
text, n = re.subn(r"(?ms)^<<<<<<< ours\n.*?^>>>>>>> theirs\n", 'title = "Title agreed"\n', text)
assert n == 1
open(p, "w").write(text)
EOF
    git add "$path" && git commit -q --no-edit || fail "committing the resolution"
    expect_merge_commit
    expect_eq "$(show_field "$ID" title)" "Title agreed" "title"
    expect_eq "$(events_of "$ID")" "restate/Ana/The office printer smokes
note/Ana/A notes
note/Bo/B notes" "events"
    expect_sound
}

# A header with a [table] of its own is not cut into keys: the two headers
# are merged line by line, the events still as a set.
test_header_with_a_table_of_its_own_merges_line_by_line() {
    setup_team 2
    path=$(ticket_path "$ID")
    sed -i 's/^body = "It smokes when I print."$/&\n\n[custom]\nseat_count = 12/' "$path"
    git commit -qam "our own table" && git push -q || fail "pushing the table"
    expect_contains "$(sed -n '/^\[custom\]$/,/^\[\[event\]\]$/p' "$path")" "seat_count = 12"
    at b
    git pull -q --ff-only || fail "b takes the table"
    at a
    sed -i 's/^title = .*/title = "Printer on fire, 3rd floor"/' "$path"
    git commit -qam "where it is" || fail commit
    hd_at 10:00 note "$ID" -m "A notes"
    git push -q || fail "push from a"
    at b
    sed -i 's/^priority = .*/priority = "urgent"/' "$path"
    git commit -qam "it is urgent" || fail commit
    hd_at 10:10 note "$ID" -m "B notes"
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull: $(cat "$TEST_ROOT/pull.out")"
    expect_merge_commit
    expect_eq "$(show_field "$ID" title)" "Printer on fire, 3rd floor" "title"
    expect_eq "$(show_field "$ID" priority)" urgent "priority"
    expect_eq "$(events_of "$ID" | tail -n 2 | tr '\n' '|')" "note/Ana/A notes|note/Bo/B notes|" "events"
    expect_eq "$(grep -c '^seat_count = 12$' "$path")" 1 "the table's key"
    expect_sound
}

# Their side is no valid ticket (a hand edit broke a date): the files are
# merged line by line, and what each side wrote is kept.
test_invalid_side_is_merged_line_by_line() {
    setup_team 2
    path=$(ticket_path "$ID")
    sed -i 's/^created = .*/created = "last tuesday"/' "$path"
    git commit -qam "a date in words" && git push -q || fail "pushing the broken date"
    at b
    hd_at 10:10 note "$ID" -m "B notes"
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull: $(cat "$TEST_ROOT/pull.out")"
    expect_merge_commit
    expect_clean
    expect_eq "$(sed -n 4p "$path")" 'created = "last tuesday"' "their line"
    expect_eq "$(tail -n 5 "$path" | head -n 2 | tr '\n' '|')" '[[event]]|kind = "note"|' "our event, at the end"
    expect_contains "$(cat "$path")" 'body = "B notes"'
    run_hd check
    expect_rc 4
    expect_contains "$ERR" "$path:4:"
}

# Ana deletes an event by hand (a note that named the wrong printer) while
# Bo adds one: the deleted one stays deleted.
test_event_deleted_in_one_clone_stays_deleted() {
    setup_team 2
    path=$(ticket_path "$ID")
    hd_at 09:30 note "$ID" -m "wrong printer"
    git push -q || fail "push from a"
    at b
    git pull -q --ff-only || fail "b takes the note"
    at a
    python3 - "$path" <<'EOF' || fail "deleting the note"
import sys
p = sys.argv[1]
text = open(p).read()
cut = text.index("\n[[event]]\nkind = \"note\"")
open(p, "w").write(text[:cut] + "\n")
EOF
    expect_not_contains "$(cat "$path")" "wrong printer"
    git commit -qam "that note was about another printer" || fail commit
    git push -q || fail "push from a"
    at b
    hd_at 10:00 note "$ID" -m "B notes"
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull: $(cat "$TEST_ROOT/pull.out")"
    expect_merge_commit
    expect_eq "$(events_of "$ID")" "restate/Ana/The office printer smokes
note/Bo/B notes" "events"
    expect_sound
}

# 9: what happens in a clone where no hd command ran yet: git finds the
# attribute merge=hd but no merge.hd.driver, and merges the ticket as
# plain text, so two events appended at once conflict. One hd command
# sets the driver up, and the same pull then merges cleanly.
test_clone_that_never_ran_hd_gets_the_driver_from_any_command() {
    setup_team 2
    clone_as c "Cy Agent" cy@example.com
    at c
    git config merge.hd.driver >/dev/null && fail "a fresh clone has a merge driver already"
    expect_eq "$(git check-attr merge -- "$(ticket_path "$ID")")" "$(ticket_path "$ID"): merge: hd" "attribute"
    # Cy adds a note by hand, without hd.
    printf '\n[[event]]\nkind = "note"\nat = 2026-11-02T10:30:00Z\nby = "Cy Agent <cy@example.com>"\nbody = "typed by Cy"\n' \
        >>"$(ticket_path "$ID")"
    git commit -qam "a note typed by hand" || fail commit
    at a
    hd_at 10:00 note "$ID" -m "A notes"
    git push -q || fail "push from a"
    at c
    git pull --no-rebase >"$TEST_ROOT/pull.out" 2>&1 && fail "without the driver the pull merged cleanly"
    expect_contains "$(cat "$TEST_ROOT/pull.out")" "CONFLICT"
    git merge --abort || fail "git merge --abort"
    git config merge.hd.driver >/dev/null && fail "the failed pull installed a driver"
    run_hd list
    expect_rc 0
    expect_contains "$(git config merge.hd.driver)" "merge-driver"
    expect_eq "$(git config merge.hd.driver)" "'$(realpath "$HD")' merge-driver --marker-size %L %O %A %B %P" "merge.hd.driver"
    expect_clean
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull after hd list: $(cat "$TEST_ROOT/pull.out")"
    expect_merge_commit
    expect_eq "$(events_of "$ID" | tail -n 2 | tr '\n' '|')" "note/Ana/A notes|note/Cy/typed by Cy|" "events"
    expect_sound
}

# hd puts its own command in place of one naming an hd that is gone, and
# leaves a person's own driver alone.
test_driver_config_is_repaired_but_a_persons_own_is_kept() {
    setup_team 2
    at b
    ours="'$(realpath "$HD")' merge-driver --marker-size %L %O %A %B %P"
    git config merge.hd.driver "'/nowhere/hd' merge-driver --marker-size %L %O %A %B %P"
    run_hd list
    expect_rc 0
    expect_eq "$(git config merge.hd.driver)" "$ours" "the driver after the old hd went away"
    git config merge.hd.driver "my-merge %O %A %B"
    run_hd list
    expect_rc 0
    expect_eq "$(git config merge.hd.driver)" "my-merge %O %A %B" "a person's own driver"
}

# git's %L, from the conflict-marker-size attribute, reaches the driver.
test_conflict_marker_size_attribute_reaches_the_driver() {
    setup_desk
    id=$(new_ticket)
    path=$(ticket_path "$id")
    echo 'tickets/**/*.toml conflict-marker-size=10' >>.gitattributes
    git commit -qam "longer markers" || fail commit
    git checkout -q -b other
    sed -i 's/^title = .*/title = "Their title"/' "$path"
    git commit -qam "their title" || fail commit
    git checkout -q main
    sed -i 's/^title = .*/title = "Our title"/' "$path"
    git commit -qam "our title" || fail commit
    git merge other >"$TEST_ROOT/merge.out" 2>&1 && fail "the merge did not conflict"
    expect_eq "$(grep '^[<=>]' "$path")" '<<<<<<<<<< ours
==========
>>>>>>>>>> theirs' "markers"
}

# 10: hd merge-driver run by hand on three files.
md_header() { # title
    printf 'id = "abc1234"\ntitle = "%s"\ncreated = 2026-11-01T10:00:00Z\nrequester = { name = "A", email = "a@example.org" }\n' "$1"
}
md_event() { # HH:MM body
    printf '\n[[event]]\nkind = "note"\nat = 2026-11-01T%s:00Z\nby = "Sam Agent <sam@example.com>"\nbody = "%s"\n' "$1" "$2"
}
# The events of a ticket file as "HH:MM body" lines; fails on invalid TOML.
md_events() {
    python3 -c '
import sys, tomllib
t = tomllib.load(open(sys.argv[1], "rb"))
print(t["title"])
for e in t.get("event", []):
    print(e["at"].strftime("%H:%M"), e["body"])' "$1"
}

# Three files in a directory of their own, as git hands them to the driver.
setup_three_files() {
    setup_repo
    mkdir md && cd md || exit 1
}

test_merge_driver_writes_the_merge_into_ours() {
    setup_three_files
    md_header T >base
    { md_header T; md_event 11:00 "ours later"; } >ours
    { md_header T; md_event 10:30 "theirs earlier"; } >theirs
    cp base base.orig && cp theirs theirs.orig
    run_hd merge-driver base ours theirs tickets/ab/abc1234.toml
    expect_rc 0
    expect_eq "$(md_events ours)" "T
10:30 theirs earlier
11:00 ours later" "merged events"
    [ "$(head -c "$(wc -c <base)" ours)" = "$(cat base)" ] || fail "the header changed: $(cat ours)"
    cmp base base.orig && cmp theirs theirs.orig || fail "base or theirs written"
    expect_eq "$(find . -type f | sort | tr "\n" " ")" "./base ./base.orig ./ours ./theirs ./theirs.orig " "files left"
    # Swapped sides, the same bytes.
    cp ours merged
    { md_header T; md_event 10:30 "theirs earlier"; } >ours
    { md_header T; md_event 11:00 "ours later"; } >theirs
    run_hd merge-driver base ours theirs
    expect_rc 0
    cmp ours merged || fail "the merge depends on the side: $(diff ours merged)"
    # The same second on both sides: the text decides, not the side.
    for side in ours theirs; do
        { md_header T; md_event 12:00 "beta"; } >ours
        { md_header T; md_event 12:00 "alpha"; } >theirs
        [ $side = ours ] || { cp ours swap && cp theirs ours && mv swap theirs; }
        run_hd merge-driver base ours theirs
        expect_rc 0
        expect_eq "$(md_events ours | tr '\n' '|')" "T|12:00 alpha|12:00 beta|" "a tie merged into $side"
    done
    # A side's own order is kept, even out of time order (a hand edit).
    { md_header T; md_event 10:50 "x"; md_event 10:20 "y"; } >ours
    { md_header T; md_event 10:30 "z"; } >theirs
    run_hd merge-driver base ours theirs
    expect_rc 0
    expect_eq "$(md_events ours | tr '\n' '|')" "T|10:30 z|10:50 x|10:20 y|" "ours kept in its order"
    # An event one side deleted and the other left as it was: gone.
    { md_header T; md_event 09:00 "kept"; md_event 09:30 "deleted"; } >base
    { md_header T; md_event 09:00 "kept"; } >ours
    { md_header T; md_event 09:00 "kept"; md_event 09:30 "deleted"; md_event 10:00 "new"; } >theirs
    run_hd merge-driver base ours theirs
    expect_rc 0
    expect_eq "$(md_events ours | tr '\n' '|')" "T|09:00 kept|10:00 new|" "after a deletion"
}

test_merge_driver_marks_a_key_changed_on_both_sides() {
    setup_three_files
    md_header T >base
    { md_header Ours; md_event 11:00 "ours"; } >ours
    { md_header Theirs; md_event 10:30 "theirs"; } >theirs
    cp ours ours.orig
    run_hd merge-driver base ours theirs tickets/ab/abc1234.toml
    expect_rc 1
    expect_contains "$ERR" "tickets/ab/abc1234.toml"
    expect_contains "$ERR" "title"
    expect_eq "$(grep -c '^[<=>]' ours)" 3 "marker lines"
    expect_eq "$(sed -n '/^<<<<<<< ours$/,/^>>>>>>> theirs$/p' ours)" '<<<<<<< ours
title = "Ours"
=======
title = "Theirs"
>>>>>>> theirs' "conflict block"
    expect_contains "$(cat ours)" 'body = "ours"'
    expect_contains "$(cat ours)" 'body = "theirs"'
    # --marker-size, as git passes %L.
    cp ours.orig ours
    run_hd merge-driver --marker-size 12 base ours theirs
    expect_rc 1
    expect_eq "$(grep -c '^[<=>]' ours)" 3 "marker lines"
    grep -qx '<<<<<<<<<<<< ours' ours || fail "no 12-character start marker: $(cat ours)"
    grep -qx '============' ours || fail "no 12-character separator: $(cat ours)"
    grep -qx '>>>>>>>>>>>> theirs' ours || fail "no 12-character end marker: $(cat ours)"
    cp ours.orig ours
    run_hd merge-driver --marker-size 0 base ours theirs
    expect_rc 2
    cmp ours ours.orig || fail "a refused --marker-size changed ours"
}

# Not tickets, or a side that is not a valid one: a line-by-line merge.
test_merge_driver_merges_other_text_line_by_line() {
    setup_three_files
    printf 'one\ntwo\nthree\n' >base
    printf 'ONE\ntwo\nthree\n' >ours
    printf 'one\ntwo\nTHREE\n' >theirs
    run_hd merge-driver base ours theirs notes.txt
    expect_rc 0
    expect_eq "$(cat ours)" $'ONE\ntwo\nTHREE' "line merge"
    printf 'uno\ntwo\nthree\n' >ours
    printf 'eins\ntwo\nthree\n' >theirs
    run_hd merge-driver --marker-size 3 base ours theirs notes.txt
    expect_rc 1
    expect_eq "$(cat ours)" $'<<< ours\nuno\n===\neins\n>>> theirs\ntwo\nthree' "line merge in conflict"
    # Their side has an unclosed string.
    md_header T >base
    { md_header T; md_event 11:00 "ours"; } >ours
    md_header T | sed 's/^title = "T"$/title = "T/' >theirs
    run_hd merge-driver base ours theirs tickets/ab/abc1234.toml
    expect_rc 0
    expect_eq "$(sed -n 2p ours)" 'title = "T' "their broken line, merged as text"
    expect_contains "$(cat ours)" 'body = "ours"'
}

test_merge_driver_leaves_ours_alone_when_a_side_cannot_be_read() {
    setup_three_files
    md_header T >base
    { md_header T; md_event 11:00 "ours"; } >ours
    md_header T >theirs
    cp ours ours.orig
    for args in "base ours missing" "missing ours theirs" "base ours ." "base ours"; do
        # shellcheck disable=SC2086
        run_hd merge-driver $args
        [ "$RC" -ne 0 ] && [ "$RC" -ne 1 ] || fail "merge-driver $args exited $RC"
        cmp ours ours.orig || fail "merge-driver $args changed ours"
    done
    run_hd merge-driver base ours missing
    expect_contains "$ERR" "missing"
    run_hd merge-driver base nowhere theirs
    [ "$RC" -ne 0 ] && [ "$RC" -ne 1 ] || fail "merge-driver with no ours exited $RC"
    [ ! -e nowhere ] || fail "merge-driver made ours up"
    if [ "$(id -u)" -ne 0 ]; then # root reads whatever the mode says
        chmod 000 theirs
        run_hd merge-driver base ours theirs
        [ "$RC" -ne 0 ] && [ "$RC" -ne 1 ] || fail "merge-driver on an unreadable file exited $RC"
        cmp ours ours.orig || fail "an unreadable side changed ours"
        chmod 644 theirs
    fi
}

# 11
test_check_reports_missing_attributes_as_setup() {
    setup_desk
    expect_eq "$(cat .gitattributes)" "$(printf 'tickets/**/*.toml merge=hd\ntickets/**/*.d/** -text')" \
        ".gitattributes of hd init"
    new_ticket >/dev/null
    run_hd check
    expect_rc 0
    printf '*.png binary\n' >.gitattributes
    git commit -qam "attributes of our own" || fail commit
    run_hd check
    expect_rc 1
    expect_contains "$ERR" "setup: .gitattributes:"
    expect_contains "$ERR" "tickets/**/*.toml merge=hd"
    expect_contains "$ERR" "tickets/**/*.d/** -text"
    expect_contains "$OUT" "2 problem(s)"
    run_hd check --json
    expect_rc 1
    printf '%s' "$OUT" | python3 -c '
import json, sys
p = json.load(sys.stdin)["problems"]
assert [(x["kind"], x["path"]) for x in p] == [("setup", ".gitattributes")] * 2, p' || fail "hd check --json: $OUT"
    git rm -q .gitattributes && git commit -qm "no attributes" || fail commit
    run_hd check
    expect_rc 1
    expect_contains "$ERR" "setup: .gitattributes:"
    printf '*.png binary\ntickets/**/*.toml merge=hd\n' >.gitattributes
    git add .gitattributes && git commit -qm "merge attribute back" || fail commit
    run_hd check
    expect_rc 1
    expect_not_contains "$ERR" "merge=hd"
    expect_contains "$ERR" "not marked binary"
    printf 'tickets/**/*.d/** -text\n' >>.gitattributes
    git commit -qam "kept mail attribute back" || fail commit
    run_hd check
    expect_rc 0
    expect_clean
}

# The [[event]] table of a file that holds the text.
event_with() { # file text
    python3 -c '
import sys
pieces = open(sys.argv[1]).read().split("\n[[event]]\n")[1:]
print("".join(p for p in pieces if sys.argv[2] in p), end="")' "$1" "$2"
}

# 12: Bo and Cy (the same agent on two machines) write the same note at the
# same second, each among notes of their own.
test_identical_event_on_both_sides_appears_once() {
    setup_team 3
    git -C "$TEST_ROOT/c" config user.name "Bo Agent"
    git -C "$TEST_ROOT/c" config user.email bo@example.com
    at b
    hd_at 10:00 note "$ID" -m "the same words"
    hd_at 10:20 note "$ID" -m "only in b"
    git push -q || fail "push from b"
    at c
    hd_at 09:40 note "$ID" -m "only in c"
    hd_at 10:00 note "$ID" -m "the same words"
    # The same bytes in both files.
    expect_eq "$(event_with "$(ticket_path "$ID")" "the same words")" \
        "$(event_with "$TEST_ROOT/b/$(ticket_path "$ID")" "the same words")" "the note in c and in b"
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull: $(cat "$TEST_ROOT/pull.out")"
    expect_merge_commit
    expect_eq "$(events_of "$ID")" "restate/Ana/The office printer smokes
note/Bo/only in c
note/Bo/the same words
note/Bo/only in b" "events"
    expect_eq "$(grep -c 'the same words' "$(ticket_path "$ID")")" 1 "copies of the note in the file"
    expect_sound
}

# The same words at the same second from two agents are two events.
test_same_words_from_two_agents_stay_two_events() {
    setup_team 2
    hd_at 10:00 note "$ID" -m "the same words"
    git push -q || fail "push from a"
    at b
    hd_at 10:00 note "$ID" -m "the same words"
    git pull -q --no-rebase >"$TEST_ROOT/pull.out" 2>&1 || fail "git pull: $(cat "$TEST_ROOT/pull.out")"
    expect_eq "$(events_of "$ID" | tail -n 2 | tr '\n' '|')" "note/Ana/the same words|note/Bo/the same words|" "events"
    expect_sound
}
