# The read commands (list, show, report) in every repository layout: the
# plain one they read without libgit2, and the ones libgit2 must find.

# Two tickets, listed: what every layout below must reproduce.
reads_desk() {
    setup_desk
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jammed")
    "$HD" close "$B" -r solved >/dev/null || fail close
}

expect_reads() { # what the list, show and report of reads_desk look like from here
    run_hd list --ids
    expect_rc 0
    expect_eq "$OUT" "$A" "list --ids"
    run_hd list --all --ids
    expect_eq "$(printf '%s\n' "$OUT" | sort)" "$(printf '%s\n' "$A" "$B" | sort)" "list --all"
    run_hd show "${A:0:4}"
    expect_rc 0
    expect_contains "$OUT" "Printer on fire"
    run_hd report --format json
    expect_rc 0
    expect_contains "$OUT" '"tickets"'
}

test_reads_plain_repo_skip_libgit2() {
    command -v strace >/dev/null || { echo "skip: no strace"; return; }
    reads_desk
    expect_reads
    # libgit2's set-up reads the system's CA certificates; reads do not need it.
    for cmd in "list --ids" "show $A" "report"; do
        # shellcheck disable=SC2086
        strace -f -e trace=openat,open -o "$TEST_ROOT/trace" "$HD" $cmd >/dev/null 2>&1
        if grep -q "ca-certificates\|/ssl/" "$TEST_ROOT/trace"; then
            fail "hd $cmd set up libgit2"
        fi
    done
}

test_reads_from_subdirectory() {
    reads_desk
    cd "$REPO/tickets" || fail cd
    expect_reads
}

test_reads_in_linked_worktree() {
    reads_desk
    git worktree add -q "$TEST_ROOT/wt" -b other || fail "worktree add"
    cd "$TEST_ROOT/wt" || fail cd
    expect_reads
    # The worktree's own index: a ticket new there is not in main's listing.
    C=$(new_ticket "Only in the worktree")
    run_hd list --ids
    expect_contains "$OUT" "$C"
    cd "$REPO" || fail cd
    run_hd list --ids
    expect_not_contains "$OUT" "$C"
}

test_reads_with_git_file_layout() {
    # As a submodule is laid out: .git is a file naming the real git dir.
    reads_desk
    mv "$REPO/.git" "$TEST_ROOT/desk.git"
    printf 'gitdir: %s\n' "$TEST_ROOT/desk.git" >"$REPO/.git"
    expect_reads
}

test_reads_ignore_git_dir_as_before() {
    reads_desk
    other="$TEST_ROOT/other"
    git init -q "$other"
    # hd opens the repository of its directory, whatever GIT_DIR says.
    GIT_DIR="$other/.git" GIT_WORK_TREE="$other" expect_reads
}

test_reads_with_core_worktree() {
    reads_desk
    # A git dir elsewhere whose config names this work tree.
    mv "$REPO/.git" "$TEST_ROOT/sep.git"
    git --git-dir="$TEST_ROOT/sep.git" config core.worktree "$REPO"
    printf 'gitdir: %s\n' "$TEST_ROOT/sep.git" >"$REPO/.git"
    expect_reads
}

test_reads_with_include_in_config() {
    reads_desk
    printf '[user]\n\tname = Included\n' >"$TEST_ROOT/extra.cfg"
    git config include.path "$TEST_ROOT/extra.cfg"
    expect_reads
}

test_reads_set_merge_driver_up() {
    reads_desk
    git config --unset merge.hd.driver
    git config --unset merge.hd.name
    run_hd list --ids
    expect_rc 0
    expect_contains "$(git config merge.hd.driver)" "merge-driver"
    # A person's own driver is left alone.
    git config merge.hd.driver "my-merge %O %A %B"
    run_hd list --ids
    expect_eq "$(git config merge.hd.driver)" "my-merge %O %A %B" "own driver"
    # One naming an hd that is gone is put right.
    git config merge.hd.driver "'/nonexistent/hd' merge-driver --marker-size %L %O %A %B %P"
    run_hd list --ids
    expect_contains "$(git config merge.hd.driver)" "$HD"
}

test_reads_not_a_repository() {
    TEST_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/hd-e2e.XXXXXX")
    trap 'rm -rf "$TEST_ROOT"' EXIT
    export HOME="$TEST_ROOT"
    cd "$TEST_ROOT" || fail cd
    run_hd list
    expect_rc 5
    expect_contains "$ERR" "not a git repository"
    git init -q --bare "$TEST_ROOT/b.git"
    cd "$TEST_ROOT/b.git" || fail cd
    run_hd list
    expect_rc 5
    expect_contains "$ERR" "bare repository"
}

