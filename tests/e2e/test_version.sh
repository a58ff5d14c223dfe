# hd --version: the version and the commit hd was built from, and with
# --json the libraries it runs with. Needs HD_SOURCE_DIR (set by
# tests/CMakeLists.txt) to compare with the source tree.

# The project version, from CMakeLists.txt.
project_version() {
    sed -n 's/^project(hd VERSION \([0-9.]*\).*/\1/p' "$HD_SOURCE_DIR/CMakeLists.txt"
}

test_version_names_the_version_and_the_commit() {
    setup_repo
    run_hd --version
    expect_rc 0
    local version
    version=$(project_version)
    [ -n "$version" ] || fail "no version in CMakeLists.txt"
    if [ -e "$HD_SOURCE_DIR/.git" ]; then
        # A checkout: the description is git describe's, of the commit built.
        local short
        short=$(git -C "$HD_SOURCE_DIR" rev-parse --short=7 HEAD)
        [[ $OUT =~ ^hd\ $version\ \((.+)\)$ ]] || fail "unexpected --version: $OUT"
        expect_contains "${BASH_REMATCH[1]}" "$short"
    else
        expect_eq "$OUT" "hd $version" "--version of a build without git"
    fi
    expect_eq "$ERR" "" "stderr"
    # Works anywhere, even outside a repository and with a command after it.
    cd "$TEST_ROOT" || fail "cd"
    run_hd --version
    expect_rc 0
    expect_contains "$OUT" "hd $version"
}

# py FILE CODE: runs CODE with j bound to the JSON in FILE.
json_check() {
    python3 - "$1" <<PY || fail "JSON check failed: $(cat "$1")"
import json, sys
j = json.load(open(sys.argv[1]))
$2
PY
}

test_version_json_lists_libraries_and_features() {
    setup_repo
    run_hd --version --json
    expect_rc 0
    printf '%s\n' "$OUT" >"$TEST_ROOT/v.json"
    local version commit=""
    version=$(project_version)
    [ -e "$HD_SOURCE_DIR/.git" ] && commit=$(git -C "$HD_SOURCE_DIR" rev-parse HEAD)
    json_check "$TEST_ROOT/v.json" "
assert j['version'] == '$version', j['version']
assert j['commit'] == '$commit', (j['commit'], '$commit')
assert j['build']['type'] and j['build']['compiler']
libs = j['libraries']
for name in ('libgit2', 'gmime', 'libxml2', 'toml++', 'fmt', 'cli11', 'nlohmann-json', 'date'):
    assert libs[name]['version'][0].isdigit(), (name, libs[name])
assert set(libs['libgit2']['features']) <= {'threads', 'https', 'ssh', 'nsec'}
assert 'mail-in' in j['features'] and 'merge-driver' in j['features'], j['features']
assert j['templates'] == $(ls "$HD_SOURCE_DIR"/templates/*.mustache | wc -l), j['templates']
"
    # The shared libraries' versions are those of the libraries installed.
    local lib module
    for lib in libgit2:libgit2 gmime:gmime-3.0 libxml2:libxml-2.0; do
        module=${lib#*:} lib=${lib%%:*}
        pkg-config --exists "$module" || continue
        json_check "$TEST_ROOT/v.json" "
assert j['libraries']['$lib']['version'] == '$(pkg-config --modversion "$module")', j['libraries']['$lib']"
    done
    # --json before --version says the same.
    run_hd --json --version
    expect_rc 0
    expect_eq "$OUT" "$(cat "$TEST_ROOT/v.json")" "--json --version"
}

test_version_stamp_of_a_tree_without_git() {
    setup_repo
    # A release tarball's tree: no .git, even inside another repository.
    mkdir -p "$TEST_ROOT/desk/hd-0.1.0"
    local out=$TEST_ROOT/stamp.hpp
    cmake -DHD_SOURCE_DIR="$TEST_ROOT/desk/hd-0.1.0" -DHD_OUTPUT="$out" -DHD_VERSION=0.1.0 \
        -DGIT_EXECUTABLE="$(command -v git)" -P "$HD_SOURCE_DIR/cmake/version_stamp.cmake" ||
        fail "version_stamp.cmake failed"
    expect_contains "$(cat "$out")" '#define HD_STAMP_DESCRIBE ""'
    expect_contains "$(cat "$out")" '#define HD_STAMP_COMMIT ""'
    # A description given from outside is kept, reduced to what a tag holds.
    cmake -DHD_SOURCE_DIR="$TEST_ROOT/desk/hd-0.1.0" -DHD_OUTPUT="$out" -DHD_VERSION=0.1.0 \
        '-DHD_GIT_DESCRIBE=v0.1.0-2-gabc"; evil' -P "$HD_SOURCE_DIR/cmake/version_stamp.cmake" ||
        fail "version_stamp.cmake failed"
    expect_contains "$(cat "$out")" '#define HD_STAMP_DESCRIBE "v0.1.0-2-gabc___evil"'
    # A git checkout: git describe's answer, and the file is left alone when
    # nothing changed.
    git commit -q --allow-empty -m "first" || fail "git commit failed"
    cmake -DHD_SOURCE_DIR="$REPO" -DHD_OUTPUT="$out" -DHD_VERSION=0.1.0 \
        -DGIT_EXECUTABLE="$(command -v git)" -P "$HD_SOURCE_DIR/cmake/version_stamp.cmake" ||
        fail "version_stamp.cmake failed"
    expect_contains "$(cat "$out")" "#define HD_STAMP_DESCRIBE \"$(git rev-parse --short HEAD)\""
    expect_contains "$(cat "$out")" "#define HD_STAMP_COMMIT \"$(git rev-parse HEAD)\""
    touch -d '2000-01-01' "$out"
    cmake -DHD_SOURCE_DIR="$REPO" -DHD_OUTPUT="$out" -DHD_VERSION=0.1.0 \
        -DGIT_EXECUTABLE="$(command -v git)" -P "$HD_SOURCE_DIR/cmake/version_stamp.cmake" ||
        fail "version_stamp.cmake failed"
    expect_eq "$(date -r "$out" +%Y)" 2000 "the unchanged stamp's time"
    git tag v0.1.0
    echo change >file && git add file
    cmake -DHD_SOURCE_DIR="$REPO" -DHD_OUTPUT="$out" -DHD_VERSION=0.1.0 \
        -DGIT_EXECUTABLE="$(command -v git)" -P "$HD_SOURCE_DIR/cmake/version_stamp.cmake" ||
        fail "version_stamp.cmake failed"
    expect_contains "$(cat "$out")" '#define HD_STAMP_DESCRIBE "v0.1.0-dirty"'
}
