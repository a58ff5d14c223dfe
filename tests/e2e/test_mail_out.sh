# Mail out: hd reply, followup, close and escalate hand a reply to a real
# sendmail-compatible command (msmtp) that delivers it to a real SMTP server
# (aiosmtpd from Debian, writing a Maildir) on a loopback port. What arrived
# is read back with Python's email parser; what hd recorded is read with
# hd show --json and git.

# shellcheck disable=SC1112 # typographic quotes inside Python strings are meant

MAIL_DATA="$E2E_DIR/../data/mail"
DESK_ADDRESS="Desk Support <support@desk.example>"

# aiosmtpd is Debian's python3-aiosmtpd: it lives under /usr/bin/python3,
# which may not be the python3 first on PATH.
SMTP_PYTHON=/usr/bin/python3

free_port() {
    "$SMTP_PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Starts an SMTP server on a free loopback port that files every message it
# accepts in the Maildir $MAILBOX. Sets SMTP_PORT and SMTP_PID; the EXIT trap
# stops the server before lib.sh's trap removes TEST_ROOT.
start_smtp() {
    "$SMTP_PYTHON" -c 'import aiosmtpd' 2>/dev/null ||
        fail "no aiosmtpd under $SMTP_PYTHON (Debian: python3-aiosmtpd)"
    command -v msmtp >/dev/null || fail "no msmtp (Debian: msmtp)"
    MAILBOX="$TEST_ROOT/mailbox"
    mkdir -p "$MAILBOX/tmp" "$MAILBOX/new" "$MAILBOX/cur"
    SMTP_PORT=$(free_port)
    "$SMTP_PYTHON" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAILBOX" \
        >"$TEST_ROOT/smtp.log" 2>&1 &
    SMTP_PID=$!
    trap 'kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null; rm -rf "$TEST_ROOT"' EXIT
    local _
    for _ in $(seq 1 100); do
        "$SMTP_PYTHON" -c 'import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' "$SMTP_PORT" 2>/dev/null && return 0
        kill -0 "$SMTP_PID" 2>/dev/null || fail "the SMTP server died: $(cat "$TEST_ROOT/smtp.log")"
        sleep 0.05
    done
    fail "the SMTP server never listened on port $SMTP_PORT"
}

msmtp_command() { # [port]
    echo "msmtp --host=127.0.0.1 --port=${1:-$SMTP_PORT} --auth=off --tls=off --from=support@desk.example -t"
}

# set_mail KEY TOML_VALUE: sets a key of hd.toml's [mail] table (in place of
# init's line for it, commented out or not) and commits the change so the
# desk stays clean.
set_mail() {
    python3 - "$1" "$2" <<'EOF' || fail "could not set [mail] $1"
import re, sys
key, value = sys.argv[1], sys.argv[2]
text = open("hd.toml", encoding="utf-8").read()
head, sep, rest = text.partition("\n[mail]\n")
assert sep, "hd.toml has no [mail] table"
m = re.search(r"^\[", rest, re.M)
table, tail = (rest[:m.start()], rest[m.start():]) if m else (rest, "")
line = re.compile(r"^#? ?" + re.escape(key) + r" = .*\n", re.M)
new = f"{key} = {value}\n"
table, n = line.subn(lambda _: new, table, count=1)
if not n:
    table += new
open("hd.toml", "w", encoding="utf-8").write(head + sep + table + tail)
EOF
    git commit -qam "mail: $1" || fail "commit hd.toml"
}

# A desk whose replies go out from $DESK_ADDRESS through msmtp to the server.
mail_desk() {
    setup_desk
    start_smtp
    set_mail address "\"$DESK_ADDRESS\""
    set_mail command "\"$(msmtp_command)\""
}

delivered() { find "$MAILBOX/new" -type f | wc -l | tr -d ' '; }

expect_delivered() { # count what
    expect_eq "$(delivered)" "$1" "${2:-messages delivered}"
}

outbox_entries() { find .git/hd-outbox -type f 2>/dev/null | wc -l | tr -d ' '; }

# mail_check ID PYTHON [ARGS...]: runs PYTHON with `msgs` (every delivered
# message, parsed with the default policy, as a dict by Message-ID),
# `raw` (the delivered files' bytes, same keys), `ticket` (hd show ID --json)
# and `events` (its events with a message_id, in order) defined.
mail_check() {
    local id=$1 code=$2
    shift 2
    "$HD" show "$id" --json >"$TEST_ROOT/ticket.json" </dev/null || fail "hd show $id --json"
    python3 - "$MAILBOX/new" "$TEST_ROOT/ticket.json" "$@" <<EOF || fail "mail check on $id"
import email, email.policy, json, os, re, sys
box, args = sys.argv[1], sys.argv[3:]
msgs, raw = {}, {}
for name in sorted(os.listdir(box)):
    data = open(os.path.join(box, name), "rb").read()
    m = email.message_from_bytes(data, policy=email.policy.default)
    mid = str(m["Message-ID"]).strip()
    assert mid not in msgs, f"delivered twice: {mid}"
    msgs[mid], raw[mid] = m, data
ticket = json.load(open(sys.argv[2], encoding="utf-8"))
events = [e for e in ticket["events"] if e.get("message_id")]
def body(m):
    return m.get_content().replace("\r\n", "\n").rstrip("\n")
$code
EOF
}

# The title of a ticket, as its commits name it.
hd_title() { # id
    "$HD" show "$1" --json </dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["title"])'
}

