# hd receive --email, --maildir and --mbox on the mail fixtures in
# tests/data/mail (their rules are in its README.md) and on messages made
# here: what becomes of each message, what the ticket holds, what is kept
# beside it, threading, duplicates, limits, hostile text, auto-replies, and
# an import killed at every step.

MAIL="$E2E_DIR/../data/mail"
# Debian's python3 when there is one: a pyenv shim costs a tenth of a second a call.
PY=$(command -v /usr/bin/python3 || command -v python3)

# run_hd_file FILE ARGS...: run_hd with standard input read from FILE, byte for byte.
run_hd_file() {
    local input=$1
    shift
    "$HD" "$@" <"$input" >"$TEST_ROOT/out" 2>"$TEST_ROOT/err"
    RC=$?
    OUT=$(cat "$TEST_ROOT/out")
    ERR=$(cat "$TEST_ROOT/err")
}

# mail_msg FROM SUBJECT MESSAGE-ID [EXTRA-HEADER-LINES] [BODY]: a plain
# text/plain message on stdout. EXTRA-HEADER-LINES may hold several lines.
mail_msg() {
    local from=$1 subject=$2 mid=$3 extra=${4:-} body=${5:-"Hello,

it still does not work.

Thanks"}
    printf 'From: %s\nTo: support@desk.example.com\nSubject: %s\nDate: Mon, 23 Nov 2026 10:00:00 +0100\nMessage-ID: <%s>\n' \
        "$from" "$subject" "$mid"
    [ -n "$extra" ] && printf '%s\n' "$extra"
    printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n%s\n' "$body"
}

# json_get JSON-TEXT PYTHON-EXPR: evaluates EXPR with `j` bound to the parsed JSON.
json_get() {
    "$PY" -c 'import json, sys; j = json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"
}

# How many times the text appears in the ticket files of HEAD.
count_in_head() {
    git grep -F -c "$1" HEAD -- tickets | awk -F: '{s += $NF} END {print s + 0}'
}

# expect_no_control FILE WHAT: FILE holds no ESC and no BEL byte.
expect_no_control() {
    if LC_ALL=C grep -q $'[\x1b\x07]' "$1"; then
        fail "$2 holds a raw ESC or BEL: $(LC_ALL=C grep -n $'[\x1b\x07]' "$1" | head -3 | od -c | head -5)"
    fi
}

# The checker for one fixture taken in by `hd receive --email --json`: it
# reads the sidecar and the message (with Python's email package for the
# attachments' bytes), the receipt, `hd show --json` and the files hd kept,
# and prints one line per difference.
write_fixture_checker() {
    cat >"$TEST_ROOT/check_fixture.py" <<'EOF'
import email, email.policy, hashlib, json, os, subprocess, sys

eml, receipt_file, rc, hd, commits_before = sys.argv[1:6]
name = os.path.basename(eml)[:-4]
want = json.load(open(eml[:-4] + ".expect.json"))
raw = open(eml, "rb").read()
problems = []

def problem(text):
    problems.append(f"{name}: {text}")

def normalised(text):
    lines = [l.rstrip(" \t\r") for l in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)

def category(reason):
    if reason.startswith("Auto-Submitted"): return "auto-submitted"
    if reason.startswith(("X-Autoreply", "X-Autorespond")) or reason == "Precedence: auto_reply":
        return "autoreply"
    if reason.startswith("Precedence") or reason == "mailing list": return "bulk"
    if reason.startswith("bounce") or reason == "delivery report": return "bounce"
    return "unknown: " + reason

def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True).stdout

try:
    receipts = json.load(open(receipt_file))
except Exception as e:
    print(f"{name}: --json output does not parse: {e}")
    sys.exit(0)
if len(receipts) != 1:
    problem(f"{len(receipts)} receipts for one message")
    receipts.append({})
r = receipts[0]
if r.get("source") != "standard input":
    problem(f"source {r.get('source')!r}")
commits = int(git("rev-list", "--count", "HEAD"))

if want["error"]:
    if r.get("outcome") != "refused": problem(f"outcome {r.get('outcome')!r}, expected refused")
    if rc != "4": problem(f"exit {rc}, expected 4 for a refused message")
    words = {"truncated": "cut short", "no-from": "no From"}[want["error"]]
    if words not in (r.get("reason") or ""): problem(f"reason {r.get('reason')!r} does not say {words!r}")
    if r.get("id") is not None: problem("a refused message has an id")
elif want["auto"]:
    if r.get("outcome") != "automatic": problem(f"outcome {r.get('outcome')!r}, expected automatic")
    if rc != "0": problem(f"exit {rc} for an automatic message")
    got = category(r.get("reason") or "")
    # hd tries Auto-Submitted before the bounce signs (README: bounce-dsn
    # comes out as Auto-Submitted with hd's order).
    if got != want["auto"] and not (want["auto"] == "bounce" and got == "auto-submitted"):
        problem(f"reason {r.get('reason')!r} is not {want['auto']}")
else:
    if r.get("outcome") != "opened": problem(f"outcome {r.get('outcome')!r}, expected opened")
    if rc != "0": problem(f"exit {rc}")

if r.get("outcome") != "opened":
    if commits != int(commits_before): problem(f"{commits - int(commits_before)} commits for a message not taken in")
    if os.path.exists("tickets"): problem("tickets/ written for a message not taken in")
    for p in problems: print(p)
    sys.exit(0)

tid = r["id"]
title = want["subject_title"] or "(no subject)"
person = f"{want['from_name']} <{want['from_email']}>" if want["from_name"] else f"<{want['from_email']}>"
if r.get("title") != title: problem(f"receipt title {r.get('title')!r}, expected {title!r}")
if r.get("from") != person: problem(f"receipt from {r.get('from')!r}, expected {person!r}")
if r.get("attachments") != len(want["attachments"]):
    problem(f"receipt counts {r.get('attachments')} attachments, expected {len(want['attachments'])}")
if commits != int(commits_before) + 1: problem(f"{commits - int(commits_before)} commits, expected 1")
subject = git("log", "-1", "--format=%s").rstrip("\n")
body = git("log", "-1", "--format=%B")
if not subject.startswith(f"hd new {tid}: "): problem(f"commit subject {subject!r}")
for trailer in ("Hd-Action: new", f"Hd-Ticket: {tid}", f"Hd-Message-Id: {want['message_id']}"):
    if trailer not in body: problem(f"commit lacks the trailer {trailer!r}")

show = subprocess.run([hd, "show", tid, "--json"], capture_output=True, text=True)
if show.returncode != 0:
    problem(f"hd show --json: exit {show.returncode}: {show.stderr}")
    for p in problems: print(p)
    sys.exit(0)
t = json.loads(show.stdout)
if t["title"] != title: problem(f"title {t['title']!r}, expected {title!r}")
if t["requester"] != {"name": want["from_name"], "email": want["from_email"]}:
    problem(f"requester {t['requester']!r}")
if normalised(t["body"]) != normalised(want["new_text"]):
    problem(f"body differs from the sidecar's new_text:\n    hd:      {t['body']!r}\n    sidecar: {want['new_text']!r}")
if t.get("message_id") != want["message_id"]: problem(f"message_id {t.get('message_id')!r}")
if t["events"]: problem(f"{len(t['events'])} events on a new ticket")

# The original: the raw bytes, named by the first 16 hex of their blob hash.
key = hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()[:16]
folder = os.path.dirname(t["path"])
if t.get("original") != f"{tid}.d/{key}.eml": problem(f"original {t.get('original')!r}, expected {tid}.d/{key}.eml")
else:
    path = os.path.join(folder, t["original"])
    if not os.path.isfile(path) or open(path, "rb").read() != raw:
        problem(f"{path} does not hold the message byte for byte")
    if git("ls-files", "--", path).strip() != path: problem(f"{path} is not committed")

# The attachments, as Python's email package decodes them.
msg = email.message_from_bytes(raw, policy=email.policy.default)
def leaves(part):
    if part.get_content_maintype() == "message": return
    if part.is_multipart():
        for p in part.iter_parts(): yield from leaves(p)
    else:
        yield part
expected = [p for p in leaves(msg)
            if p.get_content_disposition() == "attachment" or p.get_filename()]
listed = t.get("attachments") or []
if len(listed) != len(expected): problem(f"{len(listed)} attachments listed, expected {len(expected)}: {listed}")
for part, line, side in zip(expected, listed, want["attachments"]):
    data = part.get_payload(decode=True)
    if len(data) != side["size"]: problem(f"python and the sidecar disagree on {side['name']}")
    want_line = f"{tid}.d/{key}/{side['name']} ({side['type']}, {len(data)} bytes)"
    if line != want_line: problem(f"attachment listed as {line!r}, expected {want_line!r}")
        
    path = os.path.join(folder, tid + ".d", key, side["name"])
    if not os.path.isfile(path): problem(f"{path} is missing")
    elif open(path, "rb").read() != data: problem(f"{path} does not hold the decoded bytes")
for p in problems: print(p)
EOF
}

