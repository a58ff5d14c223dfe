#!/usr/bin/env bash
# Installs the Debian 12 packages hd needs, if missing, in three groups:
#   --build    to compile hd, its man pages and its .deb (compilers, -dev headers, scdoc)
#   --runtime  to run an installed hd (the shared libraries, git, the tz database)
#   --test     to run its tests (Catch2, the shells, groff, strace, clang for fuzzing, ...)
# With no group, all three: what building and testing a checkout needs.
#   scripts/deps.sh [--build] [--runtime] [--test]
#   scripts/deps.sh --print GROUP    lists a group's packages (build, runtime, test
#                                    or all), one a line; installs nothing
# The Dockerfile installs its stages from these groups, and the package test
# checks that the .deb's computed dependencies are all in the runtime group.
set -euo pipefail

build=(
    g++ cmake make pkg-config git scdoc file dpkg-dev
    libgit2-dev libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev
    libkainjow-mustache-dev libhowardhinnant-date-dev libgmime-3.0-dev libxml2-dev nettle-dev
)
# What dpkg-shlibdeps finds hd linked against, and what hd runs or reads.
runtime=(
    libc6 libgcc-s1 libstdc++6 libgit2-1.5 libtomlplusplus3 libfmt9 libdate-tz3
    libgmime-3.0-0 libglib2.0-0 libxml2 libnettle8 git ca-certificates tzdata
)
test=(
    catch2 python3 python3-junitparser python3-aiosmtpd python3-yaml groff-base bash-completion zsh fish
    man-db util-linux strace msmtp clang-14 libclang-rt-14-dev chromium tidy
)

usage() {
    sed -n '2,9s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

# group NAME: the packages of one group (or all), one a line.
group() {
    case $1 in
    build) printf '%s\n' "${build[@]}" ;;
    runtime) printf '%s\n' "${runtime[@]}" ;;
    test) printf '%s\n' "${test[@]}" ;;
    all) printf '%s\n' "${build[@]}" "${runtime[@]}" "${test[@]}" | awk '!seen[$0]++' ;;
    *)
        echo "deps.sh: no group '$1' (build, runtime, test or all)" >&2
        exit 2
        ;;
    esac
}

groups=()
while [ $# -gt 0 ]; do
    case $1 in
    --build | --runtime | --test) groups+=("${1#--}") ;;
    --print)
        [ $# -eq 2 ] || usage
        group "$2"
        exit 0
        ;;
    -h | --help) usage ;;
    *)
        echo "deps.sh: unknown argument '$1'" >&2
        usage
        ;;
    esac
    shift
done
[ ${#groups[@]} -gt 0 ] || groups=(all)

mapfile -t packages < <(for g in "${groups[@]}"; do group "$g"; done | awk '!seen[$0]++')

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "Run as root, or install them yourself: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