test_reply_send_delivers_one_threaded_message() {
    mail_desk
    "$HD" receive --email <"$MAIL_DATA/new-request-qp-utf8.eml" >/dev/null || fail "hd receive --email"
    id=$("$HD" list --ids)
    [ -n "$id" ] || fail "no ticket from the mail"
    "$HD" restate "$id" "le Wi-Fi du bâtiment C refuse votre connexion" || fail restate
    before=$(commit_count)
    run_hd reply "$id" --send -m "J’ai réinitialisé votre accès « Example-Staff » : réessayez, s’il vous plaît."
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "one commit"
    expect_delivered 1
    expect_eq "$(outbox_entries)" 0 "outbox entries"
    mail_check "$id" '
(mid, m), = msgs.items()
reply = ticket["events"][-1]
assert reply["kind"] == "reply", reply
assert mid == "<" + reply["message_id"] + ">", (mid, reply)
assert re.fullmatch(r"<hd\.%s\.1795422600\.[0-9a-f]+@desk\.example>" % ticket["id"], mid), mid
assert str(m["From"]) == "Desk Support <support@desk.example>", m["From"]
assert m["Reply-To"] is None, m["Reply-To"]
to = m["To"].addresses
assert len(to) == 1 and to[0].addr_spec == "renee.dubois@example.org", to
assert to[0].display_name == "Renée Dubois-Müller", to[0].display_name
assert str(m["Subject"]) == "Re: Problème d’accès au Wi-Fi du bâtiment C [hd:%s]" % ticket["id"], m["Subject"]
first = "<3b1f6f0c2a9e4d7f8e5a1c2b3d4e5f60.camel@example.org>"
assert str(m["In-Reply-To"]).strip() == first, m["In-Reply-To"]
assert str(m["References"]).split() == [first], m["References"]
assert str(m["X-Hd-Ticket"]) == ticket["id"], m["X-Hd-Ticket"]
assert m.get_content_type() == "text/plain", m.get_content_type()
assert m.get_content_charset() == "utf-8", m.get_content_charset()
assert m["Content-Transfer-Encoding"] == "quoted-printable", m["Content-Transfer-Encoding"]
assert str(m["X-RcptTo"]) == "renee.dubois@example.org", m["X-RcptTo"]
head = raw[mid].split(b"\n\n", 1)[0]
assert all(b < 0x80 for b in head), "8-bit bytes in the headers"
assert body(m) == reply["body"].rstrip("\n"), (body(m), reply["body"])
assert "J’ai réinitialisé votre accès « Example-Staff »" in body(m), body(m)
'
    expect_clean

    # Renée answers from her mail client: a new subject line (no [hd:ID]),
    # In-Reply-To our message, and our reply quoted under hers.
    python3 - "$MAILBOX/new" "$TEST_ROOT/answer.eml" <<'EOF' || fail "building the answer"
import email, email.policy, os, sys
from email.message import EmailMessage
box = sys.argv[1]
(ours,) = [email.message_from_bytes(open(os.path.join(box, n), "rb").read(), policy=email.policy.default)
           for n in os.listdir(box)]
quoted = "\n".join("> " + l if l else ">" for l in ours.get_content().rstrip("\n").split("\n"))
answer = EmailMessage()
answer["From"] = "Renée Dubois-Müller <renee.dubois@example.org>"
answer["To"] = str(ours["From"])
answer["Subject"] = "Re: Wi-Fi du bâtiment C"
answer["Date"] = "Mon, 23 Nov 2026 10:05:00 +0100"
answer["Message-ID"] = "<r2.renee@example.org>"
answer["In-Reply-To"] = str(ours["Message-ID"])
answer["References"] = str(ours["References"]) + " " + str(ours["Message-ID"])
answer.set_content("Ça marche de nouveau, merci beaucoup !\n\nRenée\n\n"
                   "Le lun. 23 nov. 2026 à 09:30, Desk Support <support@desk.example> a écrit :\n"
                   + quoted + "\n")
open(sys.argv[2], "wb").write(answer.as_bytes())
EOF
    before=$(commit_count)
    "$HD" receive --email <"$TEST_ROOT/answer.eml" >/dev/null || fail "hd receive --email (answer)"
    expect_eq "$("$HD" list --all --ids)" "$id" "the answer made no new ticket"
    expect_eq "$(commit_count)" $((before + 1)) "one commit for the answer"
    mail_check "$id" '
answer = ticket["events"][-1]
assert answer["kind"] == "receive", answer
assert answer["message_id"] == "r2.renee@example.org", answer
assert answer["body"].rstrip("\n") == "Ça marche de nouveau, merci beaucoup !\n\nRenée", answer["body"]
'
    expect_clean

    # The next reply answers Renée's answer and carries the whole thread.
    run_hd reply "$id" --send -m "Parfait, je clôture la demande." --no-lint
    expect_rc 0
    expect_delivered 2
    mail_check "$id" '
mine = ticket["events"][-1]
m = msgs["<" + mine["message_id"] + ">"]
assert str(m["In-Reply-To"]).strip() == "<r2.renee@example.org>", m["In-Reply-To"]
want = ["<3b1f6f0c2a9e4d7f8e5a1c2b3d4e5f60.camel@example.org>",
        "<" + events[0]["message_id"] + ">", "<r2.renee@example.org>"]
assert str(m["References"]).split() == want, (str(m["References"]), want)
'
    expect_clean
}

