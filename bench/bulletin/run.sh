#!/usr/bin/env bash
# bench/bulletin: one week's bulletin (every attachment, rendered as XLSX) read from the daily
# roll-ups, against a plain GROUP BY over the raw call events, at 1M and at 10M events over
# 53 systems, 1,276 services and 48 units for 8 weeks. Target: bulletin ≤ 200 ms and flat.
#   bench/bulletin/run.sh            # 1M then 10M events (~2 min after the build)
#   BENCH_EVENTS="1000000" …         # other sizes, ascending
# BENCH_NO_BUILD=1 uses an existing .build/release/shuhui.
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
trap cleanup EXIT
make_work
apt_need sqlite3 sqlite3
if [ "${BENCH_NO_BUILD:-}" != 1 ] && [ -e /tmp/swift-build.lock ] && command -v flock > /dev/null; then
    log "release build (through /tmp/swift-build.lock)"
    (cd "$BENCH_ROOT" && flock /tmp/swift-build.lock swift build -c release --product shuhui > "$WORK/build.log" 2>&1) || { tail -30 "$WORK/build.log"; die "build failed"; }
    BENCH_NO_BUILD=1
fi
build_release

DATA="$WORK/data"; DB="$DATA/shuhui.sqlite"
mkdir -p "$DATA"
"$BIN" migrate --data-dir "$DATA" > /dev/null
log "generating the city and 8 weeks of collection roll-ups"
sqlite3 "$DB" < "$HERE/gen.sql" > /dev/null
if [ -n "$(sqlite3 "$DB" "SELECT name FROM sqlite_master WHERE name = 'query_visit_daily'")" ]; then
    log "adding push subscriptions and query-page visits (migration 4 is there)"
    sqlite3 "$DB" -cmd ".parameter set :visits ${BENCH_VISITS:-1000000}" < "$HERE/sharing.sql" > /dev/null
fi

bulletin_ms() {
    local best=""
    for _ in 1 2 3; do
        local ms
        ms=$("$BIN" report weekly --week-ending 2018-05-18 --format xlsx -o "$WORK/bulletin.xlsx" --timing --data-dir "$DATA" 2>&1 >/dev/null | awk '/bulletin_ms/ {print $2}')
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $ms < $best else 1)"; then best=$ms; fi
    done
    echo "$best"
}

have=0
printf '\n%-12s %-14s %-16s %-12s %-10s %s\n' events call_daily_rows bulletin_ms groupby_ms ratio target
results=()
for target in ${BENCH_EVENTS:-1000000 10000000}; do
    add=$((target - have))
    log "adding $add call events (raw log) and rebuilding call_daily"
    t0=$(now_ns)
    sqlite3 "$DB" -cmd ".parameter set :n $add" -cmd ".parameter set :from $((have + 1))" < "$HERE/calls.sql" > /dev/null
    sqlite3 "$DB" < "$HERE/rollup.sql" > /dev/null
    log "generated in $(secs "$t0" "$(now_ns)") s"
    have=$target
    rows=$(sqlite3 "$DB" "SELECT COUNT(*) FROM call_daily")
    b=$(bulletin_ms)
    read -r g weekly total < <(python3 "$HERE/baseline.py" "$DB")
    ok=$(python3 -c "print('met' if $b <= 200 else 'MISSED')")
    printf '%-12s %-14s %-16s %-12s %-10s %s\n' "$target" "$rows" "$b" "$g" "$(ratio "$b" "$g")" "≤ 200 ms: $ok"
    results+=("$target $b")
    # Cross-check: call_daily over the week equals the raw events.
    rolled=$(sqlite3 "$DB" "SELECT SUM(calls) FROM call_daily WHERE day BETWEEN '2018-05-12' AND '2018-05-18'")
    [ "$rolled" = "$weekly" ] || die "call_daily week total $rolled != raw $weekly"
done
if [ ${#results[@]} -ge 2 ]; then
    first=(${results[0]}); last=(${results[-1]})
    printf '\nflatness: %s events %s ms → %s events %s ms (×%s for ×%s events)\n' "${first[0]}" "${first[1]}" "${last[0]}" "${last[1]}" \
        "$(ratio "${last[1]}" "${first[1]}")" "$(python3 -c "print(${last[0]} // ${first[0]})")"
fi