test_every_fixture_through_receive_email() {
    setup_desk
    write_fixture_checker
    local fresh="$TEST_ROOT/fresh" problems="$TEST_ROOT/problems" n=0
    : >"$problems"
    cd "$TEST_ROOT" && mv desk fresh
    for f in "$MAIL"/*.eml; do
        n=$((n + 1))
        rm -rf "$TEST_ROOT/one" && cp -a "$fresh" "$TEST_ROOT/one" && cd "$TEST_ROOT/one"
        local before name
        before=$(commit_count)
        name=$(basename "$f" .eml)
        run_hd_file "$f" receive --email --json
        "$PY" "$TEST_ROOT/check_fixture.py" "$f" "$TEST_ROOT/out" "$RC" "$HD" "$before" >>"$problems"
        [ "$RC" -eq 4 ] && ! grep -q '"outcome": "refused"' "$TEST_ROOT/out" &&
            echo "$name: exit 4 without a refused receipt: $ERR" >>"$problems"
        [ -z "$(git status --porcelain)" ] || echo "$name: git status: $(git status --porcelain)" >>"$problems"
        git fsck --strict --no-progress >/dev/null 2>&1 || echo "$name: git fsck --strict failed" >>"$problems"
        run_hd check
        [ "$RC" -eq 0 ] || echo "$name: hd check exit $RC: $OUT $ERR" >>"$problems"
        # The same message in text form, in another fresh desk.
        rm -rf "$TEST_ROOT/one" && cp -a "$fresh" "$TEST_ROOT/one" && cd "$TEST_ROOT/one"
        run_hd_file "$f" receive --email
        case $(json_get "$(cat "${f%.eml}.expect.json")" '"error" if j["error"] else "auto" if j["auto"] else "new"') in
        error) [[ "$ERR" == "refused standard input: "* && -z "$OUT" ]] ||
            echo "$name: text for a refused message: out '$OUT' err '$ERR'" >>"$problems" ;;
        auto) [[ "$OUT" == "skipped standard input: not a person's message ("*"); nothing recorded or sent" ]] ||
            echo "$name: text for an automatic message: '$OUT'" >>"$problems" ;;
        new) [[ "$OUT" =~ ^[0-9a-z]{7}\ \ new\ ticket\ from\ .+:\ .+$ ]] ||
            echo "$name: text for a new ticket: '$OUT'" >>"$problems" ;;
        esac
    done
    [ "$n" -ge 23 ] || fail "only $n fixtures found in $MAIL"
    [ ! -s "$problems" ] || fail $'the fixtures taken in one by one:\n'"$(cat "$problems")"
}

test_text_lines_name_attachments() {
    setup_desk
    run_hd_file "$MAIL/attachments-pdf-csv.eml" receive --email
    expect_rc 0
    [[ "$OUT" =~ ^([0-9a-z]{7})\ \ new\ ticket\ from\ Jonas\ Becker\ \<jonas.becker@example.org\>\ \(2\ attachments\):\ Lieferschein\ und\ Kostenaufstellung\ März$ ]] ||
        fail "text line: $OUT"
    id=${BASH_REMATCH[1]}
    run_hd show "$id"
    expect_rc 0
    expect_contains "$OUT" "Original mail: $id.d/"
    expect_contains "$OUT" "Attachment:    $id.d/"
    expect_contains "$OUT" "/lieferschein-0042.pdf (application/pdf, 488 bytes)"
    expect_contains "$OUT" "/Kosten März 2026.csv (text/csv, 165 bytes)"
    expect_eq "$(git show HEAD --name-only --format= | grep -c "/$id.d/")" 3 "files of the mail in the commit"
    # Kept bytes for bytes whatever the line-end attributes say.
    expect_eq "$(git check-attr text -- "tickets/${id:0:2}/$id.d/x/Kosten März 2026.csv" | sed 's/.*: //')" \
        unset "the text attribute of a kept attachment"
    expect_contains "$(cat .gitattributes)" "tickets/**/*.d/** -text"
    expect_contains "$(cat .gitattributes)" "tickets/**/*.toml merge=hd"
    expect_clean
}

