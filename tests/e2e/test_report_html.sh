# hd report --format html: the dashboard of the example desk, checked as
# HTML (tidy), against the JSON report of the same moment, against reports
# --as-of each week's end, and in a real browser (headless Chromium): every
# chart is there, the numbers are the report's, screenshots show something,
# a phone does not scroll sideways, and nothing reaches the console.

source "$E2E_DIR/test_report.sh"

# The example desk's dashboard in $TEST_ROOT/r.html, and its JSON reports
# (by priority and by agent) at the same moment.
example_html() {
    example_desk
    report_to "$TEST_ROOT/r.html" --format html "$@"
    expect_rc 0
    expect_eq "$ERR" "" "stderr"
    report_to "$TEST_ROOT/r.json" --format json
    report_to "$TEST_ROOT/agents.json" --format json --by agent
}

# tidy_clean FILE: the HTML checker finds neither errors nor warnings.
tidy_clean() {
    command -v tidy >/dev/null || fail "no tidy (Debian: tidy; scripts/deps.sh installs it)"
    local out
    out=$(tidy -errors -q "$1" 2>&1)
    local rc=$?
    [ $rc -eq 0 ] && [ -z "$out" ] || fail "tidy on $1 (exit $rc): $(echo "$out" | head -20)"
}

# numbers_match_json PAGE: the page's cards, tables and findings hold the
# JSON reports' figures. PAGE is hd's output or the browser's DOM.
numbers_match_json() {
    python3 - "$E2E_DIR" "$1" "$TEST_ROOT/r.json" "$TEST_ROOT/agents.json" <<'EOF' || fail "numbers of $1"
import json, sys
sys.path.insert(0, sys.argv[1])
from html_dom import read, value
page = read(sys.argv[2])
report = json.load(open(sys.argv[3], encoding="utf-8"))
agents = json.load(open(sys.argv[4], encoding="utf-8"))
totals = report["totals"]

def share(within, of):
    return "-" if of == 0 else f"{100 * within / of:.0f}%"

def same(row, group, where):
    assert value(row["tickets"]) == group["tickets"], where
    for status, n in group["by_status"].items():
        assert value(row[status]) == n, (where, status)
    for clock, prefix in (("first_response", "first"), ("resolution", "resolution")):
        g = group[clock]
        assert value(row[prefix + "_p50"]) == g["median_seconds"], (where, clock)
        assert value(row[prefix + "_p90"]) == g["p90_seconds"], (where, clock)
        ok = row[prefix + "_ok"]
        assert int(ok["data-within"]) == g["within_target"], (where, clock)
        assert int(ok["data-of"]) == g["finished"], (where, clock)
        assert ok["text"] == share(g["within_target"], g["finished"]), (where, clock, ok)
    assert value(row["open_breaches"]) == group["open_breaches"], where
    assert value(row["at_risk"]) == group["at_risk"], where

for table, source in (("now-priority", report), ("now-agent", agents)):
    rows = page.tables[table]
    keys = page.rows[table]
    assert keys == [g["key"] for g in source["groups"]] + ["all"], (table, keys)
    for g in source["groups"]:
        same(rows[g["key"]], g, (table, g["key"]))
    same(rows["all"], source["totals"], (table, "all"))

cards = page.cards
assert int(cards["open_breaches"]) == totals["open_breaches"] == 9, cards
assert int(cards["at_risk"]) == totals["at_risk"] == 3, cards
assert int(cards["tickets"]) == totals["tickets"] == 30, cards
s = totals["by_status"]
assert int(cards["backlog"]) == s["new"] + s["open"] + s["waiting"] + s["escalated"], cards
fr, res = totals["first_response"], totals["resolution"]
assert cards["first_ok"] == share(fr["within_target"], fr["finished"]), cards
assert cards["resolution_ok"] == share(res["within_target"], res["finished"]), cards
for field in ("quiet_closes_short", "overrides", "long_threads", "escalations_untold",
              "reopenings", "on_hold"):
    assert int(cards[field]) == totals[field], (field, cards[field], totals[field])

# Burning now: the findings in the same order, each linked to its file and line.
found = [page.tables["findings"][k]["attrs"] for k in page.rows["findings"]]
assert len(found) == len(report["findings"]) == 12, len(found)
for row, f in zip(found, report["findings"]):
    seconds = f["past_seconds"] if f["state"] == "breached" else f["left_seconds"]
    assert (row["data-id"], row["data-clock"], row["data-state"], int(row["data-seconds"])) == \
        (f["id"], f["clock"], f["state"], seconds), (row, f)
links = [a["href"] for t, a in page.elements if t == "a"]
for f in report["findings"]:
    url = f"https://forge.example/larkspur/support/blob/main/{f['path']}#L{f['line']}"
    assert url in links, url

# The trend's last week ends now: its backlog and open breaches are the report's.
end = report["generated_at"]
last = page.tables["trend-backlog"][end]
for status in ("new", "open", "waiting", "escalated"):
    assert value(last[status]) == s[status], status
assert value(page.tables["trend-breaches"][end]["open_breaches"]) == totals["open_breaches"]
for g in report["groups"]:
    row = page.tables["trend-backlog-" + g["key"]][end]
    for status in ("new", "open", "waiting", "escalated"):
        assert value(row[status]) == g["by_status"][status], (g["key"], status)
    assert value(row["open_breaches"]) == g["open_breaches"], g["key"]

# The tickets behind the practice counts, in path order.
flagged = [t["id"] for t in report["tickets"] if t["quiet_close_short"] or t["overrides"]
           or t["escalation_untold"] or t["clarifications"] >= 3]
assert flagged and page.rows["practice-tickets"] == flagged, (page.rows.get("practice-tickets"), flagged)

# Every chart has its table: one SVG and one table in each figure.
figures = page.count("figure")
priorities = [a["id"] for t, a in page.elements if t == "h3" and a.get("id", "").startswith("h-priority-")]
assert {g["key"] for g in report["groups"]} <= {p[len("h-priority-"):] for p in priorities}
assert figures == page.count("svg") == 5 + 3 * len(priorities) + 1, (figures, page.count("svg"))
EOF
}

