#!/usr/bin/env python3
"""Deterministic test data for the Shuhui benchmarks.

    gen_csv.py ROWS OUT.csv

Writes an 8-column UTF-8 CSV with a header row

    gmsfhm,tyshxydm,xm,sjhm,csrq,je,xb,djrq

  gmsfhm    resident ID (GB 11643, valid check character; unique by construction)
  tyshxydm  unified social credit code (GB 32100, valid check character, and a valid
            GB 11714 organisation-code check in characters 9-17)
  xm        Chinese name
  sjhm      mobile number (1[3-9] + 9 digits)
  csrq      birth date YYYY-MM-DD, equal to the date in gmsfhm
  je        amount 0..1,000,000 with 2 decimals
  xb        男/女 (from the ID's sex digit)
  djrq      registration date YYYY-MM-DD, 2015..2024

and injects errors at fixed rates, counting them (rows are numbered 1..ROWS):

  every  97th row  gmsfhm with a wrong check character       -> residentID
  every 139th row  gmsfhm cut to 17 characters (bad format)  -> residentID (and a format regex)
  every 101st row  tyshxydm with a wrong check character     -> creditCode
  every 103rd row  sjhm starting 12 (not a mobile prefix)    -> mobile (and the mobile regex)
  every 107th row  xb = 'X'                                  -> codeList
  every 109th row  xm empty (missing)                        -> notNull
  every 113th row  je negative                               -> range (min 0)
  every 131st row  csrq one day after the ID's birth date    -> crossField birthDateMatchesID
                   (not counted when the ID is cut short: there is no birth date to compare)
  every 137th row  djrq = 2099-12-31                          -> dateNotFuture
  duplicates       row 127k repeats row 127k-1's gmsfhm (and csrq); when k is a multiple of
                   4, row 127k+1 repeats it a third time. So there are groups of 2 and 3.

A duplicate row inherits the copied ID (and its errors); the ID-error rates apply to the
other rows only. The exact failure counts per rule, the three ways of counting duplicates,
and the number of rows with at least one failure go to OUT.csv.expected.json (or pass
--no-expected). Nothing is random: the same ROWS always gives the same bytes.
"""
import datetime
import json
import sys

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECKS = "10X98765432"
ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