# Nothing is recorded when the mail command fails, whatever the reason.
expect_send_fails() { # id what [what...]
    local before id=$1 what
    shift
    before=$(git rev-parse HEAD)
    run_hd reply "$id" --send -m "Hi Ana, it is fixed. Sam Agent" --no-lint
    expect_rc 7
    for what in "$@"; do expect_contains "$ERR" "$what"; done
    expect_eq "$(git rev-parse HEAD)" "$before" "HEAD after a failed send"
    expect_eq "$(outbox_entries)" 0 "outbox entries after a failed send"
    run_hd show "$id" --json
    expect_not_contains "$OUT" '"kind": "reply"'
    expect_clean
}

test_failed_send_records_nothing() {
    mail_desk
    id=$(new_ticket)
    set_mail command '"false"'
    expect_send_fails "$id" "false"
    set_mail command '"echo relay says no >&2; exit 3"'
    expect_send_fails "$id" "relay says no"
    # Real msmtp, pointed at a port where nothing listens.
    closed=$(free_port)
    set_mail command "\"$(msmtp_command "$closed")\""
    expect_send_fails "$id" "msmtp --host=127.0.0.1 --port=$closed" "cannot connect"
    expect_delivered 0 "nothing delivered"
    # The same ticket sends once the command works again.
    set_mail command "\"$(msmtp_command)\""
    run_hd reply "$id" --send -m "Hi Ana, it is fixed. Sam Agent" --no-lint
    expect_rc 0
    expect_delivered 1
    expect_clean
}