test_replies_thread_by_message_id_and_subject_tag() {
    setup_desk
    local m="$TEST_ROOT/m"
    mail_msg "Ana Lima <ana@example.org>" "Printer on fire" "ana-1@example.org" >"$m.1"
    run_hd_file "$m.1" receive --email
    expect_rc 0
    A=${OUT:0:7}
    expect_eq "$OUT" "$A  new ticket from Ana Lima <ana@example.org>: Printer on fire" "text line"
    expect_eq "$(git log -1 --format=%s)" "hd new $A: Printer on fire"
    expect_contains "$(git log -1 --format=%B)" "Hd-Action: new"
    expect_contains "$(git log -1 --format=%B)" "Hd-Ticket: $A"
    expect_contains "$(git log -1 --format=%B)" "Hd-Message-Id: ana-1@example.org"

    # The requester again, on a new subject, but References names the first.
    mail_msg "Ana Lima <ana@example.org>" "Still smoking" "ana-2@example.org" \
        "References: <unknown-1@example.net> <ana-1@example.org>" $'It smokes again.\n\nOn Mon, Nov 23, 2026 Sam wrote:\n> Unplug it.' >"$m.2"
    run_hd_file "$m.2" receive --email
    expect_rc 0
    expect_eq "$OUT" "$A  requester message from Ana Lima <ana@example.org>: Printer on fire" "text line"
    expect_eq "$(git log -1 --format=%s)" "hd receive $A: Printer on fire"
    expect_contains "$(git log -1 --format=%B)" "Hd-Action: receive"
    expect_contains "$(git log -1 --format=%B)" "Hd-Ticket: $A"
    expect_contains "$(git log -1 --format=%B)" "Hd-Message-Id: ana-2@example.org"
    run_hd show "$A" --json
    key=$(git hash-object "$m.2" | cut -c1-16)
    expect_eq "$(json_get "$OUT" 'j["events"][-1]["kind"]')" receive "event kind"
    expect_eq "$(json_get "$OUT" 'j["events"][-1]["body"]')" "It smokes again." "event body"
    expect_eq "$(json_get "$OUT" 'j["events"][-1]["message_id"]')" ana-2@example.org "event message_id"
    expect_eq "$(json_get "$OUT" 'j["events"][-1]["original"]')" "$A.d/$key.eml" "event original"
    cmp -s "$m.2" "tickets/${A:0:2}/$A.d/$key.eml" || fail "the original is not kept byte for byte"

    # In-Reply-To naming a receive event's Message-ID, from someone else.
    mail_msg "Bo Berg <bo@example.org>" "Re: Still smoking" "bo-1@example.org" \
        "In-Reply-To: <ana-2@example.org>" "Same here." >"$m.3"
    run_hd_file "$m.3" receive --email
    expect_rc 0
    expect_eq "$OUT" "$A  requester message from Bo Berg <bo@example.org>: Printer on fire" "text line"

    # A [hd:ID] tag in the subject, with no threading headers; upper case too.
    mail_msg "Cy Chan <cy@example.org>" "Re: AW: [hd:$A] the printer" "cy-1@example.org" >"$m.4"
    run_hd_file "$m.4" receive --email
    expect_rc 0
    expect_contains "$OUT" "$A  requester message from Cy Chan"
    mail_msg "Cy Chan <cy@example.org>" "[HD:${A^^}] again" "cy-2@example.org" >"$m.5"
    run_hd_file "$m.5" receive --email
    expect_rc 0
    expect_contains "$OUT" "$A  requester message from Cy Chan"

    # A tag naming no ticket opens a new one, titled without the tag.
    mail_msg "Di Dorn <di@example.org>" "Re: [hd:zzzzzzz] Scanner jams" "di-1@example.org" >"$m.6"
    run_hd_file "$m.6" receive --email
    expect_rc 0
    B=${OUT:0:7}
    [ "$B" != "$A" ] || fail "an unknown tag went to $A"
    expect_eq "$OUT" "$B  new ticket from Di Dorn <di@example.org>: Scanner jams" "text line"

    # An ID given on the command line wins over the headers.
    mail_msg "Ed Eng <ed@example.org>" "Something else" "ed-1@example.org" "In-Reply-To: <ana-1@example.org>" >"$m.7"
    run_hd_file "$m.7" receive "${B:0:4}" --email
    expect_rc 0
    expect_contains "$OUT" "$B  requester message from Ed Eng"

    run_hd show "$A" --json
    expect_eq "$(json_get "$OUT" 'len(j["events"])')" 4 "events on $A"
    expect_eq "$(json_get "$OUT" '",".join(e["message_id"] for e in j["events"])')" \
        "ana-2@example.org,bo-1@example.org,cy-1@example.org,cy-2@example.org" "threaded messages"
    expect_eq "$(json_get "$OUT" 'j["message_id"]')" ana-1@example.org "the opening message"
    run_hd show "$A"
    expect_eq "$(grep -c 'Original mail:' <<<"$OUT")" 5 "Original mail lines"
    run_hd check
    expect_rc 0
    expect_eq "$(commit_count)" 8 "commits"
    expect_clean
}

test_real_clients_thread_on_references() {
    setup_desk
    # Outlook's reply names Gmail's Message-ID in its References.
    run_hd_file "$MAIL/gmail-reply-en.eml" receive --email
    expect_rc 0
    A=${OUT:0:7}
    run_hd_file "$MAIL/outlook-reply-en-crlf.eml" receive --email --json
    expect_rc 0
    expect_eq "$(json_get "$OUT" 'j[0]["outcome"]')" appended outcome
    expect_eq "$(json_get "$OUT" 'j[0]["id"]')" "$A" ticket
    expect_eq "$(json_get "$OUT" 'j[0]["from"]')" "Okafor, Dave <dave.okafor@example.com>" from
    run_hd show "$A" --json
    body=$(json_get "$OUT" 'j["events"][0]["body"]')
    expect_contains "$body" "Dave Okafor"
    expect_not_contains "$body" "Original Message"
    expect_not_contains "$body" "Lena"
    expect_eq "$(json_get "$OUT" 'j["events"][0]["by"]')" "Okafor, Dave <dave.okafor@example.com>" "by"
    expect_clean
}

