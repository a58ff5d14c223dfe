#!/usr/bin/env bash
# Installs the Debian 12 packages hd needs, if missing:
#   deps.sh         to build hd and run every test (the default)
#   deps.sh build   to build hd only (cmake -DBUILD_TESTING=OFF), as CI jobs that use hd do
set -euo pipefail
build=(
    g++ cmake make pkg-config git scdoc tzdata
    libgit2-dev libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev
    libkainjow-mustache-dev libhowardhinnant-date-dev libgmime-3.0-dev libxml2-dev
)
test=(
    python3 groff-base bash-completion zsh fish util-linux catch2 python3-junitparser strace
    clang-14 libclang-rt-14-dev msmtp python3-aiosmtpd
    # The HTML report's tests: a real browser (headless) and an HTML checker.
    chromium tidy
)
case "${1:-all}" in
build) packages=("${build[@]}") ;;
all) packages=("${build[@]}" "${test[@]}") ;;
*)
    echo "usage: $0 [build|all]" >&2
    exit 2
    ;;
esac
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
