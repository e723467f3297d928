#!/usr/bin/env python3
"""Pre-signs gateway calls for wrk (HMAC-SHA256 as the gateway expects; see GatewaySecurity.swift).

    sign.py CREDENTIALS.json DATA.csv COUNT THREADS OUTPREFIX

Takes resident IDs of rows the generator left valid (so each lookup finds its row), and
writes THREADS files OUTPREFIX.N, each with COUNT/THREADS lines `path \\t timestamp \\t nonce \\t
signature`: every call has its own nonce (nonces cannot be reused) and the current time.
"""
import base64
import csv
import hashlib
import hmac
import json
import sys
import time

# Rows the generator damages (bench/common/gen_csv.py); their IDs may be missing or not stored.
DAMAGED = (97, 139, 101, 103, 107, 109, 113, 131, 127, 137)
EMPTY_BODY = hashlib.sha256(b"").hexdigest()


def main(creds, data, count, threads, prefix):
    c = json.load(open(creds))
    secret, service = c["secret"].encode(), c["service"]
    ids = []
    with open(data, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for n, row in enumerate(reader, start=1):
            if any(n % d == 0 for d in DAMAGED):
                continue
            ids.append(row[0])
            if len(ids) >= 200_000:
                break
    ts = str(int(time.time()))
    path0 = f"/gateway/{service}"
    count, threads = int(count), int(threads)
    tag = prefix.rsplit("/", 1)[-1]
    for t in range(threads):
        with open(f"{prefix}.{t}", "w") as out:
            for i in range(count // threads):
                gid = ids[(i * threads + t) % len(ids)]
                query = "gmsfhm=" + gid
                # The prefix keeps nonces of the warm-up and measured files apart even when
                # both are signed within the same second.
                nonce = f"{tag}-{t}-{i}-{ts}"
                canonical = "\n".join(["GET", path0, query, ts, nonce, EMPTY_BODY])
                sig = base64.b64encode(hmac.new(secret, canonical.encode(), hashlib.sha256).digest()).decode()
                out.write(f"{path0}?{query}\t{ts}\t{nonce}\t{sig}\n")


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
