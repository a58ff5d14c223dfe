# hd report: SLA clocks on the example desk, in every output format.
#
# The expected outputs in expected/ were made by hd and then checked by hand
# against the SLA definitions; tickets-example/README.md says which ticket
# shows which case. After a deliberate change to the report or the example,
# HD_UPDATE_EXPECTED=1 makes the golden tests write the new outputs instead
# of comparing: read every changed line before committing them.

REPORT_NOW=2026-11-23T12:00:00Z

# The example desk, committed in a repository of its own, at the report time.
example_desk() {
    setup_repo
    cp -r "$E2E_DIR/../../tickets-example" "$TEST_ROOT/example"
    cd "$TEST_ROOT/example" || fail cd
    git init -q -b main
    git config user.name "Sam Agent"
    git config user.email sam@example.com
    { git add -A && git commit -qm example; } || fail "commit example"
    export HD_NOW=$REPORT_NOW
    # On GitHub Actions --format github also writes the job summary.
    unset GITHUB_STEP_SUMMARY
}

# report_to FILE ARGS...: hd report ARGS with stdout kept byte for byte in FILE.
report_to() {
    local file=$1
    shift
    "$HD" report "$@" >"$file" 2>"$TEST_ROOT/err" </dev/null
    RC=$?
    ERR=$(cat "$TEST_ROOT/err")
}

# golden FORMAT NAME: the example's report in FORMAT is expected/NAME.
golden() {
    local format=$1 expected="$E2E_DIR/expected/$2" got
    example_desk
    got="$TEST_ROOT/got"
    report_to "$got" --format "$format"
    expect_rc 0
    expect_eq "$ERR" "" "stderr"
    if [ -n "${HD_UPDATE_EXPECTED:-}" ]; then
        mkdir -p "$E2E_DIR/expected" && cp "$got" "$expected"
        return
    fi
    [ -f "$expected" ] || fail "no $expected"
    cmp -s "$got" "$expected" || fail "--format $format differs from expected/$2:
$(diff -u "$expected" "$got" | head -60)"
}

test_golden_text() { golden text report.txt; }
test_golden_json() { golden json report.json; }
test_golden_csv() { golden csv report.csv; }
test_golden_markdown() { golden markdown report.md; }
test_golden_junit() { golden junit report.xml; }
test_golden_github() { golden github report.github; }
test_golden_codequality() { golden codequality report.codequality.json; }
test_golden_html() { golden html report.html; }

test_json_parses_with_schema_and_locations() {
    example_desk
    report_to "$TEST_ROOT/r.json" --format json
    expect_rc 0
    python3 - "$TEST_ROOT/r.json" <<'EOF' || fail "JSON report"
import json, os, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
assert r["schema"] == "hd-report/1", r["schema"]
assert r["generated_at"] == "2026-11-23T12:00:00Z", r["generated_at"]
assert r["group_by"] == "priority"
assert [g["key"] for g in r["groups"]] == ["urgent", "high", "normal", "low"]
assert len(r["tickets"]) == r["totals"]["tickets"] == 30
assert r["findings"], "no findings"
for f in r["findings"]:
    assert os.path.isfile(f["path"]) and not os.path.isabs(f["path"]), f
    assert isinstance(f["line"], int) and f["line"] >= 1, f
    assert f["line"] <= len(open(f["path"], encoding="utf-8").read().splitlines()), f
    assert f["state"] in ("breached", "at-risk"), f
    assert ("past_seconds" in f) == (f["state"] == "breached"), f
breached = [f for f in r["findings"] if f["state"] == "breached"]
assert len(breached) == r["totals"]["open_breaches"] == 9
assert len(r["findings"]) - len(breached) == r["totals"]["at_risk"] == 3
clocks = {(t["id"], c["clock"]): c for t in r["tickets"] for c in t["clocks"]}
# Waiting on the requester: the resolution clock is paused and has no due time.
for paused in ["gnsbvkd", "1se2z4e", "3yfcy7m", "63n1sxf", "mx9qr26"]:
    c = clocks[(paused, "resolution")]
    assert c["state"] == "paused" and c["due"] is None, (paused, c)
# Written on the 2 November holiday, answered on Tuesday: 3h10m of office time.
c = clocks[("gfr5be7", "first-response")]
assert c["state"] == "met" and c["elapsed_seconds"] == 3 * 3600 + 600, c
# Written on Sunday, answered on Monday at 09:40: 40 minutes.
assert clocks[("3yfcy7m", "first-response")]["elapsed_seconds"] == 2400
# Urgent tickets run around the clock.
assert clocks[("146vh73", "first-response")]["elapsed_seconds"] == 29 * 3600 + 48 * 60
EOF
}

