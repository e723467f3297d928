#!/usr/bin/env bash
# Ingest benchmark (issue 3, "Performance"):
#
#   bench/ingest/run.sh [ROWS] [--big] [--no-pg]
#
# Generates ROWS (default 1,000,000) rows of an 8-column CSV with known errors
# (bench/common/gen_csv.py), then, in the same run:
#   1. SQLite: `shuhui serve --demo` on a fresh data dir; creates the 8-field resource with
#      all rules on; times `curl --data-binary @file` to POST /api/v1/resources/{code}/batches
#      (with `-H 'Expect:'`: the server does not answer "Expect: 100-continue", so curl would
#      otherwise wait 1 s before sending);
#      reads the server's RSS before the upload and its peak (VmHWM) after; checks the report
#      and the problem data against the generator's counts; times `sqlite3 .import --csv`
#      of the same file into a plain table. Ratio target >= 0.6, peak RSS target <= 150 MB.
#   2. PostgreSQL: a throw-away cluster; the server with --database-url; the same upload;
#      times `psql \copy t FROM file CSV HEADER` into a plain 8-text-column table. Target >= 0.6.
#   3. --big: a ~1 GB file (10M rows) through a fresh SQLite server: peak RSS (target <= 150 MB);
#      then `shuhui import --dry-run` of the same file: the CLI's peak RSS.
#
# Installs sqlite3, curl and postgresql with apt-get when missing (as root). Environment:
# BENCH_NO_BUILD=1 uses the existing .build/release/shuhui; BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"

ROWS=1000000
BIG=""
PG=1
for a in "$@"; do
    case "$a" in
        --big) BIG=1 ;;
        --no-pg) PG="" ;;
        [0-9]*) ROWS=$a ;;
        *) die "usage: bench/ingest/run.sh [ROWS] [--big] [--no-pg]" ;;
    esac
done

trap cleanup EXIT
apt_need python3 python3
apt_need curl curl
apt_need sqlite3 sqlite3
[ -n "$PG" ] && pg_need
make_work
TREE=$(tree_id)
build_release

STATUS=0
CSV="$WORK/data.csv"
log "generating $ROWS rows"
python3 "$COMMON/gen_csv.py" "$ROWS" "$CSV"
SIZE_MB=$(python3 -c "import os; print(f'{os.path.getsize(\"$CSV\") / 1048576:.1f}')")
echo "  $CSV: $SIZE_MB MB" >&2

# upload NAME: creates a resource, POSTs the file, times it. Sets UP_SECS, RSS_BEFORE, RSS_PEAK,
# RSS_AFTER, BATCH_ID and leaves the report in $WORK/NAME.report.json.
upload() {
    local name=$1 token code t0 t1 http
    token=$(python3 "$COMMON/shuhui_api.py" token "$BASE")
    code=$(python3 "$COMMON/shuhui_api.py" create "$BASE" "$token" all "基准测试-$name")
    RSS_BEFORE=$(rss_mb "$SERVER_PID" VmRSS)
    local hwm_before
    hwm_before=$(rss_mb "$SERVER_PID" VmHWM)
    echo "  resource $code; server RSS before the upload: $RSS_BEFORE MB (peak so far, demo load included: $hwm_before MB)" >&2
    local cpu0 pgcpu0
    cpu0=$(cpu_s "$SERVER_PID")
    pgcpu0=$(cpu_s $(pg_pids))
    t0=$(now_ns)
    # `Expect:` stops curl from sending "Expect: 100-continue" and then waiting 1 s for a
    # "100 Continue" the server never sends (a client-side pause, not ingest time).
    http=$(curl -sS --data-binary @"$CSV" -H 'content-type: text/csv' -H 'Expect:' -H "Authorization: Bearer $token" \
        -o "$WORK/$name.report.json" -w '%{http_code}' "$BASE/api/v1/resources/$code/batches")
    t1=$(now_ns)
    UP_SECS=$(secs "$t0" "$t1")
    UP_CPU=$(python3 -c "print(f'{$(cpu_s "$SERVER_PID") - $cpu0:.1f}')")
    UP_PGCPU=$(python3 -c "print(f'{$(cpu_s $(pg_pids)) - $pgcpu0:.1f}')")
    RSS_PEAK=$(rss_mb "$SERVER_PID" VmHWM)
    RSS_AFTER=$(rss_mb "$SERVER_PID" VmRSS)
    if [ "$http" != 201 ]; then
        head -c 2000 "$WORK/$name.report.json" >&2
        die "upload answered HTTP $http"
    fi
    BATCH_ID=$(python3 -c "import json; print(json.load(open('$WORK/$name.report.json'))['id'])")
    echo "  CPU during the upload: server $UP_CPU s$([ -n "$PGDIR" ] && echo ", PostgreSQL $UP_PGCPU s") (wall $UP_SECS s, $(nproc) cores)" >&2
    echo "  HTTP $http in $UP_SECS s; $(python3 "$COMMON/shuhui_api.py" summary "$WORK/$name.report.json")" >&2
}

