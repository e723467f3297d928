# Shared by bench/*/run.sh (sourced, bash). Installs what is missing, builds the release
# binary, starts/stops the server and a throw-away PostgreSQL cluster, times commands.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="$BENCH_ROOT/.build/release/shuhui"
COMMON="$BENCH_ROOT/bench/common"
SERVER_PID=""
PGBIN=""
PGDIR=""
PGPORT=""
WORK=""

log() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# apt_need COMMAND PACKAGE: installs PACKAGE with apt-get when COMMAND is missing.
APT_UPDATED=""
apt_need() {
    command -v "$1" > /dev/null 2>&1 && return 0
    [ "$(id -u)" = 0 ] || die "$1 is missing: apt-get install $2 (as root)"
    log "installing $2 (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    [ -n "$APT_UPDATED" ] || { apt-get update -qq; APT_UPDATED=1; }
    apt-get install -y -qq "$2" > /dev/null
}

# pg_need: PostgreSQL server binaries (Debian keeps them out of PATH).
pg_need() {
    if ! ls -d /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || ! command -v psql > /dev/null 2>&1; then
        [ "$(id -u)" = 0 ] || die "PostgreSQL is missing: apt-get install postgresql (as root)"
        log "installing postgresql (apt-get)"
        export DEBIAN_FRONTEND=noninteractive
        [ -n "$APT_UPDATED" ] || { apt-get update -qq; APT_UPDATED=1; }
        apt-get install -y -qq postgresql > /dev/null
    fi
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
}

# pip_need MODULE PACKAGE: pip-installs PACKAGE when `import MODULE` fails. Returns 1 when it
# cannot be installed (the caller decides what to fall back to).
pip_need() {
    python3 -c "import $1" > /dev/null 2>&1 && return 0
    log "installing $2 (pip)"
    python3 -m pip install -q "$2" >&2 || return 1
    python3 -c "import $1" > /dev/null 2>&1
}

free_port() { python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }

# Nanosecond clock, and seconds between two readings.
now_ns() { date +%s%N; }
secs() { python3 -c "print(f'{($2 - $1) / 1e9:.3f}')"; }
rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }           # rows seconds -> rows/s
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }           # a b -> a/b (2 decimals)
ge() { python3 -c "import sys; sys.exit(0 if $1 >= $2 else 1)"; }

# rss_mb PID FIELD: VmRSS or VmHWM of a process in MB (MiB).
rss_mb() { awk -v f="$2:" '$1 == f { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# cpu_s PID...: user + system CPU seconds used so far by the processes (0 for gone ones).
cpu_s() {
    local tck
    tck=$(getconf CLK_TCK)
    for p in "$@"; do cat "/proc/$p/stat" 2> /dev/null || true; done |
        awk -v t="$tck" '{ sub(/^.*\) /, ""); s += $12 + $13 } END { printf "%.2f", s / t }'
}

# pg_pids: the postmaster of the throw-away cluster and its children (backends, writers).
pg_pids() {
    [ -n "$PGDIR" ] && [ -f "$PGDIR/data/postmaster.pid" ] || return 0
    local pm
    pm=$(head -1 "$PGDIR/data/postmaster.pid")
    echo "$pm"
    pgrep -P "$pm" || true
}

# tree_id: the commit measured, "+dirty" when Swift sources differ from it.
tree_id() {
    local id
    id=$(git -C "$BENCH_ROOT" rev-parse --short HEAD 2> /dev/null || echo "no git")
    git -C "$BENCH_ROOT" diff --quiet HEAD -- Sources Package.swift 2> /dev/null || id="$id+dirty"
    echo "$id"
}

build_release() {
    command -v swift > /dev/null 2>&1 || die "swift is not on PATH"
    if [ "${BENCH_NO_BUILD:-}" = 1 ]; then
        [ -x "$BIN" ] || die "BENCH_NO_BUILD=1 but $BIN does not exist"
        log "using the existing release binary (BENCH_NO_BUILD=1)"
        return
    fi
    log "swift build -c release --product shuhui (several minutes the first time)"
    local buildlog="$WORK/build.log"
    if ! (cd "$BENCH_ROOT" && swift build -c release --product shuhui > "$buildlog" 2>&1); then
        tail -40 "$buildlog" >&2
        die "the release build failed (BENCH_NO_BUILD=1 uses an existing .build/release/shuhui)"
    fi
    tail -1 "$buildlog" >&2
    [ -x "$BIN" ] || die "no $BIN after the build"
}

make_work() {
    WORK=$(mktemp -d /tmp/shuhui-bench.XXXXXX)
    chmod 755 "$WORK"
}

# start_server DATADIR LOG [--database-url URL]: serve --demo on a free port, wait for /healthz.
# Sets SERVER_PID and BASE.
start_server() {
    local data=$1 logfile=$2
    shift 2
    local port
    port=$(free_port)
    "$BIN" serve --demo --data-dir "$data" --port "$port" "$@" > "$logfile" 2>&1 &
    SERVER_PID=$!
    BASE="http://127.0.0.1:$port"
    for _ in $(seq 1 240); do
        curl -fsS "$BASE/healthz" > /dev/null 2>&1 && return 0
        kill -0 "$SERVER_PID" 2> /dev/null || { cat "$logfile" >&2; die "the server exited"; }
        sleep 0.5
    done
    cat "$logfile" >&2
    die "the server did not answer /healthz within 120 s"
}

# stop_server: SIGTERM (graceful shutdown), SIGKILL after 30 s.
stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    kill -TERM "$SERVER_PID" 2> /dev/null || true
    for _ in $(seq 1 60); do
        kill -0 "$SERVER_PID" 2> /dev/null || break
        sleep 0.5
    done
    kill -KILL "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
    SERVER_PID=""
}

# start_pg: a throw-away cluster owned by postgres on a free port (as .ci/run does).
start_pg() {
    pg_need
    PGDIR=$(mktemp -d /tmp/shuhui-bench-pg.XXXXXX)
    chown postgres "$PGDIR"
    PGPORT=$(free_port)
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" --auth=trust -U postgres > /dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" \
        -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c max_connections=300" -w start > /dev/null
}

stop_pg() {
    [ -n "$PGDIR" ] || return 0
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop > /dev/null 2>&1 || true
    rm -rf "$PGDIR"
    PGDIR=""
}

psql_pg() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

cleanup() {
    local rc=$?
    stop_server
    stop_pg
    if [ -n "$WORK" ] && [ "${BENCH_KEEP:-}" != 1 ]; then rm -rf "$WORK"; fi
    [ -n "$WORK" ] && [ "${BENCH_KEEP:-}" = 1 ] && echo "(kept $WORK)" >&2
    exit $rc
}
