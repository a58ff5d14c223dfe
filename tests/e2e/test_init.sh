# hd init

test_init_commits_config() {
    setup_repo
    run_hd init --name "Acme Support"
    expect_rc 0
    expect_contains "$OUT" "Acme Support"
    [ -f hd.toml ] || fail "no hd.toml"
    expect_eq "$(commit_count)" 1 "commits"
    expect_eq "$(git log -1 --format=%s)" "hd init: Acme Support"
    expect_contains "$(git log -1 --format=%B)" "Hd-Action: init"
    expect_eq "$(git log -1 --format='%an <%ae>')" "Sam Agent <sam@example.com>" "author"
    expect_eq "$(git log -1 --format=%aI)" "2026-11-23T09:30:00+01:00" "commit date follows HD_NOW"
    expect_clean
}

test_init_twice_refused() {
    setup_desk
    run_hd init
    expect_rc 5
    expect_contains "$ERR" "already"
    expect_eq "$(commit_count)" 1 "commits"
}

test_init_creates_repository() {
    setup_repo
    mkdir -p "$TEST_ROOT/fresh"
    cd "$TEST_ROOT/fresh" || fail "cd"
    git config --global user.name "Sam Agent"
    git config --global user.email sam@example.com
    run_hd init
    expect_rc 0
    [ -d .git ] || fail "no repository created"
    expect_eq "$(git log -1 --format=%s)" "hd init: fresh"
    expect_clean
}

test_init_in_subdirectory() {
    setup_repo
    echo "readme" >README && git add README && git commit -qm "readme"
    mkdir support
    run_hd -C support init --name Sub
    expect_rc 0
    [ -f support/hd.toml ] || fail "hd.toml not in support/"
    id=$(cd support && new_ticket)
    [ -f "support/$(ticket_path "$id")" ] || fail "ticket not under support/"
    expect_clean
}

test_init_bad_hd_now() {
    setup_repo
    HD_NOW=yesterday run_hd init
    expect_rc 2
    expect_contains "$ERR" "HD_NOW"
}
