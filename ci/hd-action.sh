#!/usr/bin/env bash
# The steps of the GitHub Action in action.yml, one subcommand each; the
# action's inputs come in as HD_* variables:
#   plan     decides where hd comes from: HD_DEB_URL, else the release .deb
#            of HD_VERSION (under HD_RELEASES_URL), else a build of the
#            action's own source (HD_SOURCE_DIR, by default the action's
#            directory), cached under a key that names that source's
#            content. Writes mode, url and key to $GITHUB_OUTPUT.
#   build    builds the .deb from HD_SOURCE_DIR into HD_DEB_DIR (by default
#            ~/.cache/hd-deb, the path action.yml caches; Debian 12:
#            scripts/deps.sh --build, then cmake and cpack).
#   install  installs HD_DEB_URL (a URL or a file), or the .deb in HD_DEB_DIR,
#            with apt-get, which brings in its runtime dependencies.
#   report   runs hd report in HD_DIRECTORY with HD_FORMAT, HD_CHECK,
#            HD_FAIL_ON and HD_ARGS, to HD_OUTPUT if given; exits as hd does.
# tests/e2e/test_container.sh runs each of them.
set -euo pipefail

output() { echo "$1=$2" >>"${GITHUB_OUTPUT:-/dev/null}"; }

HD_SOURCE_DIR=${HD_SOURCE_DIR:-${GITHUB_ACTION_PATH:-}}
HD_DEB_DIR=${HD_DEB_DIR:-$HOME/.cache/hd-deb}

# as_root CMD...: CMD as root, through sudo on a runner that is not root.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# A hash of the files of a source tree: the same commit, the same key.
source_key() {
    (cd "$1" && find . -path ./.git -prune -o -path './build*' -prune -o -type f -print0 |
        LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

plan() {
    local arch
    arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
    if [ -n "${HD_DEB_URL:-}" ]; then
        output mode url
        output url "$HD_DEB_URL"
    elif [ -n "${HD_VERSION:-}" ]; then
        local version=${HD_VERSION#v}
        output mode url
        output url "${HD_RELEASES_URL%/}/v$version/hd_${version}_${arch}.deb"
    else
        [ -f "${HD_SOURCE_DIR:-}/CMakeLists.txt" ] || {
            echo "hd-action: no version or deb-url given, and no hd source in '${HD_SOURCE_DIR:-}'" >&2
            exit 2
        }
        local codename=unknown
        [ -r /etc/os-release ] && codename=$(. /etc/os-release && echo "${ID:-}${VERSION_ID:-}")
        output mode build
        output key "hd-deb-$codename-$arch-$(source_key "$HD_SOURCE_DIR")"
    fi
}

build() {
    local build_dir=${HD_BUILD_DIR:-$HOME/.cache/hd-build}
    bash "$HD_SOURCE_DIR/scripts/deps.sh" --build
    cmake -S "$HD_SOURCE_DIR" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
        ${HD_GIT_DESCRIBE:+-DHD_GIT_DESCRIBE="$HD_GIT_DESCRIBE"} >/dev/null
    cmake --build "$build_dir" -j"$(nproc)"
    (cd "$build_dir" && cpack -G DEB -B "$build_dir/package" >/dev/null)
    mkdir -p "$HD_DEB_DIR"
    cp "$build_dir"/package/hd_*.deb "$HD_DEB_DIR/"
    ls "$HD_DEB_DIR"/hd_*.deb
}

install() {
    local deb
    if [ -n "${HD_DEB_URL:-}" ]; then
        deb=$HOME/.cache/hd-download/$(basename "${HD_DEB_URL%%\?*}")
        mkdir -p "$(dirname "$deb")"
        if [ -f "$HD_DEB_URL" ]; then
            cp "$HD_DEB_URL" "$deb"
        else
            if ! command -v curl >/dev/null; then
                as_root apt-get update -qq
                as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates curl
            fi
            curl -fsSL --retry 3 -o "$deb" "$HD_DEB_URL"
        fi
    else
        deb=$(ls "$HD_DEB_DIR"/hd_*.deb | head -1)
    fi
    # apt-get wants a path, not a bare name, to install a file.
    case $deb in /*) ;; *) deb=./$deb ;; esac
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb"
    output version "$(hd --version)"
    hd --version
}

report() {
    local args=(-C "${HD_DIRECTORY:-.}" report --format "${HD_FORMAT:-text}")
    [ "${HD_CHECK:-true}" = true ] && args+=(--check --fail-on "${HD_FAIL_ON:-breach}")
    # Further arguments, split as the shell splits words.
    local extra=()
    [ -n "${HD_ARGS:-}" ] && read -ra extra <<<"$HD_ARGS"
    args+=(${extra[@]+"${extra[@]}"})
    if [ -n "${HD_OUTPUT:-}" ]; then
        mkdir -p "$(dirname "$HD_OUTPUT")"
        hd "${args[@]}" >"$HD_OUTPUT"
    else
        hd "${args[@]}"
    fi
}

case ${1:-} in
plan | build | install | report) "$1" ;;
*)
    echo "usage: $0 plan|build|install|report" >&2
    exit 2
    ;;
esac
