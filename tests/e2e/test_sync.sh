# hd sync, and --sync on the bulk actions: clones of one bare remote that
# fetch, merge and push, checked with git itself.

# ---------------------------------------------------------------- helpers

# A temporary root holding a bare remote (remote.git, no commits yet) and,
# later, the clones. REMOTE_URL is how the clones reach it.
setup_team_root() {
    TEST_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/hd-e2e.XXXXXX")
    DAEMON_PID=
    trap 'team_cleanup' EXIT
    export HOME="$TEST_ROOT/home" GIT_CONFIG_NOSYSTEM=1
    mkdir -p "$HOME"
    unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL VISUAL EDITOR
    unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
    git init -q --bare -b main "$TEST_ROOT/remote.git" || fail "git init --bare"
    REMOTE_URL="$TEST_ROOT/remote.git"
    BASE_EPOCH=$(date -u -d 2026-11-23T09:00:00Z +%s)
    CLOCK=0
    tick
}

team_cleanup() {
    if [ -n "${DAEMON_PID:-}" ]; then
        kill "$DAEMON_PID" 2>/dev/null
        wait "$DAEMON_PID" 2>/dev/null
    fi
    rm -rf "$TEST_ROOT"
}

# Moves the clock one minute on: every action gets its own, later time.
tick() {
    CLOCK=$((CLOCK + 60))
    HD_NOW=$(date -u -d "@$((BASE_EPOCH + CLOCK))" +%Y-%m-%dT%H:%M:%SZ)
    export HD_NOW
}

# Clones the remote into $TEST_ROOT/NAME with an agent of its own. When the
# remote is still empty, this clone starts the desk and pushes it.
add_clone() { # name
    local dir="$TEST_ROOT/$1" empty
    empty=$(git --git-dir="$TEST_ROOT/remote.git" rev-parse -q --verify refs/heads/main >/dev/null || echo yes)
    git clone -q "$REMOTE_URL" "$dir" 2>/dev/null || fail "git clone $REMOTE_URL into $1"
    git -C "$dir" config user.name "Agent $1"
    git -C "$dir" config user.email "$1@desk.example"
    if [ -n "$empty" ]; then
        (cd "$dir" && "$HD" init --name "Team Desk" >/dev/null && "$HD" sync >/dev/null) ||
            fail "$1: hd init and the first hd sync failed"
    fi
}

setup_team() { # clone names; the first starts the desk
    setup_team_root
    local name
    for name in "$@"; do add_clone "$name"; done
    at "$1"
}

at() { cd "$TEST_ROOT/$1" || fail "no clone $1"; }

remote_head() { git --git-dir="$TEST_ROOT/remote.git" rev-parse refs/heads/main; }

head_of() { git -C "$TEST_ROOT/$1" rev-parse HEAD; }

# Everything but .git is byte-identical in the two clones.
expect_same_files() { # clone clone
    diff -r -q -x .git "$TEST_ROOT/$1" "$TEST_ROOT/$2" >/dev/null ||
        fail "$1 and $2 differ: $(diff -r -x .git "$TEST_ROOT/$1" "$TEST_ROOT/$2" | head -40)"
}

# Runs python3 code on the JSON in $OUT; extra arguments go to sys.argv.
check_json() { # what code args...
    local what=$1 code=$2
    shift 2
    printf '%s' "$OUT" | python3 -c "import json, sys
j = json.load(sys.stdin)
$code" "$@" || fail "$what: $OUT"
}

# Prints one line per event of a ticket file: kind, at, by, then the
# unique tokens (tk<N>q) its body holds.
events_of() { # file
    python3 - "$1" <<'EOF'
import re, sys, tomllib
t = tomllib.loads(open(sys.argv[1], encoding="utf-8").read())
for e in t.get("event", []):
    toks = " ".join(re.findall(r"tk\d+q", e.get("body", "")))
    print(e["kind"], e["at"].isoformat().replace("+00:00", "Z"), e["by"], toks)
EOF
}

# Every ticket file's events are in time order.
expect_events_in_order() {
    python3 - <<'EOF' || fail "events out of time order"
import sys, tomllib, pathlib
for path in pathlib.Path("tickets").rglob("*.toml"):
    times = [e["at"] for e in tomllib.loads(path.read_text()).get("event", [])]
    if times != sorted(times):
        print(f"{path}: {times}", file=sys.stderr)
        sys.exit(1)
EOF
}

