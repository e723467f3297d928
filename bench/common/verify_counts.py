#!/usr/bin/env python3
"""Compares a Shuhui batch report (and its problem data) with the generator's expected counts.

    verify_counts.py EXPECTED.json REPORT.json [PROBLEMS.txt]

PROBLEMS.txt holds `rule|field|count` lines from
`SELECT rule, COALESCE(field, ''), COUNT(*) FROM problem_records WHERE batch_id = … GROUP BY 1, 2`
(sqlite3 and psql -At both print that shape). Prints a table and exits 1 on any difference.
"""
import json
import sys


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    exp = json.load(open(argv[1]))
    rep = json.load(open(argv[2]))
    rows = []   # (what, expected, got)
    rows.append(("rows read (rowsTotal)", exp["rows"], rep.get("rowsTotal")))
    rows.append(("rows stored (rowsStored)", exp["rows_without_failures"], rep.get("rowsStored")))
    rows.append(("problem rows (problemRows)", exp["problem_rows"], rep.get("problemRows")))
    dims = rep.get("dimensions", {})
    for d, n in exp["dimensions_failed"].items():
        rows.append((f"report: failed in {d}", n, dims.get(d, {}).get("failed", 0)))
    if len(argv) > 3:
        got = {}
        for line in open(argv[3]):
            parts = line.strip().split("|")
            if len(parts) == 3:
                rule, field, n = parts
                got[f"{rule}:{field or 'gmsfhm'}"] = int(n)    # the key's unique rule has no field
        for k, n in exp["rules"].items():
            if k.startswith("residentID_"):
                continue
            rows.append((f"problem data: {k}", n, got.pop(k, 0)))
        for k, n in got.items():
            rows.append((f"problem data: {k} (unexpected)", 0, n))
    bad = 0
    width = max(len(r[0]) for r in rows)
    print(f"  {'check'.ljust(width)}  {'expected':>10}  {'Shuhui':>10}")
    for what, e, g in rows:
        ok = e == g
        bad += not ok
        print(f"  {what.ljust(width)}  {e:>10}  {str(g):>10}  {'ok' if ok else 'MISMATCH'}")
    print("  counts verified: " + ("yes, all equal" if not bad else f"NO, {bad} differ"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main(sys.argv)
