# Killing hd at every step of an action. Each kill point is one system call
# of the action (every write, rename, link and unlink it makes; set
# HD_CRASH_CALLS to add others, such as close), hit with SIGKILL by `strace -e inject`; after each,
# the next run must finish the action or find nothing was done, with the
# locks and temporary files gone, `git status` clean and nothing committed
# lost or doubled.

# Leftovers a killed run may leave and the next run must clear.
expect_no_leftovers() { # context
    local stray
    stray=$(find . -name '*.hd-*.tmp' -o -name 'index.lock' -o -name '*.lock' -path './.git/refs/*' \
        -o -name 'hd-journal' | grep -v '^./.git/hd.lock$')
    [ -z "$stray" ] || fail "$1: left behind: $stray"
}

# Runs `hd ARGS...` under strace, killed at the Nth call of SYSCALL.
# Prints nothing; the exit status is hd's (137 when killed).
run_killed_at() { # syscall n args...
    local call=$1 n=$2
    shift 2
    strace -f -qq -o /dev/null -e trace="$call" -e inject="$call:signal=KILL:when=$n" \
        "$HD" "$@" >/dev/null 2>&1 </dev/null
}

# How many times `hd ARGS...` makes each of the given calls, as "call count".
count_calls() { # calls args...
    local calls=$1
    shift
    strace -f -qq -o "$TEST_ROOT/trace" -e trace="$calls" "$HD" "$@" >/dev/null 2>&1 </dev/null
    for c in ${calls//,/ }; do
        echo "$c $(grep -c "^[0-9]* *$c(" "$TEST_ROOT/trace")"
    done
}

# Kills ACTION at every call of CALLS in a fresh copy of the desk in
# $TEMPLATE, then checks recovery. `count_marker` greps for what the action
# adds to HEAD's tickets; it must appear `want` times when the action
# completed, 0 when it did not, and `want` more after running it again.
kill_everywhere() { # calls marker want action args...
    local calls=$1 marker=$2 want=$3
    shift 3
    local tries=0 killed=0 finished=0
    cp -a "$TEMPLATE" "$TEST_ROOT/probe" && cd "$TEST_ROOT/probe"
    local plan
    plan=$(count_calls "$calls" "$@")
    cd "$TEST_ROOT" && rm -rf probe
    [ "$(awk '{s += $2} END {print s + 0}' <<<"$plan")" -gt 10 ] ||
        fail "$*: the probe saw almost no calls: $plan"
    while read -r call total; do
        for n in $(seq 1 "$total"); do
            rm -rf "$TEST_ROOT/run" && cp -a "$TEMPLATE" "$TEST_ROOT/run" && cd "$TEST_ROOT/run"
            tries=$((tries + 1))
            local where="$* killed at $call #$n"
            run_killed_at "$call" "$n" "$@" && continue # finished before that call
            killed=$((killed + 1))
            run_hd list --all
            expect_rc 0
            [ -e .git/hd-journal ] && expect_contains "$ERR" "hd recover"
            run_hd recover
            [ "$RC" -eq 0 ] || fail "$where: hd recover: $ERR"
            expect_no_leftovers "$where"
            [ -z "$(git status --porcelain)" ] || fail "$where: git status: $(git status --porcelain)"
            git fsck --strict --no-progress >/dev/null 2>&1 || fail "$where: git fsck"
            local got
            got=$(git grep -c "$marker" HEAD -- tickets | awk -F: '{s += $NF} END {print s + 0}')
            case $got in
            0) ;;
            "$want") finished=$((finished + 1)) ;;
            *) fail "$where: $got of '$marker' committed, expected 0 or $want" ;;
            esac
            # The work tree holds what HEAD holds, and the next action works.
            "$HD" "$@" >/dev/null 2>&1 </dev/null || fail "$where: running it again failed"
            local again
            again=$(git grep -c "$marker" HEAD -- tickets | awk -F: '{s += $NF} END {print s + 0}')
            [ "$again" -eq $((got + want)) ] || fail "$where: after running again: $again"
            [ -z "$(git status --porcelain)" ] || fail "$where: git status after: $(git status --porcelain)"
            cd "$TEST_ROOT" || exit 1
        done
    done <<<"$plan"
    [ "$killed" -gt 10 ] || fail "only $killed of $tries runs were killed"
    echo "$*: $tries kill points, $killed killed, $finished finished by the next run"
}

