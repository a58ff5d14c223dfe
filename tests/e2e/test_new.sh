# hd new

test_new_prints_id_and_commits() {
    setup_desk
    run_hd new --title "Cannot log in" --from "Ana Lima <ana@example.org>" \
        --priority high --audience client --summary "Login fails after reset" --tag login --tag auth \
        -m "I reset my password and now it fails."
    expect_rc 0
    [[ "$OUT" =~ ^[0-9a-hjkmnp-tv-z]{7}$ ]] || fail "not an id: $OUT"
    id=$OUT
    f=$(ticket_path "$id")
    [ -f "$f" ] || fail "no file $f"
    expect_eq "$(commit_count)" 2 "commits"
    expect_eq "$(git log -1 --format=%s)" "hd new $id: Cannot log in"
    expect_eq "$(git log -1 --format='%(trailers:key=Hd-Ticket,valueonly)' | head -1)" "$id" "trailer"
    expect_eq "$(git log -1 --format='%(trailers:key=Hd-Action,valueonly)' | head -1)" "new" "trailer"
    expect_eq "$(git show --name-only --format= HEAD)" "$f" "files in the commit"
    expect_contains "$(cat "$f")" 'created = 2026-11-23T09:30:00+01:00'
    expect_contains "$(cat "$f")" 'priority = "high"'
    expect_contains "$(cat "$f")" 'tags = ["login", "auth"]'
    expect_clean
}

test_new_body_from_stdin_keeps_text_exactly() {
    setup_desk
    body=$'Line "one" with """ quotes\nback\\slash and\ttab\n\nlast'
    run_hd_stdin "$body" new --title T --from "a@example.org" -
    expect_rc 0
    run_hd show "$OUT" --json
    got=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["body"], end="")')
    expect_eq "$got" "$body" "body"
    expect_clean
}

test_new_missing_title_is_usage_error() {
    setup_desk
    run_hd new --from "Ana <ana@example.org>"
    expect_rc 2
    expect_contains "$ERR" "--title"
    expect_eq "$(commit_count)" 1 "commits"
}

test_new_bad_values_are_usage_errors() {
    setup_desk
    run_hd new --title T --from "no email here"
    expect_rc 2
    expect_contains "$ERR" "--from"
    run_hd new --title T --from a@example.org --priority asap
    expect_rc 2
    expect_contains "$ERR" "--priority"
    run_hd new --title T --from a@example.org --audience robots
    expect_rc 2
    expect_contains "$ERR" "--audience"
    run_hd new --title $'two\nlines' --from a@example.org
    expect_rc 2
    run_hd new --title T --from a@example.org --bogus
    expect_rc 2
    expect_eq "$(commit_count)" 1 "commits"
    expect_clean
}

test_new_refuses_non_utf8() {
    setup_desk
    printf 'caf\xe9\n' >latin1.txt
    run_hd new --title T --from a@example.org -F latin1.txt
    expect_rc 2
    expect_contains "$ERR" "UTF-8"
    expect_eq "$(commit_count)" 1 "commits"
    [ -z "$(ls tickets 2>/dev/null)" ] || fail "a ticket file was written"
}

test_new_without_identity() {
    setup_desk
    git config --unset user.name
    git config --unset user.email
    run_hd new --title T --from a@example.org
    expect_rc 5
    expect_contains "$ERR" "user.name"
    expect_eq "$(commit_count)" 1 "commits"
    GIT_AUTHOR_NAME="Env Agent" GIT_AUTHOR_EMAIL=env@example.com \
        GIT_COMMITTER_NAME="Env Agent" GIT_COMMITTER_EMAIL=env@example.com run_hd new --title T --from a@example.org
    expect_rc 0
    expect_eq "$(git log -1 --format='%an <%ae>')" "Env Agent <env@example.com>" "author from env"
}

test_new_outside_a_repository() {
    setup_repo
    mkdir "$TEST_ROOT/plain"
    run_hd -C "$TEST_ROOT/plain" new --title T --from a@example.org
    expect_rc 5
    expect_contains "$ERR" "not a git repository"
}

test_new_without_hd_toml() {
    setup_repo
    run_hd new --title T --from a@example.org
    expect_rc 5
    expect_contains "$ERR" "hd init"
}

test_new_leaves_unrelated_work_alone() {
    setup_desk
    echo draft >notes.txt
    echo staged >staged.txt
    git add staged.txt
    id=$(new_ticket)
    expect_eq "$(git show --name-only --format= HEAD)" "$(ticket_path "$id")" "files in the commit"
    expect_eq "$(git status --porcelain | sort | tr '\n' ' ')" "?? notes.txt A  staged.txt " "status"
}

test_new_on_unborn_branch_in_subdir_desk() {
    setup_repo
    printf '[desk]\nname = "x"\n' >hd.toml
    git add hd.toml
    run_hd new --title T --from a@example.org
    expect_rc 0
    expect_eq "$(commit_count)" 1 "commits"
    expect_eq "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" "$(ticket_path "$OUT") " "only the ticket is committed"
    expect_eq "$(git status --porcelain)" "A  hd.toml" "hd.toml still staged"
}
