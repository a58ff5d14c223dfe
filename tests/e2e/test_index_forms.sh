# Actions in every form of index git writes. hd patches .git/index in place
# where it can and hands the other forms to libgit2; either way git, and hd
# itself, must read the result as if git had made the change.

# The same note on two copies of one desk, one of them forced through
# libgit2: the entries staged must be the same, and in both the index must
# make HEAD's tree; then a new ticket, which adds an entry.
same_as_libgit2() { # what
    local what=$1
    local id
    id=$("$HD" list --ids | head -1)
    cp -a . "$TEST_ROOT/general"
    for dir in . "$TEST_ROOT/general"; do
        (
            cd "$dir" || exit 1
            [ "$dir" = . ] || export HD_INDEX_PATCH=0
            HD_NOW=2026-11-23T12:00:00Z "$HD" note "$id" -m "a note in $what" >/dev/null &&
                git diff --cached --quiet HEAD &&
                "$HD" new --title "Second in $what" --from "Bo <bo@example.org>" -m body >/dev/null &&
                [ "$(git write-tree)" = "$(git rev-parse 'HEAD^{tree}')" ] &&
                [ -z "$(git status --porcelain)" ]
        ) || fail "$what: an action failed, or left the index unlike HEAD (in $dir)"
        [ "$dir" = . ] && after_note=$(git ls-files -s -- "$(ticket_path "$id")")
    done
    expect_eq "$after_note" "$(git -C "$TEST_ROOT/general" ls-files -s -- "$(ticket_path "$id")")" \
        "$what: the note's entry"
    expect_eq "$(git ls-files | wc -l)" "$(git -C "$TEST_ROOT/general" ls-files | wc -l)" "$what: entries"
    expect_clean
    # hd reads it back too, and acts again.
    run_hd list --all
    expect_rc 0
    expect_contains "$OUT" "Second in $what"
    HD_NOW=2026-11-24T10:00:00Z run_hd note "$id" -m again
    expect_rc 0
    expect_clean
    rm -rf "$TEST_ROOT/general"
}

test_every_index_version() {
    for version in 2 3 4; do
        setup_desk
        new_ticket >/dev/null
        git update-index --index-version "$version"
        # git writes version 3 only while an entry needs its extended flags.
        [ "$version" = 3 ] && git update-index --skip-worktree hd.toml
        same_as_libgit2 "index version $version"
        expect_eq "$(od -An -tu1 -j7 -N1 .git/index | tr -d ' ')" "$version" "version kept"
        cd "$TEST_ROOT" && rm -rf desk
    done
}

test_untracked_cache_and_fsmonitor_leftovers() {
    setup_desk
    new_ticket >/dev/null
    git config core.untrackedCache true
    git update-index --untracked-cache
    echo scratch >untracked.txt
    git status --porcelain >/dev/null
    grep -q UNTR .git/index || fail "git wrote no untracked cache"
    run_hd note "$("$HD" list --ids | head -1)" -m "with an untracked cache"
    expect_rc 0
    expect_eq "$(git status --porcelain)" "?? untracked.txt" "status"
    rm untracked.txt
    expect_clean
}

test_many_entries_beside_a_merge_conflict() {
    setup_desk
    id=$(new_ticket)
    mkdir -p docs && for i in $(seq 1 300); do echo "$i" >"docs/f$i"; done
    git add docs && git commit -qm docs
    git checkout -q -b other && echo one >side.txt && git add side.txt && git commit -qm one
    git checkout -q main && echo two >side.txt && git add side.txt && git commit -qm two
    git merge other >/dev/null 2>&1 && fail "the merge should stop on a conflict"
    run_hd note "$id" -m "while merging"
    expect_rc 0
    expect_eq "$(git ls-files -u | wc -l | tr -d ' ')" 2 "the conflict's stages are kept"
    expect_eq "$(git ls-files docs | wc -l | tr -d ' ')" 300 "other entries"
    echo resolved >side.txt && git add side.txt && git commit -q --no-edit
    git show HEAD:"$(ticket_path "$id")" | grep -q "while merging" || fail "the merge lost the note"
    expect_clean
}

test_split_index_is_refused_with_advice() {
    setup_desk
    id=$(new_ticket)
    git update-index --split-index
    run_hd note "$id" -m "split"
    expect_rc 5
    expect_contains "$ERR" "split index"
    expect_contains "$ERR" "git update-index --no-split-index"
    git update-index --no-split-index
    run_hd note "$id" -m "whole again"
    expect_rc 0
    expect_clean
}

test_a_damaged_index_is_reported_not_rewritten() {
    setup_desk
    id=$(new_ticket)
    before=$(commit_count)
    # One bit of one entry's object id flipped: the checksum no longer holds.
    python3 - <<'EOF'
data = bytearray(open(".git/index", "rb").read())
data[12 + 45] ^= 1
open(".git/index", "wb").write(data)
EOF
    cp .git/index "$TEST_ROOT/damaged"
    run_hd note "$id" -m "on a damaged index"
    expect_rc 5
    expect_contains "$ERR" "index"
    expect_eq "$(commit_count)" "$before" "commits"
    cmp -s .git/index "$TEST_ROOT/damaged" || fail "the damaged index was rewritten"
    grep -q "on a damaged index" "$(ticket_path "$id")" && fail "the ticket was left changed"
    [ -e .git/index.lock ] && fail "index.lock left behind"
    true
}

test_an_index_lock_of_git_is_respected() {
    setup_desk
    id=$(new_ticket)
    : >.git/index.lock
    run_hd note "$id" -m "locked out"
    expect_rc 5
    expect_contains "$ERR" ".git/index.lock exists"
    [ -e .git/index.lock ] || fail "git's lock was removed"
    rm .git/index.lock
    grep -q "locked out" "$(ticket_path "$id")" && fail "the ticket was left changed"
    expect_clean
}

test_an_edit_in_the_same_instant_as_the_index_is_not_hidden() {
    setup_desk
    a=$(new_ticket "First")
    b=$(new_ticket "Second")
    # a's entry and the index carry the same time, as when both are written
    # in one tick of the clock; a is then edited, same size, same time (and
    # the change time, which would tell, is not trusted). Only reading the
    # file shows the edit: once the next action writes a newer index, the
    # entry must be marked so that git still reads it.
    git config core.trustctime false
    f=$(ticket_path "$a")
    t="@$(($(date +%s) - 10)).5"
    touch -d "$t" "$f"
    git update-index --refresh >/dev/null
    touch -d "$t" .git/index
    # In place, as an editor that keeps the inode saves.
    python3 -c 'import sys; p = sys.argv[1]; t = open(p).read(); open(p, "r+").write(t.replace("First", "FIRST"))' "$f"
    touch -d "$t" "$f"
    run_hd note "$b" -m "second note"
    expect_rc 0
    expect_eq "$(git status --porcelain)" " M $f" "the hand edit shows"
}
