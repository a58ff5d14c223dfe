# What hd reads when the repository is not simply clean: merges in conflict,
# broken files met by bulk commands, edited work trees, caches from other builds.

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
