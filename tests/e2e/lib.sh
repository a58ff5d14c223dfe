# Helpers for hd's end-to-end tests: each test runs the real binary in a
# throw-away git repository and checks the result with the real git CLI.
set -u

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# A fresh repository with an agent identity and no global git config.
setup_repo() {
    TEST_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/hd-e2e.XXXXXX")
    trap 'rm -rf "$TEST_ROOT"' EXIT
    export HOME="$TEST_ROOT/home" GIT_CONFIG_NOSYSTEM=1
    mkdir -p "$HOME"
    unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL VISUAL EDITOR
    export HD_NOW=2026-11-23T09:30:00+01:00
    REPO="$TEST_ROOT/desk"
    mkdir -p "$REPO"
    cd "$REPO" || exit 1
    git init -q -b main
    git config user.name "Sam Agent"
    git config user.email sam@example.com
}

# A repository with `hd init` already done.
setup_desk() {
    setup_repo
    "$HD" init --name "Test Desk" >/dev/null || fail "hd init failed"
}

# Runs hd, keeping stdout, stderr and the exit code in OUT, ERR and RC.
run_hd() {
    local out_file="$TEST_ROOT/out" err_file="$TEST_ROOT/err"
    "$HD" "$@" >"$out_file" 2>"$err_file" </dev/null
    RC=$?
    OUT=$(cat "$out_file")
    ERR=$(cat "$err_file")
}

# Like run_hd, with standard input from the first argument.
run_hd_stdin() {
    local input=$1
    shift
    local out_file="$TEST_ROOT/out" err_file="$TEST_ROOT/err"
    printf '%s' "$input" | "$HD" "$@" >"$out_file" 2>"$err_file"
    RC=$?
    OUT=$(cat "$out_file")
    ERR=$(cat "$err_file")
}

expect_rc() {
    [ "$RC" -eq "$1" ] || fail "expected exit $1, got $RC; stdout: $OUT; stderr: $ERR"
}

expect_contains() { # haystack needle
    case "$1" in
    *"$2"*) ;;
    *) fail "expected to find '$2' in: $1" ;;
    esac
}

expect_not_contains() {
    case "$1" in
    *"$2"*) fail "did not expect '$2' in: $1" ;;
    *) ;;
    esac
}

expect_eq() { # actual expected [what]
    [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}

# The repository is clean and sound: what hd promises after every action.
expect_clean() {
    local status
    status=$(git status --porcelain)
    [ -z "$status" ] || fail "git status not clean: $status"
    git fsck --strict --no-progress >/dev/null 2>&1 || fail "git fsck failed: $(git fsck 2>&1)"
}

commit_count() { git rev-list --count HEAD; }

new_ticket() { # prints the id
    "$HD" new --title "${1:-Printer on fire}" --from "${2:-Ana Lima <ana@example.org>}" \
        -m "${3:-It smokes when I print.}" </dev/null || fail "hd new failed"
}

ticket_path() { # id
    echo "tickets/${1:0:2}/$1.toml"
}
