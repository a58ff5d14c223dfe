# Hostile text: requesters' words (and hand-edited ticket files) full of
# terminal escapes, bidi overrides, NUL, noncharacters, formula payloads and
# markup go through every command that shows them. People's formats must
# show them inertly; machine formats must parse with real parsers, and JSON
# must give back the exact text.

HOSTILE="$E2E_DIR/../data/hostile"

# The Debian python3 that has junitparser (deps.sh installs it there).
hostile_python() {
    local py
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null && "$py" -c 'import junitparser, tomllib' 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    fail "no python3 with junitparser and tomllib (Debian: python3-junitparser)"
}

# expect_inert FILE WHAT: FILE (output for people) holds no character that a
# terminal or a browser would act on: C0 controls but tab and line feed,
# DEL, C1 controls, bidi embeddings, overrides and isolates, U+2028/U+2029.
expect_inert() {
    "$PY" - "$1" "$2" <<'EOF' || fail "$2 is not inert"
import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8")  # people's output is UTF-8 too
bad = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
if m := bad.search(text):
    i = m.start()
    line = text.count("\n", 0, i) + 1
    sys.exit(f"{sys.argv[2]}: raw U+{ord(text[i]):04X} on line {line}: {text[max(0, i - 40):i + 40]!r}")
EOF
}

# hd_to FILE ARGS...: runs hd with stdout kept byte for byte in FILE.
hd_to() {
    local file=$1
    shift
    "$HD" "$@" >"$file" 2>"$TEST_ROOT/err" </dev/null
    RC=$?
    ERR=$(cat "$TEST_ROOT/err")
}

# A desk holding the hand-written hostile ticket h0st11e and tickets made by
# hd from the corpus: titles from escapes, formulas and markup, bodies with
# -F, a note and a message from the requester with -F.
hostile_desk() {
    setup_desk
    PY=$(hostile_python)
    export HD_NOW=2026-11-02T09:00:00+01:00
    mkdir -p tickets/h0
    cp "$HOSTILE/h0st11e.toml" tickets/h0/h0st11e.toml
    git add tickets && git commit -qm "a hostile ticket, by hand" || fail "commit by hand"
    ESC_TITLE=$(head -n 1 "$HOSTILE/escapes.txt")
    esc=$("$HD" new --title "$ESC_TITLE" --from "Ana Lima <ana@example.org>" --priority urgent \
        --summary "$(sed -n 2p "$HOSTILE/escapes.txt")" --tag "$(printf 'x\033[31m')" \
        -F "$HOSTILE/escapes.txt") || fail "hd new -F escapes"
    "$HD" note "$esc" -F "$HOSTILE/bidi.txt" >/dev/null || fail "hd note -F bidi"
    "$HD" receive "$esc" -F "$HOSTILE/noncharacters.txt" >/dev/null || fail "hd receive -F"
    "$HD" new --title "$(head -n 1 "$HOSTILE/bidi.txt")" --from "Bo <bo@example.org>" \
        --priority high -F "$HOSTILE/10k-lines.txt" >/dev/null || fail "hd new 10k lines"
    "$HD" new --title "$(cat "$HOSTILE/markup.txt")" --from "Cy <cy@example.org>" \
        --priority urgent -F "$HOSTILE/long-line.txt" >/dev/null || fail "hd new long line"
    while IFS= read -r title; do
        "$HD" new --title "$title" --from "Di <di@example.org>" --priority urgent \
            -m "formula" >/dev/null || fail "hd new $title"
    done <"$HOSTILE/formulas.txt"
    # Three weeks on: every clock of every ticket has run out.
    export HD_NOW=2026-11-23T12:00:00Z
}