test_html_checker_finds_no_errors() {
    example_html
    tidy_clean "$TEST_ROOT/r.html"
    head -c 16 "$TEST_ROOT/r.html" | grep -q '^<!DOCTYPE html>' || fail "no doctype"
}

test_html_is_self_contained_without_script() {
    example_html
    python3 - "$E2E_DIR" "$TEST_ROOT/r.html" <<'EOF' || fail "self-contained"
import re, sys
sys.path.insert(0, sys.argv[1])
from html_dom import read
text = open(sys.argv[2], encoding="utf-8").read()
page = read(sys.argv[2])
tags = {t for t, _ in page.elements}
assert not tags & {"script", "link", "img", "iframe", "object", "embed", "image", "use"}, tags
for tag, attrs in page.elements:
    for name, value in attrs.items():
        assert not name.startswith("on"), (tag, name)
        if name in ("src", "srcset", "xlink:href", "action", "formaction"):
            raise AssertionError((tag, name, value))
        if name == "href":
            assert tag == "a" and value.startswith("https://forge.example/larkspur/support/"), value
assert "url(" not in text and "@import" not in text, "fetches from CSS"
assert re.search(r'http-equiv="Content-Security-Policy" content="default-src \x27none\x27', text)
assert "prefers-color-scheme: dark" in text and "@media print" in text
EOF
}

test_html_numbers_match_json() {
    example_html
    numbers_match_json "$TEST_ROOT/r.html"
}

