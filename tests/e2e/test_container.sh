# The container image, the GitHub Action and the GitLab CI template: the
# Dockerfile's stages install exactly the groups of scripts/deps.sh, the
# action's steps (ci/hd-action.sh) choose, install and report as their
# inputs say, the template's report runs hd as its variables say, and the
# CI examples in docs/ use them rather than building hd on every run. No
# container runtime is needed. Needs HD_SOURCE_DIR (set by tests/CMakeLists.txt).

# A python3 with PyYAML (Debian: python3-yaml).
yaml_python() {
    local py
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null && "$py" -c 'import yaml' 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    fail "no python3 with PyYAML (Debian: python3-yaml, scripts/deps.sh --test)"
}

test_dockerfile_stages_install_exactly_the_deps_groups() {
    setup_repo
    python3 - "$HD_SOURCE_DIR" <<'PY' || fail "the Dockerfile does not install what scripts/deps.sh says"
import json, re, sys
src = sys.argv[1]
text = open(f"{src}/Dockerfile").read()
# Instructions, with continued lines joined and comments dropped.
lines, cur = [], ""
for raw in text.splitlines():
    if not cur and (not raw.strip() or raw.lstrip().startswith("#")):
        continue
    cur += raw.rstrip()
    if cur.endswith("\\"):
        cur = cur[:-1] + " "
        continue
    lines.append(cur.strip())
    cur = ""
stages = []
for line in lines:
    op, _, rest = line.partition(" ")
    if op.upper() == "FROM":
        m = re.fullmatch(r"(\S+)(?: AS (\S+))?", rest.strip(), re.I)
        assert m, line
        stages.append({"image": m[1], "name": m[2], "ops": []})
    else:
        assert stages, f"instruction before FROM: {line}"
        stages[-1]["ops"].append((op.upper(), rest.strip()))
assert [s["image"] for s in stages] == ["debian:12", "debian:12-slim"], [s["image"] for s in stages]
build, runtime = stages

def runs(stage):
    return [rest for op, rest in stage["ops"] if op == "RUN"]

def groups(stage):
    found = []
    for cmd in runs(stage):
        # Packages come from deps.sh alone: no apt-get install of names.
        assert not re.search(r"\bapt(-get)?\s+install\b", cmd), f"a package list of its own: {cmd}"
        assert "dpkg -i" not in cmd, cmd
        found += re.findall(r"deps\.sh((?:\s+--[a-z]+)+)", cmd)
    return sorted(g for f in found for g in f.split())

assert groups(build) == ["--build"], groups(build)
assert groups(runtime) == ["--runtime"], groups(runtime)
# The deps.sh each stage runs is the repository's own.
for stage in stages:
    copies = [rest for op, rest in stage["ops"] if op == "COPY"]
    assert any(c.split()[0] == "scripts/deps.sh" for c in copies), copies
# The runtime stage takes the installed files from the build stage, and
# runs hd.
assert any(op == "COPY" and rest.startswith(f"--from={build['name']} ") for op, rest in runtime["ops"]), runtime["ops"]
entry = [rest for op, rest in runtime["ops"] if op == "ENTRYPOINT"]
assert len(entry) == 1 and json.loads(entry[0]) == ["hd"], entry
# The build installs under /usr, where the runtime stage expects it.
assert any("cmake --install" in c and "--prefix /usr" in c for c in runs(build)), runs(build)
ignore = open(f"{src}/.dockerignore").read().split()
assert ".git" in ignore and any(p.startswith("build") for p in ignore), ignore
PY
    # Both groups exist and are not empty.
    [ -n "$(bash "$HD_SOURCE_DIR/scripts/deps.sh" --print build)" ] || fail "no build group"
    [ -n "$(bash "$HD_SOURCE_DIR/scripts/deps.sh" --print runtime)" ] || fail "no runtime group"
    # The runtime group holds no compiler and no -dev package.
    local bad
    bad=$(bash "$HD_SOURCE_DIR/scripts/deps.sh" --print runtime | grep -E -- '-dev$|^(g\+\+|gcc|cmake|make|clang.*)$' || true)
    [ -z "$bad" ] || fail "build tools in the runtime group: $bad"
}

test_deps_groups_print_and_reject() {
    setup_repo
    local deps=$HD_SOURCE_DIR/scripts/deps.sh all
    all=$(bash "$deps" --print all)
    # all is the three groups together, each package once.
    expect_eq "$(printf '%s\n' "$all" | sort)" \
        "$( (bash "$deps" --print build; bash "$deps" --print runtime; bash "$deps" --print test) | sort -u)" "--print all"
    expect_eq "$(printf '%s\n' "$all" | sort | uniq -d)" "" "packages listed twice in all"
    bash "$deps" --print build | grep -qx libgit2-dev || fail "libgit2-dev is not in the build group"
    bash "$deps" --print test | grep -qx catch2 || fail "catch2 is not in the test group"
    bash "$deps" --print build | grep -qx catch2 && fail "catch2 is in the build group"
    bash "$deps" --print nonsense >/dev/null 2>&1 && fail "--print of an unknown group succeeded"
    bash "$deps" --bogus >/dev/null 2>&1 && fail "an unknown flag succeeded"
    # Everything is installed here, so each group installs nothing and succeeds.
    bash "$deps" --runtime || fail "deps.sh --runtime failed"
    bash "$deps" --build --test || fail "deps.sh --build --test failed"
}