test_list_and_show_are_inert() {
    hostile_desk
    hd_to "$TEST_ROOT/list" list
    expect_rc 0
    expect_inert "$TEST_ROOT/list" "hd list"
    expect_contains "$(cat "$TEST_ROOT/list")" "␛[31mred␛[0m"
    expect_contains "$(cat "$TEST_ROOT/list")" "NUL␀ ESC␛[2J BEL␇ DEL␡ CSI<U+009B>31m RLO<U+202E>"
    # Every row is one line, however the title and name try to break it.
    expect_eq "$(wc -l <"$TEST_ROOT/list" | tr -d ' ')" 10 "list lines"
    for id in "$esc" h0st11e; do
        hd_to "$TEST_ROOT/show.$id" show "$id"
        expect_rc 0
        expect_inert "$TEST_ROOT/show.$id" "hd show $id"
    done
    show=$(cat "$TEST_ROOT/show.$esc")
    expect_contains "$show" "Summary:   Window title: ␛]0;hd owned␇ and ␛]2;again␛\\."
    expect_contains "$show" "Tags:      x␛[31m"
    expect_contains "$show" "  Carriage return: Approved␍Denied  ."
    expect_contains "$show" "$(printf '\tIndented with a tab')"
    expect_contains "$show" "  │ Refund approved for <U+202E>TESREVER<U+202C> order 42."
    expect_contains "$show" "$(printf '  Noncharacters: [\357\277\276]')"
    show=$(cat "$TEST_ROOT/show.h0st11e")
    expect_contains "$show" "NUL␀ ESC␛[2J BEL␇ DEL␡ CSI<U+009B>31m RLO<U+202E>evil<U+202C> next␊line"
    expect_contains "$show" "Requester: Mallory␛]0;owned␇ <U+202E>yrollam<U+202C>␊second line"
    expect_contains "$show" "Summary:   restated␛[31m<U+202E>"
    expect_contains "$show" "tag␛[5m, bidi<U+202E>"
    expect_contains "$show" "First line with NUL␀ and ESC␛[1m."
    expect_contains "$show" "Approved␍Denied"
    expect_contains "$show" "Eve␛[8m hidden␛[0m"
    expect_contains "$show" "restated: restated␛[31m<U+202E>"
    expect_contains "$show" "escalated to ENG-1␛[2J␇␊hd: no problems"
    expect_contains "$show" "assigned to Trudy␛[2J<U+202E> <trudy@example.org>"
    hd_to "$TEST_ROOT/list" list --requester mallory
    expect_contains "$(cat "$TEST_ROOT/list")" "Mallory␛]0;owned␇ <U+"
}

# JSON escapes what it must itself and gives back every character exactly.
test_json_round_trips_exact_text() {
    hostile_desk
    hd_to "$TEST_ROOT/h.json" show h0st11e --json
    expect_rc 0
    hd_to "$TEST_ROOT/e.json" show "$esc" --json
    expect_rc 0
    hd_to "$TEST_ROOT/l.json" list --json
    expect_rc 0
    "$PY" - "$HOSTILE" "$TEST_ROOT" "$ESC_TITLE" <<'EOF' || fail "JSON round trip"
import json, sys, tomllib
corpus, root, esc_title = sys.argv[1:]
want = tomllib.load(open(f"{corpus}/h0st11e.toml", "rb"))
h = json.load(open(f"{root}/h.json", encoding="utf-8"))
assert h["title"] == want["title"] and "\0" in h["title"], repr(h["title"])
assert h["requester"] == want["requester"], h["requester"]
assert h["summary"] == "restated\x1b[31m\u202e", h["summary"]
assert h["tags"] == want["tags"], h["tags"]
assert h["body"] == want["body"].rstrip("\n"), repr(h["body"])
assert [e["body"] for e in h["events"]][0] == want["event"][0]["body"]
assert h["events"][0]["by"] == want["event"][0]["by"]
assert h["events"][2]["to"] == want["event"][2]["to"]

def given(name):
    return open(f"{corpus}/{name}", encoding="utf-8", newline="").read().rstrip("\n\r \t")

e = json.load(open(f"{root}/e.json", encoding="utf-8"))
assert e["title"] == esc_title, repr(e["title"])
assert e["body"] == given("escapes.txt"), repr(e["body"])
assert e["events"][0]["body"] == given("bidi.txt"), repr(e["events"][0]["body"])
assert e["events"][1]["body"] == given("noncharacters.txt"), repr(e["events"][1]["body"])
listed = {t["id"]: t for t in json.load(open(f"{root}/l.json", encoding="utf-8"))}
assert listed["h0st11e"]["title"] == want["title"]
assert listed["h0st11e"]["requester"] == want["requester"]
titles = {t["title"] for t in listed.values()}
for line in open(f"{corpus}/formulas.txt", encoding="utf-8"):
    assert line.rstrip("\n") in titles, line
assert open(f"{corpus}/markup.txt", encoding="utf-8").read().rstrip("\n") in titles
EOF
    # Characters a terminal would act on are \u escapes, never raw bytes.
    for f in h e l; do expect_inert "$TEST_ROOT/$f.json" "--json ($f)"; done
}