test_csv_parses_one_row_per_ticket() {
    example_desk
    report_to "$TEST_ROOT/r.csv" --format csv
    expect_rc 0
    run_hd list --all --ids
    printf '%s\n' "$OUT" >"$TEST_ROOT/ids"
    python3 - "$TEST_ROOT/r.csv" "$TEST_ROOT/ids" <<'EOF' || fail "CSV report"
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
header, body = rows[0], rows[1:]
assert header[0] == "id" and "first_response" in header and "resolution" in header, header
assert all(len(r) == len(header) for r in body), "ragged rows"
ids = sorted(open(sys.argv[2]).read().split())
assert len(ids) == 30 and sorted(r[0] for r in body) == ids, (len(body), len(ids))
row = {r[0]: dict(zip(header, r)) for r in body}
# Titles with quotes and commas come back whole.
assert row["gnsbvkd"]["title"] == 'Share link says "This link has expired" minutes after I made it'
assert row["r75p7r9"]["title"] == "Sync app quits right after opening (macOS, 4.9.0)"
assert row["kk83nsz"]["next_response"] == "breached", row["kk83nsz"]
assert row["ts4hx0w"]["periodic_update"] == "at-risk", row["ts4hx0w"]
assert row["dwqa701"]["first_response"] == "breached" and row["dwqa701"]["first_response_seconds"] == "31200"
assert row["zz8wnk2"]["first_response"] == "", "spam closed unanswered owes no first response"
EOF
}

test_junit_parses_with_elementtree() {
    example_desk
    report_to "$TEST_ROOT/r.xml" --format junit
    expect_rc 0
    report_to "$TEST_ROOT/r.json" --format json
    python3 - "$TEST_ROOT/r.xml" "$TEST_ROOT/r.json" <<'EOF' || fail "JUnit report (ElementTree)"
import json, sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
totals = json.load(open(sys.argv[2], encoding="utf-8"))["totals"]
assert root.tag == "testsuites", root.tag
cases = root.findall("./testsuite/testcase")
failures = root.findall("./testsuite/testcase/failure")
assert int(root.get("tests")) == len(cases) == 33, (root.get("tests"), len(cases))
assert int(root.get("failures")) == len(failures) == totals["open_breaches"] == 9
for suite in root.findall("testsuite"):
    assert int(suite.get("tests")) == len(suite.findall("testcase")), suite.get("name")
    assert int(suite.get("failures")) == len(suite.findall("testcase/failure")), suite.get("name")
names = [c.get("name") for c in cases]
assert "kh1mnpd resolution: My logo doesn't appear on invoices" in names, names
EOF
}

# Debian's python3-junitparser may belong to another python3 than the first
# on PATH.
junitparser_python() {
    local py
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null && "$py" -c 'import junitparser' 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    return 1
}

test_junit_parses_with_junitparser() {
    example_desk
    py=$(junitparser_python) || fail "no python3 with junitparser (Debian: python3-junitparser)"
    report_to "$TEST_ROOT/r.xml" --format junit
    expect_rc 0
    report_to "$TEST_ROOT/r.json" --format json
    "$py" - "$TEST_ROOT/r.xml" "$TEST_ROOT/r.json" <<'EOF' || fail "JUnit report (junitparser)"
import json, sys
from junitparser import Failure, JUnitXml
xml = JUnitXml.fromfile(sys.argv[1])
totals = json.load(open(sys.argv[2], encoding="utf-8"))["totals"]
failed = 0
for suite in xml:
    for case in suite:
        if any(isinstance(r, Failure) for r in case.result):
            failed += 1
            assert "missed by" in case.result[0].message, case.result[0].message
assert failed == totals["open_breaches"] == 9, failed
assert xml.failures == failed, xml.failures
EOF
}