# Occurrences of a string in the ticket files.
count_in_tickets() { # text
    cat tickets/*/*.toml | grep -o -F -- "$1" | wc -l | tr -d ' '
}

no_merge_in_progress() {
    [ ! -e "$(git rev-parse --git-path MERGE_HEAD)" ] || fail "a merge was left in progress"
}

# Makes clone RACER push a note on ticket ID to the remote while clone
# VICTIM's git is busy: at "fetch" (once VICTIM's fetch has updated its
# remote-tracking branch, so VICTIM's push after it is refused as not a
# fast-forward) or at "push" (in VICTIM's pre-push hook, after the remote
# advertised its refs: the remote refuses the ref update). MODE is once or
# always. Each race is counted in $TEST_ROOT/races.
install_race() { # victim racer id fetch|push once|always
    local victim=$1 racer=$2 id=$3 when=$4 mode=$5 hook guard round
    : >"$TEST_ROOT/races"
    # Each race installed writes words of its own: the same words by the
    # same agent at the same second would be one event.
    round=$(($(cat "$TEST_ROOT/race_rounds" 2>/dev/null || echo 0) + 1))
    echo "$round" >"$TEST_ROOT/race_rounds"
    if [ "$when" = fetch ]; then
        hook="$TEST_ROOT/$victim/.git/hooks/reference-transaction"
        guard='[ "$1" = committed ] || exit 0
grep -q " refs/remotes/origin/main$" || exit 0
tr "\0" " " </proc/$PPID/cmdline | grep -q " fetch " || exit 0'
    else
        hook="$TEST_ROOT/$victim/.git/hooks/pre-push"
        guard='cat >/dev/null'
    fi
    cat >"$hook" <<EOF
#!/bin/sh
$guard
[ "$mode" = always ] || [ ! -s "$TEST_ROOT/races" ] || exit 0
echo race >>"$TEST_ROOT/races"
n=\$(wc -l <"$TEST_ROOT/races")
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX GIT_TRACE
cd "$TEST_ROOT/$racer" || exit 1
{
    git pull -q --ff-only &&
        HD_NOW=2026-11-25T10:\$(printf %02d \$n):00Z "$HD" note $id --backfill -m "racing note \$n tk90\${n}q (race $round)" &&
        git push -q origin main
} >>"$TEST_ROOT/race.log" 2>&1 || echo "race \$n failed" >>"$TEST_ROOT/race.log"
exit 0
EOF
    chmod +x "$hook"
}

# The pushes git ran, in a GIT_TRACE file (the racing clone's are not traced).
pushes_in() { # trace file
    grep -c 'trace: built-in: git push' "$1"
}

remove_races() { # victim
    rm -f "$TEST_ROOT/$1/.git/hooks/reference-transaction" "$TEST_ROOT/$1/.git/hooks/pre-push"
}

# A git daemon serving $TEST_ROOT on a free local port; REMOTE_URL becomes
# its git:// URL.
start_daemon() {
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$(git --exec-path)/git-daemon" --reuseaddr --base-path="$TEST_ROOT" --export-all \
        --enable=receive-pack --listen=127.0.0.1 --port="$port" \
        >"$TEST_ROOT/daemon.log" 2>&1 &
    DAEMON_PID=$!
    REMOTE_URL="git://127.0.0.1:$port/remote.git"
    for _ in $(seq 1 100); do
        git ls-remote "$REMOTE_URL" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    fail "git daemon did not come up: $(cat "$TEST_ROOT/daemon.log")"
}

# ---------------------------------------------------------------- scenarios

# B opens a ticket and replies, pushes; A fast-forwards to it.
scenario_basic() {
    local remote_name=$1
    at a
    expect_eq "$(remote_head)" "$(head_of a)" "remote after A's first sync"
    expect_contains "$(git show HEAD:.gitattributes)" "tickets/**/*.toml merge=hd"
    at b
    tick
    id=$(new_ticket "Printer on fire")
    tick
    "$HD" reply "$id" -m "Please unplug it tk1q." --no-lint >/dev/null || fail "reply in B"
    [ -n "$(git config merge.hd.driver)" ] || fail "hd did not install merge.hd.driver in B"
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "Pushed to $remote_name/main."
    expect_eq "$(remote_head)" "$(head_of b)" "remote after B's sync"
    expect_clean

    at a
    before=$(git rev-parse HEAD)
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "From $remote_name/main: fast-forward"
    expect_contains "$OUT" "  $id  new ticket, 1 reply  Printer on fire"
    expect_contains "$OUT" "Nothing to push."
    expect_not_contains "$OUT" "In all:"
    expect_eq "$(head_of a)" "$(head_of b)" "A's HEAD after the fast-forward"
    expect_eq "$(git rev-list --parents -n1 HEAD | wc -w | tr -d ' ')" 2 "words in rev-list --parents (no merge commit)"
    expect_eq "$(git log -1 --format=%s)" "hd reply $id: Printer on fire" "A's last commit"
    git merge-base --is-ancestor "$before" HEAD || fail "A's old HEAD is not in its history"
    expect_same_files a b
    expect_clean

    # Once more, in JSON: a note from B comes in.
    at b
    tick
    note_at=$HD_NOW
    "$HD" note "$id" -m "Ordered a new fuser tk2q." >/dev/null || fail "note in B"
    "$HD" sync >/dev/null || fail "B's second sync"
    at a
    before=$(git rev-parse HEAD)
    run_hd sync --json
    expect_rc 0
    check_json "sync --json" '
remote_name, before, after, id, at = sys.argv[1:]
assert j["remote"] == remote_name, j
assert j["branch"] == "main", j
assert j["result"] == "fast-forward", j
assert j["dry_run"] is False, j
assert j["before"] == before and j["after"] == after, j
assert j["pushed"] is False and j["tries"] == 0, j
assert len(j["incoming"]) == 1, j
t = j["incoming"][0]
assert t["id"] == id and t["title"] == "Printer on fire" and t["new"] is False, t
assert [e["kind"] for e in t["events"]] == ["note"], t
assert t["events"][0]["by"] == "Agent b <b@desk.example>", t
assert t["events"][0]["at"] == at, t
' "$remote_name" "$before" "$(head_of b)" "$id" "$note_at"
    expect_eq "$(head_of a)" "$(head_of b)" "A's HEAD after the JSON sync"

    # Nothing new on either side.
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "$remote_name/main: nothing new came in"
    expect_contains "$OUT" "Nothing to push."
    run_hd sync --json
    expect_rc 0
    check_json "sync --json, up to date" '
assert j["result"] == "up-to-date" and j["incoming"] == [] and j["pushed"] is False, j
assert j["before"] == j["after"] == sys.argv[1], j
' "$(head_of b)"
    expect_same_files a b
    expect_clean
    at b
    expect_clean
}