PROBLEM_SQL="SELECT rule, COALESCE(field, ''), COUNT(*) FROM problem_records WHERE batch_id = %s GROUP BY 1, 2 ORDER BY 1, 2"

# ---------------------------------------------------------------- SQLite
log "SQLite: Shuhui HTTP ingest, all rules on"
mkdir -p "$WORK/sqlite-data"
start_server "$WORK/sqlite-data" "$WORK/serve-sqlite.log"
upload sqlite
S_SECS=$UP_SECS; S_RSS_BEFORE=$RSS_BEFORE; S_RSS_PEAK=$RSS_PEAK; S_RSS_AFTER=$RSS_AFTER; S_CPU=$UP_CPU
# shellcheck disable=SC2059
sqlite3 "$WORK/sqlite-data/shuhui.sqlite" "$(printf "$PROBLEM_SQL" "$BATCH_ID")" > "$WORK/sqlite.problems.txt"
stop_server
echo "  checking the report and the problem data against $CSV.expected.json" >&2
if python3 "$COMMON/verify_counts.py" "$CSV.expected.json" "$WORK/sqlite.report.json" "$WORK/sqlite.problems.txt" >&2; then S_OK=yes; else S_OK=NO; STATUS=1; fi

log "SQLite: sqlite3 .import --csv into a plain table"
t0=$(now_ns)
sqlite3 "$WORK/plain.db" ".import --csv $CSV t"
t1=$(now_ns)
I_SECS=$(secs "$t0" "$t1")
I_ROWS=$(sqlite3 "$WORK/plain.db" "SELECT COUNT(*) FROM t")
echo "  $I_ROWS rows in $I_SECS s" >&2
rm -f "$WORK/plain.db"

# ---------------------------------------------------------------- PostgreSQL
if [ -n "$PG" ]; then
    log "PostgreSQL: throw-away cluster"
    start_pg
    echo "  cluster on 127.0.0.1:$PGPORT ($("$PGBIN/postgres" --version))" >&2
    log "PostgreSQL: Shuhui HTTP ingest, all rules on"
    start_server "$WORK/pg-unused" "$WORK/serve-pg.log" --database-url "postgres://postgres@127.0.0.1:$PGPORT/postgres"
    upload pg
    P_SECS=$UP_SECS; P_RSS_BEFORE=$RSS_BEFORE; P_RSS_PEAK=$RSS_PEAK; P_CPU=$UP_CPU; P_PGCPU=$UP_PGCPU
    # shellcheck disable=SC2059
    psql_pg -d postgres -c "$(printf "$PROBLEM_SQL" "$BATCH_ID")" > "$WORK/pg.problems.txt"
    stop_server
    if python3 "$COMMON/verify_counts.py" "$CSV.expected.json" "$WORK/pg.report.json" "$WORK/pg.problems.txt" >&2; then P_OK=yes; else P_OK=NO; STATUS=1; fi

    log "PostgreSQL: psql \\copy into a plain table (8 text columns)"
    psql_pg -d postgres -c "CREATE DATABASE plain"
    psql_pg -d plain -c "CREATE TABLE t (gmsfhm text, tyshxydm text, xm text, sjhm text, csrq text, je text, xb text, djrq text)"
    t0=$(now_ns)
    psql_pg -d plain -c "\\copy t FROM '$CSV' CSV HEADER"
    t1=$(now_ns)
    C_SECS=$(secs "$t0" "$t1")
    C_ROWS=$(psql_pg -d plain -c "SELECT COUNT(*) FROM t")
    echo "  $C_ROWS rows in $C_SECS s" >&2
    stop_pg
fi

