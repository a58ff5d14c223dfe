#!/usr/bin/env python3
"""Writes a `git fast-import` stream for a synthetic help desk to stdout.

Usage: gen_tickets.py N_TICKETS EVENTS_PER_TICKET [SEED]

The stream holds one commit on refs/heads/main with hd.toml and N ticket
files at tickets/<id[:2]>/<id>.toml. Everything is drawn from a seeded RNG,
so the same arguments always give the same repository (commit date aside,
which is fixed too). Standard library only.
"""

import random
import sys

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 7

REQUESTERS = [
    ("Ana Lima", "ana@example.org"),
    ("Bruno Costa", "bruno.costa@example.net"),
    ("Chloé Martin", "chloe@example.fr"),
    ("Dmitri Volkov", "dvolkov@example.com"),
    ("Eun-ji Park", "eunji.park@example.kr"),
    ("Fatima Zahra", "fatima@example.ma"),
    ("Gustav Lindqvist", "gustav@example.se"),
    ("Hana Novak", "hana.novak@example.cz"),
    ("Ibrahim Diallo", "ibrahim@example.sn"),
    ("Jonas Weber", "jonas.weber@example.de"),
    ("Kaito Sato", "kaito@example.jp"),
    ("Lucía Fernández", "lucia.f@example.es"),
    ("Mateo Rossi", "mateo@example.it"),
    ("Nadia Haddad", "nadia@example.lb"),
    ("Olumide Adeyemi", "olumide@example.ng"),
    ("Priya Raman", "priya.raman@example.in"),
    ("Quinn Taylor", "quinn@example.us"),
    ("Rosa Jiménez", "rosa@example.mx"),
    ("Søren Dahl", "soren@example.dk"),
    ("Tomás O'Brien", "tomas.obrien@example.ie"),
]

AGENTS = [
    "Sam Okafor <sam@example.com>",
    "Mei Chen <mei@example.com>",
    "Luca Bianchi <luca@example.com>",
    "Aisha Khan <aisha@example.com>",
    "Pedro Alves <pedro@example.com>",
    "Ingrid Berg <ingrid@example.com>",
]

SUBJECTS = [
    "Sync stalls on large folders",
    "Cannot log in after password reset",
    "Invoice shows the wrong VAT rate",
    "Export to CSV drops accented names",
    "Mobile app crashes when opening attachments",
    "Two-factor codes arrive late",
    "Shared calendar not visible to new team members",
    "Search returns no results for recent files",
    "Upload fails with a timeout on slow links",
    "Notifications sent twice",
    "Dark mode unreadable in the settings page",
    "API rate limit lower than the plan says",
    "Account locked after moving country",
    "Printer driver missing after update",
    "Backup job reports success but folder is empty",
    "Cannot remove a former employee from the workspace",
    "Webhook retries flood our endpoint",
    "Time zone wrong on exported reports",
    "Trial converted to paid without warning",
    "Keyboard shortcuts stopped working in the editor",
]

SUMMARIES = [
    "Sync stalls above 10k files",
    "Reset link logs in but session drops",
    "VAT applied at the domestic rate for an EU customer",
    "CSV export is not UTF-8",
    "Attachment viewer crashes on Android 14",
    "SMS codes delayed by several minutes",
    "Calendar permissions not inherited by new members",
    "Index lags behind uploads",
    "Uploads above 2 GB time out",
    "Duplicate notification e-mails",
]

REQUESTER_SENTENCES = [
    "Since this morning the problem happens every time I try again.",
    "I have already restarted the application and the computer, without any change.",
    "Our whole team is affected, so this is blocking work for about twenty people.",
    "The error message only says that something went wrong and to try later.",
    "It worked fine last week, before the update was installed.",
    "I attached a screenshot of what I see, in case it helps.",
    "We are on the business plan and I thought this was included.",
    "Could you please tell me whether this is a known issue on your side?",
    "I tried from another browser and from my phone, with the same result.",
    "The folder in question holds a bit more than twelve thousand files.",
    "Nothing in our network changed as far as our administrator knows.",
    "Please let me know if you need the log files or anything else from me.",
    "This is quite urgent for us because the quarter closes on Friday.",
    "I am not very technical, so step-by-step instructions would be welcome.",
    "A colleague on the same account does not seem to have the problem.",
]

