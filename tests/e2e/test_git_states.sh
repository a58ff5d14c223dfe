# What hd reads when the repository is not simply clean: merges in conflict,
# broken files met by bulk commands, edited work trees, caches from other builds.

# Two branches give ticket $1 different titles and are merged: the merge
# stops in conflict, with stages 1-3 and no stage 0 for the file.
conflict_on() {
    local path
    path=$(ticket_path "$1")
    git checkout -q -b other
    sed -i 's/^title = .*/title = "Their title"/' "$path"
    git commit -qam "their title"
    git checkout -q main
    sed -i 's/^title = .*/title = "Our title"/' "$path"
    git commit -qam "our title"
    git merge -q other >/dev/null 2>&1 && fail "the merge did not conflict"
    [ "$(git ls-files -u -- "$path" | wc -l)" -eq 3 ] || fail "no three-stage conflict: $(git ls-files -s)"
    [ -z "$(git ls-files -s -- "$path" | awk '$3 == 0')" ] || fail "stage 0 left"
}

# Two tickets answered on 1 November and quiet since: due a follow-up on 5 November.
quiet_pair() {
    setup_desk
    export HD_NOW=2026-11-01T10:00:00Z
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    "$HD" reply "$A" -m "Please unplug it." --no-lint >/dev/null || fail reply
    "$HD" reply "$B" -m "Please open the lid." --no-lint >/dev/null || fail reply
}

test_single_ticket_actions_refuse_a_conflicted_ticket() {
    setup_desk
    good=$(new_ticket "Fine one")
    id=$(new_ticket "Argued over")
    conflict_on "$id"
    path=$(ticket_path "$id")
    head=$(git rev-parse HEAD)
    for args in "show $id" "show ${id:0:4}" "show $id --json" "note $id -m hi" \
        "reply $id -m hi --no-lint" "restate $id again" "receive $id -m hi" \
        "close $id --resolution solved" "reopen $id" "followup $id" \
        "escalate $id --to ENG-1 --next-steps soon"; do
        # shellcheck disable=SC2086
        run_hd $args
        expect_rc 5
        expect_contains "$ERR" "$path"
        expect_contains "$ERR" "resolve the conflict in $path, then git add it"
    done
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
    run_hd show "$good"
    expect_rc 0
    # Once resolved, the ticket is an ordinary one again.
    git checkout -q --theirs -- "$path" && git add "$path"
    run_hd show "$id"
    expect_rc 0
    expect_contains "$OUT" "Their title"
}

test_listings_name_a_conflicted_ticket() {
    setup_desk
    good=$(new_ticket "Fine one")
    id=$(new_ticket "Argued over")
    conflict_on "$id"
    path=$(ticket_path "$id")
    for args in "list" "list --json" "list --ids" "report" "report --format json" "check"; do
        # shellcheck disable=SC2086
        run_hd $args
        expect_rc 4
        expect_contains "$ERR" "$path"
        expect_contains "$ERR" "conflict"
    done
    run_hd list
    expect_contains "$OUT" "Fine one"
    run_hd list --ids
    expect_eq "$OUT" "$good" "ids listed"
    run_hd report --format json
    printf '%s' "$OUT" | python3 -c 'import json,sys; json.load(sys.stdin)' || fail "report json: $OUT"
    run_hd check --json
    expect_rc 4
    printf '%s' "$OUT" | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert [p["path"] for p in j["problems"]] == [sys.argv[1]], j
assert "conflict" in j["problems"][0]["message"], j
' "$path" || fail "check json: $OUT"
    # Completion still offers it: the ticket exists.
    run_hd __ids
    expect_contains "$OUT" "$id"
}

test_followup_and_close_stale_name_a_conflicted_ticket() {
    quiet_pair
    conflict_on "$B"
    path=$(ticket_path "$B")
    HD_NOW=2026-11-05T10:00:00Z run_hd followup
    expect_rc 4
    expect_contains "$OUT" "$A"
    expect_contains "$ERR" "$path"
    expect_contains "$ERR" "conflict"
    HD_NOW=2026-11-05T10:00:00Z run_hd followup --json
    expect_rc 4
    expect_contains "$OUT" "\"$A\""
    HD_NOW=2026-11-05T10:00:00Z run_hd followup --due --dry-run
    expect_rc 4
    expect_contains "$OUT" "$A  follow-up 1 would be sent"
    expect_contains "$ERR" "$path"
    HD_NOW=2026-11-20T10:00:00Z run_hd close --stale --dry-run
    expect_rc 4
    expect_contains "$ERR" "$path"
}