# mbox_ids FILE: the Message-IDs of the messages in an mbox-ish file made
# by `cat >>`, one a line, without brackets.
mbox_ids() { grep -i '^Message-Id:' "$1" | sed 's/^[^<]*<//; s/>.*//'; }

test_crash_after_sending_records_unconfirmed_once() {
    mail_desk
    id=$(new_ticket)
    sent="$TEST_ROOT/sent.mbox"
    # The command hands the message over, then kills hd before it commits.
    set_mail command "\"cat >> $sent; kill -9 \$PPID\""
    before=$(commit_count)
    { run_hd reply "$id" --send -m "Hi Ana, unplug it. Sam Agent" --no-lint; } 2>/dev/null
    expect_rc 137
    expect_eq "$(mbox_ids "$sent" | wc -l | tr -d ' ')" 1 "messages handed over"
    mid=$(mbox_ids "$sent")
    expect_eq "$(outbox_entries)" 1 "outbox entries after the kill"
    expect_eq "$(commit_count)" "$before" "commits after the kill"
    expect_clean
    # Reading does not record.
    run_hd list
    expect_rc 0
    expect_contains "$OUT" "$id"
    expect_eq "$(commit_count)" "$before" "commits after hd list"
    expect_eq "$(outbox_entries)" 1 "outbox entries after hd list"
    expect_contains "$ERR" "not recorded yet; 'hd recover'"
    # hd recover records what was sent, marked unconfirmed, and sends nothing.
    run_hd recover
    expect_rc 0
    expect_contains "$ERR" "hd: recorded 1 message(s) that an interrupted hd sent"
    expect_contains "$OUT" "recorded 1 message(s) sent as mail by an interrupted hd"
    expect_not_contains "$OUT" "nothing to recover"
    expect_eq "$(commit_count)" $((before + 1)) "commits after hd recover"
    expect_eq "$(git log -1 --format=%s)" "hd recover $id: $(hd_title "$id")"
    expect_eq "$(git log -1 --format='%(trailers:key=Hd-Action,valueonly)' | grep .)" recover "Hd-Action"
    expect_eq "$(git log -1 --format='%(trailers:key=Hd-Unconfirmed,valueonly)' | grep .)" "$mid" "Hd-Unconfirmed"
    expect_eq "$(outbox_entries)" 0 "outbox entries after hd recover"
    expect_eq "$(mbox_ids "$sent" | wc -l | tr -d ' ')" 1 "messages handed over after hd recover"
    expect_contains "$(sed -n '/kind = "reply"/,$p' "$(ticket_path "$id")")" "unconfirmed = true"
    run_hd show "$id" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
t = json.load(sys.stdin)
(r,) = [e for e in t["events"] if e["kind"] == "reply"]
assert r["message_id"] == sys.argv[1], r
assert "Hi Ana, unplug it." in r["body"], r
' "$mid" || fail "the recovered reply: $OUT"
    run_hd recover
    expect_rc 0
    expect_eq "$(commit_count)" $((before + 1)) "a second hd recover records nothing"
    expect_clean

    # Killed again; this time the next acting command (a note) records it.
    { run_hd reply "$id" --send -m "Hi Ana, and the cable? Sam Agent" --no-lint; } 2>/dev/null
    expect_rc 137
    mid2=$(mbox_ids "$sent" | tail -n 1)
    [ "$mid2" != "$mid" ] || fail "the second reply reused the Message-ID $mid"
    run_hd note "$id" -m "Customer phoned: the cable is fine."
    expect_rc 0
    expect_contains "$ERR" "hd: recorded 1 message(s) that an interrupted hd sent"
    expect_eq "$(commit_count)" $((before + 3)) "the recovery and the note"
    expect_eq "$(git log -1 --skip=1 --format='%(trailers:key=Hd-Unconfirmed,valueonly)' | grep .)" "$mid2" "Hd-Unconfirmed"
    expect_eq "$(mbox_ids "$sent" | wc -l | tr -d ' ')" 2 "each message handed over once"

    # A working command sends the next reply as usual.
    set_mail command "\"$(msmtp_command)\""
    run_hd reply "$id" --send -m "Hi Ana, all done. Sam Agent" --no-lint
    expect_rc 0
    expect_delivered 1
    run_hd show "$id"
    expect_eq "$(grep -c '· reply · by mail, not confirmed sent' <<<"$OUT")" 2 "unconfirmed replies shown"
    expect_eq "$(grep -c '· reply · by mail$' <<<"$OUT")" 1 "confirmed replies shown"
    expect_eq "$(outbox_entries)" 0 "outbox entries"
    expect_clean
}