# A and B both work on one ticket (and open one each), then sync in turn.
scenario_diverged() {
    local remote_name=$1
    at a
    tick
    id=$(new_ticket "Invoice is blank")
    "$HD" sync >/dev/null || fail "A's first sync"
    at b
    "$HD" sync >/dev/null || fail "B's first sync"
    expect_eq "$(head_of b)" "$(head_of a)" "B after the first sync"

    at a; tick; t1=$HD_NOW
    "$HD" note "$id" -m "Looks like the PDF renderer tk11q." >/dev/null || fail "note in A"
    at b; tick; t2=$HD_NOW
    "$HD" receive "$id" -m "It is still blank tk12q." >/dev/null || fail "receive in B"
    at a; tick; t3=$HD_NOW
    "$HD" reply "$id" -m "Please try the web view tk13q." --no-lint >/dev/null || fail "reply in A"
    at b; tick; t4=$HD_NOW
    "$HD" note "$id" -m "Customer is on plan Pro tk14q." >/dev/null || fail "note in B"
    at a; tick
    ida=$(new_ticket "Opened in A" "Al <al@example.org>" "tk15q")
    at b; tick
    idb=$(new_ticket "Opened in B" "Bo <bo@example.org>" "tk16q")

    at a
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "$remote_name/main: nothing new came in"
    expect_contains "$OUT" "Pushed to $remote_name/main."
    a_head=$(git rev-parse HEAD)

    at b
    b_head=$(git rev-parse HEAD)
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "From $remote_name/main: merged"
    expect_contains "$OUT" "  $ida  new ticket"
    expect_contains "$OUT" "  $id  "
    expect_contains "$OUT" "In all: "
    expect_contains "$OUT" "Pushed to $remote_name/main."
    expect_eq "$(git rev-list --parents -n1 HEAD)" "$(git rev-parse HEAD) $b_head $a_head" "merge commit and its parents"
    expect_eq "$(git log -1 --format=%s)" "hd sync: merge $remote_name/main" "merge subject"
    expect_eq "$(git log -1 --format=%B | git interpret-trailers --parse)" "Hd-Action: sync" "merge trailers"
    expect_eq "$(git log -1 --format='%(trailers:key=Hd-Action,valueonly)' | grep .)" "sync" "Hd-Action"
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote after B's sync"
    f=$(ticket_path "$id")
    expect_eq "$(events_of "$f")" "note $t1 Agent a <a@desk.example> tk11q
receive $t2 Ana Lima <ana@example.org> tk12q
reply $t3 Agent a <a@desk.example> tk13q
note $t4 Agent b <b@desk.example> tk14q" "events after the merge"
    for tok in tk11q tk12q tk13q tk14q tk15q tk16q; do
        expect_eq "$(count_in_tickets "$tok")" 1 "occurrences of $tok"
    done
    [ -f "$(ticket_path "$ida")" ] && [ -f "$(ticket_path "$idb")" ] || fail "a new ticket is missing"
    expect_events_in_order
    run_hd check
    expect_rc 0
    expect_clean

    at a
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "From $remote_name/main: fast-forward"
    expect_contains "$OUT" "  $idb  new ticket"
    expect_contains "$OUT" "Nothing to push."
    expect_eq "$(head_of a)" "$(head_of b)" "heads after A's second sync"
    expect_eq "$(remote_head)" "$(head_of a)" "remote after A's second sync"
    expect_same_files a b
    run_hd show "$id" --json
    check_json "show after sync" '
assert [e["kind"] for e in j["events"]] == ["note", "receive", "reply", "note"], j["events"]
'
    expect_clean
}

# ---------------------------------------------------------------- tests

test_sync_pushes_and_fast_forwards() {
    setup_team a b
    scenario_basic origin
}

test_sync_merges_diverged_clones() {
    setup_team a b
    scenario_diverged origin
}

# A with a note of its own, B's note waiting on the remote; the shared ticket is $id.
race_setup() { # racer
    setup_team a b "$1"
    at a; tick
    id=$(new_ticket "Shared ticket")
    "$HD" sync >/dev/null || fail "A's sync"
    for n in b "$1"; do (at "$n" && "$HD" sync >/dev/null) || fail "$n's sync"; done
    at b; tick
    "$HD" note "$id" -m "from B tk21q" >/dev/null && "$HD" sync >/dev/null || fail "B's note"
    at a; tick
    "$HD" note "$id" -m "from A tk22q" >/dev/null || fail "A's note"
    a_note=$(git rev-parse HEAD)
}

test_sync_merges_header_keys_and_restatements() {
    setup_team a b
    tick
    id=$(new_ticket "Old title")
    "$HD" sync >/dev/null || fail "A's sync"
    f=$(ticket_path "$id")
    (at b && "$HD" sync >/dev/null) || fail "B's sync"
    # A raises the priority by hand, B retitles it by hand; both restate.
    sed -i 's/^priority = "normal"$/priority = "high"/' "$f"
    git commit -qam "A: priority" || fail "A's edit"
    tick
    "$HD" restate "$id" "Printer smokes on every job" >/dev/null || fail "A's restate"
    "$HD" sync >/dev/null || fail "A's push"
    at b
    sed -i 's/^title = "Old title"$/title = "Printer smokes"/' "$f"
    git commit -qam "B: title" || fail "B's edit"
    tick
    "$HD" restate "$id" "Printer smokes only on duplex jobs" >/dev/null || fail "B's restate"
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "merged"
    expect_eq "$(git rev-list --parents -n1 HEAD | wc -w | tr -d ' ')" 3 "words in rev-list --parents (a merge)"
    expect_eq "$(grep -c '^priority = "high"$' "$f")" 1 "A's priority"
    expect_eq "$(grep -c '^title = "Printer smokes"$' "$f")" 1 "B's title"
    expect_eq "$(grep -c '^kind = "restate"$' "$f")" 2 "restatements"
    run_hd show "$id" --json
    check_json "show after the merge" '
assert j["priority"] == "high" and j["title"] == "Printer smokes", j
assert j["summary"] == "Printer smokes only on duplex jobs", j["summary"]
'
    run_hd check
    expect_rc 0
    expect_clean
    at a
    run_hd sync
    expect_rc 0
    expect_same_files a b
    expect_clean
}

test_push_refused_after_fetch_is_retried() {
    race_setup c
    # C pushes while A is between its fetch and its push: A's push is not
    # a fast-forward.
    install_race a c "$id" fetch once
    run_hd sync --json
    expect_rc 0
    expect_eq "$(wc -l <"$TEST_ROOT/races" | tr -d ' ')" 1 "races"
    expect_not_contains "$(cat "$TEST_ROOT/race.log" 2>/dev/null)" "failed"
    check_json "sync --json after a refused push" '
assert j["pushed"] is True and j["tries"] == 2 and j["result"] == "merged", j
assert j["before"] == sys.argv[1], j
assert j["after"] != j["before"], j
assert {t["id"] for t in j["incoming"]} == {sys.argv[2]}, j
toks = sorted(e["kind"] for t in j["incoming"] for e in t["events"])
assert toks == ["note", "note"], j
' "$a_note" "$id"
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote after the retried push"
    git merge-base --is-ancestor "$a_note" HEAD || fail "A's note is not in what was pushed"
    git merge-base --is-ancestor "$(head_of c)" HEAD || fail "C's racing note is not in what was pushed"
    git merge-base --is-ancestor "$(head_of b)" HEAD || fail "B's note is not in what was pushed"
    for tok in tk21q tk22q tk901q; do
        expect_eq "$(count_in_tickets "$tok")" 1 "occurrences of $tok"
    done
    expect_events_in_order
    expect_clean
    # The others get the same.
    for n in b c; do
        (at "$n" && "$HD" sync >/dev/null) || fail "$n's last sync"
        expect_eq "$(head_of "$n")" "$(head_of a)" "HEAD of $n"
    done
}