test_the_same_message_twice_is_recorded_once() {
    setup_desk
    run_hd_file "$MAIL/new-request-qp-utf8.eml" receive --email
    expect_rc 0
    A=${OUT:0:7}
    before=$(commit_count)
    run_hd_file "$MAIL/new-request-qp-utf8.eml" receive --email
    expect_rc 0
    expect_eq "$OUT" "$A  already recorded: standard input" "text line"
    # Delivered again through another relay: other bytes, the same Message-ID.
    { printf 'Received: from relay2.example.net by mx.desk.example.com; Mon, 23 Nov 2026 10:05:00 +0100\n'
      cat "$MAIL/new-request-qp-utf8.eml"; } >"$TEST_ROOT/again.eml"
    run_hd_file "$TEST_ROOT/again.eml" receive --email --json
    expect_rc 0
    expect_eq "$(json_get "$OUT" 'j[0]["outcome"]')" duplicate outcome
    expect_eq "$(json_get "$OUT" 'j[0]["id"]')" "$A" ticket
    # A receive event's Message-ID counts as well.
    mail_msg "Renée <renee.dubois@example.org>" "Re: [hd:$A] Wi-Fi" "renee-2@example.org" >"$TEST_ROOT/r2"
    run_hd_file "$TEST_ROOT/r2" receive --email
    expect_contains "$OUT" "requester message"
    run_hd_file "$TEST_ROOT/r2" receive --email
    expect_eq "$OUT" "$A  already recorded: standard input" "text line"
    run_hd_file "$TEST_ROOT/r2" receive "$A" --email
    expect_eq "$OUT" "$A  already recorded: standard input" "text line with an ID"
    expect_eq "$(commit_count)" $((before + 1)) "commits"
    expect_eq "$(count_in_head 'message_id = "renee-2@example.org"')" 1 "receive events"
    expect_clean
}

# maildir_with DIR NAME=FIXTURE...: a Maildir whose new/ holds the fixtures.
maildir_with() {
    local dir=$1
    shift
    mkdir -p "$dir/new" "$dir/cur" "$dir/tmp"
    for pair in "$@"; do cp "$MAIL/${pair#*=}.eml" "$dir/new/${pair%%=*}"; done
}