# Each week's figures are the report as it stood at that week's end: the
# backlog and open breaches (overall and per priority) of --as-of, and the
# first responses that finished in between.
trend_matches_as_of() {
    python3 - "$E2E_DIR" "$HD" "$1" <<'EOF' || fail "trend at $HD_NOW against --as-of"
import json, subprocess, sys
sys.path.insert(0, sys.argv[1])
from html_dom import read, value
hd, page = sys.argv[2], read(sys.argv[3])
weeks = page.rows["trend-backlog"]
assert len(weeks) == 8, weeks
prev = None
for end in weeks:
    out = subprocess.run([hd, "report", "--as-of", end, "--format", "json"],
                         capture_output=True, text=True, check=True)
    then = json.loads(out.stdout)
    groups = [("all", then["totals"], "trend-backlog")] + \
        [(g["key"], g, "trend-backlog-" + g["key"]) for g in then["groups"]]
    for key, g, table in groups:
        row = page.tables[table][end]
        for status in ("new", "open", "waiting", "escalated"):
            assert value(row[status]) == g["by_status"][status], (end, key, status)
    assert value(page.tables["trend-breaches"][end]["open_breaches"]) == then["totals"]["open_breaches"], end
    for key, g, _ in groups[1:]:
        assert value(page.tables["trend-backlog-" + key][end]["open_breaches"]) == g["open_breaches"], (end, key)
    if prev:
        answered = value(page.tables["trend-first"][end]["finished"])
        assert answered == then["totals"]["first_response"]["finished"] - prev["first_response"]["finished"], end
    prev = then["totals"]
EOF
}

test_html_trend_matches_reports_as_of() {
    example_desk
    local now
    # The report's time, and one in the middle of a working day a week before.
    for now in "$REPORT_NOW" 2026-11-17T10:20:00+00:00; do
        HD_NOW=$now report_to "$TEST_ROOT/r.html" --format html --weeks 8
        expect_rc 0
        HD_NOW=$now trend_matches_as_of "$TEST_ROOT/r.html"
    done
}

test_html_weeks_and_usage() {
    example_desk
    report_to "$TEST_ROOT/r.html" --format html --weeks 3
    expect_rc 0
    expect_contains "$(cat "$TEST_ROOT/r.html")" "The last 3 weeks"
    n=$(grep -c '<th scope="row" data-end="2026-11-23T12:00:00Z">' "$TEST_ROOT/r.html")
    [ "$n" -gt 3 ] || fail "last week in each trend table: $n"
    grep -q 'data-end="2026-11-02T12:00:00Z"' "$TEST_ROOT/r.html" && fail "a fourth week"
    run_hd report --format html --weeks 0
    expect_rc 2
    expect_contains "$ERR" "--weeks 0"
    run_hd report --format pdf
    expect_rc 2
    expect_contains "$ERR" "codequality or html"
    # --limit cuts the list of findings, as in the other formats.
    report_to "$TEST_ROOT/r.html" --format html --limit 2
    expect_eq "$(grep -c '<tr class="breach"' "$TEST_ROOT/r.html")" 2 "findings listed"
    expect_contains "$(cat "$TEST_ROOT/r.html")" 'data-omitted="10"'
}

test_html_without_web_url_has_no_links() {
    example_desk
    sed -i '/^web_url = /d' hd.toml
    git commit -qam "no web_url" || fail commit
    report_to "$TEST_ROOT/r.html" --format html
    expect_rc 0
    grep -q '<a ' "$TEST_ROOT/r.html" && fail "a link without web_url"
    expect_contains "$(cat "$TEST_ROOT/r.html")" '<td data-label="ticket"><code>sqanpzj</code></td>'
    # A pattern that is not a web address is refused with its place.
    printf 'web_url = "javascript:alert(1)//{path}"\n' >tail.toml
    sed -i '/^name = /r tail.toml' hd.toml
    run_hd report --format html
    expect_rc 4
    expect_contains "$ERR" "hd.toml:4:11: desk: 'web_url' must be an http:// or https:// address"
}