test_bulk_actions_on_named_ids_refuse_a_conflicted_ticket() {
    quiet_pair
    C=$(new_ticket "Third one" "Cy Chan <cy@example.org>")
    conflict_on "$B"
    path=$(ticket_path "$B")
    head=$(git rev-parse HEAD)
    export HD_NOW=2026-11-05T10:00:00Z
    for args in "followup $A ${B:0:4} $C" "assign $A $B --me" "set $C $B --priority low" \
        "snooze $A $B --until 2d --reason Away"; do
        # shellcheck disable=SC2086
        run_hd $args
        expect_rc 5
        expect_contains "$ERR" "resolve the conflict in $path, then git add it"
    done
    run_hd_stdin "$(printf '%s\n' "$A" "$B")" followup -
    expect_rc 5
    expect_contains "$ERR" "resolve the conflict in $path, then git add it"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD"
}

test_bulk_actions_on_named_ids_refuse_a_broken_ticket() {
    quiet_pair
    C=$(new_ticket "Third one" "Cy Chan <cy@example.org>")
    path=$(ticket_path "$B")
    sed -i 's/^created = .*/created = "last tuesday"/' "$path"
    git commit -qam "break it"
    head=$(git rev-parse HEAD)
    export HD_NOW=2026-11-05T10:00:00Z
    for args in "followup $A $B $C" "assign $A $B $C --me" "set $A $B --priority low"; do
        # shellcheck disable=SC2086
        run_hd $args
        expect_rc 4
        expect_contains "$ERR" "$path:4:"
    done
    expect_eq "$(git rev-parse HEAD)" "$head" "nothing recorded"
    expect_eq "$(git status --porcelain)" "" "git status"
}

test_followup_and_close_stale_name_a_broken_ticket() {
    quiet_pair
    path=$(ticket_path "$B")
    sed -i 's/^created = .*/created = "last tuesday"/' "$path"
    git commit -qam "break it"
    HD_NOW=2026-11-05T10:00:00Z run_hd followup
    expect_rc 4
    expect_contains "$OUT" "$A"
    expect_contains "$ERR" "$path:4:"
    before=$(commit_count)
    HD_NOW=2026-11-05T10:00:00Z run_hd followup --due
    expect_rc 4
    expect_contains "$OUT" "$A  follow-up 1 sent"
    expect_contains "$ERR" "$path:4:"
    expect_eq "$(commit_count)" $((before + 1)) "the due one was followed up"
    HD_NOW=2026-11-07T10:00:00Z "$HD" followup "$A" >/dev/null || fail "second follow-up"
    before=$(commit_count)
    HD_NOW=2026-11-12T10:00:00Z run_hd close --stale
    expect_rc 4
    expect_contains "$OUT" "$A  closed as no-response"
    expect_contains "$ERR" "$path:4:"
    expect_eq "$(commit_count)" $((before + 1)) "the stale one was closed"
    expect_clean
}

# An edit that keeps size and modification time (touch -r) is only told
# apart by the change time, as git tells it.
test_list_shows_the_staged_ticket_not_a_disguised_edit() {
    setup_desk
    id=$(new_ticket "Printer on fire")
    path=$(ticket_path "$id")
    # A later ticket rewrites the index: the first one's entry is no longer
    # racily clean, so its stat data alone decide.
    sleep 0.1
    new_ticket "Scanner jams" >/dev/null
    touch -r "$path" "$TEST_ROOT/stamp"
    # In place, so the inode stays too.
    python3 -c 'import sys
with open(sys.argv[1], "r+b") as f:
    text = f.read().replace(b"Printer on fire", b"Printer on FIRE")
    f.seek(0)
    f.write(text)' "$path" || fail "editing in place"
    touch -r "$TEST_ROOT/stamp" "$path"
    [ "$(git diff --name-only)" = "$path" ] || fail "git sees no edit"
    rm -f .git/hd-rows
    run_hd list
    expect_rc 0
    expect_contains "$OUT" "Printer on fire"
    expect_not_contains "$OUT" "FIRE"
    # The committed bytes back: the listing never shows the edit again.
    git checkout -q -- "$path"
    run_hd list
    expect_contains "$OUT" "Printer on fire"
    expect_not_contains "$OUT" "FIRE"
    run_hd list
    expect_not_contains "$OUT" "FIRE"
    expect_clean
}