# The delivered messages as "address ticket", one a line.
delivered_to() {
    python3 - "$MAILBOX/new" <<'EOF'
import email, email.policy, os, sys
box = sys.argv[1]
for name in os.listdir(box):
    m = email.message_from_bytes(open(os.path.join(box, name), "rb").read(), policy=email.policy.default)
    print(m["To"].addresses[0].addr_spec, m["X-Hd-Ticket"])
EOF
}

# mail_events ID KIND: how many KIND events of ticket ID carry a message_id
# that was delivered.
mail_events() {
    mail_check "$1" 'print(sum(1 for e in events if e["kind"] == args[0] and "<" + e["message_id"] + ">" in msgs))' "$2"
}

test_bulk_send_skips_failures_and_resends_only_what_is_due() {
    mail_desk
    export HD_NOW=2026-11-01T10:00:00Z
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    new_ticket "Still our turn" "Cy Chan <cy@example.org>" >/dev/null
    "$HD" reply "$A" -m "Please unplug it." --no-lint || fail reply
    "$HD" reply "$B" -m "Please open the lid." --no-lint || fail reply
    expect_delivered 0 "plain replies send nothing"
    # A relay that refuses bo@example.org while $TEST_ROOT/refuse-bo exists.
    cat >"$TEST_ROOT/relay.sh" <<EOF
msg=\$(cat)
if [ -e "$TEST_ROOT/refuse-bo" ] && printf '%s\n' "\$msg" | grep -qi '^To:.*bo@example\.org'; then
    echo "relay: bo@example.org is refused" >&2
    exit 1
fi
printf '%s\n' "\$msg" | $(msmtp_command)
EOF
    set_mail command "\"sh $TEST_ROOT/relay.sh\""

    before=$(commit_count)
    HD_NOW=2026-11-05T10:00:00Z run_hd followup --due --send
    expect_rc 0
    expect_delivered 2
    expect_eq "$(commit_count)" $((before + 1)) "one commit for both"
    expect_eq "$(git log -1 --format=%s)" "hd followup: 2 tickets"
    expect_eq "$(delivered_to | sort)" "$(printf 'ana@example.org %s\nbo@example.org %s\n' "$A" "$B")" "recipients"
    expect_eq "$(mail_events "$A" followup)" 1 "A's follow-up sent"
    expect_eq "$(mail_events "$B" followup)" 1 "B's follow-up sent"
    HD_NOW=2026-11-05T11:00:00Z run_hd followup --due --send
    expect_rc 0
    expect_delivered 2 "nothing more is due"
    expect_eq "$(commit_count)" $((before + 1)) "no commit when nothing is due"

    # Follow-up 2: the relay refuses Bo, so B is skipped and A recorded.
    touch "$TEST_ROOT/refuse-bo"
    HD_NOW=2026-11-07T10:00:00Z run_hd followup --due --send
    expect_rc 7
    expect_contains "$ERR" "hd: skipped $B: the mail command"
    expect_contains "$ERR" "bo@example.org is refused"
    expect_contains "$OUT" "$A  follow-up 2 sent"
    expect_not_contains "$OUT" "$B"
    expect_delivered 3
    expect_eq "$(commit_count)" $((before + 2)) "one commit for A"
    expect_eq "$(git log -1 --format='%(trailers:key=Hd-Ticket,valueonly)' | grep .)" "$A" "ticket trailers"
    expect_eq "$(grep -c 'kind = "followup"' "$(ticket_path "$B")")" 1 "B's follow-up 2 not recorded"
    expect_eq "$(outbox_entries)" 0 "outbox entries"
    expect_clean
    # Once the relay takes Bo again, the re-run sends B's follow-up alone.
    rm "$TEST_ROOT/refuse-bo"
    HD_NOW=2026-11-07T11:00:00Z run_hd followup --due --send
    expect_rc 0
    expect_eq "$OUT" "$B  follow-up 2 sent" "re-run"
    expect_delivered 4
    expect_eq "$(delivered_to | grep -c "^ana@example.org $A\$")" 2 "A mailed once per follow-up"
    expect_eq "$(delivered_to | grep -c "^bo@example.org $B\$")" 2 "B mailed once per follow-up"
    expect_eq "$(mail_events "$B" followup)" 2 "B's follow-ups sent"

    # hd close --stale --send works the same way.
    touch "$TEST_ROOT/refuse-bo"
    HD_NOW=2026-11-10T12:00:00Z run_hd close --stale --send
    expect_rc 7
    expect_contains "$ERR" "hd: skipped $B: the mail command"
    expect_delivered 5
    expect_eq "$(mail_events "$A" close)" 1 "A's closing mail"
    rm "$TEST_ROOT/refuse-bo"
    HD_NOW=2026-11-10T13:00:00Z run_hd close --stale --send
    expect_rc 0
    expect_delivered 6
    expect_eq "$(mail_events "$B" close)" 1 "B's closing mail"
    run_hd list --status closed --ids
    expect_eq "$(sort <<<"$OUT")" "$(printf '%s\n' "$A" "$B" | sort)" "closed"
    expect_clean
}