# The cache's keys answer a listing when the index is the one its rows were
# checked against; every change to the index must show.
test_reads_follow_every_index_change() {
    reads_desk
    run_hd list --ids
    run_hd list --ids # the second run reads the keys alone
    expect_eq "$OUT" "$A" "warm"
    # A hand edit, staged: the listing shows it at once.
    printf '\n[[event]]\nkind = "close"\nat = 2026-11-23T11:00:00+01:00\nby = "Sam Agent <sam@example.com>"\nresolution = "solved"\n' >>"$(ticket_path "$A")"
    git add "$(ticket_path "$A")"
    run_hd list --ids
    expect_eq "$OUT" "" "after a staged close"
    run_hd list --ids --status closed
    expect_eq "$(printf '%s\n' "$OUT" | sort)" "$(printf '%s\n' "$A" "$B" | sort)" "closed"
    # Back to the committed index: the old answer, not the cached one.
    git reset -q
    run_hd list --ids
    expect_eq "$OUT" "$A" "after reset"
    # An unrelated file staged changes the index but no row.
    echo hi >README
    git add README
    run_hd list --ids
    run_hd list --ids
    expect_eq "$OUT" "$A" "unrelated change"
    run_hd show "$A"
    expect_rc 0
    # A ticket removed from the index is gone, from the listing and from show.
    git rm -q --cached "$(ticket_path "$A")"
    run_hd list --ids
    expect_eq "$OUT" "" "removed"
    run_hd show "$A"
    expect_rc 3
    git reset -q
    run_hd show "${A:0:3}"
    expect_rc 0
    expect_contains "$OUT" "Printer on fire"
}

test_reads_index_forms() {
    reads_desk
    run_hd list --ids
    # Version 4 (prefix-compressed paths) is read through libgit2.
    git update-index --index-version 4
    run_hd list --ids
    expect_eq "$OUT" "$A" "index v4"
    run_hd list --ids
    expect_eq "$OUT" "$A" "index v4, again"
    C=$(new_ticket "Third")
    run_hd list --ids
    expect_eq "$(printf '%s\n' "$OUT" | sort)" "$(printf '%s\n' "$A" "$C" | sort)" "v4 after new"
    git update-index --index-version 2
    # An index written without its checksum (index.skipHash) is always read.
    if git -c index.skipHash=true update-index --index-version 2 2>/dev/null &&
        git -c index.skipHash=true add -A 2>/dev/null; then
        run_hd list --ids
        run_hd list --ids
        expect_eq "$(printf '%s\n' "$OUT" | sort)" "$(printf '%s\n' "$A" "$C" | sort)" "skipHash"
    fi
}

test_reads_with_a_conflict_in_the_index() {
    reads_desk
    run_hd list --ids
    run_hd list --ids
    # Stage 1, 2 and 3 of A's file: a conflict, which a listing reports.
    path=$(ticket_path "$A")
    blob=$(git rev-parse ":$path")
    printf '0 %s\t%s\n100644 %s 1\t%s\n100644 %s 2\t%s\n100644 %s 3\t%s\n' \
        0000000000000000000000000000000000000000 "$path" "$blob" "$path" "$blob" "$path" \
        "$blob" "$path" | git update-index --index-info
    run_hd list --ids
    expect_rc 4
    expect_contains "$ERR" "merge conflict"
    run_hd show "$A"
    expect_rc 5
    expect_contains "$ERR" "merge conflict"
}

test_reads_damaged_cache() {
    reads_desk
    run_hd list --ids
    cache=.git/hd-rows
    [ -f "$cache" ] || fail "no row cache"
    size=$(stat -c %s "$cache")
    # Keys that point outside the file are not trusted.
    printf '\377\377\377\377\377\377\377\377' | dd of="$cache" bs=1 seek=$((size - 20)) conv=notrunc 2>/dev/null
    run_hd list --ids
    expect_eq "$OUT" "$A" "damaged keys"
    run_hd show "$A"
    expect_rc 0
    truncate -s 30 "$cache"
    run_hd list --ids
    expect_eq "$OUT" "$A" "truncated"
    run_hd list --all --ids
    expect_eq "$(printf '%s\n' "$OUT" | sort)" "$(printf '%s\n' "$A" "$B" | sort)" "all"
}