AGENT_SENTENCES = [
    "Thank you for the detailed report, it makes this much easier to follow.",
    "I was able to reproduce the behaviour on a test account with the same settings.",
    "Could you send us the log file from the settings page, under Help, then Diagnostics?",
    "As a first step, please sign out on every device and sign in again.",
    "Our engineers are aware of the issue and a fix is planned for the next release.",
    "In the meantime you can work around it by splitting the folder into smaller ones.",
    "I have checked your account and the plan limits look correct on our side.",
    "Please try again now; we cleared a stale entry that was blocking the sync.",
    "If the problem comes back, simply reply to this message and I will reopen the case.",
    "I am sorry for the trouble this has caused your team this week.",
    "Could you confirm which version of the application is installed?",
    "The change has been applied and should be visible within the hour.",
]

NOTE_SENTENCES = [
    "Customer is on the legacy plan; billing rules differ from the current ones.",
    "Same symptom as two other tickets this week, probably the indexer again.",
    "Checked the server logs: repeated 504s from the upload gateway around 09:10.",
    "Do not promise a date for the fix, engineering has not scheduled it yet.",
    "Asked in the team channel whether anyone has seen this on Android 14.",
    "Account flagged for review last month, nothing relevant in the history.",
    "Reproduced with a fresh account; attaching the steps to the engineering ticket.",
]

NEXT_STEPS = [
    "Engineering will investigate the indexer lag; we will write back within two working days.",
    "The billing team reviews the VAT rule for EU customers; expect an answer this week.",
    "A developer looks at the crash reports from your device; no action needed from you.",
    "The infrastructure team checks the upload gateway limits; we will keep you posted.",
]

EXPLAIN = {
    "workaround": "Splitting the folder below ten thousand files avoids the stall until the fix ships.",
    "wont-fix": "The old export format is kept for compatibility; the new one is available under Settings.",
    "duplicate": "The same request is tracked in an earlier ticket from this requester.",
    "no-response": "No answer after two follow-ups; closing, a reply will reopen the ticket.",
}