crash_desk() {
    command -v strace >/dev/null || fail "strace is needed (scripts/deps.sh installs it)"
    setup_desk
    export HD_NOW=2026-11-01T10:00:00Z
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    "$HD" reply "$A" -m "Please unplug it." --no-lint || fail reply
    "$HD" reply "$B" -m "Please open the lid." --no-lint || fail reply
    C=$(new_ticket "Not waiting" "Cy Chan <cy@example.org>")
    export HD_NOW=2026-11-05T10:00:00Z
    TEMPLATE="$TEST_ROOT/template"
    cd "$TEST_ROOT" && mv desk template
}

test_kill_note_at_every_step() {
    crash_desk
    kill_everywhere "write,rename,renameat2,link,unlink${HD_CRASH_CALLS:+,$HD_CRASH_CALLS}" \
        "killed-note-marker" 1 \
        note "$A" -m "killed-note-marker"
}

test_kill_new_at_every_step() {
    crash_desk
    kill_everywhere write,rename,renameat2,link,unlink "Killed new marker" 1 \
        new --title "Killed new marker" --from "Cy <cy@example.org>" -m body
}

test_kill_bulk_followup_at_every_step() {
    crash_desk
    kill_everywhere write,rename,renameat2,link,unlink 'kind = "followup"' 2 followup --now "$A" "$B"
}

test_dry_run_leaves_an_interrupted_action_alone() {
    crash_desk
    cd "$TEMPLATE"
    HD_TEST_CRASH=after-files "$HD" note "$C" -m "interrupted" >/dev/null 2>&1
    [ -e .git/hd-journal ] || fail "the crash hook left no journal"
    before=$(commit_count)
    run_hd followup --due --dry-run
    expect_rc 0
    expect_contains "$ERR" "interrupted"
    expect_eq "$(commit_count)" "$before" "a dry run committed"
    [ -e .git/hd-journal ] || fail "a dry run finished the interrupted action"
    for cmd in "list" "show $A" "report" "check"; do
        run_hd $cmd
        expect_contains "$ERR" "hd recover"
    done
    # A dry run on the ticket the interrupted action touched says so.
    run_hd close "$C" --resolution solved --dry-run
    expect_rc 5
    expect_contains "$ERR" "interrupted"
    expect_eq "$(commit_count)" "$before" "a read-only command committed"
    run_hd recover
    expect_rc 0
    expect_contains "$OUT" "finished an interrupted hd action"
    expect_eq "$(commit_count)" $((before + 1)) "recover"
    run_hd recover
    expect_contains "$OUT" "nothing to recover"
    expect_clean
}

test_locks_of_a_live_git_are_never_taken() {
    crash_desk
    cd "$TEMPLATE"
    HD_TEST_CRASH=after-files "$HD" note "$A" -m "interrupted" >/dev/null 2>&1
    # A lock made long after the interrupted action: not hd's to remove.
    : >.git/index.lock
    touch -d '+2 minutes' .git/index.lock
    run_hd recover
    expect_rc 5
    expect_contains "$ERR" ".git/index.lock exists"
    [ -e .git/index.lock ] || fail "a lock that is not hd's was removed"
    rm .git/index.lock
    run_hd recover
    expect_rc 0
    expect_clean
}

test_abandoned_cache_temporaries_are_removed() {
    setup_desk
    id=$(new_ticket)
    # What a reader killed while rewriting the row cache leaves behind: one
    # of a process long gone, and one of a process still running.
    sleep 30 &
    live=$!
    : >.git/hd-rows.tmp-999999999
    : >.git/hd-rows.tmp-999999999-rows
    : >".git/hd-rows.tmp-$live"
    : >.git/hd-journal.hd-999999999.tmp
    run_hd note "$id" -m x
    expect_rc 0
    [ -e .git/hd-rows.tmp-999999999 ] && fail "an abandoned cache temporary is left"
    [ -e .git/hd-rows.tmp-999999999-rows ] && fail "an abandoned cache temporary is left"
    [ -e .git/hd-journal.hd-999999999.tmp ] && fail "an abandoned journal temporary is left"
    [ -e ".git/hd-rows.tmp-$live" ] || fail "a running reader's temporary was removed"
    kill "$live"
    expect_clean
}