test_ticket_that_came_in_twice_is_listed_once() {
    race_setup c
    install_race a c "$id" fetch once
    run_hd sync --json
    expect_rc 0
    check_json "sync --json after a refused push" '
ids = [t["id"] for t in j["incoming"]]
assert ids == [sys.argv[1]], "one entry per ticket that came in, got %s" % ids
assert [e["kind"] for e in j["incoming"][0]["events"]] == ["note", "note"], j
' "$id"
    # The same in text, once the clocks are past the racing notes.
    remove_races a
    CLOCK=$((CLOCK + 3 * 86400))
    at b; tick
    "$HD" sync >/dev/null && "$HD" note "$id" -m "from B tk23q" >/dev/null && "$HD" sync >/dev/null || fail "B again"
    at a; tick
    "$HD" note "$id" -m "from A tk24q" >/dev/null || fail "A's note"
    install_race a c "$id" fetch once
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "From origin/main: merged"
    expect_contains "$OUT" "Pushed to origin/main"
    expect_eq "$(printf '%s\n' "$OUT" | grep -c "^  $id ")" 1 "lines naming $id in: $OUT"
    expect_contains "$OUT" "  $id  2 notes  Shared ticket"
}

test_push_race_during_push_is_retried() {
    setup_team a b
    at a; tick
    id=$(new_ticket "Shared ticket")
    "$HD" sync >/dev/null || fail "A's sync"
    (at b && "$HD" sync >/dev/null) || fail "B's sync"
    at a; tick
    "$HD" note "$id" -m "from A tk31q" >/dev/null || fail "A's note"
    a_note=$(git rev-parse HEAD)
    # B pushes after the remote told A where main is, before A's ref update.
    install_race a b "$id" push once
    run_hd sync --json
    expect_eq "$(wc -l <"$TEST_ROOT/races" | tr -d ' ')" 1 "races"
    expect_not_contains "$(cat "$TEST_ROOT/race.log" 2>/dev/null)" "failed"
    git merge-base --is-ancestor "$a_note" HEAD || fail "A's note was lost"
    expect_clean
    expect_rc 0
    check_json "sync --json after a push race" '
assert j["pushed"] is True and j["tries"] == 2, j
'
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote after the retried push"
    git merge-base --is-ancestor "$a_note" HEAD || fail "A's note is not in what was pushed"
    git merge-base --is-ancestor "$(head_of b)" HEAD || fail "B's racing note is not in what was pushed"
    expect_clean
}

test_persistent_race_exits_7_and_keeps_local_work() {
    setup_team a c
    at a; tick
    id=$(new_ticket "Busy ticket")
    "$HD" sync >/dev/null || fail "A's sync"
    (at c && "$HD" sync >/dev/null) || fail "C's sync"
    at a; tick
    "$HD" note "$id" -m "from A tk41q" >/dev/null || fail "A's note"
    a_note=$(git rev-parse HEAD)
    # C has pushed a note, and pushes another each time A fetches.
    (at c && tick && "$HD" note "$id" -m "from C tk42q" >/dev/null && "$HD" sync >/dev/null) || fail "C's note"
    install_race a c "$id" fetch always
    GIT_TRACE="$TEST_ROOT/trace1" run_hd sync --tries 1
    expect_rc 7
    expect_contains "$ERR" "refused"
    expect_eq "$(pushes_in "$TEST_ROOT/trace1")" 1 "push attempts with --tries 1"
    git merge-base --is-ancestor "$a_note" HEAD || fail "A's note was lost"
    expect_eq "$(count_in_tickets tk41q)" 1 "A's note in the file"
    git --git-dir="$TEST_ROOT/remote.git" rev-list main | grep -qx "$a_note" && fail "A's note reached the remote"
    no_merge_in_progress
    expect_clean

    # With three tries, three fetches, three refusals.
    GIT_TRACE="$TEST_ROOT/trace3" run_hd sync --tries 3 --json
    expect_rc 7
    expect_eq "$(pushes_in "$TEST_ROOT/trace3")" 3 "push attempts with --tries 3"
    git merge-base --is-ancestor "$a_note" HEAD || fail "A's note was lost"
    no_merge_in_progress
    expect_clean

    # Once C stops, the next sync lands everything.
    remove_races a
    run_hd sync
    expect_rc 0
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote after the race ended"
    races=$(wc -l <"$TEST_ROOT/races" | tr -d ' ')
    [ "$races" -ge 4 ] || fail "only $races races"
    for tok in tk41q tk42q $(seq -f "tk90%gq" 1 "$races"); do
        expect_eq "$(count_in_tickets "$tok")" 1 "occurrences of $tok"
    done
    expect_events_in_order
    expect_clean
}

test_unreachable_remote_exits_7() {
    setup_team a
    tick
    new_ticket >/dev/null
    head=$(git rev-parse HEAD)
    run_hd sync "$TEST_ROOT/nowhere.git"
    expect_rc 7
    expect_contains "$ERR" "nowhere.git"
    git remote set-url origin "$TEST_ROOT/gone.git"
    run_hd sync
    expect_rc 7
    run_hd sync --dry-run
    expect_rc 7
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_clean
}

test_unknown_remote_name_exits_2() {
    setup_team a
    head=$(git rev-parse HEAD)
    run_hd sync upstream
    expect_rc 2
    expect_contains "$ERR" "upstream"
    run_hd sync --tries 0
    expect_rc 2
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_clean
}

test_no_remote_exits_5() {
    setup_desk
    new_ticket >/dev/null
    before=$(commit_count)
    run_hd sync
    expect_rc 5
    expect_contains "$ERR" "git remote add"
    run_hd sync --json
    expect_rc 5
    expect_eq "$(commit_count)" "$before" "commits"
    expect_clean
}

