#!/usr/bin/env bash
# Gateway benchmark (issue 4, "Performance"):
#
#   bench/gateway/run.sh [SECONDS]
#
# On a fresh SQLite server with the demo city: loads the 1,000,000-row 8-column benchmark
# resource (bench/common/gen_csv.py, through the HTTP ingest), publishes a lookup-by-resident-ID
# service, files and approves a sharing request (masks on), issues an app key; pre-signs
# calls (a unique nonce each); then, in the same run, with wrk -t2 -c64 --latency for SECONDS
# (default 15) each:
#   1. nginx (Debian) serving a small static JSON file;
#   2. the gateway: signed, authorised, metered, masked point lookups.
# Prints req/s, p50/p99 for both, the ratio (target >= 0.5, p99 <= 5 ms), and how many calls
# were sent and how many were metered (they must be equal).
#
# Installs wrk, nginx, sqlite3 and curl with apt-get when missing (as root).
# BENCH_NO_BUILD=1 uses the existing .build/release/shuhui; BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"

SECONDS_RUN=${1:-15}
ROWS=1000000
NGINX_PID=""
trap 'kill "$NGINX_PID" 2> /dev/null || true; cleanup' EXIT
apt_need python3 python3
apt_need curl curl
apt_need wrk wrk
apt_need nginx nginx
make_work
TREE=$(tree_id)
build_release
HERE=$(cd "$(dirname "$0")" && pwd)

log "generating $ROWS rows"
python3 "$COMMON/gen_csv.py" "$ROWS" "$WORK/data.csv"

log "server on SQLite, loading the resource"
mkdir -p "$WORK/data"
start_server "$WORK/data" "$WORK/serve.log"
TOKEN=$(python3 "$COMMON/shuhui_api.py" token "$BASE")
CODE=$(python3 "$COMMON/shuhui_api.py" create "$BASE" "$TOKEN" all "网关基准测试")
curl -fsS --data-binary @"$WORK/data.csv" -H 'content-type: text/csv' -H 'Expect:' -H "Authorization: Bearer $TOKEN" \
    -o "$WORK/report.json" "$BASE/api/v1/resources/$CODE/batches"
echo "  $(python3 "$COMMON/shuhui_api.py" summary "$WORK/report.json")" >&2
python3 "$HERE/setup.py" "$BASE" "$CODE" "$WORK/creds.json"
KEY=$(python3 -c "import json; print(json.load(open('$WORK/creds.json'))['key'])")

# One signed call by hand first: it must answer 200 with masked fields.
python3 "$HERE/sign.py" "$WORK/creds.json" "$WORK/data.csv" 1 1 "$WORK/probe"
IFS=$'\t' read -r P TS NONCE SIG < "$WORK/probe.0"
curl -fsS -H "X-App-Key: $KEY" -H "X-Timestamp: $TS" -H "X-Nonce: $NONCE" -H "X-Signature: $SIG" "$BASE$P" > "$WORK/probe.json"
echo "  probe: $(head -c 300 "$WORK/probe.json")" >&2

# wrk_run URL [LUA-SCRIPT ARGS...]: runs wrk, leaves its output in $WORK/wrk.out, sets RPS P50 P99 (ms).
wrk_run() {
    local url=$1
    shift
    local script=()
    if [ $# -gt 0 ]; then script=(-s "$1"); shift; fi
    wrk -t2 -c64 -d"${SECONDS_RUN}s" --latency "${script[@]}" "$url" ${1:+--} "$@" > "$WORK/wrk.out" 2>&1 || { cat "$WORK/wrk.out" >&2; die "wrk failed"; }
    RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.out")
    P50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out" | python3 "$HERE/ms.py")
    P99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out" | python3 "$HERE/ms.py")
    grep -E 'requests in|Non-2xx|Socket errors|LUA' "$WORK/wrk.out" | sed 's/^/  /' >&2
}

log "nginx: a small static JSON file"
mkdir -p "$WORK/www"
cp "$WORK/probe.json" "$WORK/www/probe.json"
NPORT=$(free_port)
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx.err;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/json;
    client_body_temp_path $WORK/nginx-tmp;
    proxy_temp_path $WORK/nginx-tmp;
    fastcgi_temp_path $WORK/nginx-tmp;
    uwsgi_temp_path $WORK/nginx-tmp;
    scgi_temp_path $WORK/nginx-tmp;
    server { listen 127.0.0.1:$NPORT; root $WORK/www; }
}
CONF
mkdir -p "$WORK/nginx-tmp"
nginx -c "$WORK/nginx.conf" -e "$WORK/nginx.err" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$NPORT/probe.json" > /dev/null 2>&1 && break; sleep 0.1; done
wrk_run "http://127.0.0.1:$NPORT/probe.json"
N_RPS=$RPS N_P50=$P50 N_P99=$P99
kill "$NGINX_PID" 2> /dev/null || true
wait "$NGINX_PID" 2> /dev/null || true
NGINX_PID=""