# action_step STEP [VAR=VALUE...]: runs ci/hd-action.sh STEP with the given
# variables (and without the tests' own HD_SOURCE_DIR); the outputs it
# writes are in $TEST_ROOT/outputs.
action_step() {
    local step=$1
    shift
    : >"$TEST_ROOT/outputs"
    env -u HD_SOURCE_DIR GITHUB_OUTPUT="$TEST_ROOT/outputs" "$@" \
        bash "$HD_SOURCE_DIR/ci/hd-action.sh" "$step" >"$TEST_ROOT/out" 2>"$TEST_ROOT/err"
    RC=$? OUT=$(cat "$TEST_ROOT/out") ERR=$(cat "$TEST_ROOT/err")
}

test_action_yml_is_a_composite_action_of_ci_hd_action_steps() {
    setup_repo
    local py
    py=$(yaml_python)
    "$py" - "$HD_SOURCE_DIR" <<'PY' || fail "action.yml is not as expected"
import re, subprocess, sys, yaml
src = sys.argv[1]
a = yaml.safe_load(open(f"{src}/action.yml"))
assert a["runs"]["using"] == "composite"
inputs = a["inputs"]
for name in ("version", "deb-url", "format", "args", "check", "fail-on", "directory", "report"):
    assert name in inputs and "description" in inputs[name] and "default" in inputs[name], name
steps = a["runs"]["steps"]
ids = {s.get("id") for s in steps}
script = open(f"{src}/ci/hd-action.sh").read()
for s in steps:
    text = yaml.safe_dump(s)
    # Every step output and input it reads exists.
    for ref in re.findall(r"steps\.([a-z-]+)\.outputs", text):
        assert ref in ids, ref
    for ref in re.findall(r"inputs\.([a-z-]+)", text):
        assert ref in inputs, ref
    if "run" in s:
        assert s["shell"] == "bash", s
        sub = re.search(r"hd-action\.sh\" (\w+)$", s["run"].strip())
        assert sub and re.search(rf"^{sub[1]}\(\)", script, re.M), s["run"]
cache = [s for s in steps if s.get("uses", "").startswith("actions/cache/")]
assert sorted(s["uses"].split("@")[0] for s in cache) == ["actions/cache/restore", "actions/cache/save"], cache
assert len({s["with"]["key"] for s in cache}) == 1 and "steps.plan.outputs.key" in cache[0]["with"]["key"]
assert len({s["with"]["path"] for s in cache}) == 1
# The path cached is where the build step leaves the package by default.
assert cache[0]["with"]["path"] == "~/.cache/hd-deb", cache[0]["with"]["path"]
assert "HD_DEB_DIR=${HD_DEB_DIR:-$HOME/.cache/hd-deb}" in script
# In a job container these name the runner's paths: not to be used.
body = yaml.safe_dump(steps)
assert "github.action_path" not in body and "runner.temp" not in body, "host paths in the steps"
PY
    bash -n "$HD_SOURCE_DIR/ci/hd-action.sh" || fail "ci/hd-action.sh does not parse"
}

test_action_plan_picks_a_url_or_a_cached_build() {
    setup_repo
    local arch
    arch=$(dpkg --print-architecture)
    action_step plan HD_DEB_URL=https://example.org/hd.deb HD_VERSION=9.9.9
    expect_rc 0
    expect_eq "$(cat "$TEST_ROOT/outputs")" $'mode=url\nurl=https://example.org/hd.deb' "deb-url wins"
    action_step plan HD_VERSION=v0.2.0 HD_RELEASES_URL=https://example.org/releases/
    expect_eq "$(cat "$TEST_ROOT/outputs")" \
        $'mode=url\nurl=https://example.org/releases/v0.2.0/hd_0.2.0_'"$arch"'.deb' "a release"
    # No version: a build of the source, keyed on the source's content.
    local src=$TEST_ROOT/src key
    mkdir -p "$src/src" "$src/build"
    echo 'project(hd)' >"$src/CMakeLists.txt"
    echo 'int main() {}' >"$src/src/main.cpp"
    action_step plan GITHUB_ACTION_PATH="$src"
    expect_rc 0
    expect_contains "$(cat "$TEST_ROOT/outputs")" "mode=build"
    key=$(sed -n 's/^key=//p' "$TEST_ROOT/outputs")
    [[ $key =~ ^hd-deb-.*-$arch-[0-9a-f]{16}$ ]] || fail "unexpected cache key: $key"
    # A build tree beside the sources changes nothing; a source edit does.
    echo junk >"$src/build/CMakeCache.txt"
    action_step plan HD_SOURCE_DIR="$src"
    expect_eq "$(sed -n 's/^key=//p' "$TEST_ROOT/outputs")" "$key" "key with a build tree"
    echo 'int main() { return 0; }' >"$src/src/main.cpp"
    action_step plan HD_SOURCE_DIR="$src"
    [ "$(sed -n 's/^key=//p' "$TEST_ROOT/outputs")" != "$key" ] || fail "an edited source kept the key"
    # No source and nothing to download: a usage error.
    action_step plan GITHUB_ACTION_PATH="$TEST_ROOT/nowhere"
    expect_rc 2
    expect_contains "$ERR" "no version or deb-url"
}