# Real division codes, including 330113 临平区 / 330114 钱塘区 (2021), which must not be rejected.
REGIONS = ["330102", "330105", "330106", "330108", "330109", "330110", "330111", "330112",
           "330113", "330114", "330122", "330127", "330182", "330183", "110101", "110102",
           "310115", "440113", "360426", "330602"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏宇浩然晨阳欣怡梓涵子轩一诺思雨佳琪俊杰嘉豪雅婷志强海燕国庆春梅晓东"
MOBILE_PREFIXES = ["138", "139", "135", "136", "150", "151", "152", "186", "187", "188",
                   "133", "153", "177", "180", "189", "199", "158", "159", "130", "131"]


def check_id(first17):
    return ID_CHECKS[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    write_expected = "--no-expected" not in argv
    if len(args) != 2:
        sys.exit(__doc__)
    rows, out = int(args[0]), args[1]

    # Birth dates 1940-01-01 .. 2005-12-31; the list has one extra day for the +1 error.
    first = datetime.date(1940, 1, 1)
    ndays = (datetime.date(2005, 12, 31) - first).days + 1
    days = [first + datetime.timedelta(d) for d in range(ndays + 1)]
    iso = [d.isoformat() for d in days]
    compact = [d.strftime("%Y%m%d") for d in days]
    # Weighted-sum parts of the ID check: region (digits 1-6), date (7-14), sequence (15-17).
    region_sum = [sum(int(c) * w for c, w in zip(r, ID_WEIGHTS[0:6])) for r in REGIONS]
    date_sum = [sum(int(c) * w for c, w in zip(c8, ID_WEIGHTS[6:14])) for c8 in compact]
    seq_text = ["%03d" % s for s in range(1000)]
    seq_sum = [sum(int(c) * w for c, w in zip(t, ID_WEIGHTS[14:17])) for t in seq_text]
    nreg = len(REGIONS)
    space = nreg * ndays * 1000          # distinct (region, day, sequence) triples
    step = 1_000_003                     # prime, coprime to `space`: i -> i*step mod space is one-to-one
    assert space % step != 0 and rows < space

    # Credit codes: '9' '1' + region + 8-digit organisation body + GB 11714 check + GB 32100 check.
    credit_prefix_sum = [CREDIT_WEIGHTS[0] * ALPHA.index("9") + CREDIT_WEIGHTS[1] * ALPHA.index("1")
                         + sum(int(c) * w for c, w in zip(r, CREDIT_WEIGHTS[2:8])) for r in REGIONS]

    reg_dates = [datetime.date(2015, 1, 1) + datetime.timedelta(d) for d in range(3653)]
    reg_iso = [d.isoformat() for d in reg_dates]

    counts = {k: 0 for k in ["residentID:gmsfhm", "residentID_checkCharacter:gmsfhm", "residentID_format:gmsfhm",
                             "creditCode:tyshxydm", "mobile:sjhm", "codeList:xb", "notNull:xm", "range:je",
                             "crossField:csrq", "dateNotFuture:djrq", "dateNotFuture:csrq"]}
    dup_rows_after_first = 0
    dup_groups = 0
    dup_rows_in_groups = 0
    problem_rows = 0

    prev = []   # the last two rows' (gmsfhm, csrq, id_error_kind, csrq_mismatch)
    ng = len(GIVEN)
    ns = len(SURNAMES)
    with open(out, "w", encoding="utf-8", newline="") as f:
        buf = ["gmsfhm,tyshxydm,xm,sjhm,csrq,je,xb,djrq\n"]
        for i in range(1, rows + 1):
            # --- resident ID, birth date
            dup_of = None
            if i % 127 == 0:
                dup_of = prev[-1]
            elif i % 127 == 1 and i > 1 and ((i - 1) // 127) % 4 == 0:
                dup_of = prev[-2]
            idx = (i * step) % space
            r = idx % nreg
            rest = idx // nreg
            d = rest % ndays
            s = rest // ndays
            if dup_of is not None:
                gmsfhm, csrq, id_err, mismatch = dup_of
                dup_rows_after_first += 1
                dup_rows_in_groups += 1
                if i % 127 == 0:
                    dup_groups += 1
                    dup_rows_in_groups += 1      # the first occurrence belongs to the group too
            else:
                first17 = REGIONS[r] + compact[d] + seq_text[s]
                check = ID_CHECKS[(region_sum[r] + date_sum[d] + seq_sum[s]) % 11]
                id_err = None
                if i % 139 == 0:
                    gmsfhm = first17                      # 17 characters: bad format
                    id_err = "format"
                elif i % 97 == 0:
                    wrong = ID_CHECKS[(ID_CHECKS.index(check) + 1 + i % 10) % 11]
                    gmsfhm = first17 + wrong
                    id_err = "check"
                else:
                    gmsfhm = first17 + check
                mismatch = i % 131 == 0
                csrq = iso[d + 1] if mismatch else iso[d]
            bad = False
            if id_err:
                counts["residentID:gmsfhm"] += 1
                counts["residentID_format:gmsfhm" if id_err == "format" else "residentID_checkCharacter:gmsfhm"] += 1
                bad = True
            if mismatch and id_err != "format":     # the rule needs an 18-character ID to compare with
                counts["crossField:csrq"] += 1
                bad = True
            if dup_of is not None:
                bad = True
            prev.append((gmsfhm, csrq, id_err, mismatch))
            if len(prev) > 2:
                del prev[0]
            male = (s % 2) == 1

            # --- credit code
            cr = (i * 7) % nreg
            body = "%08d" % ((i * 48271 + 11) % 100_000_000)
            org = sum(int(c) * w for c, w in zip(body, ORG_WEIGHTS))
            oc = 11 - org % 11
            org_check = "X" if oc == 10 else ("0" if oc == 11 else str(oc))
            total = credit_prefix_sum[cr] + sum(int(c) * w for c, w in zip(body, CREDIT_WEIGHTS[8:16])) \
                + CREDIT_WEIGHTS[16] * ALPHA.index(org_check)
            ci = (31 - total % 31) % 31
            if i % 101 == 0:
                ci = (ci + 1 + i % 29) % 31
                counts["creditCode:tyshxydm"] += 1
                bad = True
            credit = "91" + REGIONS[cr] + body + org_check + ALPHA[ci]

            # --- name
            if i % 109 == 0:
                xm = ""
                counts["notNull:xm"] += 1
                bad = True
            else:
                h = (i * 2654435761) & 0xFFFFFFFF
                xm = SURNAMES[h % ns] + GIVEN[(h >> 8) % ng]
                if (h >> 16) % 3:
                    xm += GIVEN[(h >> 20) % ng]

            # --- mobile
            tail = (i * 104729 + 7) % 100_000_000
            if i % 103 == 0:
                sjhm = "12%09d" % (tail % 1_000_000_000)
                counts["mobile:sjhm"] += 1
                bad = True
            else:
                sjhm = MOBILE_PREFIXES[i % 20] + "%08d" % tail

            # --- amount
            cents = (i * 7919 + 12345) % 100_000_001
            if i % 113 == 0:
                je = "-%d.%02d" % (cents // 100 + 1, cents % 100)
                counts["range:je"] += 1
                bad = True
            else:
                je = "%d.%02d" % (cents // 100, cents % 100)

            # --- sex
            if i % 107 == 0:
                xb = "X"
                counts["codeList:xb"] += 1
                bad = True
            else:
                xb = "男" if male else "女"

            # --- registration date
            if i % 137 == 0:
                djrq = "2099-12-31"
                counts["dateNotFuture:djrq"] += 1
                bad = True
            else:
                djrq = reg_iso[(i * 31) % len(reg_iso)]

            if bad:
                problem_rows += 1
            buf.append(f"{gmsfhm},{credit},{xm},{sjhm},{csrq},{je},{xb},{djrq}\n")
            if len(buf) >= 20000:
                f.write("".join(buf))
                buf = []
        f.write("".join(buf))

    if not write_expected:
        return
    # A duplicate row is one more failure of the key's uniqueness rule; with the rule counts
    # this gives failures per quality dimension under Shuhui's default dimensions.
    counts["unique:gmsfhm"] = dup_rows_after_first
    dims = {
        "completeness": counts["notNull:xm"],
        "conformity": counts["residentID:gmsfhm"] + counts["creditCode:tyshxydm"] + counts["mobile:sjhm"],
        "accuracy": counts["codeList:xb"] + counts["range:je"] + counts["dateNotFuture:djrq"] + counts["dateNotFuture:csrq"],
        "consistency": counts["crossField:csrq"],
        "uniqueness": dup_rows_after_first,
    }
    expected = {
        "rows": rows,
        "file": out,
        "rules": counts,
        "problem_rows": problem_rows,
        "rows_without_failures": rows - problem_rows,
        "dimensions_failed": dims,
        "duplicates": {
            "rows_after_first_occurrence": dup_rows_after_first,     # Shuhui's RecordChecker
            "distinct_duplicated_values": dup_groups,               # Soda duplicate_count
            "rows_in_duplicate_groups": dup_rows_in_groups,         # Great Expectations unexpected_count
        },
        # What the format-only checks of a generic tool can see (no check digits, no dates):
        "format_only": {
            "gmsfhm_not_17digits_plus_digit_or_X": counts["residentID_format:gmsfhm"],
            "sjhm_not_1[3-9]_9digits": counts["mobile:sjhm"],
        },
    }
    with open(out + ".expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)
