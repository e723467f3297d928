#!/usr/bin/env python3
"""Sets up the gateway benchmark on a running server (standard library only).

    setup.py BASE_URL RESOURCE_CODE OUT.json

On the demo city with the 1,000,000-row benchmark resource already loaded (provided by
市公安局): publishes the data service `bench-by-id` (lookup by resident ID, returning
gmsfhm, xm, sjhm, csrq), files a request from 市人力社保局's first system, approves it as
police-approver then the bureau's approver (default masks: ID, name and mobile masked), and
issues the system an app key. Writes {"key", "secret", "service", "grant"} to OUT.json.
"""
import json
import sys
import datetime

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/common")
from shuhui_api import call  # noqa: E402


def token(base, user, password="shuhui-demo"):
    return call("POST", base + "/api/v1/auth/token", body={"username": user, "password": password})["secret"]


def main(base, code, out):
    police, hrss = token(base, "police"), token(base, "hrss")
    approver, bureau = token(base, "police-approver"), token(base, "approver")
    orgs = call("GET", base + "/api/v1/organizations", hrss)["items"]
    hrss_id = next(o["id"] for o in orgs if o["shortName"] == "市人力社保局")
    system = call("GET", f"{base}/api/v1/systems?organizationID={hrss_id}&limit=1", hrss)["items"][0]["id"]
    call("POST", base + "/api/v1/services", police, {
        "code": "bench-by-id", "name": "按公民身份号码查询（基准测试）", "resourceCode": code,
        "fields": ["gmsfhm", "xm", "sjhm", "csrq"], "parameters": [{"field": "gmsfhm", "required": True}],
        "pageSize": 20, "ratePerMinute": 10_000_000 // 10})
    call("POST", base + "/api/v1/services/bench-by-id/publish", police)
    until = (datetime.date.today() + datetime.timedelta(days=365)).isoformat()
    req = call("POST", base + "/api/v1/sharing/requests", hrss, {
        "resourceCode": code, "systemID": system, "fields": ["gmsfhm", "xm", "sjhm", "csrq"], "mode": "api",
        "purpose": "基准测试", "legalBasis": "基准测试", "validUntil": until})
    call("POST", f"{base}/api/v1/sharing/requests/{req['id']}/decision", approver, {"decision": "approve"})
    done = call("POST", f"{base}/api/v1/sharing/requests/{req['id']}/decision", bureau, {"decision": "approve", "ratePerMinute": 1_000_000})
    issued = call("POST", f"{base}/api/v1/systems/{system}/credentials", hrss)
    json.dump({"key": issued["credential"]["appKey"], "secret": issued["secret"], "service": "bench-by-id", "grant": done["grantID"]}, open(out, "w"))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