test_detached_head_exits_5() {
    setup_team a b
    at b; tick
    new_ticket >/dev/null && "$HD" sync >/dev/null || fail "B's ticket"
    at a
    git checkout -q --detach
    head=$(git rev-parse HEAD)
    run_hd sync
    expect_rc 5
    expect_contains "$ERR" "detached"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    git symbolic-ref -q HEAD && fail "HEAD was attached behind the user's back"
    expect_clean
}

test_unrelated_history_exits_7() {
    setup_team a
    # Another desk, started on its own, in a remote of its own.
    git init -q --bare -b main "$TEST_ROOT/other.git"
    mkdir "$TEST_ROOT/lone" && cd "$TEST_ROOT/lone" || fail "mkdir"
    git init -q -b main && git config user.name Lone && git config user.email lone@example.org
    "$HD" init --name "Other Desk" >/dev/null || fail "hd init in lone"
    git push -q "$TEST_ROOT/other.git" main || fail "push lone"
    at a
    git remote add other "$TEST_ROOT/other.git"
    head=$(git rev-parse HEAD)
    files=$(cat hd.toml .gitattributes)
    run_hd sync other
    expect_rc 7
    expect_contains "$ERR" "unrelated"
    run_hd sync "$TEST_ROOT/other.git"
    expect_rc 7
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_eq "$(cat hd.toml .gitattributes)" "$files" "files"
    expect_eq "$(git --git-dir="$TEST_ROOT/other.git" log --format=%s main)" "hd init: Other Desk" "the other remote"
    no_merge_in_progress
    expect_clean
}

test_rejecting_remote_hook_exits_7_and_keeps_commits() {
    setup_team a
    printf '#!/bin/sh\necho "pushes are frozen today" >&2\nexit 1\n' >"$TEST_ROOT/remote.git/hooks/pre-receive"
    chmod +x "$TEST_ROOT/remote.git/hooks/pre-receive"
    remote_before=$(remote_head)
    tick
    id=$(new_ticket)
    tick
    "$HD" note "$id" -m "kept tk51q" >/dev/null || fail note
    head=$(git rev-parse HEAD)
    run_hd sync
    expect_rc 7
    expect_contains "$ERR" "pushes are frozen today"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_eq "$(remote_head)" "$remote_before" "remote"
    expect_eq "$(count_in_tickets tk51q)" 1 "the note"
    expect_clean
    run_hd sync --json
    expect_rc 7
    rm "$TEST_ROOT/remote.git/hooks/pre-receive"
    run_hd sync
    expect_rc 0
    expect_eq "$(remote_head)" "$head" "remote after the hook is gone"
}

test_header_conflict_exits_5_and_changes_nothing() {
    setup_team a b
    tick
    id=$(new_ticket "Argued over")
    "$HD" sync >/dev/null || fail "A's sync"
    f=$(ticket_path "$id")
    at b
    "$HD" sync >/dev/null || fail "B's sync"
    sed -i 's/^priority = "normal"$/priority = "high"/' "$f"
    git commit -qam "B: priority high" && git push -q || fail "B's edit"
    at a
    sed -i 's/^priority = "normal"$/priority = "low"/' "$f"
    git commit -qam "A: priority low" || fail "A's edit"
    tick
    "$HD" note "$id" -m "A's note tk61q" >/dev/null || fail "A's note"
    head=$(git rev-parse HEAD)
    bytes=$(sha256sum "$f")
    run_hd sync
    expect_rc 5
    expect_contains "$ERR" "git merge FETCH_HEAD"
    expect_contains "$ERR" "$f"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_eq "$(sha256sum "$f")" "$bytes" "ticket file bytes"
    expect_eq "$(git rev-parse HEAD:"$f")" "$(git hash-object "$f")" "index and file"
    expect_eq "$(remote_head)" "$(head_of b)" "remote"
    no_merge_in_progress
    expect_clean
    run_hd sync --json
    expect_rc 5

    # By hand, as hd says: git shows the clash on that one key.
    git merge FETCH_HEAD >/dev/null 2>&1 && fail "git merge FETCH_HEAD did not stop"
    expect_eq "$(git diff --name-only --diff-filter=U)" "$f" "files in conflict"
    grep -q '^<<<<<<< ' "$f" || fail "no conflict markers in $f"
    grep -q '^priority = "low"$' "$f" && grep -q '^priority = "high"$' "$f" || fail "both priorities not shown: $(cat "$f")"
    expect_eq "$(count_in_tickets tk61q)" 1 "A's note during the merge"
    # A merge in progress: hd sync refuses.
    run_hd sync
    expect_rc 5
    expect_contains "$ERR" "merge"
    # Resolved by a person, the desk syncs again.
    sed -i -e '/^<<<<<<< /d' -e '/^=======$/d' -e '/^>>>>>>> /d' -e '/^priority = "low"$/d' "$f"
    git add "$f" && git commit -q --no-edit || fail "committing the resolution"
    run_hd check
    expect_rc 0
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "Pushed to origin/main."
    at b
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "fast-forward"
    expect_same_files a b
    expect_eq "$(grep -c '^priority = "high"$' "$f")" 1 "priority"
    expect_clean
}

test_dry_run_changes_nothing() {
    setup_team a b
    at b; tick
    id=$(new_ticket "Came from B" "Bo <bo@example.org>" "tk71q")
    tick
    "$HD" receive "$id" -m "More detail tk72q" >/dev/null && "$HD" sync >/dev/null || fail "B's work"
    at a; tick
    own=$(new_ticket "Only in A")
    head=$(git rev-parse HEAD)
    remote_before=$(remote_head)
    run_hd sync --dry-run
    expect_rc 0
    expect_contains "$OUT" "origin/main"
    expect_contains "$OUT" "  $id  new ticket, 1 requester message  Came from B"
    expect_contains "$OUT" "Dry run: nothing was merged or pushed."
    expect_not_contains "$OUT" "Pushed"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_eq "$(remote_head)" "$remote_before" "remote"
    [ -e "$(ticket_path "$id")" ] && fail "the incoming ticket was written to the work tree"
    run_hd sync --dry-run --json
    expect_rc 0
    check_json "dry run JSON" '
head, id = sys.argv[1:]
assert j["dry_run"] is True and j["pushed"] is False and j["result"] == "merged", j
assert j["before"] == j["after"] == head, j
assert [(t["id"], t["new"]) for t in j["incoming"]] == [(id, True)], j
assert [e["kind"] for e in j["incoming"][0]["events"]] == ["receive"], j
' "$head" "$id"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_eq "$(remote_head)" "$remote_before" "remote"
    no_merge_in_progress
    expect_clean
    # The real sync does what the dry run said.
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "  $id  new ticket, 1 requester message  Came from B"
    [ -e "$(ticket_path "$own")" ] && [ -e "$(ticket_path "$id")" ] || fail "a ticket is missing"
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote"
}

