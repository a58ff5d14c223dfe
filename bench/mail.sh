#!/bin/sh
# mail.sh [DIR]
#
# The import rate of hd receive --maildir on the generated desk: MESSAGES
# mails (half new requests, half answers naming an existing ticket with
# [hd:ID]) delivered to a Maildir, taken in one commit each. Prints messages
# per second. DIR is a repository made by gen-repo.sh (generated in a
# temporary directory when not given); it is cloned, never changed.
#
# Environment: HD, N_TICKETS, EVENTS, MESSAGES (default 200), KEEP=1.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
MESSAGES=${MESSAGES:-200}
clean_env
work_dir mail
source_desk "${1:-}"
clone_desk "$SRC" "$WORK/desk"
cd "$WORK/desk"
"$HD" list >/dev/null # warms the row cache, as a desk in use has it

mkdir -p "$WORK/maildir/new" "$WORK/maildir/cur" "$WORK/maildir/tmp"
git ls-files -- tickets | head -n "$MESSAGES" | python3 -c '
import sys, os
out, n = sys.argv[1], int(sys.argv[2])
ids = [os.path.basename(p)[:-5] for p in sys.stdin.read().split()]
for i in range(n):
    if i % 2 == 0:
        subject, mid = f"Request number {i}", f"<bench-{i}@mail.example.org>"
    else:
        subject, mid = f"Re: still broken [hd:{ids[i % len(ids)]}]", f"<bench-{i}@mail.example.org>"
    text = (f"From: Requester {i} <req{i}@mail.example.org>\nTo: support@desk.example\n"
            f"Subject: {subject}\nMessage-ID: {mid}\nDate: Tue, 01 Dec 2026 10:00:00 +0000\n"
            f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
            f"Hello,\n\nthis is message {i}. It still does not work.\n\nRegards\n")
    with open(f"{out}/new/{1700000000 + i}.{i}.bench", "w") as f:
        f.write(text)
' "$WORK/maildir" "$MESSAGES"

echo "== hd receive --maildir: $MESSAGES messages into $(git ls-files -- tickets | grep -c '\.toml$') tickets"
start=$(date +%s.%N)
"$HD" receive --maildir "$WORK/maildir" | tail -n 1
end=$(date +%s.%N)
python3 -c "
s = $end - $start
print(f'{$MESSAGES} messages in {s:.1f} s: {$MESSAGES / s:.1f} messages per second, one commit each')"
[ -z "$(ls "$WORK/maildir/new")" ] || {
    echo "mail.sh: messages left in new/" >&2
    exit 1
}