test_list_shows_the_staged_ticket_when_the_work_tree_differs() {
    setup_desk
    id=$(new_ticket "Printer on fire")
    path=$(ticket_path "$id")
    rm -f .git/hd-rows
    sed -i 's/Printer on fire/Printer in flames/' "$path"
    run_hd list
    expect_contains "$OUT" "Printer on fire"
    git add "$path"
    run_hd list
    expect_contains "$OUT" "Printer in flames"
    git reset -q -- "$path"
    run_hd list
    expect_contains "$OUT" "Printer on fire"
}

# The version in the cache's first line is computed by the build from the
# sources that decide a row: change one and the version changes.
test_row_cache_version_follows_the_sources() {
    setup_desk
    src=$(cd "$E2E_DIR/../.." && pwd)
    copy="$TEST_ROOT/src"
    mkdir -p "$copy"
    cp -r "$src/src" "$src/cmake" "$copy/"
    version() {
        cmake -DHD_SOURCE_DIR="$copy" -DHD_OUTPUT="$TEST_ROOT/v.hpp" \
            -P "$copy/cmake/row_cache_version.cmake" || fail "cmake script"
        sed -n 's/.*"\([0-9a-f]*\)".*/\1/p' "$TEST_ROOT/v.hpp"
    }
    v1=$(version)
    [ ${#v1} -eq 16 ] || fail "version '$v1'"
    new_ticket "cached" >/dev/null
    run_hd list
    expect_eq "$(head -n 1 .git/hd-rows)" "hd-rows $v1" "first line of the cache hd writes"
    echo "// a change to the state rules" >>"$copy/src/core/state.cpp"
    v2=$(version)
    [ "$v2" != "$v1" ] || fail "editing state.cpp kept the version $v1"
    echo "// a change to the codec" >>"$copy/src/store/binary_codec.hpp"
    v3=$(version)
    [ "$v3" != "$v2" ] || fail "editing binary_codec.hpp kept the version $v2"
    echo "// not about rows" >>"$copy/src/cli/list.cpp"
    expect_eq "$(version)" "$v3" "version after an unrelated edit"
}

test_row_cache_of_another_version_is_rebuilt() {
    setup_desk
    new_ticket "Printer on fire" >/dev/null
    run_hd list
    magic=$(head -n 1 .git/hd-rows)
    # The same rows, with a title that only the cache holds, under another version.
    python3 - <<'EOF' || fail "patching the cache"
data = bytearray(open(".git/hd-rows", "rb").read())
data[8:24] = b"0123456789abcdef"
data = data.replace(b"Printer on fire", b"Printer on FIRE")
open(".git/hd-rows", "wb").write(bytes(data))
EOF
    run_hd list
    expect_rc 0
    expect_contains "$OUT" "Printer on fire"
    expect_eq "$(head -n 1 .git/hd-rows)" "$magic" "rewritten with this build's version"
}

test_config_typos_are_named() {
    setup_desk
    cp hd.toml "$TEST_ROOT/hd.toml"
    printf '\n[sla.high]\nfirst_respons = "4h"\n' >>hd.toml
    git commit -qam "typo"
    line=$(grep -n first_respons hd.toml | cut -d: -f1)
    run_hd report
    expect_rc 4
    expect_contains "$ERR" "hd.toml:$line:1:"
    expect_contains "$ERR" "did you mean 'first_response'?"
    run_hd check
    expect_rc 4
    expect_contains "$ERR" "hd.toml:$line:1:"
    cp "$TEST_ROOT/hd.toml" hd.toml
    printf '\n[sla.lo]\nfirst_response = "4h"\n' >>hd.toml
    run_hd followup
    expect_rc 4
    expect_contains "$ERR" "hd.toml:"
    expect_contains "$ERR" "did you mean [sla.low]?"
}