test_sync_to_an_empty_remote_pushes_the_branch() {
    setup_team_root
    mkdir "$TEST_ROOT/desk" && cd "$TEST_ROOT/desk" || fail mkdir
    git init -q -b main && git config user.name Sam && git config user.email sam@example.com
    "$HD" init --name "New Desk" >/dev/null || fail "hd init"
    tick
    id=$(new_ticket)
    git remote add origin "$TEST_ROOT/remote.git"
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "Pushed to origin/main."
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote main"
    expect_clean
    git clone -q "$TEST_ROOT/remote.git" "$TEST_ROOT/copy" || fail clone
    cd "$TEST_ROOT/copy" && git config user.name Kim && git config user.email kim@example.com
    run_hd list --json
    expect_rc 0
    expect_contains "$OUT" "$id"
    expect_same_files desk copy
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "nothing new came in"
}

test_sync_follows_the_branch_upstream() {
    setup_team a
    # The team's desk lives on branch "support" of another remote, "team".
    git init -q --bare -b support "$TEST_ROOT/team.git"
    git remote add team "$TEST_ROOT/team.git"
    git push -q team main:support || fail "push to team"
    git config branch.main.remote team
    git config branch.main.merge refs/heads/support
    origin_before=$(remote_head)
    git clone -q -b support "$TEST_ROOT/team.git" "$TEST_ROOT/b" || fail "clone team"
    at b
    git config user.name "Agent b" && git config user.email b@desk.example
    tick
    id=$(new_ticket "On the support branch")
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "Pushed to origin/support."
    at a
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "From team/support: fast-forward"
    expect_contains "$OUT" "  $id  new ticket"
    expect_eq "$(git rev-parse HEAD)" "$(head_of b)" "HEAD"
    expect_eq "$(remote_head)" "$origin_before" "origin, which is not the upstream"
    tick
    "$HD" note "$id" -m "from A tk85q" >/dev/null || fail note
    run_hd sync --json
    expect_rc 0
    check_json "sync --json to the upstream" '
assert j["remote"] == "team" and j["branch"] == "support" and j["pushed"] is True, j
'
    expect_eq "$(git --git-dir="$TEST_ROOT/team.git" rev-parse support)" "$(git rev-parse HEAD)" "team/support"
    git --git-dir="$TEST_ROOT/team.git" rev-parse -q --verify main >/dev/null && fail "a main branch appeared on team"
    # Named on the command line, origin is used instead, with the same branch name.
    run_hd sync origin
    expect_rc 0
    expect_contains "$OUT" "Pushed to origin/main."
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "origin/main after hd sync origin"
    expect_clean
}

test_sync_with_a_path_and_file_url() {
    setup_team_root
    mkdir "$TEST_ROOT/desk" && cd "$TEST_ROOT/desk" || fail mkdir
    git init -q -b main && git config user.name Sam && git config user.email sam@example.com
    "$HD" init >/dev/null || fail "hd init"
    tick
    new_ticket >/dev/null
    run_hd sync "$TEST_ROOT/remote.git"
    expect_rc 0
    expect_contains "$OUT" "Pushed to"
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote after a sync by path"
    [ -z "$(git remote)" ] || fail "hd sync added a remote: $(git remote)"
    tick
    "$HD" note "$(git ls-files tickets | sed 's|.*/||; s|\.toml$||')" -m "by URL" >/dev/null || fail note
    run_hd sync "file://$TEST_ROOT/remote.git"
    expect_rc 0
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote after a sync by file:// URL"
    run_hd sync "file://$TEST_ROOT/remote.git" --json
    expect_rc 0
    check_json "up to date by URL" '
assert j["result"] == "up-to-date" and j["pushed"] is False and j["branch"] == "main", j
'
    expect_clean
}

test_sync_over_git_daemon() {
    setup_team_root
    start_daemon
    add_clone a
    add_clone b
    expect_eq "$(git -C "$TEST_ROOT/a" remote get-url origin)" "$REMOTE_URL" "A's origin"
    scenario_basic origin
    scenario_diverged origin
    # A sync naming the URL itself.
    at a; tick
    "$HD" note "$id" -m "by URL tk81q" >/dev/null || fail note
    run_hd sync "$REMOTE_URL"
    expect_rc 0
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote after a sync by URL"
}

test_uncommitted_change_in_incoming_ticket_exits_5() {
    setup_team a b
    tick
    id=$(new_ticket "Being edited")
    "$HD" sync >/dev/null || fail "A's sync"
    at b
    "$HD" sync >/dev/null || fail "B's sync"
    tick
    "$HD" note "$id" -m "from B tk91q" >/dev/null && "$HD" sync >/dev/null || fail "B's note"
    at a
    f=$(ticket_path "$id")
    echo "# my unsaved thought" >>"$f"
    head=$(git rev-parse HEAD)
    bytes=$(sha256sum "$f")
    run_hd sync
    expect_rc 5
    expect_contains "$ERR" "$f"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_eq "$(sha256sum "$f")" "$bytes" "the edited file"
    expect_eq "$(git status --porcelain)" " M $f" "git status"
    git diff --cached --quiet || fail "something was staged"
    no_merge_in_progress
    # Staged, it is still a change of the person's own.
    git add "$f"
    run_hd sync
    expect_rc 5
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    expect_eq "$(git status --porcelain)" "M  $f" "git status"
    git reset -q
    git checkout -q -- "$f"
    run_hd sync
    expect_rc 0
    expect_eq "$(count_in_tickets tk91q)" 1 "B's note"
}