test_maildir_moves_what_it_handled_and_keeps_what_it_refused() {
    setup_desk
    local md="$TEST_ROOT/Maildir"
    maildir_with "$md" 1763888401.M1P7.mx=gmail-reply-en 1763888402.M2P7.mx=no-from \
        1763888403.M3P7.mx=outlook-reply-en-crlf 1763888404.M4P7.mx=truncated-multipart \
        1763888405.M5P7.mx=bulk-newsletter 1763888406.M6P7.mx=attachments-pdf-csv
    before=$(commit_count)
    run_hd receive --maildir "$md"
    expect_rc 4
    expect_contains "$ERR" "refused $md/new/1763888402.M2P7.mx: "
    expect_contains "$ERR" "refused $md/new/1763888404.M4P7.mx: "
    expect_contains "$OUT" "skipped $md/new/1763888405.M5P7.mx: not a person's message"
    expect_eq "$(tail -n 1 <<<"$OUT")" \
        "6 messages: 2 new tickets, 1 requester message, 1 automatic (skipped), 2 refused" "totals"
    expect_eq "$(ls "$md/new" | tr '\n' ' ')" "1763888402.M2P7.mx 1763888404.M4P7.mx " "left in new/"
    expect_eq "$(ls "$md/cur" | tr '\n' ' ')" \
        "1763888401.M1P7.mx:2,S 1763888403.M3P7.mx:2,S 1763888405.M5P7.mx:2,S 1763888406.M6P7.mx:2,S " "moved to cur/"
    cmp -s "$md/cur/1763888406.M6P7.mx:2,S" "$MAIL/attachments-pdf-csv.eml" || fail "a moved message changed"
    # One commit per message taken in, in the order of the names.
    expect_eq "$(commit_count)" $((before + 3)) "commits"
    expect_eq "$(git log -3 --reverse --format=%s | cut -d' ' -f2 | tr '\n' ' ')" "new receive new " "actions"
    expect_clean
    run_hd check
    expect_rc 0

    # Once the refused ones are dealt with, a run takes nothing twice.
    rm "$md"/new/*
    cp "$MAIL/reply-to-webform.eml" "$md/new/1763888407.M7P7.mx"
    run_hd receive --maildir "$md" --json
    expect_rc 0
    expect_eq "$(json_get "$OUT" '[(r["source"], r["outcome"]) for r in j]')" \
        "[('$md/new/1763888407.M7P7.mx', 'opened')]" "the JSON receipts"
    expect_eq "$(commit_count)" $((before + 4)) "commits"
}

test_maildir_twice_adds_and_moves_nothing() {
    setup_desk
    local md="$TEST_ROOT/Maildir"
    maildir_with "$md" a1=gmail-reply-en a2=outlook-reply-fr a3=autoreply-x-autoreply a4=html-only-windows1252-crlf
    run_hd receive --maildir "$md"
    expect_rc 0
    expect_eq "$(tail -n 1 <<<"$OUT")" "4 messages: 3 new tickets, 1 automatic (skipped)" "totals"
    before=$(commit_count)
    listing=$(cd "$md" && find . -type f | sort && cat cur/* | git hash-object --stdin)
    run_hd receive --maildir "$md"
    expect_rc 0
    expect_eq "$OUT" "0 messages" "a second run"
    expect_eq "$(commit_count)" "$before" "commits"
    expect_eq "$(cd "$md" && find . -type f | sort && cat cur/* | git hash-object --stdin)" "$listing" "the Maildir"
    # The same messages delivered again under new names: recorded already.
    # (Two copies in one run: the second is known too.)
    for f in "$md"/cur/*; do n=$(basename "$f"); cp "$f" "$md/new/again-${n%%:*}"; done
    cp "$MAIL/reply-to-webform.eml" "$md/new/b1"
    cp "$MAIL/reply-to-webform.eml" "$md/new/b2"
    run_hd receive --maildir "$md"
    expect_rc 0
    expect_eq "$(tail -n 1 <<<"$OUT")" "6 messages: 1 new ticket, 4 already recorded, 1 automatic (skipped)" "totals"
    expect_eq "$(commit_count)" $((before + 1)) "commits"
    expect_eq "$(ls "$md/new" | wc -l)" 0 "left in new/"
    expect_eq "$(ls "$md/cur" | wc -l)" 10 "in cur/"
    expect_clean
}

test_maildir_needs_a_new_folder() {
    setup_desk
    mkdir -p "$TEST_ROOT/nomail"
    run_hd receive --maildir "$TEST_ROOT/nomail"
    expect_rc 2
    expect_contains "$ERR" "not a Maildir"
    # cur/ is checked before anything is taken in: no first message is
    # committed and then left in new/.
    mkdir -p "$TEST_ROOT/half/new"
    cp "$E2E_DIR/../data/mail/new-request-qp-utf8.eml" "$TEST_ROOT/half/new/1"
    run_hd receive --maildir "$TEST_ROOT/half"
    expect_rc 2
    expect_contains "$ERR" "no cur/ folder"
    expect_eq "$(commit_count)" 1 "commits after a Maildir without cur/"
    run_hd receive --maildir "$TEST_ROOT/nomail" --email
    expect_rc 2
    run_hd_file /dev/null receive --email
    expect_rc 2
    expect_eq "$(commit_count)" 1 "commits"
}

test_mbox_with_several_messages() {
    setup_desk
    local mbox="$TEST_ROOT/in.mbox"
    for f in gmail-reply-en outlook-reply-en-crlf autoreply-auto-submitted attachments-pdf-csv no-from; do
        printf 'From sender@example.org Mon Nov 23 10:00:00 2026\n'
        cat "$MAIL/$f.eml"
        printf '\n'
    done >"$mbox"
    before=$(commit_count)
    run_hd receive --mbox "$mbox" --json
    expect_rc 4
    expect_eq "$(json_get "$OUT" '" ".join(r["outcome"] for r in j)')" \
        "opened appended automatic opened refused" "outcomes"
    expect_eq "$(json_get "$OUT" 'j[3]["source"]')" "$mbox message 4" "source"
    expect_eq "$(json_get "$OUT" 'j[0]["id"] == j[1]["id"]')" True "the reply went to the first ticket"
    expect_eq "$(json_get "$OUT" 'j[3]["attachments"]')" 2 "attachments"
    expect_eq "$(commit_count)" $((before + 3)) "commits"
    id=$(json_get "$OUT" 'j[3]["id"]')
    orig=$(ls tickets/"${id:0:2}"/"$id".d/*.eml)
    head -c "$(wc -c <"$MAIL/attachments-pdf-csv.eml")" "$orig" | cmp -s - "$MAIL/attachments-pdf-csv.eml" ||
        fail "the original taken from the mbox is not the message"
    cmp -s "tickets/${id:0:2}/$id.d/$(basename "$orig" .eml)/lieferschein-0042.pdf" \
        <("$PY" -c 'import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
sys.stdout.buffer.write(next(p for p in m.iter_attachments() if p.get_filename().endswith(".pdf")).get_payload(decode=True))' \
            "$MAIL/attachments-pdf-csv.eml") || fail "the PDF from the mbox"
    run_hd receive --mbox "$mbox"
    expect_rc 4
    expect_eq "$(tail -n 1 <<<"$OUT")" "5 messages: 3 already recorded, 1 automatic (skipped), 1 refused" "totals again"
    expect_eq "$(commit_count)" $((before + 3)) "commits after the second run"
    run_hd receive --mbox "$TEST_ROOT/missing.mbox"
    expect_rc 2
    expect_clean
}

test_a_message_over_max_message_is_refused() {
    setup_desk
    "$PY" - "$TEST_ROOT/big.eml" <<'EOF'
import base64, sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "Ana Lima <ana@example.org>"
m["To"] = "support@desk.example.com"
m["Subject"] = "The whole disk image"
m["Message-ID"] = "<big-1@example.org>"
m.set_content("Here it is.")
m.add_attachment(bytes(range(256)) * (22 * 1024 * 1024 // 256), maintype="application",
                 subtype="octet-stream", filename="disk.img")
open(sys.argv[1], "wb").write(m.as_bytes())
EOF
    size=$(wc -c <"$TEST_ROOT/big.eml")
    [ "$size" -gt 30000000 ] || fail "the big message is only $size bytes"
    before=$(commit_count)
    run_hd_file "$TEST_ROOT/big.eml" receive --email
    expect_rc 4
    expect_contains "$ERR" "refused standard input: the message is $size bytes, over the 25MB limit"
    expect_eq "$(commit_count)" "$before" "commits"
    [ ! -e tickets ] || fail "tickets/ written for a refused message"
    # Through a Maildir, it stays in new/.
    mkdir -p "$TEST_ROOT/md/new" "$TEST_ROOT/md/cur" "$TEST_ROOT/md/tmp"
    mv "$TEST_ROOT/big.eml" "$TEST_ROOT/md/new/big"
    run_hd receive --maildir "$TEST_ROOT/md"
    expect_rc 4
    [ -e "$TEST_ROOT/md/new/big" ] || fail "the refused message left new/"
    expect_eq "$(commit_count)" "$before" "commits"
    rm -f "$TEST_ROOT/md/new/big"
    expect_clean
}

test_attachment_limit_lists_big_ones_without_storing_them() {
    setup_desk
    sed -i 's/^attachment_limit = .*/attachment_limit = "1KB"/' hd.toml
    grep -q '^attachment_limit = "1KB"$' hd.toml || fail "no attachment_limit line in hd.toml"
    git commit -qam "attachments up to 1KB"
    "$PY" - "$TEST_ROOT/att.eml" <<'EOF'
import sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "Ana Lima <ana@example.org>"
m["Subject"] = "Logs attached"
m["Message-ID"] = "<att-1@example.org>"
m.set_content("The logs are attached.")
m.add_attachment(b"\x00\x01big" * 1000, maintype="application", subtype="octet-stream", filename="big.bin")
m.add_attachment(b"x" * 1024, maintype="text", subtype="plain", filename="exact.txt")
m.add_attachment(b"small\r\n" * 10, maintype="text", subtype="plain", filename="small.log")
open(sys.argv[1], "wb").write(m.as_bytes())
EOF
    run_hd_file "$TEST_ROOT/att.eml" receive --email --json
    expect_rc 0
    id=$(json_get "$OUT" 'j[0]["id"]')
    expect_eq "$(json_get "$OUT" 'j[0]["attachments"]')" 3 "attachments in the receipt"
    key=$(git hash-object "$TEST_ROOT/att.eml" | cut -c1-16)
    run_hd show "$id" --json
    expect_eq "$(json_get "$OUT" '"|".join(j["attachments"])')" \
        "big.bin (application/octet-stream, 5000 bytes; not stored: over the 1KB limit)|$id.d/$key/exact.txt (text/plain, 1024 bytes)|$id.d/$key/small.log (text/plain, 70 bytes)" \
        "attachments"
    d="tickets/${id:0:2}/$id.d/$key"
    [ ! -e "$d/big.bin" ] || fail "an attachment over the limit was stored"
    expect_eq "$(ls "$d" | tr '\n' ' ')" "exact.txt small.log " "stored attachments"
    cmp -s "$d/small.log" <(for i in $(seq 10); do printf 'small\r\n'; done) || fail "small.log changed"
    run_hd show "$id"
    expect_contains "$OUT" "Attachment:    big.bin (application/octet-stream, 5000 bytes; not stored: over the 1KB limit)"
    expect_clean
}

