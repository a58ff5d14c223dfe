# hd sync goes through the git CLI for the network, so what a user has set
# up for git (an ssh command and ~/.ssh/config, insteadOf rules, credential
# helpers) works for hd too. These tests prove it without a network: an ssh
# command that runs git's pack programs locally, and an insteadOf alias.

# A remote holding a desk with one ticket, and a clone of it in $REPO.
transport_desk() {
    setup_desk
    T1=$(new_ticket "Sent through the pipe")
    git init -q --bare -b main "$TEST_ROOT/remote.git"
    git push -q "$TEST_ROOT/remote.git" main || fail "push to the bare remote"
    cd "$TEST_ROOT" && rm -rf desk || exit 1
}

# A second clone with a new note on T1, pushed, so a sync has work to do.
someone_else_notes() { # note
    git clone -q "$TEST_ROOT/remote.git" "$TEST_ROOT/other" || fail "clone"
    (
        cd "$TEST_ROOT/other" && git config user.name "Bo Other" && git config user.email bo@example.org &&
            HD_NOW=2026-11-23T11:00:00+01:00 "$HD" note "$T1" -m "$1" >/dev/null && git push -q origin main
    ) || fail "the other clone could not push"
}

test_sync_uses_the_users_ssh_command() {
    transport_desk
    # git calls the "simple" ssh variant as: COMMAND HOST 'git-upload-pack PATH'.
    cat >"$TEST_ROOT/fake-ssh" <<'SH'
#!/bin/sh
echo "$*" >>"$(dirname "$0")/ssh.log"
for last; do :; done
exec sh -c "$last"
SH
    chmod +x "$TEST_ROOT/fake-ssh"
    git clone -q "$TEST_ROOT/remote.git" "$TEST_ROOT/work" || fail clone
    cd "$TEST_ROOT/work" || exit 1
    git config user.name "Sam Agent" && git config user.email sam@example.com
    git config core.sshCommand "$TEST_ROOT/fake-ssh"
    git remote set-url origin "ssh://desk.example$TEST_ROOT/remote.git"
    someone_else_notes "over ssh"
    HD_NOW=2026-11-23T12:00:00+01:00 "$HD" note "$T1" -m "mine, over ssh" >/dev/null || fail note
    run_hd sync
    expect_rc 0
    expect_contains "$OUT" "From origin/main: merged"
    expect_contains "$OUT" "Pushed to origin/main."
    grep -q "desk.example git-upload-pack" "$TEST_ROOT/ssh.log" || fail "fetch did not use the ssh command"
    grep -q "desk.example git-receive-pack" "$TEST_ROOT/ssh.log" || fail "push did not use the ssh command"
    expect_eq "$(git rev-parse HEAD)" "$(git --git-dir="$TEST_ROOT/remote.git" rev-parse main)" "remote head"
    expect_eq "$(git grep -c 'over ssh' HEAD -- tickets | cut -d: -f3)" 2 "notes in the ticket"
    expect_clean
}

test_sync_follows_insteadof_rules() {
    transport_desk
    git clone -q "$TEST_ROOT/remote.git" "$TEST_ROOT/work" || fail clone
    cd "$TEST_ROOT/work" || exit 1
    git config user.name "Sam Agent" && git config user.email sam@example.com
    # In the user's global config, as people keep such aliases.
    git config --global url."$TEST_ROOT/".insteadOf "desks:"
    git remote set-url origin "desks:remote.git"
    someone_else_notes "through an alias"
    run_hd sync --json
    expect_rc 0
    expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["result"], len(d["incoming"]))' <<<"$OUT")" \
        "fast-forward 1" "sync result"
    expect_eq "$(git grep -c 'through an alias' HEAD -- tickets | cut -d: -f3)" 1 "the note came in"
    # A name git cannot resolve is git's error, exit 7, nothing changed.
    local before
    before=$(git rev-parse HEAD)
    git remote set-url origin "nowhere:remote.git"
    run_hd sync
    expect_rc 7
    expect_contains "$ERR" "fetching from origin failed"
    expect_eq "$(git rev-parse HEAD)" "$before" "HEAD after a failed fetch"
    expect_clean
}

test_sync_never_waits_on_a_password_prompt() {
    transport_desk
    git clone -q "$TEST_ROOT/remote.git" "$TEST_ROOT/work" || fail clone
    cd "$TEST_ROOT/work" || exit 1
    git config user.name "Sam Agent" && git config user.email sam@example.com
    # An ssh command that would ask for a password on the terminal: with no
    # terminal, git must fail at once instead.
    cat >"$TEST_ROOT/asking-ssh" <<'SH'
#!/bin/sh
echo "ssh: Permission denied (publickey,password)." >&2
exit 255
SH
    chmod +x "$TEST_ROOT/asking-ssh"
    git config core.sshCommand "$TEST_ROOT/asking-ssh"
    git remote set-url origin "ssh://desk.example$TEST_ROOT/remote.git"
    run_hd sync
    expect_rc 7
    expect_contains "$ERR" "Permission denied"
    expect_clean
}