test_check_and_followup_are_inert() {
    hostile_desk
    hd_to "$TEST_ROOT/check" check
    expect_rc 1
    printf '%s' "$ERR" >"$TEST_ROOT/check.err"
    expect_inert "$TEST_ROOT/check.err" "hd check (stderr)"
    expect_contains "$ERR" "escalated to ENG-1␛[2J␇␊hd: no problems without"
    # One problem a line: a line break in the file cannot forge another.
    expect_eq "$(grep -cv '^practice: tickets/' "$TEST_ROOT/check.err")" 0 "lines not naming a file"
    hd_to "$TEST_ROOT/check.json" check --json
    "$PY" -c 'import json,sys; j=json.load(open(sys.argv[1])); assert any("ENG-1\x1b[2J\x07\nhd: no problems" in p["message"] for p in j["problems"]), j' \
        "$TEST_ROOT/check.json" || fail "check --json lost the exact text"
    # A reply makes the escapes ticket wait on the requester; days later it is due a follow-up.
    HD_NOW=2026-11-23T12:00:00Z "$HD" reply "$esc" --template none --no-lint -m "Which printer?" \
        >/dev/null || fail reply
    HD_NOW=2026-11-30T12:00:00Z hd_to "$TEST_ROOT/followup" followup
    expect_rc 0
    expect_contains "$(cat "$TEST_ROOT/followup")" "$esc"
    expect_inert "$TEST_ROOT/followup" "hd followup"
    HD_NOW=2026-11-30T12:00:00Z hd_to "$TEST_ROOT/dry" followup "$esc" --dry-run
    expect_rc 0
    expect_inert "$TEST_ROOT/dry" "hd followup --dry-run"
}

# Errors name what was typed, inertly.
test_errors_are_inert() {
    setup_desk
    PY=$(hostile_python)
    run_hd show "$(printf 'zz\033]0;owned\007')"
    expect_rc 3
    printf '%s' "$ERR" >"$TEST_ROOT/err.txt"
    expect_inert "$TEST_ROOT/err.txt" "not-found error"
    run_hd new --title "$(printf 'a\033[2J')" --from "Ana Lima" -m x
    expect_rc 2
    printf '%s' "$ERR" >"$TEST_ROOT/err.txt"
    expect_inert "$TEST_ROOT/err.txt" "usage error"
}

test_new_from_refuses_control_characters() {
    setup_desk
    before=$(commit_count)
    for from in $'Ana\nLima <ana@example.org>' $'Ana <ana@example.org>\n' $'Ana\033[2J <ana@example.org>' \
        $'Ana <ana\r@example.org>' $'Ana \u202e <ana@example.org>' $'Ana\t<ana@example.org>' \
        $'Ana \u0085 <ana@example.org>'; do
        run_hd new --title "Printer" --from "$from" -m "It smokes."
        expect_rc 2
        expect_contains "$ERR" "--from"
        printf '%s' "$ERR" >"$TEST_ROOT/err.txt"
        PY=$(hostile_python)
        expect_inert "$TEST_ROOT/err.txt" "error for --from"
    done
    expect_eq "$(commit_count)" "$before" "commits"
    expect_clean
}