# A desk whose words try to become markup: a script in a title, quotes in
# titles and names, a bidi override, an agent named like a tag.
hostile_html_desk() {
    setup_desk
    printf '[desk]\nname = "Desk <script>alert(0)</script> \\"q\\""\nweb_url = "https://f.example/d/{path}#L{line}"\n' >hd.toml
    git commit -qam "hostile desk name" || fail commit
    "$HD" new --title '<script>alert(1)</script>' --from "Ana <ana@example.org>" \
        --priority urgent -m "x" >/dev/null || fail new
    "$HD" new --title "\"><svg onload=alert(2)> 'single' & \"double\"" \
        --from "Bo <bo@example.org>" -m "x" >/dev/null || fail new
    id=$("$HD" new --title $'invoice\xe2\x80\xaetxt.exe' --from "Cy <cy@example.org>" \
        --priority high -m "x") || fail new
    "$HD" assign "$id" --to 'Eve "Evil" & Co <eve@example.org>' >/dev/null || fail assign
    # An agent whose name is markup, by hand: hd itself refuses such a name.
    id=$("$HD" new --title "Hello" --from "Di <di@example.org>" -m "x") || fail new
    printf '\n[[event]]\nkind = "reply"\nat = 2026-11-24T10:00:00Z\nby = "%s"\nbody = "Hi"\n' \
        '</td><script>alert(3)</script> <x@example.org>' >>"tickets/${id:0:2}/$id.toml"
    git commit -qam "a reply by hand" || fail commit
    export HD_NOW=2026-11-25T12:00:00Z
}

test_html_hostile_titles_are_inert() {
    hostile_html_desk
    report_to "$TEST_ROOT/h.html" --format html
    expect_rc 0
    tidy_clean "$TEST_ROOT/h.html"
    python3 - "$E2E_DIR" "$TEST_ROOT/h.html" <<'EOF' || fail "hostile text is not inert"
import re, sys
sys.path.insert(0, sys.argv[1])
from html_dom import read
text = open(sys.argv[2], encoding="utf-8").read()
assert not re.search(r"<script", text, re.I), "raw <script"
assert not re.search("[\u202a-\u202e\u2066-\u2069]", text), "raw bidi control"
assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
assert "&quot;&gt;&lt;svg onload=alert(2)&gt; &apos;single&apos; &amp; &quot;double&quot;" in text
assert "invoice&lt;U+202E&gt;txt.exe" in text
assert "Eve &quot;Evil&quot; &amp; Co" in text
assert "&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in text
page = read(sys.argv[2])
assert all(t != "script" for t, _ in page.elements)
assert all(not k.startswith("on") for _, a in page.elements for k in a)
assert "Desk &lt;script&gt;alert(0)&lt;/script&gt; &quot;q&quot;" in text
EOF
}

# --- In a browser -----------------------------------------------------------

# browser ARGS...: headless Chromium with a profile of this test's own;
# its log (console messages included) in $TEST_ROOT/chrome.log.
browser() {
    local chrome
    chrome=$(command -v chromium || command -v chromium-browser) ||
        fail "no chromium (Debian: chromium; scripts/deps.sh installs it)"
    timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-extensions --disable-dev-shm-usage --user-data-dir="$TEST_ROOT/chrome" \
        --enable-logging=stderr --v=0 "$@" 2>>"$TEST_ROOT/chrome.log" ||
        fail "chromium $*: $(tail -5 "$TEST_ROOT/chrome.log")"
}

# No page script ran or failed, and no policy blocked anything.
expect_quiet_console() {
    if grep -E 'CONSOLE|Uncaught|Content Security Policy' "$TEST_ROOT/chrome.log"; then
        fail "messages in the browser console"
    fi
}

test_browser_dom_has_every_chart_and_the_numbers() {
    example_html
    browser --dump-dom "file://$TEST_ROOT/r.html" >"$TEST_ROOT/dom.html"
    expect_quiet_console
    grep -q '<svg class="chart"' "$TEST_ROOT/dom.html" || fail "no chart in the DOM"
    numbers_match_json "$TEST_ROOT/dom.html"
    # The hostile desk, as the browser built it: no script element, no handler.
    hostile_html_desk
    "$HD" report --format html >"$TEST_ROOT/h.html" || fail "report"
    browser --dump-dom "file://$TEST_ROOT/h.html" >"$TEST_ROOT/hdom.html"
    expect_quiet_console
    python3 - "$E2E_DIR" "$TEST_ROOT/hdom.html" <<'EOF' || fail "hostile DOM"
import sys
sys.path.insert(0, sys.argv[1])
from html_dom import read
page = read(sys.argv[2])
assert page.count("svg") == page.count("figure") > 0
assert all(t != "script" for t, _ in page.elements)
assert all(not k.startswith("on") for _, a in page.elements for k in a)
text = "".join(page.text)
assert "<script>alert(1)</script>" in text and "invoice<U+202E>txt.exe" in text
EOF
}

