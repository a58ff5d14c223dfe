# Acting in the repository states people leave a clone in: git operations
# under way, line-ending filters, a symlinked tickets/ and a split index.

# A desk with one ticket, and a branch "other" whose last commit touches
# only a file of its own.
desk_with_branch() {
    setup_desk
    ID=$(new_ticket)
    git checkout -q -b other
    echo one >side.txt && git add side.txt && git commit -qm "side one"
    git checkout -q main
    echo two >side.txt && git add side.txt && git commit -qm "side two"
}

expect_refused_then_nothing_lost() { # what the message names...
    before=$(commit_count)
    run_hd note "$ID" -m "during"
    expect_rc 5
    for what in "$@"; do expect_contains "$ERR" "$what"; done
    expect_eq "$(commit_count)" "$before" "commits"
    grep -q during "$(ticket_path "$ID")" && fail "the ticket file was written"
    run_hd show "$ID"
    expect_rc 0
}

test_refuses_to_act_during_a_rebase() {
    desk_with_branch
    git checkout -q other
    git rebase main >/dev/null 2>&1 && fail "the rebase should stop on a conflict"
    expect_refused_then_nothing_lost "a rebase is in progress" "git rebase --abort"
    git rebase --abort
    run_hd note "$ID" -m "after the rebase"
    expect_rc 0
    expect_clean
}

test_acts_during_a_merge_and_the_merge_keeps_it() {
    desk_with_branch
    git merge other >/dev/null 2>&1 && fail "the merge should stop on a conflict"
    run_hd note "$ID" -m "during the merge"
    expect_rc 0
    expect_contains "$ERR" "a merge is in progress"
    echo resolved >side.txt && git add side.txt && git commit -q --no-edit
    expect_eq "$(git log -1 --format=%p | wc -w)" 2 "parents of the merge commit"
    git show HEAD:"$(ticket_path "$ID")" | grep -q "during the merge" || fail "the merge lost the note"
    expect_clean
    # Aborting a merge keeps what hd committed during it, too.
    git checkout -q other && echo other-again >side.txt && git commit -qam again && git checkout -q main
    git merge other >/dev/null 2>&1 && fail "the merge should stop on a conflict"
    run_hd note "$ID" -m "before the abort"
    expect_rc 0
    git merge --abort
    grep -q "before the abort" "$(ticket_path "$ID")" || fail "the abort lost the note"
    git show HEAD:"$(ticket_path "$ID")" | grep -q "before the abort" || fail "not committed"
    expect_clean
}

test_refuses_to_act_during_a_cherry_pick_revert_or_bisect() {
    desk_with_branch
    git cherry-pick other >/dev/null 2>&1 && fail "the cherry-pick should stop"
    expect_refused_then_nothing_lost "a cherry-pick is in progress"
    git cherry-pick --abort
    # Reverting "side two" after side.txt changed again stops on a conflict.
    echo three >side.txt && git commit -qam "side three"
    git revert --no-edit HEAD~1 >/dev/null 2>&1 && fail "the revert should stop"
    expect_refused_then_nothing_lost "a revert is in progress" "git revert --abort"
    git revert --abort
    git bisect start >/dev/null 2>&1
    expect_refused_then_nothing_lost "a bisect is in progress"
    git bisect reset >/dev/null 2>&1
    run_hd note "$ID" -m "afterwards"
    expect_rc 0
    expect_clean
}

test_works_with_crlf_line_endings() {
    setup_desk
    id=$(new_ticket)
    f=$(ticket_path "$id")
    git config core.autocrlf true
    rm "$f" && git checkout -- "$f"
    grep -q $'\r$' "$f" || fail "the checkout should have CRLF line endings"
    [ -z "$(git status --porcelain)" ] || fail "git status should be clean"
    run_hd note "$id" -m "with autocrlf"
    expect_rc 0
    expect_clean
    grep -q $'\r$' "$f" || fail "hd should write the line endings git checks out"
    git show HEAD:"$f" | grep -q $'\r' && fail "the committed blob has CR"
    # The same through an attribute.
    git config --unset core.autocrlf
    printf 'tickets/** text eol=crlf\n' >.gitattributes
    git add .gitattributes && git commit -qm attributes
    rm "$f" && git checkout -- "$f"
    run_hd reply "$id" -m "with eol=crlf" --no-lint
    expect_rc 0
    expect_clean
}

test_refuses_a_symlinked_tickets_directory() {
    setup_desk
    id=$(new_ticket)
    git rm -rq --cached tickets
    mv tickets "$TEST_ROOT/elsewhere"
    ln -s "$TEST_ROOT/elsewhere" tickets
    git add tickets && git commit -qm "tickets as a link"
    before=$(find "$TEST_ROOT/elsewhere" -type f | xargs cat | md5sum)
    run_hd new --title "x" --from "A <a@example.org>" -m "y"
    expect_rc 5
    expect_contains "$ERR" "tickets is a symbolic link"
    expect_eq "$(find "$TEST_ROOT/elsewhere" -type f | xargs cat | md5sum)" "$before" "outside"
    expect_clean
}

test_split_index_is_explained() {
    setup_desk
    id=$(new_ticket)
    git config core.splitIndex true
    git update-index --split-index
    run_hd note "$id" -m x
    expect_rc 5
    expect_contains "$ERR" "core.splitIndex"
    expect_contains "$ERR" "git update-index --no-split-index"
    git config core.splitIndex false
    git update-index --no-split-index
    run_hd note "$id" -m x
    expect_rc 0
}

test_a_stray_index_lock_is_named_in_full() {
    setup_desk
    id=$(new_ticket)
    : >.git/index.lock
    run_hd note "$id" -m x
    expect_rc 5
    expect_contains "$ERR" ".git/index.lock exists"
    expect_contains "$ERR" "rm '"
    rm .git/index.lock
    expect_clean
    run_hd note "$id" -m x
    expect_rc 0
    expect_clean
}