test_print_email_records_and_dry_run_sends_nothing() {
    mail_desk
    id=$(new_ticket)
    before=$(commit_count)
    run_hd reply "$id" --print-email -m "Hi Ana, unplug it. Sam Agent" --no-lint
    expect_rc 0
    expect_delivered 0 "--print-email sends nothing"
    expect_eq "$(commit_count)" $((before + 1)) "--print-email records the reply"
    printf '%s\n' "$OUT" >"$TEST_ROOT/printed.eml"
    "$HD" show "$id" --json >"$TEST_ROOT/ticket.json" || fail "hd show --json"
    python3 - "$TEST_ROOT/printed.eml" "$TEST_ROOT/ticket.json" <<'EOF' || fail "the printed mail: $OUT"
import email, email.policy, json, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
assert not m.defects, m.defects
t = json.load(open(sys.argv[2], encoding="utf-8"))
reply = t["events"][-1]
assert reply["kind"] == "reply" and reply["message_id"], reply
assert str(m["Message-ID"]) == "<" + reply["message_id"] + ">", (m["Message-ID"], reply)
assert m["To"].addresses[0].addr_spec == "ana@example.org", m["To"]
assert str(m["From"]) == "Desk Support <support@desk.example>", m["From"]
assert str(m["Subject"]) == "Re: Printer on fire [hd:%s]" % t["id"], m["Subject"]
assert m.get_content().replace("\r\n", "\n").rstrip("\n") == reply["body"].rstrip("\n")
EOF
    expect_clean

    head=$(git rev-parse HEAD)
    first=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["events"][-1]["message_id"])' \
        "$TEST_ROOT/ticket.json")
    run_hd reply "$id" --dry-run --send -m "Hi Ana, and now? Sam Agent" --no-lint
    expect_rc 0
    expect_contains "$OUT" "--- hd would send this mail (nothing was sent) ---"
    expect_contains "$OUT" "Subject: Re: Printer on fire [hd:$id]"
    # The requester's message came with no Message-ID: nothing to answer.
    expect_not_contains "$OUT" "In-Reply-To:"
    expect_contains "$OUT" "References: <$first>"
    expect_contains "$OUT" "Hi Ana, and now? Sam Agent"
    expect_delivered 0 "--dry-run --send sends nothing"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD after --dry-run"
    expect_eq "$(outbox_entries)" 0 "outbox entries after --dry-run"
    expect_clean
    HD_NOW=2026-11-28T10:00:00+01:00 run_hd followup --due --dry-run --send
    expect_rc 0
    expect_contains "$OUT" "--- hd would send this mail (nothing was sent) ---"
    expect_delivered 0 "followup --dry-run --send sends nothing"
    expect_eq "$(git rev-parse HEAD)" "$head" "HEAD after followup --dry-run"
    expect_clean
}