test_hostile_mail_is_shown_inert() {
    setup_desk
    run_hd_file "$MAIL/hostile-escapes-bidi.eml" receive --email
    expect_rc 0
    printf '%s' "$OUT" >"$TEST_ROOT/receive.out"
    expect_no_control "$TEST_ROOT/receive.out" "hd receive's output"
    id=${OUT:0:7}
    # A reply from the same sender, escapes in the subject and the body, and
    # attachment names that climb out of their folder or ring the bell.
    msgid=$(json_get "$(cat "$MAIL/hostile-escapes-bidi.expect.json")" 'j["message_id"]')
    cat >"$TEST_ROOT/reply.eml" <<EOF
From: =?utf-8?q?Eve_=1B=5B1mAdmin=1B=5B0m?= <eve@example.net>
To: support@desk.example.com
Subject: =?utf-8?q?Re=3A_=1B=5B2Jclear?=
In-Reply-To: <$msgid>
Message-ID: <hostile-2@example.net>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Look =1B]8;;http://evil.example.net=07here=1B]8;;=07 =07=07 =E2=80=AEexe.txt
--b1
Content-Type: text/plain
Content-Disposition: attachment; filename="../../../hd.toml"
Content-Transfer-Encoding: base64

Z290Y2hh
--b1
Content-Type: text/plain; name="=?utf-8?q?=1B=5B31mred=07.txt?="
Content-Disposition: attachment
Content-Transfer-Encoding: base64