test_action_install_hands_the_package_to_apt() {
    setup_repo
    # apt-get and sudo that only say what they were asked; hd is this build's.
    local bin=$TEST_ROOT/bin
    mkdir -p "$bin"
    printf '#!/bin/sh\necho "apt-get $*" >>"%s/apt.log"\n' "$TEST_ROOT" >"$bin/apt-get"
    printf '#!/bin/sh\nexec "$@"\n' >"$bin/sudo"
    ln -s "$HD" "$bin/hd"
    chmod +x "$bin/apt-get" "$bin/sudo"
    echo "not really a package" >"$TEST_ROOT/hd_0.1.0_test.deb"
    action_step install PATH="$bin:$PATH" HD_DEB_URL="$TEST_ROOT/hd_0.1.0_test.deb"
    expect_rc 0
    expect_eq "$(tail -1 "$TEST_ROOT/apt.log")" \
        "apt-get install -y -qq --no-install-recommends $HOME/.cache/hd-download/hd_0.1.0_test.deb" "apt-get"
    expect_contains "$(cat "$TEST_ROOT/outputs")" "version=$("$HD" --version)"
    # Without a URL: the package the build step left in HD_DEB_DIR.
    mkdir -p "$TEST_ROOT/debs"
    cp "$TEST_ROOT/hd_0.1.0_test.deb" "$TEST_ROOT/debs/"
    action_step install PATH="$bin:$PATH" HD_DEB_URL= HD_DEB_DIR="$TEST_ROOT/debs"
    expect_rc 0
    expect_eq "$(tail -1 "$TEST_ROOT/apt.log")" \
        "apt-get install -y -qq --no-install-recommends $TEST_ROOT/debs/hd_0.1.0_test.deb" "apt-get"
    # By default, where action.yml keeps the cached package.
    mkdir -p "$HOME/.cache/hd-deb"
    cp "$TEST_ROOT/hd_0.1.0_test.deb" "$HOME/.cache/hd-deb/"
    action_step install PATH="$bin:$PATH" HD_DEB_URL=
    expect_rc 0
    expect_eq "$(tail -1 "$TEST_ROOT/apt.log")" \
        "apt-get install -y -qq --no-install-recommends $HOME/.cache/hd-deb/hd_0.1.0_test.deb" "apt-get"
}

# A desk in $REPO/desk with one urgent ticket a day past its first response.
breached_desk() {
    setup_repo
    mkdir desk && cd desk || fail "cd"
    "$HD" init --name "CI Desk" >/dev/null || fail "hd init failed"
    printf '\n[sla.urgent]\nfirst_response = "1h"\ncalendar = "24x7"\n' >>hd.toml
    git commit -qam "Service levels" || fail "git commit failed"
    BREACHED=$("$HD" new --title "Site down" --priority urgent --from "Dave <dave@example.com>" \
        -m "Nothing loads." </dev/null) || fail "hd new failed"
    cd "$REPO" || fail "cd"
    export HD_NOW=2026-11-24T09:30:00+01:00
    BIN=$TEST_ROOT/bin
    mkdir -p "$BIN"
    ln -sf "$HD" "$BIN/hd"
}