# ---------------------------------------------------------------- 1 GB file
if [ -n "$BIG" ]; then
    BIG_ROWS=10000000
    log "--big: generating $BIG_ROWS rows"
    rm -f "$CSV" "$CSV.expected.json"
    python3 "$COMMON/gen_csv.py" "$BIG_ROWS" "$CSV"
    B_SIZE_MB=$(python3 -c "import os; print(f'{os.path.getsize(\"$CSV\") / 1048576:.0f}')")
    log "--big: Shuhui HTTP ingest of $B_SIZE_MB MB into a fresh SQLite data dir"
    rm -rf "$WORK/sqlite-data"
    mkdir -p "$WORK/big-data"
    start_server "$WORK/big-data" "$WORK/serve-big.log"
    upload big
    B_SECS=$UP_SECS; B_RSS_BEFORE=$RSS_BEFORE; B_RSS_PEAK=$RSS_PEAK
    # An empty resource for the CLI run, so that its dry run is not slowed by stored keys.
    CLI_CODE=$(python3 "$COMMON/shuhui_api.py" create "$BASE" "$(python3 "$COMMON/shuhui_api.py" token "$BASE")" all "基准测试-big-cli")
    stop_server
    if python3 "$COMMON/verify_counts.py" "$CSV.expected.json" "$WORK/big.report.json" >&2; then B_OK=yes; else B_OK=NO; STATUS=1; fi
    log "--big: shuhui import --dry-run of the same file (the CLI's own streaming)"
    read -r CLI_S CLI_RSS < <(python3 "$COMMON/timed.py" "$WORK/big-cli.out" -- "$BIN" import "$CLI_CODE" "$CSV" --dry-run --data-dir "$WORK/big-data" | tail -1)
    sed 's/^/  /' "$WORK/big-cli.out" >&2
    echo "  $CLI_S s, peak RSS $CLI_RSS MB" >&2
fi

# ---------------------------------------------------------------- summary
verdict() { if ge "$1" "$2"; then echo "met"; else echo "MISSED"; fi; }
verdict_le() { if ge "$2" "$1"; then echo "met"; else echo "MISSED"; fi; }
S_RATE=$(rate "$ROWS" "$S_SECS"); I_RATE=$(rate "$ROWS" "$I_SECS")
S_RATIO=$(ratio "$I_SECS" "$S_SECS")
echo
echo "== Ingest benchmark: $ROWS rows, $SIZE_MB MB CSV, 8 columns, all rules on ($(nproc) cores, commit $TREE)"
printf '  %-44s %9s %12s\n' "" "seconds" "rows/s"
printf '  %-44s %9s %12s   (server CPU %s s)\n' "Shuhui HTTP ingest -> SQLite" "$S_SECS" "$S_RATE" "$S_CPU"
printf '  %-44s %9s %12s\n' "sqlite3 .import --csv (plain table)" "$I_SECS" "$I_RATE"
printf '  %-44s %9s   target >= 0.60: %s\n' "ratio Shuhui / .import" "$S_RATIO" "$(verdict "$S_RATIO" 0.6)"
printf '  %-44s %9s MB  target <= 150 MB: %s (RSS before upload %s MB, after %s MB)\n' \
    "Shuhui server peak RSS (VmHWM), SQLite" "$S_RSS_PEAK" "$(verdict_le "$S_RSS_PEAK" 150)" "$S_RSS_BEFORE" "$S_RSS_AFTER"
echo "  counts verified (SQLite): $S_OK"
if [ -n "$PG" ]; then
    P_RATE=$(rate "$ROWS" "$P_SECS"); C_RATE=$(rate "$ROWS" "$C_SECS")
    P_RATIO=$(ratio "$C_SECS" "$P_SECS")
    printf '  %-44s %9s %12s   (server CPU %s s, PostgreSQL CPU %s s)\n' "Shuhui HTTP ingest -> PostgreSQL" "$P_SECS" "$P_RATE" "$P_CPU" "$P_PGCPU"
    printf '  %-44s %9s %12s\n' "psql \\copy (plain table, 8 text columns)" "$C_SECS" "$C_RATE"
    printf '  %-44s %9s   target >= 0.60: %s\n' "ratio Shuhui / \\copy" "$P_RATIO" "$(verdict "$P_RATIO" 0.6)"
    printf '  %-44s %9s MB  target <= 150 MB: %s (RSS before upload %s MB)\n' \
        "Shuhui server peak RSS (VmHWM), PostgreSQL" "$P_RSS_PEAK" "$(verdict_le "$P_RSS_PEAK" 150)" "$P_RSS_BEFORE"
    echo "  counts verified (PostgreSQL): $P_OK"
fi
if [ -n "$BIG" ]; then
    printf '  %-44s %9s MB  target <= 150 MB: %s (RSS before %s MB; %s rows in %s s = %s rows/s; counts verified: %s)\n' \
        "--big $B_SIZE_MB MB file: server peak RSS" "$B_RSS_PEAK" "$(verdict_le "$B_RSS_PEAK" 150)" "$B_RSS_BEFORE" \
        "$BIG_ROWS" "$B_SECS" "$(rate "$BIG_ROWS" "$B_SECS")" "$B_OK"
    printf '  %-44s %9s MB  target <= 150 MB: %s (%s s)\n' \
        "--big: shuhui import --dry-run peak RSS" "${CLI_RSS:-?}" "$(verdict_le "${CLI_RSS:-0}" 150)" "${CLI_S:-?}"
fi
exit $STATUS
