#!/usr/bin/env python3
"""Small HTTP helpers for the benchmark scripts (standard library only).

    shuhui_api.py token BASE_URL                      -> prints an admin bearer token
    shuhui_api.py create BASE_URL TOKEN RULESET NAME  -> creates the 8-field resource, prints its code
    shuhui_api.py summary REPORT.json                 -> one line: rows, stored, problem rows, failures per dimension

RULESET is `all` (every rule kind the generated file exercises, default dimensions) or `soda`
(only the checks Soda Core can express too; each put on its own dimension so that a dry run's
per-dimension counts read as per-check counts -- see bench/quality/run.sh).
"""
import json
import sys
import urllib.request

FIELDS = [
    {"name": "公民身份号码", "code": "gmsfhm", "type": "string", "length": 18, "required": True, "primaryKey": True, "sensitivity": "L3"},
    {"name": "统一社会信用代码", "code": "tyshxydm", "type": "string", "length": 18},
    {"name": "姓名", "code": "xm", "type": "string", "length": 20, "required": True, "sensitivity": "L2"},
    {"name": "手机号码", "code": "sjhm", "type": "string", "length": 11, "sensitivity": "L3"},
    {"name": "出生日期", "code": "csrq", "type": "date"},
    {"name": "金额", "code": "je", "type": "decimal"},
    {"name": "性别", "code": "xb", "type": "string", "length": 1},
    {"name": "登记日期", "code": "djrq", "type": "date"},
]

RULES = {
    "all": [
        {"kind": "residentID", "field": "gmsfhm"},
        {"kind": "creditCode", "field": "tyshxydm"},
        {"kind": "mobile", "field": "sjhm"},
        {"kind": "codeList", "field": "xb", "values": ["男", "女"]},
        {"kind": "range", "field": "je", "min": 0, "max": 1000000},
        {"kind": "dateNotFuture", "field": "csrq"},
        {"kind": "dateNotFuture", "field": "djrq"},
        {"kind": "crossField", "field": "csrq", "otherField": "gmsfhm", "check": "birthDateMatchesID"},
    ],
    # The checks Soda expresses too, one per dimension: the dimensions are only labels here,
    # they let a dry run's per-dimension counts be read as per-check counts. Implicit rules also
    # run (notNull on the required gmsfhm and xm -- Soda's missing_count(xm) --, type on every
    # field, length on strings, batch uniqueness of the key -- Soda's duplicate_count); on this
    # file only notNull(xm) and the key's uniqueness can fail among them.
    "soda": [
        {"kind": "codeList", "field": "xb", "values": ["男", "女"], "dimension": "accuracy"},
        {"kind": "mobile", "field": "sjhm", "dimension": "conformity"},
        # Soda's format regex on gmsfhm (no check digit): a pattern rule (NSRegularExpression).
        {"kind": "pattern", "field": "gmsfhm", "pattern": "[0-9]{17}[0-9X]", "dimension": "consistency"},
        {"kind": "range", "field": "je", "min": 0, "max": 1000000, "dimension": "relations"},
    ],
}


def call(method, url, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {url}: HTTP {e.code}: {e.read().decode(errors='replace')}")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "token":
        print(call("POST", argv[2] + "/api/v1/auth/token", body={"username": "admin", "password": "shuhui-admin"})["secret"])
    elif cmd == "create":
        base, token, ruleset, name = argv[2:6]
        orgs = call("GET", base + "/api/v1/organizations?limit=1000", token)
        items = orgs["items"] if isinstance(orgs, dict) else orgs
        police = next(o["id"] for o in items if o.get("shortName") == "市公安局")
        draft = {
            "name": name, "categoryCode": "301001", "providerID": police, "summary": "benchmark",
            "sharing": "conditional", "sharingCondition": "基准测试", "sharingModes": ["api"],
            "open": "notOpen", "grade": "L3", "updateCycle": "daily",
            "fields": FIELDS, "rules": RULES[ruleset],
        }
        print(call("POST", base + "/api/v1/resources", token, draft)["code"])
    elif cmd == "summary":
        r = json.load(open(argv[2]))
        dims = {k: v["failed"] for k, v in sorted(r.get("dimensions", {}).items()) if v.get("failed")}
        print(f"rowsTotal={r.get('rowsTotal')} rowsStored={r.get('rowsStored')} problemRows={r.get('problemRows')} failed per dimension={dims}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