test_uncommitted_change_elsewhere_does_not_block_sync() {
    setup_team a b
    tick
    id=$(new_ticket "Incoming")
    other=$(new_ticket "Edited here")
    "$HD" sync >/dev/null || fail "A's sync"
    at b
    "$HD" sync >/dev/null || fail "B's sync"
    tick
    "$HD" note "$id" -m "from B tk95q" >/dev/null && "$HD" sync >/dev/null || fail "B's note"
    at a
    g=$(ticket_path "$other")
    echo "# my unsaved thought" >>"$g"
    run_hd sync
    expect_rc 0
    expect_eq "$(git rev-parse HEAD)" "$(head_of b)" "HEAD"
    expect_eq "$(count_in_tickets tk95q)" 1 "B's note"
    expect_eq "$(git status --porcelain)" " M $g" "git status"
    expect_eq "$(tail -n 1 "$g")" "# my unsaved thought" "the unsaved edit"
}

# Three tickets answered on 1 November in CI's clone, pushed; the engineer
# has a clone too.
ci_and_engineer() {
    setup_team ci eng
    export HD_NOW=2026-11-01T10:00:00Z
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    C=$(new_ticket "Mail bounces" "Cy Chan <cy@example.org>")
    for t in "$A" "$B" "$C"; do "$HD" reply "$t" -m "Please try again." --no-lint >/dev/null || fail reply; done
    "$HD" sync >/dev/null || fail "CI's sync"
    (at eng && "$HD" sync >/dev/null) || fail "engineer's sync"
}

test_followup_due_sync_acts_on_what_is_due_after_the_pull() {
    ci_and_engineer
    # The engineer wrote to A again on 4 November: A is not due on the 5th.
    at eng
    HD_NOW=2026-11-04T10:00:00Z "$HD" reply "$A" -m "One more idea." --no-lint >/dev/null || fail reply
    "$HD" sync >/dev/null || fail "engineer's sync"
    eng_head=$(git rev-parse HEAD)
    at ci
    export HD_NOW=2026-11-05T10:00:00Z
    before=$(git rev-parse HEAD)
    run_hd followup --due --sync --dry-run
    expect_rc 2
    expect_eq "$(git rev-parse HEAD)" "$before" "HEAD after --sync --dry-run"
    run_hd followup --due --sync
    expect_rc 0
    expect_contains "$ERR" "hd: synced with origin/main: "
    expect_contains "$OUT" "$B"
    expect_contains "$OUT" "$C"
    expect_not_contains "$OUT" "$A"
    expect_eq "$(grep -c 'kind = "followup"' "$(ticket_path "$A")")" 0 "follow-ups of A"
    expect_eq "$(grep -c 'kind = "followup"' "$(ticket_path "$B")")" 1 "follow-ups of B"
    expect_eq "$(grep -c 'kind = "followup"' "$(ticket_path "$C")")" 1 "follow-ups of C"
    expect_eq "$(grep -c 'kind = "reply"' "$(ticket_path "$A")")" 2 "replies on A"
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote after the follow-ups"
    git merge-base --is-ancestor "$eng_head" HEAD || fail "the engineer's reply is not in the history"
    expect_eq "$(git log -1 --format=%s)" "hd followup: 2 tickets" "last commit"
    expect_clean
    # Nothing more is due: the next run follows up nobody and pushes nothing new.
    run_hd followup --due --sync
    expect_rc 0
    expect_eq "$(grep -c 'kind = "followup"' "$(ticket_path "$B")")" 1 "follow-ups of B after a second run"
    at eng
    "$HD" sync >/dev/null || fail "engineer's last sync"
    expect_same_files ci eng
}

test_followup_due_sync_merges_again_without_resending() {
    ci_and_engineer
    # The engineer pushed a note on A, and pushes one on B while CI is
    # between its pull and its push.
    at eng
    HD_NOW=2026-11-02T10:00:00Z "$HD" note "$A" -m "from the engineer tk99q" >/dev/null || fail note
    "$HD" sync >/dev/null || fail "engineer's sync"
    at ci
    export HD_NOW=2026-11-05T10:00:00Z
    install_race ci eng "$B" fetch once
    run_hd followup --due --sync
    expect_rc 0
    expect_eq "$(wc -l <"$TEST_ROOT/races" | tr -d ' ')" 1 "races"
    expect_contains "$ERR" "hd: synced with origin/main: "
    for t in "$A" "$B" "$C"; do
        expect_eq "$(grep -c 'kind = "followup"' "$(ticket_path "$t")")" 1 "follow-ups of $t"
    done
    expect_eq "$(git log --format=%s | grep -c '^hd followup')" 1 "follow-up commits"
    expect_eq "$(count_in_tickets tk901q)" 1 "the engineer's racing note"
    expect_eq "$(count_in_tickets tk99q)" 1 "the engineer's first note"
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote"
    expect_events_in_order
    expect_clean
}

test_close_stale_sync_skips_a_ticket_answered_elsewhere() {
    ci_and_engineer
    at ci
    HD_NOW=2026-11-05T10:00:00Z "$HD" followup --due --sync >/dev/null 2>&1 || fail "follow-up 1"
    HD_NOW=2026-11-07T10:00:00Z "$HD" followup --due --sync >/dev/null 2>&1 || fail "follow-up 2"
    # The requester of B wrote back, recorded in the engineer's clone.
    at eng
    "$HD" sync >/dev/null || fail "engineer's sync"
    HD_NOW=2026-11-08T10:00:00Z "$HD" receive "$B" -m "Still jams, sorry." >/dev/null || fail receive
    "$HD" sync >/dev/null || fail "engineer's push"
    at ci
    export HD_NOW=2026-11-10T10:00:00Z
    run_hd close --stale --sync --dry-run
    expect_rc 2
    run_hd close --stale --sync
    expect_rc 0
    expect_contains "$ERR" "hd: synced with origin/main: "
    expect_eq "$(grep -c 'kind = "close"' "$(ticket_path "$A")")" 1 "closes of A"
    expect_eq "$(grep -c 'kind = "close"' "$(ticket_path "$B")")" 0 "closes of B"
    expect_eq "$(grep -c 'kind = "close"' "$(ticket_path "$C")")" 1 "closes of C"
    expect_eq "$(remote_head)" "$(git rev-parse HEAD)" "remote"
    expect_clean
}

# --------------------------------------------------------------- torture