test_report_for_people_is_inert() {
    hostile_desk
    for by in priority agent; do
        hd_to "$TEST_ROOT/r.txt" report --by "$by" --limit 0
        expect_rc 0
        expect_inert "$TEST_ROOT/r.txt" "report text --by $by"
        hd_to "$TEST_ROOT/r.md" report --format markdown --by "$by" --limit 0
        expect_rc 0
        expect_inert "$TEST_ROOT/r.md" "report markdown --by $by"
    done
    expect_contains "$(cat "$TEST_ROOT/r.txt")" "NUL␀ ESC␛[2J"
    # Markdown: every table row keeps its cells, and no markup of the
    # requester's becomes an image, a link, HTML or emphasis.
    "$PY" - "$TEST_ROOT/r.md" <<'EOF' || fail "markdown breaks out"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
rows = [l for l in text.splitlines() if l.startswith("|")]
assert any("h0st11e" in r for r in rows), text
cells = lambda r: len(re.findall(r"(?<!\\)\|", r)) - 1
findings = [r for r in rows if r.startswith("| `")]
assert findings and all(cells(r) == 7 for r in findings), [r for r in findings if cells(r) != 7]
# What is left once every backslash-escaped character is taken out.
plain = [re.sub(r"\\.", "", r) for r in findings]
for bad in ["<img", "<script", "![", "](", "**bold**", "`code`", "&amp;", "<U+"]:
    assert all(bad not in r for r in plain), (bad, plain)
EOF
    # As the job summary on GitHub Actions, too.
    GITHUB_STEP_SUMMARY="$TEST_ROOT/summary.md" hd_to "$TEST_ROOT/r.gh" report --format github
    expect_inert "$TEST_ROOT/summary.md" "job summary"
}

