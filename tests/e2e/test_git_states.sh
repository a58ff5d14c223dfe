# What hd reads when the repository is not simply clean: merges in conflict,
# broken files met by bulk commands, edited work trees, caches from other builds.

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