test_codequality_is_gitlab_shaped() {
    example_desk
    report_to "$TEST_ROOT/r.cq" --format codequality
    expect_rc 0
    python3 - "$TEST_ROOT/r.cq" <<'EOF' || fail "codequality report"
import json, os, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(items, list) and len(items) == 12, items
for i in items:
    for k in ["description", "check_name", "fingerprint", "severity", "location"]:
        assert isinstance(i[k], (str, dict)) and i[k], (k, i)
    assert i["severity"] in {"info", "minor", "major", "critical", "blocker"}, i
    path = i["location"]["path"]
    assert os.path.isfile(path) and not os.path.isabs(path), i
    assert isinstance(i["location"]["lines"]["begin"], int) and i["location"]["lines"]["begin"] >= 1, i
assert len({i["fingerprint"] for i in items}) == len(items), "fingerprints repeat"
sev = {(i["description"].split()[0], i["check_name"]): i["severity"] for i in items}
assert sev[("sqanpzj", "hd-sla-resolution-breach")] == "critical"
assert sev[("g7vfnaj", "hd-sla-next-response-at-risk")] == "minor"
EOF
}

test_github_annotations() {
    example_desk
    report_to "$TEST_ROOT/r.gh" --format github
    expect_rc 0
    python3 - "$TEST_ROOT/r.gh" <<'EOF' || fail "github report"
import os, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert lines, "no output"
kinds = []
for line in lines:
    m = re.match(r"^::(error|warning|notice) ", line)
    assert m, line
    kinds.append(m.group(1))
    props = line[len(m.group(0)):].split("::", 1)[0]
    for prop in props.split(","):
        key, _, value = prop.partition("=")
        if key == "file":
            assert not os.path.isabs(value) and os.path.isfile(value), value
        if key in ("line", "endLine"):
            assert value.isdigit() and int(value) >= 1, line
assert kinds[0] == "notice" and kinds.count("notice") == 1, kinds
assert kinds.count("error") == 9 and kinds.count("warning") == 3, kinds
assert lines[0].endswith("::30 ticket(s): 9 SLA breach(es), 3 at risk"), lines[0]
EOF
    # The Markdown report goes to the job summary, after what is there.
    echo "# Earlier step" >"$TEST_ROOT/summary"
    GITHUB_STEP_SUMMARY="$TEST_ROOT/summary" report_to "$TEST_ROOT/r2.gh" --format github
    expect_rc 0
    cmp -s "$TEST_ROOT/r.gh" "$TEST_ROOT/r2.gh" || fail "annotations changed with a job summary"
    "$HD" report --format markdown >"$TEST_ROOT/r.md"
    { echo "# Earlier step" && cat "$TEST_ROOT/r.md"; } | cmp -s - "$TEST_ROOT/summary" ||
        fail "job summary: $(cat "$TEST_ROOT/summary")"
}

test_check_exit_codes() {
    example_desk
    run_hd report --check
    expect_rc 1
    expect_contains "$OUT" "BREACH"
    run_hd report --check --fail-on at-risk
    expect_rc 1
    run_hd report --check --fail-on breach --priority low
    expect_rc 0
    run_hd report
    expect_rc 0
}

test_check_passes_on_a_fresh_ticket() {
    setup_desk
    cp "$E2E_DIR/../../tickets-example/hd.toml" hd.toml
    git commit -qam "SLA policy" || fail "commit hd.toml"
    export HD_NOW=$REPORT_NOW
    id=$(new_ticket "Printer on fire")
    run_hd report --check
    expect_rc 0
    expect_contains "$OUT" "No breaches, nothing at risk."
    run_hd report --check --fail-on at-risk
    expect_rc 0
    # Six of its eight working hours have passed by Tuesday 09:30 in Lisbon
    # (Monday 12:00-17:30, Tuesday from 09:00): the first response is at risk.
    HD_NOW=2026-11-24T09:30:00Z run_hd report --check
    expect_rc 0
    HD_NOW=2026-11-24T09:30:00Z run_hd report --check --fail-on at-risk
    expect_rc 1
    expect_contains "$OUT" "$id first-response at risk, 2h left"
    # At 11:30 the eight hours are up, and a second later they are breached.
    HD_NOW=2026-11-24T11:30:00Z run_hd report --check
    expect_rc 0
    HD_NOW=2026-11-24T11:30:01Z run_hd report --check
    expect_rc 1
    expect_contains "$OUT" "$id first-response breached"
}

test_bad_option_values_are_usage_errors() {
    example_desk
    run_hd report --fail-on bogus
    expect_rc 2
    expect_contains "$ERR" "--fail-on 'bogus'"
    run_hd report --format bogus
    expect_rc 2
    expect_contains "$ERR" "--format 'bogus'"
    run_hd report --by bogus
    expect_rc 2
    run_hd report --priority bogus
    expect_rc 2
    run_hd report --since yesterday
    expect_rc 2
}