log "Shuhui's floor: a static route through the same server and middleware, no database"
F_CPU0=$(cpu_s "$SERVER_PID")
wrk_run "$BASE/static/app.css"
F_CPU=$(python3 -c "print($(cpu_s "$SERVER_PID") - $F_CPU0)")
F_N=$(awk '/requests in/ { print $1 }' "$WORK/wrk.out")
F_RPS=$RPS F_P50=$P50 F_P99=$P99

log "gateway: signed, authorised, metered, masked lookups by resident ID"
CALLS=$(python3 -c "print(max(200000, int($SECONDS_RUN) * 40000))")
python3 "$HERE/sign.py" "$WORK/creds.json" "$WORK/data.csv" 60000 2 "$WORK/warm"
python3 "$HERE/sign.py" "$WORK/creds.json" "$WORK/data.csv" "$CALLS" 2 "$WORK/calls"
metered() { curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/sharing/calls?limit=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['total'])"; }
# Calls the server received and answered on the gateway route (Hummingbird's own request
# counter, summed over statuses): what was really sent, unlike wrk's request() count, which
# includes requests it prepared but never wrote when it stopped.
answered() { curl -fsS "$BASE/metrics" | awk '/^hb_requests\{http_route="\/gateway\/\{service\}"/ { n += $NF } END { print n + 0 }'; }
METERED0=$(metered)
SECONDS_SAVED=$SECONDS_RUN; SECONDS_RUN=3
wrk_run "$BASE/gateway/bench-by-id" "$HERE/calls.lua" "$KEY" "$WORK/warm" > /dev/null
SECONDS_RUN=$SECONDS_SAVED
sleep 1
METERED0=$(metered) ANSWERED0=$(answered) G_CPU0=$(cpu_s "$SERVER_PID")
wrk_run "$BASE/gateway/bench-by-id" "$HERE/calls.lua" "$KEY" "$WORK/calls"
G_CPU=$(python3 -c "print($(cpu_s "$SERVER_PID") - $G_CPU0)")
G_RPS=$RPS G_P50=$P50 G_P99=$P99
WRK_SENT=$(awk '/^LUA/ { sub("sent=", "", $2); print $2 }' "$WORK/wrk.out")
BAD=$(awk '/^LUA/ { sub("not200=", "", $3); print $3 }' "$WORK/wrk.out")
sleep 1
SENT=$(( $(answered) - ANSWERED0 ))
METERED=$(( $(metered) - METERED0 ))
RSS=$(rss_mb "$SERVER_PID" VmHWM)
stop_server

RATIO=$(ratio "$G_RPS" "$N_RPS")
echo
echo "gateway benchmark, commit $TREE, $(nproc) cores, wrk -t2 -c64 -d${SECONDS_RUN}s, $ROWS-row resource on SQLite"
printf '%-44s %12s %9s %9s\n' "" "req/s" "p50 ms" "p99 ms"
printf '%-44s %12s %9s %9s\n' "nginx, static JSON file" "$N_RPS" "$N_P50" "$N_P99"
printf '%-44s %12s %9s %9s\n' "Shuhui static route (floor of the stack)" "$F_RPS" "$F_P50" "$F_P99"
printf '%-44s %12s %9s %9s\n' "Shuhui gateway, signed+metered+masked lookup" "$G_RPS" "$G_P50" "$G_P99"
# Server CPU per request: steadier than req/s on a shared machine (the server, not wrk, is
# what a change to Shuhui changes).
echo "server CPU per request: static route $(python3 -c "print(round($F_CPU * 1e6 / $F_N))") us, gateway call $(python3 -c "print(round($G_CPU * 1e6 / max($SENT, 1)))") us"
echo "the stack's own floor: static route / nginx = $(ratio "$F_RPS" "$N_RPS"); gateway / static route = $(ratio "$G_RPS" "$F_RPS")"
echo "ratio to nginx: $RATIO (target >= 0.5: $(ge "$RATIO" 0.5 && echo met || echo MISSED)); p99 $G_P99 ms (target <= 5: $(ge 5 "$G_P99" && echo met || echo MISSED))"
echo "calls received and answered by the server: $SENT, metered: $METERED ($([ "$SENT" = "$METERED" ] && echo equal || echo DIFFERENT)); wrk prepared $WRK_SENT, not 200: $BAD; server peak RSS $RSS MB"
[ "$SENT" = "$METERED" ]