test_send_true_makes_sending_the_default() {
    mail_desk
    set_mail send true
    set_mail reply_to '"Help Team <help@desk.example>"'
    id=$(new_ticket)
    run_hd reply "$id" -m "Hi Ana, unplug it. Sam Agent" --no-lint
    expect_rc 0
    expect_delivered 1 "plain hd reply sends"
    mail_check "$id" '
(m,) = msgs.values()
assert str(m["Reply-To"]) == "Help Team <help@desk.example>", m["Reply-To"]
assert str(m["From"]) == "Desk Support <support@desk.example>", m["From"]
'
    run_hd reply "$id" --no-send -m "Hi Ana, noted. Sam Agent" --no-lint
    expect_rc 0
    expect_delivered 1 "--no-send sends nothing"
    run_hd show "$id" --json
    printf '%s' "$OUT" | python3 -c '
import json, sys
replies = [e for e in json.load(sys.stdin)["events"] if e["kind"] == "reply"]
assert len(replies) == 2, replies
assert replies[0].get("message_id") and not replies[1].get("message_id"), replies
' || fail "replies: $OUT"
    run_hd show "$id"
    expect_eq "$(grep -c '· by mail$' <<<"$OUT")" 1 "replies shown as sent"
    expect_clean
}

test_mail_flags_need_an_address_and_agree() {
    setup_desk
    id=$(new_ticket)
    for action in "reply $id -m Hello" "followup $id" "close $id --resolution solved" \
        "escalate $id --to ENG-1 --next-steps Soon"; do
        for flag in --send --print-email; do
            # shellcheck disable=SC2086 # the action is words
            run_hd $action $flag
            expect_rc 2
            expect_contains "$ERR" "[mail] address"
        done
    done
    set_mail send true
    run_hd reply "$id" -m "Hello"
    expect_rc 2
    expect_contains "$ERR" "[mail] address"
    set_mail address "\"$DESK_ADDRESS\""
    run_hd reply "$id" -m "Hello" --send --no-send
    expect_rc 2
    run_hd reply "$id" -m "Hello" --print-email --send
    expect_rc 2
    run_hd followup --due --send --no-send
    expect_rc 2
    run_hd close "$id" --resolution solved --send --print-email
    expect_rc 2
    expect_eq "$(commit_count)" 4 "nothing recorded"
    expect_clean
}

test_close_and_escalate_send_one_mail_each() {
    mail_desk
    a=$(new_ticket)
    b=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    run_hd escalate "$a" --to ENG-1 --next-steps "Engineering is testing a fix; we will write by Friday." --send
    expect_rc 0
    expect_delivered 1
    mail_check "$a" '
(e,) = events
assert e["kind"] == "escalate", e
m = msgs["<" + e["message_id"] + ">"]
assert "we will write by Friday" in body(m), body(m)
assert body(m) == e["body"].rstrip("\n"), (body(m), e["body"])
assert m["To"].addresses[0].addr_spec == "ana@example.org", m["To"]
'
    run_hd close "$a" --resolution solved --explain "Fixed in 2.4." -m "Please update to 2.4." --send
    expect_rc 0
    expect_delivered 2
    mail_check "$a" '
e = events[-1]
assert e["kind"] == "close", e
m = msgs["<" + e["message_id"] + ">"]
assert "Please update to 2.4." in body(m), body(m)
assert body(m) == e["body"].rstrip("\n"), (body(m), e["body"])
assert str(m["References"]).split() == ["<" + events[0]["message_id"] + ">"], m["References"]
'
    run_hd close "$b" --resolution solved --send
    expect_rc 0
    expect_delivered 3
    expect_eq "$(mail_events "$b" close)" 1 "b's closing mail"
    # Spam closes without a reply, so there is nothing to send.
    c=$(new_ticket "Cheap pills" "Spam Bot <bot@spam.example>")
    run_hd close "$c" --resolution spam --send
    expect_rc 0
    expect_delivered 3 "nothing for spam"
    expect_clean
}

