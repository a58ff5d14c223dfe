#!/bin/sh
# Usage: check-flags.sh HD MANDIR
# For every command page MANDIR/hd-<command>.1, checks that each flag shown
# by `hd <command> --help` appears in bold on the page (as scdoc writes
# *--flag*). Prints what is missing and exits 1 if anything is.
set -u
hd=$1
mandir=$2
status=0
found=0
for page in "$mandir"/hd-*.1; do
    [ -e "$page" ] || continue
    cmd=$(basename "$page" .1)
    cmd=${cmd#hd-}
    if ! help=$("$hd" "$cmd" --help 2>&1); then
        echo "hd-$cmd.1: 'hd $cmd --help' failed:"
        echo "$help"
        status=1
        continue
    fi
    found=$((found + 1))
    flags=$(printf '%s\n' "$help" | sed -n 's/^  \(-[^ ]*\).*/\1/p' | tr ',' '\n')
    for flag in $flags; do
        case $flag in -h | --help) continue ;; esac
        if ! grep -qF "\\fB$flag\\fR" "$page"; then
            echo "hd-$cmd.1: does not document $flag (shown by 'hd $cmd --help')"
            status=1
        fi
    done
done
if [ "$found" -eq 0 ]; then
    echo "no command pages found in $mandir"
    status=1
fi
exit $status
