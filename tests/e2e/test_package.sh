# The Debian package: cpack -G DEB makes hd_<version>_<arch>.deb with its
# dependencies worked out, which installs into a throw-away root, runs there
# and is removed without a trace. Needs HD_BUILD_DIR and HD_SOURCE_DIR
# (tests/CMakeLists.txt sets both, and runs these one at a time: cpack brings
# the build tree up to date first), and dpkg-dev (scripts/deps.sh --build).

# build_deb: runs cpack into $TEST_ROOT/pkg; DEB is the package made.
build_deb() {
    [ -f "${HD_BUILD_DIR:-}/CPackConfig.cmake" ] || fail "HD_BUILD_DIR is not a build tree: ${HD_BUILD_DIR:-}"
    command -v dpkg-shlibdeps >/dev/null || fail "dpkg-shlibdeps is needed (scripts/deps.sh --build installs dpkg-dev)"
    (cd "$HD_BUILD_DIR" && cpack -G DEB -B "$TEST_ROOT/pkg") >"$TEST_ROOT/cpack.log" 2>&1 ||
        fail "cpack failed: $(cat "$TEST_ROOT/cpack.log")"
    local debs=("$TEST_ROOT"/pkg/*.deb)
    [ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack made no single .deb: ${debs[*]}"
    DEB=${debs[0]}
}

project_version() {
    sed -n 's/^project(hd VERSION \([0-9.]*\).*/\1/p' "$HD_SOURCE_DIR/CMakeLists.txt"
}

field() { dpkg-deb --field "$DEB" "$1"; }

# The package names of a Depends-style field, one a line.
names_of() {
    printf '%s\n' "$1" | tr ',|' '\n\n' | sed 's/(.*)//; s/:.*//; s/ //g' | sed '/^$/d' | sort -u
}

# The files the package must hold, sorted: what cmake --install puts under /usr.
expected_files() {
    local f page
    echo ./usr/bin/hd
    for f in "$HD_SOURCE_DIR"/man/*.scd; do
        page=$(basename "$f" .scd)
        echo "./usr/share/man/man${page##*.}/$page"
    done
    echo ./usr/share/bash-completion/completions/hd
    echo ./usr/share/zsh/vendor-completions/_hd
    echo ./usr/share/fish/vendor_completions.d/hd.fish
    for f in "$HD_SOURCE_DIR"/templates/*.mustache; do
        echo "./usr/share/hd/templates/$(basename "$f")"
    done
}

# make_root: an empty root with a dpkg database, in ROOT.
make_root() {
    ROOT=$TEST_ROOT/root
    mkdir -p "$ROOT"/var/lib/dpkg/{info,updates,triggers} || fail "mkdir failed"
    : >"$ROOT/var/lib/dpkg/status"
    : >"$ROOT/var/lib/dpkg/available"
}

# in_root ARGS...: dpkg on ROOT. Maintainer scripts run outside it, with
# DPKG_ROOT set (an empty root has no shell); its libraries are the host's.
in_root() {
    dpkg --root="$ROOT" --force-not-root --force-script-chrootless --force-depends \
        --log=/dev/null "$@" >"$TEST_ROOT/dpkg.log" 2>&1 || fail "dpkg $*: $(cat "$TEST_ROOT/dpkg.log")"
}

test_deb_is_named_described_and_holds_every_file() {
    setup_repo
    build_deb
    local version arch
    version=$(project_version)
    arch=$(dpkg --print-architecture)
    expect_eq "$(basename "$DEB")" "hd_${version}_${arch}.deb" "package file name"
    expect_eq "$(field Package)" hd "Package"
    expect_eq "$(field Version)" "$version" "Version"
    expect_eq "$(field Architecture)" "$arch" "Architecture"
    expect_eq "$(field Section)" utils "Section"
    expect_contains "$(field Maintainer)" "@example.org>"
    expect_contains "$(field Homepage)" "https://"
    expect_contains "$(field Description)" "git repository"
    # dpkg-shlibdeps ran: the libraries hd links, with their versions; and git.
    local depends
    depends=$(field Depends)
    expect_contains "$depends" "libc6 (>= "
    expect_contains "$depends" "libgit2-"
    expect_contains "$depends" "libgmime-3.0-0 (>= "
    names_of "$depends" | grep -qx git || fail "git is not in Depends: $depends"
    # Every file in its place under /usr, owned by root; the binary stripped.
    expect_eq "$(dpkg-deb --contents "$DEB" | awk '$1 !~ /^d/ {print $6}' | LC_ALL=C sort)" \
        "$(expected_files | LC_ALL=C sort)" "files in the package"
    dpkg-deb --contents "$DEB" | awk '$2 != "root/root" {print; bad=1} END {exit bad}' ||
        fail "files not owned by root"
    expect_contains "$(dpkg-deb --contents "$DEB" | grep ' ./usr/bin/hd$')" "-rwxr-xr-x"
    dpkg-deb -x "$DEB" "$TEST_ROOT/x" || fail "dpkg-deb -x failed"
    expect_contains "$(file -b "$TEST_ROOT/x/usr/bin/hd")" ", stripped"
    # Its maintainer scripts: the diversion of bsdextrautils's hd.
    expect_contains "$(dpkg-deb --info "$DEB")" " preinst"
    expect_contains "$(dpkg-deb --info "$DEB")" " postrm"
    echo "package: $(stat -c %s "$DEB") bytes, installed size $(field Installed-Size) KiB"
}

test_deb_depends_are_the_runtime_group_of_deps_sh() {
    setup_repo
    build_deb
    # What the package says it needs (Depends and Recommends) and what
    # scripts/deps.sh --runtime installs (the container image's runtime
    # stage) are the same list, so neither can drift from the binary.
    local needs group
    needs=$(names_of "$(field Depends), $(field Recommends)")
    group=$(bash "$HD_SOURCE_DIR/scripts/deps.sh" --print runtime | sort -u)
    expect_eq "$needs" "$group" "the package's dependencies against deps.sh --print runtime"
    # And each is a package this system knows.
    local p
    for p in $needs; do
        apt-cache show "$p" >/dev/null 2>&1 || dpkg-query -W "$p" >/dev/null 2>&1 ||
            fail "no Debian package '$p'"
    done
    # On a system with nothing installed, apt finds everything the package
    # needs in the archive (when apt's package lists are here to ask).
    if apt-cache policy libgit2-1.5 2>/dev/null | grep -q 'Candidate: [0-9]'; then
        : >"$TEST_ROOT/empty-status"
        apt-get -s -o Dir::State::status="$TEST_ROOT/empty-status" install --no-install-recommends \
            "$DEB" >"$TEST_ROOT/apt.log" 2>&1 || fail "apt cannot install the package on an empty system: $(tail -20 "$TEST_ROOT/apt.log")"
        grep -q '^Conf hd ' "$TEST_ROOT/apt.log" || fail "apt would not set up hd: $(tail -20 "$TEST_ROOT/apt.log")"
        grep -q '^Inst git ' "$TEST_ROOT/apt.log" || fail "apt would not bring in git"
        echo "apt on an empty system: $(grep -c '^Inst' "$TEST_ROOT/apt.log") packages, hd among them"
    else
        echo "note: no apt package lists here; the install on an empty system was not simulated"
    fi
}

test_deb_installs_runs_and_removes_in_a_throwaway_root() {
    setup_repo
    build_deb
    make_root
    in_root -i "$DEB"
    expect_contains "$(dpkg-query --admindir="$ROOT/var/lib/dpkg" -W -f='${Status}' hd)" "install ok installed"
    local hd=$ROOT/usr/bin/hd f
    [ -x "$hd" ] || fail "no $hd"
    # The host's libraries serve it: nothing to set up.
    expect_eq "$("$hd" --version)" "$("$HD" --version)" "the installed hd --version"
    while read -r f; do
        [ -e "$ROOT/${f#./}" ] || fail "not installed: $f"
    done < <(expected_files)
    # It works a fresh desk.
    PATH="$ROOT/usr/bin:$PATH" HD="$hd" run_hd init --name "Packaged Desk"
    expect_rc 0
    local id
    id=$("$hd" new --title "Printer on fire" --from "Ana <ana@example.org>" -m "Smoke." </dev/null) ||
        fail "hd new failed"
    HD=$hd run_hd report --format json
    expect_rc 0
    expect_contains "$OUT" '"tickets": 1'
    HD=$hd run_hd show "$id"
    expect_contains "$OUT" "Printer on fire"
    # Its man pages read.
    local page
    for page in man1/hd.1 man5/hd-format.5 man7/hd-sla.7; do
        groff -man -Tutf8 -P-cbou -ww "$ROOT/usr/share/man/$page" >"$TEST_ROOT/page" 2>"$TEST_ROOT/page.err" ||
            fail "$page does not render"
        [ ! -s "$TEST_ROOT/page.err" ] || fail "$page: $(cat "$TEST_ROOT/page.err")"
        expect_contains "$(cat "$TEST_ROOT/page")" "NAME"
    done

    # Removed, nothing of it is left but the empty standard directories.
    in_root -r hd
    while read -r f; do
        [ ! -e "$ROOT/${f#./}" ] || fail "left after removal: $f"
    done < <(expected_files)
    local left
    left=$(cd "$ROOT" && find . -path ./var/lib/dpkg -prune -o -print | grep -i hd || true)
    [ -z "$left" ] || fail "left after removal: $left"
    left=$(cd "$ROOT" && find . -path ./var/lib/dpkg -prune -o -type f -print)
    [ -z "$left" ] || fail "files left after removal: $left"
    in_root -P hd
    dpkg-query --admindir="$ROOT/var/lib/dpkg" -W hd >/dev/null 2>&1 && fail "hd still known to dpkg after purge"
    [ -z "$(dpkg-divert --root "$ROOT" --list)" ] || fail "diversions left: $(dpkg-divert --root "$ROOT" --list)"
}

# A package that ships what bsdextrautils and bash-completion do under hd's
# names, as a stand-in for them.
make_hexdump_deb() {
    local d=$TEST_ROOT/hexdump-pkg
    mkdir -p "$d/DEBIAN" "$d/usr/bin" "$d/usr/share/man/man1" "$d/usr/share/bash-completion/completions"
    printf 'Package: fake-hexdump\nVersion: 1.0\nArchitecture: all\nMaintainer: Tests <tests@example.org>\nDescription: ships an hd\n' >"$d/DEBIAN/control"
    printf '#!/bin/sh\necho hexdump\n' >"$d/usr/bin/hd"
    chmod 755 "$d/usr/bin/hd"
    echo '.TH HD 1' | gzip -9n >"$d/usr/share/man/man1/hd.1.gz"
    echo 'complete -F _hexdump hd' >"$d/usr/share/bash-completion/completions/hd"
    dpkg-deb --root-owner-group -b "$d" "$TEST_ROOT/fake-hexdump.deb" >/dev/null || fail "dpkg-deb -b failed"
}

test_deb_moves_another_packages_hd_aside_and_gives_it_back() {
    setup_repo
    build_deb
    make_root
    make_hexdump_deb
    in_root -i "$TEST_ROOT/fake-hexdump.deb"
    expect_eq "$("$ROOT/usr/bin/hd")" hexdump "the other package's hd"
    # Installing hd over it is no file conflict: the other's files move aside.
    in_root -i "$DEB"
    expect_eq "$("$ROOT/usr/bin/hd" --version)" "$("$HD" --version)" "hd after installing the package"
    expect_eq "$("$ROOT/usr/bin/hd.hexdump")" hexdump "the other package's hd, moved aside"
    [ -f "$ROOT/usr/share/man/man1/hd.hexdump.1.gz" ] || fail "the other hd.1.gz was not moved aside"
    expect_same() { cmp -s "$1" "$2" || fail "$1 differs from $2"; }
    expect_same "$ROOT/usr/share/bash-completion/completions/hd" "$HD_SOURCE_DIR/completions/hd.bash"
    expect_contains "$(dpkg-divert --root "$ROOT" --list)" "diversion of /usr/bin/hd to /usr/bin/hd.hexdump by hd"
    # Installing it again (an upgrade) keeps things as they are.
    in_root -i "$DEB"
    expect_eq "$("$ROOT/usr/bin/hd.hexdump")" hexdump "after reinstalling"
    # Removing hd gives the other package its files back.
    in_root -r hd
    expect_eq "$("$ROOT/usr/bin/hd")" hexdump "the other package's hd, given back"
    [ -f "$ROOT/usr/share/man/man1/hd.1.gz" ] || fail "hd.1.gz was not given back"
    expect_eq "$(cat "$ROOT/usr/share/bash-completion/completions/hd")" 'complete -F _hexdump hd' "completion given back"
    [ ! -e "$ROOT/usr/bin/hd.hexdump" ] || fail "hd.hexdump left behind"
    [ -z "$(dpkg-divert --root "$ROOT" --list)" ] || fail "diversions left: $(dpkg-divert --root "$ROOT" --list)"
    in_root -r fake-hexdump
}

test_deb_zsh_completion_wins_over_zshs_own_for_hd() {
    setup_repo
    command -v zsh >/dev/null || fail "zsh is needed (scripts/deps.sh --test installs it)"
    build_deb
    dpkg-deb -x "$DEB" "$TEST_ROOT/x" || fail "dpkg-deb -x failed"
    # zsh ships _hexdump for `hd` too; Debian's fpath has the packages'
    # vendor-completions before zsh's own functions, so hd's _hd is used.
    local out
    out=$(zsh -f -c '
        [[ ${fpath[(I)/usr/share/zsh/vendor-completions]} -gt 0 ]] || { print no-vendor-dir; exit 0 }
        fpath=(${fpath/#\/usr\/share\/zsh\/vendor-completions/$1/usr/share/zsh/vendor-completions})
        autoload -Uz compinit && compinit -u -D
        print -r -- "comp:${_comps[hd]-}"' zsh "$TEST_ROOT/x") || fail "zsh failed: $out"
    [ "$out" = no-vendor-dir ] && fail "this zsh has no /usr/share/zsh/vendor-completions on its fpath"
    expect_eq "$out" "comp:_hd" "zsh's completion function for hd"
}