test_broken_ticket_reported_and_the_rest_still_counted() {
    example_desk
    broken=tickets/cy/cywat28.toml
    sed -i '3s/.*/title = "SAML sign-in loops/' "$broken"
    git commit -qam "break a ticket" || fail commit
    run_hd report
    expect_rc 4
    expect_contains "$OUT" "SLA report at 2026-11-23T12:00:00Z"
    expect_eq "$(echo "$OUT" | awk '$1 == "all" { print $2 }')" 29 "tickets counted"
    expect_contains "$ERR" "$broken:3:"
    [[ "$ERR" =~ $broken:3:[0-9]+: ]] || fail "no line and column: $ERR"
    run_hd report --format github
    expect_rc 4
    expect_contains "$OUT" "::notice title=hd report::29 ticket(s)"
    expect_contains "$OUT" "::error file=$broken,line=3,"
    run_hd report --format json
    expect_rc 4
    expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["tickets"]))')" 29 "tickets in JSON"
}

test_broken_ticket_annotation_line_when_the_path_has_a_colon() {
    setup_repo
    mkdir "sup:port" && cd "sup:port" || fail cd
    "$HD" init --name "Desk" >/dev/null || fail init
    id=$("$HD" new --title "T" --from "Ana <ana@example.org>" -m "hi") || fail new
    sed -i '3s/.*/title = "unterminated/' "tickets/${id:0:2}/$id.toml"
    git commit -qam "break it" || fail commit
    run_hd report --format github
    expect_rc 4
    expect_contains "$OUT" "::error file=sup%3Aport/tickets/${id:0:2}/$id.toml,line=3,col="
}

test_filters_change_the_groups() {
    example_desk
    report_json() { # ARGS: prints "key:tickets:breaches:at-risk ..." and the total
        run_hd report --format json "$@"
        expect_rc 0
        printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(" ".join("%s:%d:%d:%d" % (g["key"], g["tickets"], g["open_breaches"], g["at_risk"]) for g in r["groups"]), r["totals"]["tickets"])'
    }
    expect_eq "$(report_json)" "urgent:2:5:0 high:7:4:2 normal:16:0:1 low:5:0:0 30" "by priority"
    expect_eq "$(report_json --priority urgent)" "urgent:2:5:0 2" "--priority urgent"
    expect_eq "$(report_json --priority urgent --priority low)" "urgent:2:5:0 low:5:0:0 7" "two priorities"
    expect_eq "$(report_json --since 2026-11-15)" "urgent:2:5:0 high:3:0:1 normal:8:0:1 low:1:0:0 14" "--since"
    expect_eq "$(report_json --since 2026-11-15 --until 2026-11-20)" "urgent:1:3:0 normal:6:0:1 7" "--since --until"
    expect_eq "$(report_json --by agent)" \
        "(nobody):6:2:1 Inés Carvalho:5:0:1 Jonas Lindqvist:7:5:1 Priya Raman:5:0:0 Sam Okafor:7:2:0 30" "--by agent"
    expect_eq "$(report_json --by audience)" "client:12:7:1 end-user:18:2:2 30" "--by audience"
    expect_eq "$(report_json --agent 'Sam Okafor' --by agent)" "Sam Okafor:7:2:0 7" "--agent"
    run_hd report --by agent
    expect_rc 0
    expect_contains "$OUT" "agent  "
    expect_contains "$OUT" "Jonas Lindqvist"
}

test_codequality_fingerprints_are_stable() {
    example_desk
    fingerprints() { # HD_NOW
        HD_NOW=$1 "$HD" report --format codequality |
            python3 -c 'import json,sys; print("\n".join(sorted(i["fingerprint"] for i in json.load(sys.stdin))))'
    }
    first=$(fingerprints "$REPORT_NOW")
    [ "$(echo "$first" | wc -l)" -eq 12 ] || fail "expected 12 fingerprints: $first"
    expect_eq "$(fingerprints "$REPORT_NOW")" "$first" "fingerprints on a second run"
    # Half an hour later the same findings stand, with larger numbers.
    expect_eq "$(fingerprints 2026-11-23T12:30:00Z)" "$first" "fingerprints half an hour later"
    # Another clone of the same desk.
    git clone -q "$TEST_ROOT/example" "$TEST_ROOT/clone"
    cd "$TEST_ROOT/clone" || fail cd
    expect_eq "$(fingerprints "$REPORT_NOW")" "$first" "fingerprints in a clone"
}