# One random action in clone $1; appends what it recorded to the log.
torture_action() { # clone
    local c=$1 ids id r tok rc
    at "$c"
    tick
    SEQ=$((SEQ + 1))
    tok="tk${SEQ}q"
    mapfile -t ids < <(git ls-files tickets | sed 's|.*/||; s|\.toml$||')
    r=$((RANDOM % 10))
    if [ "${#ids[@]}" -lt 3 ] || [ "$r" -eq 0 ]; then
        id=$("$HD" new --title "Ticket $SEQ" --from "Req $SEQ <r$SEQ@example.org>" -m "first words $tok" </dev/null 2>>"$TEST_ROOT/torture.err")
        rc=$?
        [ "$rc" -eq 0 ] || fail "$c: hd new exit $rc: $(tail -n 3 "$TEST_ROOT/torture.err")"
        echo "$id new $tok" >>"$TEST_ROOT/events.log"
        return
    fi
    id=${ids[RANDOM % ${#ids[@]}]}
    case $r in
    1 | 2 | 3) set -- note -m "note $tok" ;;
    4 | 5) set -- reply -m "reply $tok" --no-lint ;;
    6 | 7) set -- receive -m "message $tok" ;;
    8 | 9) set -- close --resolution solved ;;
    esac
    "$HD" "$1" "$id" "${@:2}" >/dev/null 2>>"$TEST_ROOT/torture.err" </dev/null
    rc=$?
    case $rc in
    0) [ "$1" = close ] && tok=- # a close carries no text of ours
        echo "$id $1 $tok" >>"$TEST_ROOT/events.log" ;;
    6) ;; # refused by the practice (closing a closed ticket, replying to one)
    *) fail "$c: hd $* on $id: exit $rc: $(tail -n 3 "$TEST_ROOT/torture.err")" ;;
    esac
}

# Syncs clone $1 (in the background when $2 is bg); exit code to a file.
torture_sync() { # clone [bg]
    NSYNC=$((NSYNC + 1))
    local n=$NSYNC
    (cd "$TEST_ROOT/$1" && "$HD" sync >"$TEST_ROOT/sync.$n.out" 2>"$TEST_ROOT/sync.$n.err" </dev/null
        echo "$1 $?" >"$TEST_ROOT/sync.$n.rc") &
    [ "${2:-}" = bg ] || wait $!
}

expect_syncs_ok() {
    local f name rc
    for f in "$TEST_ROOT"/sync.*.rc; do
        read -r name rc <"$f"
        if [ "$rc" -ne 0 ] && grep -q "cannot lock ref" "${f%.rc}.err"; then
            fail "hd sync in $name lost a push race at the remote's ref update and gave up (exit $rc)" \
                "instead of fetching again (as test_push_race_during_push_is_retried shows): $(cat "${f%.rc}.err")"
        fi
        [ "$rc" -eq 0 ] || fail "hd sync in $name exited $rc: $(cat "${f%.rc}.err")"
        rm "$f"
    done
}

test_torture_random_actions_and_syncs() {
    local clones=(c1 c2 c3 c4) step c d n
    setup_team "${clones[@]}"
    RANDOM=4242
    SEQ=0
    NSYNC=0
    : >"$TEST_ROOT/events.log"
    for step in $(seq 1 320); do
        torture_action "${clones[RANDOM % 4]}"
        if [ $((step % 6)) -eq 0 ]; then
            c=${clones[RANDOM % 4]}
            if [ $((RANDOM % 3)) -eq 0 ]; then
                # Two syncs racing: two clones, or now and then the same one twice.
                d=${clones[RANDOM % 4]}
                torture_sync "$c" bg
                torture_sync "$d" bg
                wait
            else
                torture_sync "$c"
                d=$c
            fi
            expect_syncs_ok
            for n in "$c" "$d"; do
                [ -z "$(git -C "$TEST_ROOT/$n" status --porcelain)" ] || fail "$n: not clean after sync"
            done
        fi
    done
    # Until quiet: two rounds over every clone.
    for _ in 1 2; do
        for c in "${clones[@]}"; do torture_sync "$c"; done
        expect_syncs_ok
    done
    at c1
    for c in "${clones[@]}"; do
        expect_eq "$(head_of "$c")" "$(head_of c1)" "HEAD of $c"
        expect_same_files c1 "$c"
    done
    expect_eq "$(remote_head)" "$(head_of c1)" "remote"
    # Every event recorded anywhere is there exactly once, on its ticket;
    # nothing else is.
    python3 - "$TEST_ROOT/events.log" <<'EOF' || fail "events after the torture"
import collections, pathlib, sys, tomllib
log = [l.split() for l in open(sys.argv[1])]
files = {p.stem: p.read_text() for p in pathlib.Path("tickets").rglob("*.toml")}
problems = []
news = [l for l in log if l[1] == "new"]
if sorted(files) != sorted(l[0] for l in news):
    problems.append(f"tickets: {sorted(files)} vs {sorted(l[0] for l in news)}")
alltext = "".join(files.values())
for tid, kind, tok in log:
    if tok == "-":
        continue
    if alltext.count(tok) != 1:
        problems.append(f"{tok} ({kind} on {tid}) occurs {alltext.count(tok)} times")
    elif tok not in files.get(tid, ""):
        problems.append(f"{tok} ({kind}) is not on {tid}")
want = collections.Counter((l[0], l[1]) for l in log if l[1] != "new")
got = collections.Counter()
for tid, text in files.items():
    t = tomllib.loads(text)
    times = [e["at"] for e in t.get("event", [])]
    if times != sorted(times):
        problems.append(f"{tid}: events out of order")
    for e in t.get("event", []):
        got[(tid, e["kind"])] += 1
if want != got:
    problems.append(f"event counts differ: logged-not-found {want - got}, found-not-logged {got - want}")
for p in problems[:20]:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
    for c in "${clones[@]}"; do
        at "$c"
        expect_clean
        run_hd check --json
        [ "$RC" -eq 0 ] || [ "$RC" -eq 1 ] || fail "$c: hd check exit $RC: $ERR"
        check_json "$c: hd check" '
bad = [p for p in j["problems"] if p.get("kind") != "practice"]
assert not bad, bad
assert (len(j["problems"]) > 0) == (sys.argv[1] == "1"), (sys.argv[1], j)
' "$RC"
    done
    echo "torture: $SEQ actions, $(wc -l <"$TEST_ROOT/events.log") recorded, $NSYNC syncs" >&2
}