test_report_for_machines_parses() {
    hostile_desk
    for f in json csv junit github codequality; do
        hd_to "$TEST_ROOT/r.$f" report --format "$f"
        expect_rc 0
    done
    "$PY" - "$HOSTILE" "$TEST_ROOT" <<'EOF' || fail "machine formats"
import csv, json, re, sys, tomllib
import xml.etree.ElementTree as ET
from junitparser import JUnitXml
corpus, root = sys.argv[1:]
hostile_title = tomllib.load(open(f"{corpus}/h0st11e.toml", "rb"))["title"]
formulas = [l.rstrip("\n") for l in open(f"{corpus}/formulas.txt", encoding="utf-8")]

# JSON: the exact titles.
r = json.load(open(f"{root}/r.json", encoding="utf-8"))
titles = {t["id"]: t["title"] for t in r["tickets"]}
assert titles["h0st11e"] == hostile_title, repr(titles["h0st11e"])
assert any(f["title"] == hostile_title for f in r["findings"])

# CSV: one row per ticket; text that a spreadsheet would run is quoted text.
with open(f"{root}/r.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
header, body = rows[0], rows[1:]
assert len(body) == len(titles) and all(len(x) == len(header) for x in body)
col = {name: i for i, name in enumerate(header)}
for row in body:
    for name in ["title", "agent", "path"]:
        assert row[col[name]][:1] not in ("=", "+", "-", "@", "\t", "\r"), (name, row)
    for name in ["first_response_seconds", "resolution_seconds"]:
        assert row[col[name]] == "" or re.fullmatch(r"-?\d+", row[col[name]]), row
csv_titles = {x[col["id"]]: x[col["title"]] for x in body}
for t in formulas:
    ids = [i for i, v in titles.items() if v == t]
    assert len(ids) == 1, t
    assert csv_titles[ids[0]] == "'" + t, (t, csv_titles[ids[0]])
raw = open(f"{root}/r.csv", encoding="utf-8").read()
assert "\x1b" not in raw and "\0" not in raw, "controls in CSV"

# JUnit: XML 1.0 characters only, parsed by two parsers.
xml_text = open(f"{root}/r.junit", encoding="utf-8").read()
for ch in ["\ufffe", "\uffff", "\0", "\x1b", "\x07"]:
    assert ch not in xml_text, f"U+{ord(ch):04X} in JUnit"
tree = ET.parse(f"{root}/r.junit")
names = [c.get("name") for c in tree.getroot().iter("testcase")]
assert any(n.startswith("h0st11e ") for n in names), names
assert sum(1 for _ in JUnitXml.fromfile(f"{root}/r.junit")) == 4

# GitHub workflow commands: one command a line, nothing escapes its value.
lines = open(f"{root}/r.github", encoding="utf-8").read().split("\n")
assert lines[-1] == "", "ends with a newline"
prop = r"[A-Za-z]+=[^,:\r\n]*"
cmd = re.compile(rf"::(error|warning|notice) {prop}(,{prop})*::[^\r\n]*")
for l in lines[:-1]:
    assert cmd.fullmatch(l), repr(l)
assert len(lines) - 1 == 1 + len(r["findings"]), (len(lines), len(r["findings"]))
assert not any(l.startswith("::error file=x") for l in lines)

# GitLab Code Quality: JSON; the description is for people, so shown inert.
cq = json.load(open(f"{root}/r.codequality", encoding="utf-8"))
assert any("h0st11e" in i["description"] and "NUL\u2400 ESC\u241b[2J" in i["description"] for i in cq)
assert not any("\x1b" in i["description"] for i in cq)
EOF
    # What CI shows people (annotations, test names, findings) cannot act either.
    for f in json junit github codequality; do expect_inert "$TEST_ROOT/r.$f" "report --format $f"; done
}

# A 20 MB message goes in with -F and out through show, list and report.
test_huge_body() {
    setup_desk
    PY=$(hostile_python)
    "$PY" - "$TEST_ROOT/big.txt" <<'EOF'
import sys
line = "A very long message \x1b[31m with escapes \u202e and text, over and over.\n"
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    f.write(line * (20_000_000 // len(line.encode()) + 1))
EOF
    id=$("$HD" new --title "Huge" --from "Ana Lima <ana@example.org>" -F "$TEST_ROOT/big.txt") ||
        fail "hd new -F 20 MB"
    expect_clean
    hd_to "$TEST_ROOT/show" show "$id"
    expect_rc 0
    [ "$(wc -c <"$TEST_ROOT/show")" -gt 20000000 ] || fail "show lost text"
    expect_inert "$TEST_ROOT/show" "hd show (20 MB)"
    hd_to "$TEST_ROOT/list" list
    expect_rc 0
    expect_contains "$(cat "$TEST_ROOT/list")" "Huge"
    hd_to "$TEST_ROOT/report" report
    expect_rc 0
}

test_report_html_is_inert() {
    hostile_desk
    hd_to "$TEST_ROOT/r.html" report --format html --limit 0
    expect_rc 0
    expect_inert "$TEST_ROOT/r.html" "report html"
    out=$(tidy -errors -q "$TEST_ROOT/r.html" 2>&1) || fail "tidy: $out"
    [ -z "$out" ] || fail "tidy: $out"
    # Whatever the corpus holds, the page has no element or attribute of
    # the requesters' making; their markup is text.
    "$PY" - "$E2E_DIR" "$TEST_ROOT/r.html" <<'EOF' || fail "html breaks out"
import re, sys
sys.path.insert(0, sys.argv[1])
from html_dom import read
text = open(sys.argv[2], encoding="utf-8").read()
page = read(sys.argv[2])
assert not re.search(r"<(script|img|iframe)", text, re.I), "raw markup"
assert {t for t, _ in page.elements} <= {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "time",
    "main", "section", "ul", "li", "span", "div", "table", "thead", "tbody", "tr", "th", "td",
    "code", "a", "bdi", "figure", "figcaption", "svg", "g", "line", "text", "path", "circle",
    "rect", "footer"}, {t for t, _ in page.elements}
assert all(not k.startswith("on") for _, a in page.elements for k in a)
assert "&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in text
assert "NUL␀ ESC␛[2J" in text and "RLO&lt;U+202E&gt;" in text
EOF
}
