#!/usr/bin/env bash
# Quality benchmark (issue 3, "Performance"): Shuhui's checker vs Soda Core on DuckDB.
#
#   bench/quality/run.sh [ROWS]
#
# Generates ROWS (default 1,000,000) rows with known errors (bench/common/gen_csv.py), creates
# two resources through a short-lived `shuhui serve --demo` (then stops it):
#   - "soda": exactly the checks Soda can express too -- missing xm, xb in [男, 女], sjhm mobile
#     (Soda: regex), gmsfhm format (a pattern rule; Soda: regex), je in 0..1e6, duplicate keys;
#   - "all": every rule the ingest benchmark uses (check digits, birth dates, cross-field, …);
# and times `shuhui import CODE FILE --dry-run` (checks every row, stores nothing) for both.
# Then runs Soda Core (soda-core-duckdb, pip) on the same CSV loaded into DuckDB, prints the
# failure counts side by side, and the speed ratio (target: Shuhui >= 3x faster).
# If soda-core-duckdb cannot be installed, it says so and runs the same checks as DuckDB SQL.
#
# Environment: BENCH_NO_BUILD=1 uses the existing .build/release/shuhui; BENCH_KEEP=1 keeps
# the temp dir.
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"

ROWS=${1:-1000000}
case "$ROWS" in [0-9]*) ;; *) die "usage: bench/quality/run.sh [ROWS]" ;; esac

trap cleanup EXIT
apt_need python3 python3
apt_need curl curl
SODA_FLAG=""
if ! pip_need soda.scan soda-core-duckdb; then      # brings its own duckdb
    echo "bench: soda-core-duckdb is NOT installable here; falling back to the same checks as DuckDB SQL queries" >&2
    SODA_FLAG=--duckdb-only
fi
pip_need duckdb duckdb || die "cannot install duckdb with pip"
make_work
TREE=$(tree_id)
build_release

CSV="$WORK/data.csv"
log "generating $ROWS rows"
python3 "$COMMON/gen_csv.py" "$ROWS" "$CSV"

log "creating the resources (short-lived server)"
mkdir -p "$WORK/data"
start_server "$WORK/data" "$WORK/serve.log"
TOKEN=$(python3 "$COMMON/shuhui_api.py" token "$BASE")
CODE_SODA=$(python3 "$COMMON/shuhui_api.py" create "$BASE" "$TOKEN" soda "质量基准-同口径")
CODE_ALL=$(python3 "$COMMON/shuhui_api.py" create "$BASE" "$TOKEN" all "质量基准-全部规则")
stop_server
echo "  $CODE_SODA (the Soda-comparable checks), $CODE_ALL (all rules)" >&2

log "Shuhui: import $CODE_SODA --dry-run (the same checks)"
read -r SAME_S SAME_RSS < <(python3 "$COMMON/timed.py" "$WORK/same.out" -- "$BIN" import "$CODE_SODA" "$CSV" --dry-run --data-dir "$WORK/data" | tail -1)
grep -q "dry run" "$WORK/same.out" && [ -n "${SAME_S:-}" ] || die "the dry run failed"
sed 's/^/  /' "$WORK/same.out" >&2
echo "  $SAME_S s, peak RSS $SAME_RSS MB" >&2

log "Shuhui: import $CODE_ALL --dry-run (all rules)"
read -r ALL_S ALL_RSS < <(python3 "$COMMON/timed.py" "$WORK/all.out" -- "$BIN" import "$CODE_ALL" "$CSV" --dry-run --data-dir "$WORK/data" | tail -1)
grep -q "dry run" "$WORK/all.out" && [ -n "${ALL_S:-}" ] || die "the dry run failed"
sed 's/^/  /' "$WORK/all.out" >&2
echo "  $ALL_S s, peak RSS $ALL_RSS MB" >&2

log "Soda Core on DuckDB"
python3 "$(dirname "$0")/soda_checks.py" "$CSV" "$WORK/soda.json" $SODA_FLAG

python3 "$(dirname "$0")/compare.py" "$CSV.expected.json" "$WORK/soda.json" \
    "$WORK/same.out" "$SAME_S" "$SAME_RSS" "$WORK/all.out" "$ALL_S" "$ALL_RSS" "$TREE"
