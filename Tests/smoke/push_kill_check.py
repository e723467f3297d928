#!/usr/bin/env python3
"""Push delivery survives kill -9: at least once, and exactly once after dedup by batch id.

Starts `shuhui serve --demo` on a fresh data folder, has 市公安局 store 25,000 people in
户籍人口信息, lets 市人力社保局 obtain a push grant and subscribe an HTTP receiver (this script),
then kills the server with SIGKILL while the receiver is still answering the first delivery,
restarts it on the same data folder, and waits until every delivery is acknowledged.

Usage: push_kill_check.py PATH_TO_SHUHUI_BINARY
"""
import atexit, datetime, http.server, json, os, random, signal, socket, subprocess, sys, tempfile, threading, time, urllib.request

BIN = sys.argv[1]
ROWS = 25_000
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id(n):
    born = datetime.date(1960, 1, 1) + datetime.timedelta(days=n % 9000)
    body = "330106" + born.strftime("%Y%m%d") + "%03d" % (n // 9000)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


received = []          # (batch id, body) for every POST, duplicates included
first_started = threading.Event()
lock = threading.Lock()


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        batch = self.headers.get("X-Shuhui-Batch-Id", "")
        with lock:
            received.append((batch, body.decode()))
            first = len(received) == 1
        if first:
            first_started.set()
            time.sleep(30)  # the server is killed while it waits for this answer
        self.send_response(200); self.end_headers()

    def log_message(self, *a):
        pass


rport = free_port()
server = http.server.ThreadingHTTPServer(("127.0.0.1", rport), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()

data = tempfile.mkdtemp(prefix="shuhui-push-")
port = free_port()
base = f"http://127.0.0.1:{port}"


servers = []


@atexit.register
def stop_servers():
    # Whatever happens (a failed assertion included), no server is left behind.
    for p in servers:
        if p.poll() is None:
            p.kill()


def start():
    log = open(os.path.join(data, "serve.log"), "a")
    p = subprocess.Popen([BIN, "serve", "--demo", "--data-dir", data, "--port", str(port), "--push-interval", "1"], stdout=log, stderr=log)
    servers.append(p)
    for _ in range(240):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1); return p
        except Exception:
            time.sleep(0.5)
    sys.exit("server did not start")


def call(method, path, token=None, body=None, ctype="application/json"):
    data_ = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data_, method=method)
    if token: req.add_header("Authorization", "Bearer " + token)
    if data_ is not None: req.add_header("Content-Type", ctype)
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"{}")


def token(user, password="shuhui-demo"):
    return call("POST", "/api/v1/auth/token", body={"username": user, "password": password})["secret"]


proc = start()
police, hrss, papprover, bureau = token("police"), token("hrss"), token("police-approver"), token("approver")
resources = call("GET", "/api/v1/resources?limit=200", police)["items"]
res = next(r for r in resources if r["name"] == "户籍人口信息")
ids = [resident_id(n) for n in range(ROWS)]
assert len(set(ids)) == ROWS
csv = "gmsfhm,xm,xb\n" + "".join(f"{i},测试{n},{1 + n % 2}\n" for n, i in enumerate(ids))
report = call("POST", f"/api/v1/resources/{res['code']}/batches", police, csv.encode(), "text/csv")
assert report["rowsStored"] == ROWS, report
hrss_unit = call("GET", "/api/v1/me", hrss)["organizationID"]
system = call("GET", f"/api/v1/systems?organizationID={hrss_unit}", hrss)["items"][0]["id"]
until = time.strftime("%Y-%m-%d", time.localtime(time.time() + 300 * 86400))
req = call("POST", "/api/v1/sharing/requests", hrss, {"resourceCode": res["code"], "systemID": system, "fields": ["gmsfhm", "xm", "xb"],
                                                     "mode": "push", "purpose": "参保比对", "legalBasis": "社会保险法", "validUntil": until})
call("POST", f"/api/v1/sharing/requests/{req['id']}/decision", papprover, {"decision": "approve"})
grant = call("POST", f"/api/v1/sharing/requests/{req['id']}/decision", bureau, {"decision": "approve", "masks": {"gmsfhm": "pseudonym", "xm": "name"}})["grantID"]
sub = call("POST", "/api/v1/push/subscriptions", hrss, {"grantID": grant, "mode": "incremental", "targetKind": "http",
                                                       "target": f"http://127.0.0.1:{rport}/receive", "format": "csv", "intervalMinutes": 5})
sid = sub["subscription"]["id"]

assert first_started.wait(60), "no delivery started"
proc.send_signal(signal.SIGKILL); proc.wait()
print(f"killed the server with SIGKILL during delivery {received[0][0]}")
proc = start()
deadline = time.time() + 120
while time.time() < deadline:
    s = call("GET", f"/api/v1/push/subscriptions/{sid}", hrss)["summary"]
    if s["pending"] == 0 and s["recordsDelivered"] >= ROWS: break
    time.sleep(1)
proc.send_signal(signal.SIGTERM); proc.wait()
server.shutdown()

batches = {}
for batch, body in received:
    batches.setdefault(batch, body)
rows = [line.split(",")[0] for body in batches.values() for line in body.strip().split("\n")[1:]]
all_rows = [line for _, body in received for line in body.strip().split("\n")[1:]]
print(f"posts received: {len(received)}, distinct batch ids: {len(batches)}, rows received: {len(all_rows)}, rows after dedup: {len(rows)}")
assert len(received) > len(batches), "the interrupted delivery was sent again"
assert len(rows) == ROWS and len(set(rows)) == ROWS, "exactly once after dedup by batch id"
assert not set(rows) & set(ids), "resident IDs are pseudonymised, never sent raw"
print("push kill -9 check: OK")