test_action_report_follows_its_inputs() {
    breached_desk
    action_step report PATH="$BIN:$PATH" HD_DIRECTORY=desk HD_FORMAT=github HD_CHECK=true \
        GITHUB_STEP_SUMMARY="$TEST_ROOT/summary"
    expect_rc 1
    expect_contains "$OUT" "::error"
    expect_contains "$OUT" "$BREACHED"
    action_step report PATH="$BIN:$PATH" HD_DIRECTORY=desk HD_FORMAT=text HD_CHECK=false
    expect_rc 0
    expect_contains "$OUT" "Site down"
    action_step report PATH="$BIN:$PATH" HD_DIRECTORY=desk HD_FORMAT=junit HD_CHECK=false \
        HD_OUTPUT="$TEST_ROOT/sla.xml" HD_ARGS="--priority urgent"
    expect_rc 0
    expect_eq "$OUT" "" "stdout with an output file"
    expect_contains "$(cat "$TEST_ROOT/sla.xml")" "<testsuite"
    action_step report PATH="$BIN:$PATH" HD_DIRECTORY=desk HD_FORMAT=text HD_CHECK=false HD_ARGS="--no-such-flag"
    expect_rc 2
}

# gitlab_script JOB KEY: the shell lines of a job's script or before_script.
gitlab_script() {
    "$(yaml_python)" - "$HD_SOURCE_DIR/ci/hd-report.gitlab-ci.yml" "$1" "$2" <<'PY'
import sys, yaml
t = yaml.safe_load(open(sys.argv[1]))
print("\n".join(t[sys.argv[2]][sys.argv[3]]))
PY
}

test_gitlab_template_installs_and_reports() {
    breached_desk
    local py
    py=$(yaml_python)
    "$py" - "$HD_SOURCE_DIR/ci/hd-report.gitlab-ci.yml" <<'PY' || fail "the GitLab template is not as expected"
import sys, yaml
t = yaml.safe_load(open(sys.argv[1]))
assert t[".hd-install"]["image"] == "debian:12"
assert t[".hd-report"]["extends"] == ".hd-install"
# Defaults are global, so the including project's variables win.
for v in ("HD_DEB_URL", "HD_REPOSITORY", "HD_REF", "HD_REPORT_FORMAT", "HD_REPORT_CHECK"):
    assert v in t["variables"], v
assert ".hd-cache/" in t[".hd-install"]["cache"]["paths"]
assert "$HD_REF" in t[".hd-install"]["cache"]["key"]
PY
    gitlab_script .hd-install before_script >"$TEST_ROOT/install.sh"
    sh -n "$TEST_ROOT/install.sh" || fail "the install lines do not parse"
    grep -q 'apt-get install .*"\./\$deb"' "$TEST_ROOT/install.sh" || fail "the template does not install the .deb with apt-get"
    grep -q 'deps.sh --build' "$TEST_ROOT/install.sh" || fail "the template's build does not use deps.sh --build"
    # The report lines, run by sh as GitLab runs them, with the real hd.
    gitlab_script .hd-report script >"$TEST_ROOT/report.sh"
    local vars=(PATH="$BIN:$PATH" HD_REPORT_FORMAT=codequality HD_REPORT_CHECK=true HD_REPORT_FAIL_ON=breach
        "HD_REPORT_ARGS=-C desk" HD_REPORT_OUTPUT="$TEST_ROOT/cq.json")
    env "${vars[@]}" sh -e "$TEST_ROOT/report.sh" >"$TEST_ROOT/out" 2>&1
    RC=$? OUT=$(cat "$TEST_ROOT/out") ERR=
    expect_rc 1
    python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); assert j and j[0]["severity"], j' \
        "$TEST_ROOT/cq.json" || fail "no Code Quality report: $(cat "$TEST_ROOT/cq.json")"
    env PATH="$BIN:$PATH" HD_REPORT_FORMAT=text HD_REPORT_CHECK=false HD_REPORT_FAIL_ON=breach \
        "HD_REPORT_ARGS=-C desk" HD_REPORT_OUTPUT= sh -e "$TEST_ROOT/report.sh" >"$TEST_ROOT/out" 2>&1 ||
        fail "the report without --check failed: $(cat "$TEST_ROOT/out")"
    expect_contains "$(cat "$TEST_ROOT/out")" "Site down"
}

test_ci_examples_use_the_action_and_the_template() {
    setup_repo
    local f
    for f in "$HD_SOURCE_DIR"/docs/ci-*.yml; do
        # None builds hd on every run any more.
        grep -nE 'cmake|deps\.sh|hd-src' "$f" && fail "$(basename "$f") still builds hd"
    done
    for f in ci-github.yml ci-followup-github.yml; do
        grep -qE '^\s+uses: example-org/hd@' "$HD_SOURCE_DIR/docs/$f" || fail "$f does not use the action"
    done
    for f in ci-gitlab.yml ci-followup-gitlab.yml; do
        grep -q 'file: ci/hd-report.gitlab-ci.yml' "$HD_SOURCE_DIR/docs/$f" || fail "$f does not include the template"
        grep -q 'extends: .hd-install' "$HD_SOURCE_DIR/docs/$f" || fail "$f does not extend .hd-install"
    done
    grep -q 'report: "false"' "$HD_SOURCE_DIR/docs/ci-followup-github.yml" ||
        fail "the follow-up job should only install hd"
}