# A desk whose remote (kept inside .git, so a copy of the desk brings its
# own) has a note this clone lacks, while this clone has one of its own:
# hd sync must merge, and every kill must leave a desk the next run mends.
sync_crash_desk() {
    crash_desk
    cd "$TEMPLATE" || exit 1
    git init -q --bare -b main .git/remote.git
    git remote add origin ./.git/remote.git
    git push -q origin main
    git clone -q .git/remote.git "$TEST_ROOT/other"
    (
        cd "$TEST_ROOT/other" && git config user.name "Bo Other" && git config user.email bo@example.org &&
            HD_NOW=2026-11-05T11:00:00Z "$HD" note "$A" -m "remote-sync-marker" >/dev/null &&
            HD_NOW=2026-11-05T11:00:00Z "$HD" new --title "From afar" --from "Di <di@example.org>" -m x >/dev/null &&
            git push -q origin main
    ) || fail "the other clone could not push"
    HD_NOW=2026-11-05T10:30:00Z "$HD" note "$A" -m "local-sync-marker" >/dev/null || fail note
    cd "$TEST_ROOT" || exit 1
}

test_kill_sync_at_every_step() {
    sync_crash_desk
    cp -a "$TEMPLATE" "$TEST_ROOT/probe" && cd "$TEST_ROOT/probe" || exit 1
    local calls=write,rename,renameat2,link,unlink plan
    # hd's own calls only: git's fetch and push have their own safety.
    strace -qq -o "$TEST_ROOT/trace" -e trace="$calls" "$HD" sync >/dev/null 2>&1 </dev/null
    cd "$TEST_ROOT" && rm -rf probe
    plan=$(for c in ${calls//,/ }; do echo "$c $(grep -c "^$c(" "$TEST_ROOT/trace")"; done)
    local killed=0
    while read -r call total; do
        for n in $(seq 1 "$total"); do
            rm -rf "$TEST_ROOT/run" && cp -a "$TEMPLATE" "$TEST_ROOT/run" && cd "$TEST_ROOT/run"
            local where="sync killed at $call #$n"
            if strace -qq -o /dev/null -e trace="$call" -e inject="$call:signal=KILL:when=$n" \
                "$HD" sync >/dev/null 2>&1 </dev/null; then
                cd "$TEST_ROOT" && continue
            fi
            killed=$((killed + 1))
            run_hd recover
            [ "$RC" -eq 0 ] || fail "$where: hd recover: $ERR"
            expect_no_leftovers "$where"
            [ -z "$(git status --porcelain)" ] || fail "$where: git status: $(git status --porcelain)"
            git fsck --strict --no-progress >/dev/null 2>&1 || fail "$where: git fsck"
            run_hd sync
            [ "$RC" -eq 0 ] || fail "$where: sync again: $ERR"
            for m in remote-sync-marker local-sync-marker; do
                local got
                got=$(git grep -c "$m" HEAD -- tickets | awk -F: '{s += $NF} END {print s + 0}')
                [ "$got" -eq 1 ] || fail "$where: $m is in HEAD $got times"
            done
            [ "$(git rev-parse HEAD)" = "$(git --git-dir=.git/remote.git rev-parse main)" ] ||
                fail "$where: the remote does not have HEAD"
            [ -z "$(git status --porcelain)" ] || fail "$where: git status after: $(git status --porcelain)"
            git fsck --strict --no-progress >/dev/null 2>&1 || fail "$where: git fsck after"
            cd "$TEST_ROOT" || exit 1
        done
    done <<<"$plan"
    [ "$killed" -gt 3 ] || fail "only $killed runs were killed: $plan"
    echo "sync: $killed kill points"
}
