# The container image: the Dockerfile's stages install exactly the groups
# of scripts/deps.sh. No container runtime is needed. Needs HD_SOURCE_DIR
# (set by tests/CMakeLists.txt).

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

