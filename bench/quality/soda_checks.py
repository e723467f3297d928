#!/usr/bin/env python3
"""The Soda Core side of bench/quality: the checks Soda can express, on DuckDB, on the CSV.

    soda_checks.py FILE.csv OUT.json [--duckdb-only]

Loads the CSV into an in-memory DuckDB table (je as DOUBLE, the rest VARCHAR; empty -> NULL)
and runs a Soda scan with six checks. Failed-row samples are switched off (`samples limit: 0`)
so Soda runs only its two metric queries -- its fastest configuration. Timed in-process:
DuckDB load + scan (the Python interpreter and `import soda` are reported but not counted).

When soda-core-duckdb is not importable (or with --duckdb-only) the same checks run as plain
DuckDB SQL, and OUT.json says so in "engine".

Also computes, untimed, the three duplicate counts with DuckDB so the report can show them
side by side: distinct duplicated values (Soda), rows after the first occurrence (Shuhui),
every row of a duplicate group (Great Expectations).
"""
import json
import sys
import time

CHECKS = [
    # (name in the report, SodaCL check, equivalent DuckDB SQL aggregate)
    ("missing_count(xm)", "missing_count(xm) = 0:\n      samples limit: 0",
     "COUNT(*) FILTER (WHERE xm IS NULL)"),
    ("invalid_count(xb) valid values [男, 女]", "invalid_count(xb) = 0:\n      valid values: ['男', '女']\n      samples limit: 0",
     "COUNT(*) FILTER (WHERE xb IS NOT NULL AND xb NOT IN ('男', '女'))"),
    ("invalid_count(sjhm) valid regex ^1[3-9][0-9]{9}$", "invalid_count(sjhm) = 0:\n      valid regex: '^1[3-9][0-9]{9}$'\n      samples limit: 0",
     "COUNT(*) FILTER (WHERE sjhm IS NOT NULL AND NOT regexp_matches(sjhm, '^1[3-9][0-9]{9}$'))"),
    ("invalid_count(gmsfhm) valid regex ^[0-9]{17}[0-9X]$", "invalid_count(gmsfhm) = 0:\n      valid regex: '^[0-9]{17}[0-9X]$'\n      samples limit: 0",
     "COUNT(*) FILTER (WHERE gmsfhm IS NOT NULL AND NOT regexp_matches(gmsfhm, '^[0-9]{17}[0-9X]$'))"),
    ("duplicate_count(gmsfhm)", "duplicate_count(gmsfhm) = 0:\n      samples limit: 0",
     None),
    ("invalid_count(je) valid min 0 max 1000000", "invalid_count(je) = 0:\n      valid min: 0\n      valid max: 1000000\n      samples limit: 0",
     "COUNT(*) FILTER (WHERE je IS NOT NULL AND NOT (je >= 0 AND je <= 1000000))"),
]

COLUMNS = "{'gmsfhm': 'VARCHAR', 'tyshxydm': 'VARCHAR', 'xm': 'VARCHAR', 'sjhm': 'VARCHAR', 'csrq': 'VARCHAR', 'je': 'DOUBLE', 'xb': 'VARCHAR', 'djrq': 'VARCHAR'}"


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    path, out = args
    t_start = time.perf_counter()
    import duckdb
    soda = None
    if "--duckdb-only" not in argv:
        try:
            from soda.scan import Scan
            import soda.common  # noqa: F401
            soda = Scan
        except Exception as e:  # not installable here: fall back, and say so
            print(f"soda-core-duckdb not importable ({e}); running the same checks as DuckDB SQL", file=sys.stderr)
    t_imported = time.perf_counter()

    con = duckdb.connect()
    t0 = time.perf_counter()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{path}', header = true, columns = {COLUMNS})")
    t1 = time.perf_counter()
    counts = {}
    if soda is not None:
        from importlib.metadata import version
        engine = f"Soda Core {version('soda-core')} (soda-core-duckdb) on DuckDB {duckdb.__version__}"
        scan = soda()
        scan.set_data_source_name("bench")
        scan.add_duckdb_connection(duckdb_connection=con, data_source_name="bench")
        scan.add_sodacl_yaml_str("checks for t:\n" + "".join(f"  - {c[1]}\n" for c in CHECKS))
        scan.execute()
        t2 = time.perf_counter()
        results = scan.get_scan_results()
        by_definition = {}
        for c in results["checks"]:
            by_definition[c["name"]] = c.get("diagnostics", {}).get("value")
        for name, sodacl, _ in CHECKS:
            head = sodacl.split(":")[0]
            counts[name] = by_definition.get(head)
        if scan.has_error_logs():
            print(scan.get_error_logs_text(), file=sys.stderr)
    else:
        engine = f"DuckDB {duckdb.__version__} SQL (Soda Core not installed)"
        aggs = [c[2] for c in CHECKS if c[2]]
        row = con.execute("SELECT " + ", ".join(aggs) + " FROM t").fetchone()
        dup = con.execute("SELECT COUNT(*) FROM (SELECT gmsfhm FROM t WHERE gmsfhm IS NOT NULL GROUP BY gmsfhm HAVING COUNT(*) > 1)").fetchone()[0]
        t2 = time.perf_counter()
        values = iter(row)
        for name, _, sql in CHECKS:
            counts[name] = next(values) if sql else dup

    # Untimed: the three meanings of "duplicates", and the row count.
    groups, in_groups, after_first, total = con.execute("""
        WITH f AS (SELECT COUNT(*) AS n FROM t WHERE gmsfhm IS NOT NULL GROUP BY gmsfhm)
        SELECT COUNT(*) FILTER (WHERE n > 1), COALESCE(SUM(n) FILTER (WHERE n > 1), 0),
               COALESCE(SUM(n - 1) FILTER (WHERE n > 1), 0), (SELECT COUNT(*) FROM t) FROM f
        """).fetchone()
    result = {
        "engine": engine,
        "rows": total,
        "python_and_import_s": round(t_imported - t_start, 3),
        "load_s": round(t1 - t0, 3),
        "scan_s": round(t2 - t1, 3),
        "total_s": round(t2 - t0, 3),
        "counts": counts,
        "duplicates": {
            "distinct_duplicated_values": groups,
            "rows_after_first_occurrence": int(after_first),
            "rows_in_duplicate_groups": int(in_groups),
        },
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
    print(f"  {engine}: load {result['load_s']} s + scan {result['scan_s']} s = {result['total_s']} s "
          f"(python + imports {result['python_and_import_s']} s, not counted)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
