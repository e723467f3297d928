#!/usr/bin/env bash
# Open-data download benchmark (issue 7):
#
#   bench/open/run.sh [ROWS]
#
# Generates ROWS (default 1,010,000: the generator's duplicate keys, about 1 %, are refused at
# ingest, which leaves just over 1,000,000 rows) rows with bench/common/gen_csv.py, loads them into an
# open (L1, 无条件开放) resource of a release server on SQLite, publishes the dataset, restarts
# the server (so its peak RSS counts the download alone), then downloads the CSV, JSON and XLSX
# distributions with curl and prints the server's peak RSS (VmHWM) and each download's time,
# size and row count. Target: peak RSS <= 150 MB. Exits non-zero when a download's row count
# differs from the published row count; a missed RSS target is printed as MISSED.
#
# BENCH_NO_BUILD=1 uses the existing .build/release/shuhui; BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"

ROWS=${1:-1010000}
trap cleanup EXIT
apt_need python3 python3
apt_need curl curl
make_work
if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
    # Builds share the machine: take the build lock when it exists (see COORD.md in the session).
    log "swift build -c release --product shuhui"
    (cd "$BENCH_ROOT" && flock /tmp/swift-build.lock swift build -c release --product shuhui > "$WORK/build.log" 2>&1) \
        || { tail -40 "$WORK/build.log" >&2; die "the release build failed"; }
fi
BENCH_NO_BUILD=1 build_release

CSV="$WORK/data.csv"
log "generating $ROWS rows"
python3 "$COMMON/gen_csv.py" "$ROWS" "$CSV"

log "loading and publishing (SQLite)"
start_server "$WORK/data" "$WORK/serve.log"
TOKEN=$(python3 "$COMMON/shuhui_api.py" token "$BASE")
CODE=$(python3 - "$BASE" "$TOKEN" <<'PY'
import json, sys, urllib.request
sys.path.insert(0, sys.path[0])
base, token = sys.argv[1:3]
def call(method, path, body=None):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, method=method)
    req.add_header("content-type", "application/json"); req.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=600) as r: return json.load(r)
orgs = call("GET", "/api/v1/organizations?limit=1000")
police = next(o["id"] for o in orgs["items"] if o["shortName"] == "市公安局")
fields = [("公民身份号码", "gmsfhm", "string", 18, True), ("统一社会信用代码", "tyshxydm", "string", 18, False), ("姓名", "xm", "string", 20, False),
          ("手机号码", "sjhm", "string", 11, False), ("出生日期", "csrq", "date", None, False), ("金额", "je", "decimal", None, False),
          ("性别", "xb", "string", 1, False), ("登记日期", "djrq", "date", None, False)]
draft = {"name": "基准测试开放数据集", "categoryCode": "301001", "providerID": police, "summary": "open download benchmark",
         "sharing": "unconditional", "sharingModes": ["api"], "open": "open", "grade": "L1", "updateCycle": "daily",
         "fields": [dict(name=n, code=c, type=t, **({"length": l} if l else {}), primaryKey=k, required=k, sensitivity="L1") for n, c, t, l, k in fields]}
print(call("POST", "/api/v1/resources", draft)["code"])
PY
)
curl -sS --fail --data-binary @"$CSV" -H 'content-type: text/csv' -H 'Expect:' -H "Authorization: Bearer $TOKEN" \
    -o "$WORK/report.json" "$BASE/api/v1/resources/$CODE/batches"
python3 "$COMMON/shuhui_api.py" summary "$WORK/report.json" >&2
curl -sS --fail -X POST -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d "{\"resourceCode\":\"$CODE\"}" -o "$WORK/publication.json" "$BASE/api/v1/open/publications"
PUBLISHED=$(python3 -c "import json; print(json.load(open('$WORK/publication.json'))['rowCount'])")
echo "  published $PUBLISHED rows as dataset ${CODE,,}" >&2
stop_server

log "downloading from a fresh server process"
start_server "$WORK/data" "$WORK/serve2.log"
RSS_BEFORE=$(rss_mb "$SERVER_PID" VmRSS)
NAME=${CODE,,}
STATUS=0
declare -A SECS SIZE
for fmt in csv json xlsx; do
    t0=$(now_ns)
    curl -sS --fail -o "$WORK/out.$fmt" "$BASE/open/datasets/$NAME/download.$fmt"
    t1=$(now_ns)
    SECS[$fmt]=$(secs "$t0" "$t1")
    SIZE[$fmt]=$(python3 -c "import os; print(f'{os.path.getsize(\"$WORK/out.$fmt\") / 1048576:.1f}')")
    case $fmt in
        csv) got=$(($(wc -l < "$WORK/out.csv") - 1)) ;;
        json) got=$(python3 -c "import json; print(len(json.load(open('$WORK/out.json'))))") ;;
        xlsx) got=$(python3 -c "
import zipfile
z = zipfile.ZipFile('$WORK/out.xlsx'); assert z.testzip() is None
print(z.read('xl/worksheets/sheet1.xml').count(b'<row>') - 2)") ;;
    esac
    if [ "$got" != "$PUBLISHED" ]; then echo "  $fmt: $got rows, expected $PUBLISHED" >&2; STATUS=1; fi
    echo "  $fmt: $got rows, ${SIZE[$fmt]} MB in ${SECS[$fmt]} s" >&2
done
RSS_PEAK=$(rss_mb "$SERVER_PID" VmHWM)
stop_server

VERDICT=met
ge 150 "$RSS_PEAK" || VERDICT=MISSED
cat <<OUT

Open-data download, $PUBLISHED rows (tree $(tree_id), release, SQLite)
| distribution | size | time | rows |
|---|---|---|---|
| CSV  | ${SIZE[csv]} MB | ${SECS[csv]} s | $PUBLISHED |
| JSON | ${SIZE[json]} MB | ${SECS[json]} s | $PUBLISHED |
| XLSX | ${SIZE[xlsx]} MB | ${SECS[xlsx]} s | $PUBLISHED |
server RSS before the downloads: $RSS_BEFORE MB; peak (VmHWM) over all three: $RSS_PEAK MB (target <= 150 MB: $VERDICT)
OUT
exit $STATUS
