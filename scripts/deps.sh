#!/usr/bin/env bash
# Installs the Debian 12 packages hd needs to build and test, if missing.
set -euo pipefail
packages=(
    g++ cmake make pkg-config git python3 groff-base scdoc bash-completion zsh fish util-linux
    libgit2-dev libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev catch2
    libkainjow-mustache-dev libhowardhinnant-date-dev tzdata python3-junitparser strace
    clang-14 libclang-rt-14-dev libgmime-3.0-dev libxml2-dev msmtp python3-aiosmtpd
    # The HTML report's tests: a real browser (headless) and an HTML checker.
    chromium tidy
)
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