OFFSETS = [("+01:00", 60), ("+02:00", 120), ("+00:00", 0), ("-05:00", -300),
           ("+05:30", 330), ("+09:00", 540), ("-03:00", -180)]

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def days_to_civil(z):
    """Days since 1970-01-01 to (year, month, day); H. Hinnant's algorithm."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y, m, d)


def rfc3339(epoch, offset):
    """Local time for the UTC epoch seconds at the given (text, minutes) offset."""
    text, minutes = offset
    local = epoch + minutes * 60
    days, secs = divmod(local, 86400)
    y, m, d = days_to_civil(days)
    return "%04d-%02d-%02dT%02d:%02d:%02d%s" % (
        y, m, d, secs // 3600, secs % 3600 // 60, secs % 60, text)


def paragraph(rng, pool, lo, hi):
    """A few sentences, wrapped at about 72 columns."""
    words = " ".join(rng.sample(pool, rng.randint(lo, hi))).split(" ")
    lines, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > 72:
            lines.append(line)
            line = w
        else:
            line = line + " " + w if line else w
    lines.append(line)
    return "\n".join(lines)


def basic(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def multiline(s):
    return '"""\n' + s + '\n"""'


def event_text(kind, at, by, body, extra=()):
    out = ["\n[[event]]\nkind = ", basic(kind), "\nat = ", at, "\nby = ", basic(by), "\n"]
    for k, v in extra:
        out += [k, " = ", v, "\n"]
    if body:
        out += ["body = ", multiline(body), "\n"]
    return "".join(out)


def plan_events(rng, n):
    """Event kinds for one ticket, ending in a mix of final statuses."""
    final = rng.random()
    if final < 0.55:
        target = "closed"
    elif final < 0.72:
        target = "waiting"
    elif final < 0.87:
        target = "open"
    elif final < 0.95:
        target = "escalated"
    else:
        target = "new"
    if target == "new":
        return ["note" if rng.random() < 0.7 else "receive" for _ in range(n)]
    kinds, turn, followups = [], "us", 0
    for _ in range(n - 1):
        r = rng.random()
        if turn == "us":
            if r < 0.65:
                kinds.append("reply")
                turn, followups = "requester", 0
            else:
                kinds.append("note")
        else:
            if r < 0.6:
                kinds.append("receive")
                turn = "us"
            elif r < 0.8 and followups < 2:
                followups += 1
                kinds.append("followup%d" % followups)
            else:
                kinds.append("note")
    if target == "closed":
        kinds.append("close")
    elif target == "waiting":
        kinds.append("reply" if turn == "us" or followups >= 2 else "followup%d" % (followups + 1))
    elif target == "open":
        if "reply" not in kinds and "followup1" not in kinds and kinds:
            kinds[0] = "reply"
        kinds.append("receive")
    else:
        kinds.append("escalate")
    return kinds


def ticket_file(rng, tid, created, n_events):
    name, email = rng.choice(REQUESTERS)
    offset = rng.choice(OFFSETS)
    title = rng.choice(SUBJECTS)
    head = [
        "# Ticket %s. Edit freely: hd appends events below and never rewrites what is here.\n" % tid,
        "id = ", basic(tid), "\n",
        "title = ", basic(title), "\n",
        "created = ", rfc3339(created, offset), "\n",
        "requester = { name = ", basic(name), ", email = ", basic(email), " }\n",
        "audience = ", basic("client" if rng.random() < 0.3 else "end-user"), "\n",
        "priority = ", basic(rng.choices(["low", "normal", "high", "urgent"], [2, 6, 2, 1])[0]), "\n",
    ]
    if rng.random() < 0.6:
        head += ["summary = ", basic(rng.choice(SUMMARIES)), "\n"]
    if rng.random() < 0.25:
        head += ["tags = [", ", ".join(basic(t) for t in rng.sample(
            ["billing", "sync", "mobile", "login", "export", "vip"], rng.randint(1, 2))), "]\n"]
    head += ["body = ", multiline(paragraph(rng, REQUESTER_SENTENCES, 3, 6)), "\n"]

    requester = "%s <%s>" % (name, email)
    agent = rng.choice(AGENTS)
    at = created
    parts = ["".join(head)]
    for kind in plan_events(rng, n_events):
        at += rng.randint(600, 3 * 86400)
        stamp = rfc3339(at, offset)
        if kind == "receive":
            parts.append(event_text("receive", stamp, requester,
                                    paragraph(rng, REQUESTER_SENTENCES, 2, 5)))
        elif kind == "reply":
            extra = [("ask", "true")] if rng.random() < 0.3 else []
            parts.append(event_text("reply", stamp, agent,
                                    paragraph(rng, AGENT_SENTENCES, 2, 5), extra))
        elif kind == "note":
            parts.append(event_text("note", stamp, rng.choice(AGENTS),
                                    paragraph(rng, NOTE_SENTENCES, 1, 3)))
        elif kind.startswith("followup"):
            parts.append(event_text("followup", stamp, agent,
                                    paragraph(rng, AGENT_SENTENCES, 1, 3),
                                    [("followup", kind[-1])]))
        elif kind == "escalate":
            parts.append(event_text("escalate", stamp, agent,
                                    paragraph(rng, AGENT_SENTENCES, 1, 3),
                                    [("to", basic("ENG-%d" % rng.randint(1, 4000))),
                                     ("next_steps", basic(rng.choice(NEXT_STEPS)))]))
        elif kind == "close":
            res = rng.choices(["solved", "workaround", "wont-fix", "duplicate", "no-response"],
                              [70, 12, 6, 6, 6])[0]
            extra = [("resolution", basic(res))]
            if res in EXPLAIN:
                extra.append(("explain", basic(EXPLAIN[res])))
            if res == "duplicate":
                # Any well-formed id will do: the bench never follows it.
                extra.append(("of", basic("".join(rng.choice(ALPHABET) for _ in range(7)))))
            body = paragraph(rng, AGENT_SENTENCES, 1, 3) if res != "no-response" else ""
            parts.append(event_text("close", stamp, agent, body, extra))
    return "".join(parts)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20260302
    rng = random.Random(seed)
    out = sys.stdout.buffer

    ids = set()
    while len(ids) < n:
        ids.add("".join(rng.choice(ALPHABET) for _ in range(ID_LENGTH)))

    start = 1704067200  # 2024-01-01T00:00:00Z
    span = 2 * 365 * 86400
    commit_time = start + span + 30 * 86400

    def blob(data):
        out.write(b"data %d\n" % len(data))
        out.write(data)
        out.write(b"\n")

    msg = ("Import %d generated tickets for benchmarks\n" % n).encode()
    out.write(b"commit refs/heads/main\n")
    out.write(b"author Bench <bench@example.org> %d +0000\n" % commit_time)
    out.write(b"committer Bench <bench@example.org> %d +0000\n" % commit_time)
    blob(msg)
    out.write(b"M 100644 inline hd.toml\n")
    blob(b'[desk]\nname = "Bench"\n')
    lo = max(1, per - 3)
    hi = per + (per - lo)  # symmetric, so the mean is `per`
    for tid in sorted(ids):
        created = start + rng.randrange(span)
        text = ticket_file(rng, tid, created, rng.randint(lo, hi)).encode()
        out.write(b"M 100644 inline tickets/%s/%s.toml\n" % (tid[:2].encode(), tid.encode()))
        blob(text)
    out.write(b"\ndone\n")


if __name__ == "__main__":
    main()
