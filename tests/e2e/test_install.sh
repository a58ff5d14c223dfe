# cmake --install: every file in its place under any prefix and DESTDIR, and
# the installed hd working on its own, from any directory, with its man pages
# and each shell's completion found where the system looks for them.
# Needs HD_BUILD_DIR and HD_SOURCE_DIR (tests/CMakeLists.txt sets both).

# install_hd PREFIX [DESTDIR]: installs the build tree under PREFIX, staged
# in DESTDIR when given; STAGE is where the files landed.
install_hd() {
    [ -f "${HD_BUILD_DIR:-}/cmake_install.cmake" ] || fail "HD_BUILD_DIR is not a build tree: ${HD_BUILD_DIR:-}"
    local prefix=$1 destdir=${2:-}
    if [ -n "$destdir" ]; then
        DESTDIR=$destdir cmake --install "$HD_BUILD_DIR" --prefix "$prefix" >"$TEST_ROOT/install.log" 2>&1
    else
        env -u DESTDIR cmake --install "$HD_BUILD_DIR" --prefix "$prefix" >"$TEST_ROOT/install.log" 2>&1
    fi || fail "cmake --install failed: $(cat "$TEST_ROOT/install.log")"
    STAGE=$destdir$prefix
}

# The files an install must hold, relative to the prefix, sorted: the
# binary, a man page per man/*.scd in its section, the completions, the
# templates.
expected_files() {
    local f page
    echo bin/hd
    for f in "$HD_SOURCE_DIR"/man/*.scd; do
        page=$(basename "$f" .scd)
        echo "share/man/man${page##*.}/$page"
    done
    echo share/bash-completion/completions/hd
    echo share/zsh/vendor-completions/_hd
    echo share/fish/vendor_completions.d/hd.fish
    for f in "$HD_SOURCE_DIR"/templates/*.mustache; do
        echo "share/hd/templates/$(basename "$f")"
    done
}

expect_same_file() { # installed source
    cmp -s "$1" "$2" || fail "$1 differs from $2"
}

test_install_puts_each_file_in_its_place_under_destdir() {
    setup_repo
    install_hd /opt/hd "$TEST_ROOT/stage"
    # Nothing outside DESTDIR/PREFIX.
    expect_eq "$(cd "$TEST_ROOT/stage" && find . -mindepth 1 -maxdepth 2 | sort | tr '\n' ' ')" \
        "./opt ./opt/hd " "what DESTDIR holds"
    expect_eq "$(cd "$STAGE" && find . -type f -printf '%P\n' | LC_ALL=C sort)" \
        "$(expected_files | LC_ALL=C sort)" "installed files"
    [ -x "$STAGE/bin/hd" ] || fail "bin/hd is not executable"
    # One page in each of the three sections, so none is forgotten.
    for section in 1 5 7; do
        ls "$STAGE/share/man/man$section/"*".$section" >/dev/null 2>&1 ||
            fail "no page in man$section"
    done
    expect_same_file "$STAGE/share/bash-completion/completions/hd" "$HD_SOURCE_DIR/completions/hd.bash"
    expect_same_file "$STAGE/share/zsh/vendor-completions/_hd" "$HD_SOURCE_DIR/completions/_hd"
    expect_same_file "$STAGE/share/fish/vendor_completions.d/hd.fish" "$HD_SOURCE_DIR/completions/hd.fish"
    for f in "$HD_SOURCE_DIR"/templates/*.mustache; do
        expect_same_file "$STAGE/share/hd/templates/$(basename "$f")" "$f"
    done
}

test_install_without_destdir_uses_the_prefix_alone() {
    setup_repo
    install_hd "$TEST_ROOT/prefix"
    expect_eq "$(cd "$STAGE" && find . -type f -printf '%P\n' | LC_ALL=C sort)" \
        "$(expected_files | LC_ALL=C sort)" "installed files"
    expect_eq "$("$STAGE/bin/hd" --version)" "$("$HD" --version)" "installed hd --version"
}

test_installed_hd_works_a_desk_without_the_source_or_build_tree() {
    setup_repo
    install_hd /usr "$TEST_ROOT/stage"
    local hd=$STAGE/bin/hd
    # Linked against the system's libraries, not against anything in the build tree.
    if readelf -d "$hd" | grep -qE 'R(UN)?PATH'; then
        fail "the installed hd keeps a run path: $(readelf -d "$hd" | grep -E 'R(UN)?PATH')"
    fi
    export PATH="$STAGE/bin:$PATH"
    [ "$(command -v hd)" = "$hd" ] || fail "the installed hd is not first on PATH"
    command -v strace >/dev/null || fail "strace is needed (scripts/deps.sh --test installs it)"

    # A fresh desk far from the source tree, every step traced.
    local desk=$TEST_ROOT/fresh trace=$TEST_ROOT/trace id
    mkdir -p "$desk"
    cd "$desk" || fail "cd $desk"
    git init -q -b main
    git config user.name "Sam Agent"
    git config user.email sam@example.com
    traced() { strace -f -qq -e trace=%file -o "$trace.$1" "${@:2}"; }
    traced init hd init --name "Installed Desk" >/dev/null || fail "hd init failed"
    id=$(traced new hd new --title "Printer on fire" --from "Ana Lima <ana@example.org>" \
        --summary "the printer is on fire" -m "Smoke everywhere." </dev/null) || fail "hd new failed"
    [ -n "$id" ] || fail "hd new printed no ID"
    # The first reply goes through the built-in first-response template.
    traced reply hd reply "$id" -m "Unplug it, please." >/dev/null || fail "hd reply failed"
    expect_contains "$(cat tickets/"${id:0:2}"/"$id".toml)" "Hello Ana,"
    expect_contains "$(cat tickets/"${id:0:2}"/"$id".toml)" "Thank you for writing to Installed Desk."
    expect_contains "$(cat tickets/"${id:0:2}"/"$id".toml)" "Unplug it, please."
    # An urgent ticket left unanswered for a day breaches its first response.
    printf '\n[sla.urgent]\nfirst_response = "1h"\ncalendar = "24x7"\n' >>hd.toml
    git commit -qam "Service levels" || fail "git commit failed"
    local urgent
    urgent=$(hd new --title "Site down" --priority urgent --from "Dave <dave@example.com>" \
        -m "Nothing loads." </dev/null) || fail "hd new failed"
    HD_NOW=2026-11-24T09:30:00+01:00 traced report hd report --check >"$TEST_ROOT/report"
    RC=$? OUT=$(cat "$TEST_ROOT/report") ERR=
    expect_rc 1
    expect_contains "$OUT" "$urgent"
    expect_contains "$OUT" "Site down"
    expect_eq "$(git log --format=%s | wc -l)" 5 "commits (init, new, reply, settings, new)"
    expect_clean

    # Nothing was looked for in the source or the build tree.
    local seen
    seen=$(cat "$trace".* | grep -F -e "\"$HD_SOURCE_DIR/" -e "\"$HD_BUILD_DIR/" -e "\"$HD_SOURCE_DIR\"" || true)
    [ -z "$seen" ] || fail "the installed hd touched the source or build tree: $seen"
    grep -q 'execve(.*hd' "$trace.new" || fail "the trace did not record hd running"
}

# render PAGE: the page as man shows it (groff when man-db is missing);
# fails if anything is said on standard error.
render() {
    if command -v man >/dev/null; then
        MANPAGER=cat MANWIDTH=80 man -l "$1" 2>"$TEST_ROOT/man.err"
    else
        groff -man -Tutf8 -P-cbou "$1" 2>"$TEST_ROOT/man.err"
    fi && [ ! -s "$TEST_ROOT/man.err" ] || {
        cat "$TEST_ROOT/man.err"
        return 1
    }
}

test_installed_man_pages_of_every_section_read() {
    setup_repo
    install_hd /usr "$TEST_ROOT/stage"
    local page name out count=0
    for page in "$STAGE"/share/man/man[0-9]/*; do
        name=$(basename "$page")
        out=$(render "$page") || fail "$name does not render: $out"
        expect_contains "$out" "NAME"
        expect_contains "$out" "${name%.*}"
        count=$((count + 1))
    done
    expect_eq "$count" "$(ls "$HD_SOURCE_DIR"/man/*.scd | wc -l)" "pages read"
    expect_contains "$(render "$STAGE/share/man/man5/hd-format.5")" "hd-format - "
    expect_contains "$(render "$STAGE/share/man/man7/hd-sla.7")" "hd-sla - "
    # man finds them by name under the prefix's share/man.
    if command -v man >/dev/null; then
        expect_eq "$(man -M "$STAGE/share/man" -w 7 hd-sla)" "$STAGE/share/man/man7/hd-sla.7" "man -w 7 hd-sla"
        expect_eq "$(man -M "$STAGE/share/man" -w hd-new)" "$STAGE/share/man/man1/hd-new.1" "man -w hd-new"
    fi
}

# A desk for the completions to name tickets from; the installed hd on PATH.
completion_desk() {
    setup_desk
    install_hd /usr "$TEST_ROOT/stage"
    export PATH="$STAGE/bin:$PATH"
    COMPLETION_ID=$(hd new --title "Printer on fire" --from "Ana <ana@example.org>" -m "Smoke." </dev/null) ||
        fail "hd new failed"
}

test_installed_bash_completion_loads() {
    completion_desk
    local file=$STAGE/share/bash-completion/completions/hd out
    # Sourced by hand: registers _hd for hd, which completes subcommands and IDs.
    out=$(bash --norc --noprofile -c '
        source "$1" || exit 1
        complete -p hd
        COMP_WORDS=(hd rep) COMP_CWORD=1 COMP_LINE="hd rep" COMP_POINT=6
        _hd; printf "words:%s\n" "${COMPREPLY[*]}"
        COMP_WORDS=(hd show "") COMP_CWORD=2 COMP_LINE="hd show " COMP_POINT=8
        _hd; printf "ids:%s\n" "${COMPREPLY[*]}"
        COMP_WORDS=(hd --version -) COMP_CWORD=2 COMP_LINE="hd --version -" COMP_POINT=14
        _hd; printf "version:%s\n" "${COMPREPLY[*]}"' bash "$file") || fail "bash could not load $file: $out"
    expect_contains "$out" "complete -F _hd hd"
    expect_contains "$out" "words:reply report"
    expect_contains "$out" "ids:$COMPLETION_ID"
    expect_contains "$out" "version:--json"
    # Through the bash-completion package's loader, as an interactive shell
    # finds it: in the first of XDG_DATA_DIRS that has one. The package's
    # own completions/hd (hexdump's) comes after the prefix, as
    # /usr/local/share comes before /usr/share by default.
    local loader
    for loader in /usr/share/bash-completion/bash_completion; do
        [ -f "$loader" ] || continue
        out=$(XDG_DATA_DIRS=$STAGE/share:/usr/share bash --norc --noprofile -c '
            source "$1" >/dev/null 2>&1
            __load_completion hd || exit 1
            complete -p hd
            shopt -s extdebug; declare -F _hd' bash "$loader") ||
            fail "bash-completion did not load a completion for hd: $out"
        expect_contains "$out" "complete -F _hd hd"
        expect_contains "$out" "$file"
    done
}

test_installed_zsh_completion_loads() {
    completion_desk
    command -v zsh >/dev/null || fail "zsh is needed (scripts/deps.sh --test installs it)"
    local dir=$STAGE/share/zsh/vendor-completions out
    out=$(zsh -f -c '
        fpath=("$1" $fpath)
        autoload -Uz compinit && compinit -u -D
        print -r -- "comp:${_comps[hd]-}"
        autoload +X _hd && whence -v _hd' zsh "$dir" 2>&1) || fail "zsh could not load $dir/_hd: $out"
    expect_contains "$out" "comp:_hd"
    expect_contains "$out" "from $dir/_hd"
    # TAB in a real interactive zsh, with _hd from the installed directory.
    out=$(zsh -f "$HD_SOURCE_DIR/completions/zsh_capture.zsh" "$dir" "hd rep") ||
        fail "completing in zsh failed: $out"
    expect_eq "$(printf '%s\n' "$out" | sort | tr '\n' ' ')" "reply report " "zsh: hd rep<TAB>"
    out=$(zsh -f "$HD_SOURCE_DIR/completions/zsh_capture.zsh" "$dir" "hd show ") ||
        fail "completing in zsh failed: $out"
    expect_eq "$out" "$COMPLETION_ID" "zsh: hd show <TAB>"
    out=$(zsh -f "$HD_SOURCE_DIR/completions/zsh_capture.zsh" "$dir" "hd --version -") ||
        fail "completing in zsh failed: $out"
    expect_eq "$out" "--json" "zsh: hd --version -<TAB>"
}

test_installed_fish_completion_loads() {
    completion_desk
    command -v fish >/dev/null || fail "fish is needed (scripts/deps.sh --test installs it)"
    local dir=$STAGE/share/fish/vendor_completions.d out
    # fish loads it by itself from a directory on fish_complete_path.
    out=$(HD_DIR=$dir fish --no-config -c '
        set -p fish_complete_path $HD_DIR
        complete -C "hd rep"
        echo ids:(complete -C "hd show " | string replace -r "\t.*" "")
        echo version:(complete -C "hd --version --j" | string replace -r "\t.*" "")
        functions --details __hd_needs_command' 2>&1) || fail "fish could not load $dir/hd.fish: $out"
    expect_eq "$(printf '%s\n' "$out" | grep -E '^(reply|report)' | cut -f1 | sort | tr '\n' ' ')" \
        "reply report " "fish: hd rep<TAB>"
    expect_contains "$out" "ids:$COMPLETION_ID"
    expect_contains "$out" "version:--json"
    expect_contains "$out" "$dir/hd.fish"
}