cmluZw==
--b1--
EOF
    hd_toml=$(git hash-object hd.toml)
    run_hd_file "$TEST_ROOT/reply.eml" receive --email
    expect_rc 0
    expect_contains "$OUT" "$id  requester message"
    expect_eq "$(git hash-object hd.toml)" "$hd_toml" "hd.toml after an attachment named ../../../hd.toml"
    [ -z "$(git ls-files -- 'tickets/*hd.toml')" ] || fail "an attachment was stored as a .toml: $(git ls-files tickets)"
    git ls-files -z tickets | LC_ALL=C grep -zq $'[\x1b\x07]' && fail "a file name holds ESC or BEL"
    [ -n "$(git ls-files "tickets/${id:0:2}/$id.d/*/hd.toml_")" ] || fail "../../../hd.toml not kept as hd.toml_: $(git ls-files tickets)"
    "$HD" show "$id" >"$TEST_ROOT/show" 2>&1 || fail "hd show"
    expect_no_control "$TEST_ROOT/show" "hd show"
    "$HD" list >"$TEST_ROOT/list" 2>&1 || fail "hd list"
    expect_no_control "$TEST_ROOT/list" "hd list"
    git log >"$TEST_ROOT/log" 2>&1
    expect_no_control "$TEST_ROOT/log" "git log"
    git log --format=%B >"$TEST_ROOT/log.body" 2>&1
    expect_no_control "$TEST_ROOT/log.body" "git log --format=%B"
    # JSON keeps the exact text.
    run_hd show "$id" --json
    expect_eq "$(json_get "$OUT" 'j["title"]')" \
        "$(json_get "$(cat "$MAIL/hostile-escapes-bidi.expect.json")" 'j["subject_title"]')" "the exact title"
    expect_eq "$(json_get "$OUT" '"\x1b" in j["requester"]["name"] and "\x1b" in j["events"][0]["body"]')" True "exact text in JSON"
    run_hd check
    expect_rc 0
    expect_clean
}

test_automatic_mail_commits_nothing() {
    setup_desk
    before=$(commit_count)
    for f in autoreply-auto-submitted autoreply-x-autoreply bounce-dsn bulk-newsletter; do
        run_hd_file "$MAIL/$f.eml" receive --email
        expect_rc 0
        [[ "$OUT" == "skipped standard input: not a person's message ("*"); nothing recorded or sent" ]] ||
            fail "$f: $OUT"
    done
    local m="$TEST_ROOT/m" n=0
    while IFS='|' read -r header from; do
        n=$((n + 1))
        mail_msg "${from:-Ana Lima <ana@example.org>}" "Auto $n" "auto-$n@example.org" "$header" >"$m.$n"
        run_hd_file "$m.$n" receive --email --json
        expect_rc 0
        expect_eq "$(json_get "$OUT" 'j[0]["outcome"]')" automatic "'$header' from '$from'"
    done <<'EOF'
Auto-Submitted: auto-generated|
Auto-Submitted: auto-notified (vacation)|
Precedence: junk|
Precedence: list|
PRECEDENCE: Bulk|
X-Autorespond: yes|
Precedence: auto_reply|
|MAILER-DAEMON@mx.example.net
|Postmaster <postmaster@example.org>
EOF
    expect_eq "$(commit_count)" "$before" "commits"
    [ ! -e tickets ] || fail "tickets/ written"
    # multipart/report with no other sign, and Auto-Submitted: no is a person.
    printf 'From: Mail System <system@mx.example.net>\nSubject: Report\nMessage-ID: <report-1@example.net>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\nNot delivered.\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n--b1--\n' >"$m.report"
    run_hd_file "$m.report" receive --email --json
    expect_eq "$(json_get "$OUT" 'j[0]["outcome"]')" automatic "multipart/report"
    expect_eq "$(commit_count)" "$before" "commits"
    mail_msg "Ana Lima <ana@example.org>" "A person" "person-1@example.org" "Auto-Submitted: no" >"$m.person"
    run_hd_file "$m.person" receive --email --json
    expect_eq "$(json_get "$OUT" 'j[0]["outcome"]')" opened "Auto-Submitted: no"
    expect_eq "$(commit_count)" $((before + 1)) "commits"
    # A desk whose address is a group forwards people's requests with list
    # headers: those are people writing, not bulk mail.
    mail_msg "Bo Berg <bo@example.org>" "Through the group" "group-1@example.org" \
        "List-Id: Support <support.groups.example.net>" >"$m.group"
    run_hd_file "$m.group" receive --email --json
    expect_eq "$(json_get "$OUT" 'j[0]["outcome"]')" opened "List-Id from a person"
    expect_clean
}

test_mail_without_text_still_shows_its_files() {
    setup_desk
    # A scanner's mail: no subject, no text, one attachment.
    printf 'From: MFP 3rd floor <scanner@example.org>\nMessage-ID: <scan-1@example.org>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="scan-0001.pdf"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n' >"$TEST_ROOT/scan.eml"
    run_hd_file "$TEST_ROOT/scan.eml" receive --email
    expect_rc 0
    id=${OUT:0:7}
    expect_eq "$OUT" "$id  new ticket from MFP 3rd floor <scanner@example.org> (1 attachment): (no subject)" "text line"
    key=$(git hash-object "$TEST_ROOT/scan.eml" | cut -c1-16)
    expect_eq "$(cat "tickets/${id:0:2}/$id.d/$key/scan-0001.pdf")" "%PDF-1.4" "the attachment"
    run_hd check
    expect_rc 0
    # Its reply: text-less too.
    printf 'From: MFP 3rd floor <scanner@example.org>\nSubject: [hd:%s]\nMessage-ID: <scan-2@example.org>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="scan-0002.pdf"\n\n%%PDF-1.4\n--b--\n' "$id" >"$TEST_ROOT/scan2.eml"
    run_hd_file "$TEST_ROOT/scan2.eml" receive --email
    expect_rc 0
    expect_contains "$OUT" "$id  requester message from MFP 3rd floor"
    run_hd show "$id"
    expect_rc 0
    expect_contains "$OUT" "scan-0002.pdf (application/pdf, 8 bytes)"
    expect_eq "$(grep -c 'Original mail:' <<<"$OUT")" 2 "Original mail lines in hd show (the opening mail's and the reply's): $OUT"
    expect_contains "$OUT" "Attachment:    $id.d/$key/scan-0001.pdf (application/pdf, 9 bytes)"
    expect_clean
}

test_messages_without_a_message_id_are_known_by_their_bytes() {
    setup_desk
    printf 'From: Ana Lima <ana@example.org>\nSubject: No id\n\nFirst.\n' >"$TEST_ROOT/a.eml"
    printf 'From: Ana Lima <ana@example.org>\nSubject: No id\n\nSecond.\n' >"$TEST_ROOT/b.eml"
    run_hd_file "$TEST_ROOT/a.eml" receive --email
    expect_rc 0
    A=${OUT:0:7}
    run_hd_file "$TEST_ROOT/a.eml" receive --email
    expect_eq "$OUT" "$A  already recorded: standard input" "the same bytes again"
    run_hd_file "$TEST_ROOT/b.eml" receive --email
    expect_rc 0
    expect_contains "$OUT" "new ticket"
    expect_eq "$(commit_count)" 3 "commits"
    expect_clean
}

test_text_after_a_nul_byte_is_kept() {
    setup_desk
    # Base64 keeps any byte; a NUL pasted from a log must not end the message.
    b64=$(printf 'Hello,\n\nthe log shows \000 here and then\nthe rest of my message.\n\nAna\n' | base64 -w0)
    printf 'From: Ana Lima <ana@example.org>\nSubject: A NUL in the log\nMessage-ID: <nul-1@example.org>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n%s\n' "$b64" >"$TEST_ROOT/nul.eml"
    run_hd_file "$TEST_ROOT/nul.eml" receive --email
    expect_rc 0
    run_hd show "${OUT:0:7}" --json
    expect_contains "$(json_get "$OUT" 'j["body"]')" "the rest of my message."
    expect_clean
}

test_kept_files_are_the_bytes_received_under_autocrlf() {
    setup_desk
    git config core.autocrlf true
    run_hd_file "$MAIL/outlook-reply-de-crlf.eml" receive --email
    expect_rc 0
    run_hd_file "$MAIL/attachments-pdf-csv.eml" receive --email
    expect_rc 0
    id=${OUT:0:7}
    for f in $(git ls-files 'tickets/*.eml'); do
        git cat-file -p "HEAD:$f" | cmp -s - "$f" || fail "$f: HEAD's blob differs from the file"
    done
    csv=$(git -c core.quotePath=false ls-files "tickets/${id:0:2}/$id.d/*.csv")
    expect_eq "$(git cat-file -p "HEAD:$csv" | grep -c $'\r$')" 5 "CRLF rows of the CSV in HEAD"
    rm .git/index && git reset -q
    expect_clean
}

# Mail arrives in parallel: an MTA that delivers each copy with its own
# `hd receive --email`, or two `--maildir` runs from cron that overlap. The
# lock queues them, and each must decide on what the one before it
# recorded. The lock is held while they start, so they all wait on it.
while_locked() { # command...: runs it in the background 4 times while .git/hd.lock is held
    local holder i
    flock .git/hd.lock sleep 0.8 &
    holder=$!
    sleep 0.1
    PIDS=()
    for i in 1 2 3 4; do
        "$@" >"$TEST_ROOT/par.$i" 2>&1 </dev/null &
        PIDS+=($!)
    done
    wait "$holder"
}

test_parallel_deliveries_record_each_message_once() {
    setup_desk
    local i n before md="$TEST_ROOT/Maildir" problems=()
    while_locked sh -c '"$HD" receive --email <"$1"' sh "$MAIL/gmail-reply-en.eml"
    for i in "${PIDS[@]}"; do wait "$i" || problems+=("a parallel receive failed: $(cat "$TEST_ROOT"/par.*)"); done
    n=$(git ls-files 'tickets/*.toml' | wc -l)
    [ "$n" -eq 1 ] || problems+=("one message delivered 4 times at once made $n tickets")
    while_locked sh -c '"$HD" receive --email <"$1"' sh "$MAIL/outlook-reply-en-crlf.eml"
    for i in "${PIDS[@]}"; do wait "$i" || problems+=("a parallel receive failed: $(cat "$TEST_ROOT"/par.*)"); done
    n=$(git grep -F -c "kind = \"receive\"" HEAD -- tickets | awk -F: '{s += $NF} END {print s + 0}')
    [ "$n" -eq 1 ] || problems+=("one reply delivered 4 times at once made $n receive events")
    # Overlapping Maildir runs.
    maildir_with "$md" 1=new-request-qp-utf8 2=html-only-windows1252-crlf 3=reply-to-webform
    before=$(git ls-files 'tickets/*.toml' | wc -l)
    while_locked "$HD" receive --maildir "$md"
    for i in 1 2 3 4; do
        wait "${PIDS[$((i - 1))]}" || problems+=("maildir run $i: exit $?: $(tail -n 1 "$TEST_ROOT/par.$i")")
    done
    n=$(git ls-files 'tickets/*.toml' | wc -l)
    [ "$n" -eq $((before + 3)) ] || problems+=("4 overlapping Maildir runs of 3 new requests: $((n - before)) tickets")
    [ -z "$(ls "$md/new")" ] || problems+=("left in new/: $(ls "$md/new" | tr '\n' ' ')")
    [ "${#problems[@]}" -eq 0 ] || fail "$(printf '%s; ' "${problems[@]}")"
    expect_clean
}

# A desk and a Maildir beside it, both inside $TEMPLATE: a new request
# with two attachments, the requester's reply to it and a newsletter. The
# desk is kept to few files, as each kill point copies it.
kill_template() {
    command -v strace >/dev/null || fail "strace is needed (scripts/deps.sh installs it)"
    setup_desk
    rm -rf .git/hooks .git/description .git/logs
    git repack -adq && git prune-packed
    TEMPLATE="$TEST_ROOT/template"
    mkdir -p "$TEMPLATE"
    cd "$TEST_ROOT" && mv desk "$TEMPLATE/desk"
    maildir_with "$TEMPLATE/Maildir" 1.a=attachments-pdf-csv 3.c=bulk-newsletter
    FIRST=$(json_get "$(cat "$MAIL/attachments-pdf-csv.expect.json")" 'j["message_id"]')
    mail_msg "Jonas Becker <jonas.becker@example.org>" "Re: Lieferschein" "jonas-2@example.org" \
        "References: <$FIRST>" "Die Rechnung fehlt noch." >"$TEMPLATE/Maildir/new/2.b"
}

# After a killed run, `hd recover` and another run: every message recorded
# once, one commit each, the Maildir's new/ empty, nothing left behind.
expect_imported_once() { # where base-commits
    local where=$1 base=$2 counts
    counts=$(git grep -F -h -o -e "message_id = \"$FIRST\"" -e 'message_id = "jonas-2@example.org"' \
        -e news.example.net HEAD -- tickets | sort | uniq -c | awk '{print $1}' | tr '\n' ' ')
    [ "$counts" = "1 1 " ] || fail "$where: the messages are recorded $counts times: $(git grep -c -e message_id -e news.example HEAD -- tickets)"
    [ "$(git rev-list --count HEAD)" -eq $((base + 2)) ] || fail "$where: $(($(commit_count) - base)) commits, expected 2"
    local left=(../Maildir/new/*) done=(../Maildir/cur/*)
    [ ! -e "${left[0]}" ] || fail "$where: left in new/: ${left[*]}"
    [ "${done[*]}" = "../Maildir/cur/1.a:2,S ../Maildir/cur/2.b:2,S ../Maildir/cur/3.c:2,S" ] ||
        fail "$where: cur/ holds ${done[*]}"
    local kept
    kept=$(git ls-files 'tickets/*.d/*')
    [ "$(grep -c '\.d/[0-9a-f]\{16\}\.eml$' <<<"$kept")" -eq 2 ] &&
        [ "$(grep -c '\.d/[0-9a-f]\{16\}/' <<<"$kept")" -eq 2 ] || fail "$where: files kept: $kept"
    local stray
    stray=$(find . ../Maildir -name '*.hd-*.tmp' -o -name 'index.lock' -o -name '*.lock' -path './.git/refs/*' \
        -o -name 'hd-journal' | grep -v '^./.git/hd.lock$')
    [ -z "$stray" ] || fail "$where: left behind: $stray"
    [ -z "$(git status --porcelain)" ] || fail "$where: git status: $(git status --porcelain)"
    git fsck --strict --no-progress >/dev/null 2>&1 || fail "$where: git fsck"
}

test_kill_maildir_import_at_every_step() {
    kill_template
    local calls=write,rename,renameat2,link,unlink plan base killed=0 tries=0
    base=$(git -C "$TEMPLATE/desk" rev-list --count HEAD)
    cp -a "$TEMPLATE" "$TEST_ROOT/probe" && cd "$TEST_ROOT/probe/desk" || exit 1
    # hd's own calls only (no -f).
    strace -qq -o "$TEST_ROOT/trace" -e trace="$calls" "$HD" receive --maildir ../Maildir >/dev/null 2>&1 </dev/null ||
        fail "the probe run failed"
    expect_imported_once "the probe" "$base"
    cd "$TEST_ROOT" && rm -rf probe
    plan=$(for c in ${calls//,/ }; do echo "$c $(grep -c "^$c(" "$TEST_ROOT/trace")"; done)
    [ "$(awk '{s += $2} END {print s + 0}' <<<"$plan")" -gt 20 ] || fail "the probe saw almost no calls: $plan"
    while read -r call total; do
        for n in $(seq 1 "$total"); do
            tries=$((tries + 1))
            cp -a "$TEMPLATE" "$TEST_ROOT/run.$tries" && cd "$TEST_ROOT/run.$tries/desk" || exit 1
            local where="receive --maildir killed at $call #$n"
            # In a subshell, so bash does not report the kill.
            if (strace -qq -o /dev/null -e trace="$call" -e inject="$call:signal=KILL:when=$n" \
                "$HD" receive --maildir ../Maildir >/dev/null 2>&1 </dev/null; exit $?) 2>/dev/null; then
                cd "$TEST_ROOT" && continue
            fi
            killed=$((killed + 1))
            run_hd recover
            [ "$RC" -eq 0 ] || fail "$where: hd recover: $ERR"
            [ -z "$(git status --porcelain)" ] || fail "$where: git status after recover: $(git status --porcelain)"
            run_hd receive --maildir ../Maildir
            [ "$RC" -eq 0 ] || fail "$where: the second run: exit $RC: $OUT $ERR"
            expect_imported_once "$where" "$base"
            cd "$TEST_ROOT" || exit 1
        done
    done <<<"$plan"
    [ "$killed" -gt 20 ] || fail "only $killed of $tries runs were killed: $plan"
    echo "receive --maildir: $tries kill points, $killed killed"
}

test_mail_for_an_unreadable_ticket_is_refused_not_misfiled() {
    setup_desk
    id=$(new_ticket "Printer on fire")
    # A hand edit that breaks the file, committed.
    printf 'this is = = not toml\n' >>"$(ticket_path "$id")"
    git commit -qam "broken by hand" || fail commit
    before=$(commit_count)
    mail_msg "Ana Lima <ana@example.org>" "Re: still smoking [hd:$id]" "answer-1@example.org" >"$TEST_ROOT/a.eml"
    run_hd_file "$TEST_ROOT/a.eml" receive --email
    expect_rc 4
    expect_contains "$ERR" "cannot be read"
    expect_contains "$ERR" "whose file hd cannot read"
    expect_eq "$(commit_count)" "$before" "commits"
    [ "$(git ls-files -- tickets | grep -c '\.toml$')" -eq 1 ] || fail "a new ticket was opened"
}
