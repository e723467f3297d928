#!/usr/bin/env python3
"""Prints bench/quality's side-by-side table and the speed ratio.

    compare.py EXPECTED.json SODA.json SAME.out SAME_SECS SAME_RSS ALL.out ALL_SECS ALL_RSS

SAME.out / ALL.out: the output of `shuhui import … --dry-run` for the resource with the
Soda-comparable checks (one check per dimension, see bench/common/shuhui_api.py) and for the
resource with all rules. Exits 1 when a comparable count differs between the two tools or
from the generator's count.
"""
import json
import re
import sys

# Soda check -> (dimension that holds the Shuhui counterpart in the "soda" resource,
#                the Shuhui rule, the generator's count key)
PAIRS = [
    ("missing_count(xm)", "completeness", "notNull(xm) (implicit: required)", ("rules", "notNull:xm")),
    ("invalid_count(xb) valid values [男, 女]", "accuracy", "codeList(xb) [男, 女]", ("rules", "codeList:xb")),
    ("invalid_count(sjhm) valid regex ^1[3-9][0-9]{9}$", "conformity", "mobile(sjhm)", ("rules", "mobile:sjhm")),
    ("invalid_count(gmsfhm) valid regex ^[0-9]{17}[0-9X]$", "consistency", "pattern(gmsfhm) [0-9]{17}[0-9X]", ("format_only", "gmsfhm_not_17digits_plus_digit_or_X")),
    ("invalid_count(je) valid min 0 max 1000000", "relations", "range(je) 0..1000000", ("rules", "range:je")),
]


def dims(path):
    """failed count per dimension from the CLI's `  准确性 accuracy: 990655/1000000 passed` lines."""
    out = {}
    for line in open(path, encoding="utf-8"):
        m = re.search(r"([a-z]+): (\d+)/(\d+) passed", line)
        if m:
            out[m.group(1)] = int(m.group(3)) - int(m.group(2))
    return out


def main(argv):
    if len(argv) not in (9, 10):
        sys.exit(__doc__)
    exp = json.load(open(argv[1]))
    soda = json.load(open(argv[2]))
    same, same_s, same_rss = dims(argv[3]), float(argv[4]), argv[5]
    alld, all_s, all_rss = dims(argv[6]), float(argv[7]), argv[8]
    rows = exp["rows"]
    bad = 0

    print(f"\n== Quality benchmark: {rows} rows, same file, same run ({soda['engine']}; Shuhui commit {argv[9] if len(argv) > 9 else '?'})")
    print("  Checks both tools express (Shuhui: dry run of a resource with exactly these rules):")
    print(f"  {'Soda check':<52} {'Soda':>8} {'Shuhui':>8} {'expected':>9}  Shuhui rule")
    for soda_name, dim, rule, (section, key) in PAIRS:
        s, h, e = soda["counts"].get(soda_name), same.get(dim, 0), exp[section][key]
        ok = s == h == e
        bad += not ok
        print(f"  {soda_name:<52} {s!s:>8} {h:>8} {e:>9}  {rule}{'' if ok else '   MISMATCH'}")
    d = soda["duplicates"]
    s, h = soda["counts"].get("duplicate_count(gmsfhm)"), same.get("uniqueness", 0)
    ok = s == d["distinct_duplicated_values"] == exp["duplicates"]["distinct_duplicated_values"] \
        and h == d["rows_after_first_occurrence"] == exp["duplicates"]["rows_after_first_occurrence"] \
        and d["rows_in_duplicate_groups"] == exp["duplicates"]["rows_in_duplicate_groups"]
    bad += not ok
    print(f"  {'duplicate_count(gmsfhm)':<52} {s!s:>8} {h:>8} {'':>9}  unique(primary key, batch){'' if ok else '   MISMATCH'}")
    print("    duplicates are counted differently, by design: Soda counts distinct duplicated values "
          f"({d['distinct_duplicated_values']}); Shuhui counts rows after the first occurrence "
          f"({d['rows_after_first_occurrence']} = rows - distinct values); Great Expectations would count "
          f"every row of a duplicate group ({d['rows_in_duplicate_groups']}). DuckDB on the same table and the generator agree on all three.")
    print("  Not comparable (Soda cannot express them without custom SQL); the generator's counts, which Shuhui's")
    print("  all-rules dry run matches per dimension (bench/ingest/run.sh checks them per rule in the problem data):")
    r = exp["rules"]
    print(f"    residentID(gmsfhm) check character + birth date: {r['residentID:gmsfhm']} rows fail "
          f"(Soda's format regex sees only the {r['residentID_format:gmsfhm']} malformed ones)")
    print(f"    creditCode(tyshxydm) {r['creditCode:tyshxydm']}, crossField csrq = birth date in gmsfhm {r['crossField:csrq']}, "
          f"dateNotFuture(djrq) {r['dateNotFuture:djrq']}")
    exp_dims = exp["dimensions_failed"]
    all_ok = all(alld.get(k, 0) == v for k, v in exp_dims.items())
    bad += not all_ok
    print(f"    all-rules dry run, failures per dimension: {alld} -> {'equal to the generator' if all_ok else 'DIFFERENT from the generator ' + str(exp_dims)}")

    soda_s = soda["total_s"]
    print()
    print(f"  {'':<52} {'seconds':>8} {'rows/s':>11} {'peak RSS':>9}")
    print(f"  {'Soda scan (DuckDB load ' + str(soda['load_s']) + ' s + scan ' + str(soda['scan_s']) + ' s)':<52} {soda_s:>8.3f} {rows / soda_s:>11,.0f} {'':>9}")
    print(f"  {'Shuhui import --dry-run, the same checks':<52} {same_s:>8.3f} {rows / same_s:>11,.0f} {same_rss + ' MB':>9}")
    print(f"  {'Shuhui import --dry-run, all rules':<52} {all_s:>8.3f} {rows / all_s:>11,.0f} {all_rss + ' MB':>9}")
    speed = soda_s / same_s
    print(f"  speed-up Shuhui vs Soda (same checks): {speed:.2f}x   target >= 3x: {'met' if speed >= 3 else 'MISSED'}")
    print(f"  speed-up Shuhui vs Soda (Shuhui with all rules): {soda_s / all_s:.2f}x")
    print(f"  counts: {'Shuhui, Soda and the generator agree' if not bad else f'{bad} DIFFERENCES (see above)'}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main(sys.argv)