# screenshot_shows NAME: the PNG has content (many colours, the background
# under 97% of it); prints its background colour.
screenshot_shows() {
    python3 - "$E2E_DIR" "$TEST_ROOT/$1" <<'EOF' || fail "screenshot $1"
import sys
sys.path.insert(0, sys.argv[1])
import png
width, height, colours, background, share = png.stats(sys.argv[2])
assert colours >= 16 and share < 0.97, (width, height, colours, background, share)
print(*background)
EOF
}

test_browser_screenshots_phone_desktop_dark() {
    example_html
    # Half-scale pixels keep the PNGs small to read; the layout is at full width.
    browser --window-size=375,1000 --force-device-scale-factor=0.5 \
        --screenshot="$TEST_ROOT/phone.png" "file://$TEST_ROOT/r.html" >/dev/null
    browser --window-size=1280,700 --force-device-scale-factor=0.5 \
        --screenshot="$TEST_ROOT/desktop.png" "file://$TEST_ROOT/r.html" >/dev/null
    browser --window-size=1280,400 --force-device-scale-factor=0.5 --force-dark-mode \
        --screenshot="$TEST_ROOT/dark.png" "file://$TEST_ROOT/r.html" >/dev/null
    expect_quiet_console
    light=$(screenshot_shows phone.png) || exit 1
    screenshot_shows desktop.png >/dev/null || exit 1
    dark=$(screenshot_shows dark.png) || exit 1
    # The light page is light, the dark one dark.
    read -r r g b <<<"$light"
    [ $((r + g + b)) -gt 600 ] || fail "light background: $light"
    read -r r g b <<<"$dark"
    [ $((r + g + b)) -lt 120 ] || fail "dark background: $dark"
}

# The page as laid out at a width, in a frame of exactly that width (a
# headless window is never narrower than 500 px): the scroll width of the
# page's document, its client width, and the scroll width once an element
# wider than the frame is added, which shows the measure sees overflow.
# The frame's page is hd's, unchanged; the measuring script is the test's.
measure_width() {
    cat >"$TEST_ROOT/probe.html" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8"><title>probe</title></head>
<body style="margin:0"><iframe id="f" src="r.html" style="border:0;width:$1px;height:900px"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {
  var doc = this.contentDocument, d = doc.documentElement, b = document.body, wide = [];
  b.setAttribute("data-scroll-width", d.scrollWidth);
  b.setAttribute("data-client-width", d.clientWidth);
  doc.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.right > d.clientWidth + 0.5 && !e.closest(".scroll")) wide.push(e.tagName + "." + e.className);
  });
  b.setAttribute("data-too-wide", wide.slice(0, 5).join(" "));
  var w = doc.createElement("div");
  w.style.width = "1000px";
  w.style.height = "1px";
  doc.body.appendChild(w);
  b.setAttribute("data-control-width", d.scrollWidth);
  doc.body.removeChild(w);
});
</script></body></html>
EOF
    browser --allow-file-access-from-files --virtual-time-budget=5000 --window-size=1000,1000 \
        --dump-dom "file://$TEST_ROOT/probe.html" >"$TEST_ROOT/probe-dom.html"
    python3 - "$1" "$TEST_ROOT/probe-dom.html" <<'EOF' || fail "scrolls sideways at $1 px"
import re, sys
width = int(sys.argv[1])
dom = open(sys.argv[2], encoding="utf-8").read()
def attr(name):
    m = re.search(r'data-%s="([^"]*)"' % name, dom)
    assert m, ("the probe did not run", name, dom[:300])
    return m.group(1)
scroll, client, control = int(attr("scroll-width")), int(attr("client-width")), int(attr("control-width"))
assert control >= 1000, ("the measure does not see a wide element", control)
assert width - 20 <= client <= width, (client, width)
assert scroll <= client, (scroll, client, attr("too-wide"))
EOF
}

test_browser_no_horizontal_scroll_on_a_phone() {
    example_html
    measure_width 375
    measure_width 320
}
