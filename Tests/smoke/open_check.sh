#!/usr/bin/env bash
# Open-data acceptance check against a running server with the demo city (issue 7):
#
#   Tests/smoke/open_check.sh SERVER_URL
#
# Installs ckanapi and pyshacl into a virtualenv (OPEN_CHECK_VENV, default /tmp/shuhui-open-check),
# then checks, failing (non-zero) on the first problem:
#   1. `ckanapi action package_search -r URL q=…` returns datasets;
#   2. `ckanapi dump datasets --all -r URL` and the same with `--get-request` return every
#      dataset package_list names, each once;
#   3. a harvester loop `package_search?rows=100&start=N&sort=id asc&fq=metadata_modified:[… TO *]`
#      sees every dataset exactly once (no duplicates, no gaps);
#   4. /catalog.ttl and /catalog.jsonld (all pages) pass pyshacl against the DCAT-AP 3.0.1
#      shapes (DCAT_SHAPES, default ../shared/data/dcat-ap-3.0.1/shapes.ttl beside the repo)
#      with zero violations.
set -euo pipefail
URL=${1:?usage: Tests/smoke/open_check.sh SERVER_URL}
URL=${URL%/}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHAPES=${DCAT_SHAPES:-$ROOT/../shared/data/dcat-ap-3.0.1/shapes.ttl}
VENV=${OPEN_CHECK_VENV:-/tmp/shuhui-open-check}
WORK=$(mktemp -d /tmp/open-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "open_check: FAIL: $*" >&2; exit 1; }
ok() { echo "open_check: ok: $*" >&2; }

[ -f "$SHAPES" ] || fail "no DCAT-AP shapes at $SHAPES (set DCAT_SHAPES)"
if [ ! -x "$VENV/bin/ckanapi" ] || [ ! -x "$VENV/bin/pyshacl" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q ckanapi pyshacl || fail "pip install ckanapi pyshacl"
fi
PY="$VENV/bin/python"
# `ckanapi dump` starts its workers as `ckanapi`, so the venv must be on PATH.
export PATH="$VENV/bin:$PATH"

# The reference list of datasets.
curl -sS --fail "$URL/api/3/action/package_list" -o "$WORK/list.json" || fail "package_list"
EXPECTED=$("$PY" -c "import json; r = json.load(open('$WORK/list.json')); assert r['success']; print(len(r['result']))")
[ "$EXPECTED" -gt 0 ] || fail "package_list is empty"
ok "package_list: $EXPECTED datasets"

# 1. ckanapi action package_search
"$VENV/bin/ckanapi" action package_search -r "$URL" q=空气 rows=5 > "$WORK/search.json" || fail "ckanapi action package_search"
"$PY" - "$WORK/search.json" <<'PY' || fail "ckanapi action package_search returned nothing useful"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["count"] >= 1 and r["results"], r
print(f"  package_search q=空气: {r['count']} found", file=sys.stderr)
PY
"$VENV/bin/ckanapi" action package_search -r "$URL" fq='-access:restricted' 'sort=metadata_modified desc' rows=1000 > "$WORK/open.json" \
    || fail "ckanapi action package_search fq"
ok "ckanapi action package_search"

# 2. ckanapi dump datasets --all, by POST and by GET
for mode in post get; do
    extra=()
    [ "$mode" = get ] && extra=(--get-request)
    "$VENV/bin/ckanapi" dump datasets --all -r "$URL" -O "$WORK/dump-$mode.jsonl" -q "${extra[@]}" \
        || fail "ckanapi dump datasets --all ${extra[*]}"
    "$PY" - "$WORK/dump-$mode.jsonl" "$WORK/list.json" <<'PY' || fail "ckanapi dump ($mode) does not match package_list"
import json, sys
names = [json.loads(l)["name"] for l in open(sys.argv[1]) if l.strip()]
expected = json.load(open(sys.argv[2]))["result"]
assert len(names) == len(set(names)), "duplicates in the dump"
assert set(names) == set(expected), (set(expected) - set(names), set(names) - set(expected))
print(f"  dump: {len(names)} datasets", file=sys.stderr)
PY
    ok "ckanapi dump datasets --all ${extra[*]}"
done

# 3. harvester paging
"$PY" - "$URL" "$EXPECTED" <<'PY' || fail "harvester paging"
import json, sys, urllib.parse, urllib.request
base, expected = sys.argv[1], int(sys.argv[2])
# rows=100 as harvesters do, and rows=10 so the demo city spans several pages.
for rows in (100, 10):
    seen, start = [], 0
    while True:
        q = urllib.parse.urlencode({"rows": rows, "start": start, "sort": "id asc", "fq": "metadata_modified:[2000-01-01T00:00:00Z TO *]"})
        with urllib.request.urlopen(f"{base}/api/3/action/package_search?{q}", timeout=60) as r:
            body = json.load(r)
        assert body["success"] is True, body
        ids = [p["id"] for p in body["result"]["results"]]
        if not ids:
            break
        seen += ids
        start += rows
    assert len(seen) == len(set(seen)), "duplicates across pages"
    assert len(seen) == expected, f"{len(seen)} seen, {expected} expected (gaps)"
    assert seen == sorted(seen), "not in id order"
    print(f"  rows={rows}: paged {len(seen)} datasets in {start // rows} pages", file=sys.stderr)
PY
ok "harvester paging rows=100&start=N&sort=id asc"

# 4. DCAT-AP 3.0.1 SHACL, every page of both serialisations
for fmt in ttl jsonld; do
    page=1
    while :; do
        curl -sS --fail "$URL/catalog.$fmt?page=$page&page_size=20" -o "$WORK/catalog-$page.$fmt" || fail "/catalog.$fmt page $page"
        df=turtle
        [ "$fmt" = jsonld ] && df=json-ld
        if ! "$VENV/bin/pyshacl" -s "$SHAPES" -df "$df" -f human "$WORK/catalog-$page.$fmt" > "$WORK/shacl.txt" 2>&1; then
            head -60 "$WORK/shacl.txt" >&2
            fail "/catalog.$fmt page $page does not conform to DCAT-AP 3.0.1"
        fi
        grep -q "Conforms: True" "$WORK/shacl.txt" || { head -60 "$WORK/shacl.txt" >&2; fail "/catalog.$fmt page $page: no 'Conforms: True'"; }
        grep -q "hydra:next\|hydra#next" "$WORK/catalog-$page.$fmt" || break
        page=$((page + 1))
    done
    ok "/catalog.$fmt: $page page(s) conform to DCAT-AP 3.0.1 (pyshacl, zero violations)"
done
echo "open_check: all checks passed" >&2
