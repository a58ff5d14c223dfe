#!/usr/bin/env bash
# Many hands on one clone, measured: parallel runs, random kills and hand
# edits against a real repository, counting tries, failures and lost events
# (the goal is zero failures and zero lost). Not a CI test: it takes minutes.
#
#   bash bench/many_hands.sh [HD_BINARY]   (default build/hd)
# Sizes: WIDE="50 200" KILLS=200 EDITS=100.
set -uo pipefail
hd=$(realpath "${1:-build/hd}")
wide=${WIDE:-50 200}
kills=${KILLS:-200}
edits=${EDITS:-100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 HD_LOCK_TIMEOUT=120
unset HD_NOW

fresh_desk() {
    rm -rf "$tmp/desk" && mkdir "$tmp/desk" && cd "$tmp/desk" || exit 1
    git init -q -b main && git config user.name Bench && git config user.email b@example.com
    "$hd" init >/dev/null
}

# Events out of time order, summed over every ticket file.
out_of_order() {
    python3 - <<'EOF'
import tomllib, pathlib
bad = 0
for p in pathlib.Path("tickets").rglob("*.toml"):
    times = [e["at"] for e in tomllib.loads(p.read_text()).get("event", [])]
    bad += sum(1 for a, b in zip(times, times[1:]) if b < a)
print(bad)
EOF
}

sound() { # prints "ok" or what is wrong
    local s
    s=$(git status --porcelain)
    [ -n "$s" ] && { echo "dirty: $s"; return; }
    git fsck --strict --no-progress >/dev/null 2>&1 || { echo "fsck failed"; return; }
    echo ok
}

printf '| experiment | tries | failed runs | lost events | out of order | repository |\n'
printf '|---|---:|---:|---:|---:|---|\n'

for w in $wide; do
    fresh_desk
    ids=()
    for i in 1 2 3 4 5; do ids+=("$("$hd" new --title "T$i" --from "A <a@example.org>" -m x)"); done
    failed=0
    for i in $(seq 1 "$w"); do
        if ((i % 5 == 0)); then
            "$hd" new --title "P$i" --from "B <b@example.org>" -m "p$i" >/dev/null 2>&1 &
        else
            "$hd" note "${ids[$((i % 5))]}" -m "parallel-$i" >/dev/null 2>&1 &
        fi
    done
    for job in $(jobs -p); do wait "$job" || failed=$((failed + 1)); done
    notes=$(git grep -h -c "parallel-" HEAD -- tickets | awk '{s += $1} END {print s + 0}')
    news=$(git grep -l -e 'title = "P' HEAD -- tickets | wc -l)
    lost=$((w - failed - notes - news))
    printf '| %s parallel note/new | %d | %d | %d | %d | %s |\n' "$w wide" "$w" "$failed" "$lost" \
        "$(out_of_order)" "$(sound)"
done

fresh_desk
id=$("$hd" new --title "Kill me" --from "A <a@example.org>" -m x)
committed=0 lost=0 failed=0
for i in $(seq 1 "$kills"); do
    "$hd" note "$id" -m "killed-$i" >/dev/null 2>&1 &
    pid=$!
    sleep "0.0$((RANDOM % 40))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    out=$("$hd" recover 2>&1) || { failed=$((failed + 1)); echo "kill $i: recover: $out" >&2; }
    # Whatever was committed must still be there: count, never decrease.
    now=$(git show HEAD:"tickets/${id:0:2}/$id.toml" | grep -c "killed-")
    ((now < committed)) && lost=$((lost + committed - now))
    committed=$now
    state=$(sound)
    [ "$state" = ok ] || { failed=$((failed + 1)); echo "kill $i: $state" >&2; }
    stray=$(find . -name '*.hd-*.tmp' -o -name index.lock -o -name hd-journal | head -1)
    [ -n "$stray" ] && { failed=$((failed + 1)); echo "kill $i: left $stray" >&2; }
done
printf '| kill -9 at a random moment, then hd recover | %d | %d | %d | %d | %s (%d of the notes finished) |\n' \
    "$kills" "$failed" "$lost" "$(out_of_order)" "$(sound)" "$committed"

fresh_desk
id=$("$hd" new --title "Edit me" --from "A <a@example.org>" -m x)
f="tickets/${id:0:2}/$id.toml"
failed=0 lost=0
for i in $(seq 1 "$edits"); do
    (sleep "0.0$((RANDOM % 6))" && { cat "$f" && echo "# edit $i"; } >"$f.ed" && mv "$f.ed" "$f") &
    "$hd" note "$id" -m "edited-$i" >/dev/null 2>&1
    rc=$?
    wait
    grep -q "# edit $i" "$f" || lost=$((lost + 1))
    git diff --cached --quiet || failed=$((failed + 1))
    [ "$rc" -eq 0 ] || [ "$rc" -eq 5 ] || failed=$((failed + 1))
    git commit -qam "keep edit $i"
done
printf '| hand edit saved during hd note | %d | %d | %d | %d | %s |\n' "$edits" "$failed" "$lost" \
    "$(out_of_order)" "$(sound)"