test_hostile_title_is_encoded_in_the_subject() {
    mail_desk
    "$HD" receive --email <"$MAIL_DATA/hostile-escapes-bidi.eml" >/dev/null || fail "hd receive --email"
    id=$("$HD" list --ids)
    [ -n "$id" ] || fail "no ticket from the hostile mail"
    run_hd reply "$id" --send -m "Hello, we never open attachments like that. Sam Agent" --no-lint
    expect_rc 0
    expect_delivered 1
    mail_check "$id" '
(mid, m), = msgs.items()
head = raw[mid].split(b"\n\n", 1)[0]
for bad in (b"\x1b", b"\x07", b"\x00"):
    assert bad not in head, f"raw {bad!r} in the headers: {head!r}"
assert all(b < 0x80 for b in head), "8-bit bytes in the headers"
assert str(m["Subject"]) == "Re: %s [hd:%s]" % (ticket["title"], ticket["id"]), (m["Subject"], ticket["title"])
assert "\x1b[31mpassword expired" in ticket["title"], ticket["title"]
assert m["To"].addresses[0].addr_spec == "eve@example.net", m["To"]
'
    run_hd show "$id"
    expect_rc 0
    expect_not_contains "$OUT" $'\e'
    expect_not_contains "$OUT" $'\a'
    expect_not_contains "$OUT" $'\u202e'
    expect_contains "$OUT" "· by mail"
    # --print-email on a terminal shows the escapes inertly.
    printf 'Hi Eve, \033[31mred\a text. Sam Agent\n' >"$TEST_ROOT/hostile-reply.txt"
    script -qec "'$HD' reply $id -F '$TEST_ROOT/hostile-reply.txt' --no-lint --print-email" /dev/null \
        >"$TEST_ROOT/tty.out" </dev/null || fail "hd reply --print-email on a terminal: $(cat "$TEST_ROOT/tty.out")"
    tty_out=$(cat "$TEST_ROOT/tty.out")
    expect_contains "$tty_out" "<hd.$id."
    expect_not_contains "$tty_out" $'\e'
    expect_not_contains "$tty_out" $'\a'
    expect_delivered 1 "--print-email sends nothing"
    expect_clean
}

test_crash_in_a_bulk_send_is_not_sent_again() {
    mail_desk
    export HD_NOW=2026-11-01T10:00:00Z
    A=$(new_ticket "Printer on fire")
    B=$(new_ticket "Scanner jams" "Bo Berg <bo@example.org>")
    "$HD" reply "$A" -m "Please unplug it." --no-lint || fail reply
    "$HD" reply "$B" -m "Please open the lid." --no-lint || fail reply
    sent="$TEST_ROOT/sent.mbox"
    set_mail command "\"cat >> $sent; kill -9 \$PPID\""
    before=$(commit_count)
    { HD_NOW=2026-11-05T10:00:00Z run_hd followup --due --send; } 2>/dev/null
    expect_rc 137
    expect_eq "$(mbox_ids "$sent" | wc -l | tr -d ' ')" 1 "handed over before the kill"
    first=$(mbox_ids "$sent")
    first_ticket=$(cut -d. -f2 <<<"$first")
    case "$first_ticket" in "$A") other=$B ;; "$B") other=$A ;; *) fail "Message-ID $first names no ticket" ;; esac
    # The re-run records the interrupted one as unconfirmed and sends the other alone.
    set_mail command "\"$(msmtp_command)\""
    HD_NOW=2026-11-05T10:30:00Z run_hd followup --due --send
    expect_rc 0
    expect_contains "$ERR" "hd: recorded 1 message(s) that an interrupted hd sent"
    expect_eq "$OUT" "$other  follow-up 1 sent" "what the re-run sent"
    expect_delivered 1
    expect_eq "$(mail_events "$other" followup)" 1 "the other's follow-up"
    expect_eq "$(git log -2 --format=%s | tail -n 1)" "hd recover $first_ticket: $(hd_title "$first_ticket")"
    expect_eq "$(commit_count)" $((before + 3)) "hd.toml, the recovery and the follow-up"
    expect_contains "$(sed -n '/kind = "followup"/,$p' "$(ticket_path "$first_ticket")")" "unconfirmed = true"
    expect_eq "$(mbox_ids "$sent" | wc -l | tr -d ' ')" 1 "nothing handed over twice"
    expect_eq "$(outbox_entries)" 0 "outbox entries"
    expect_clean
}
