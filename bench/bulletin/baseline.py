"""The plain GROUP BY over the raw call events that the bulletin's 附件 3 replaces: per system,
this week's and cumulative calls. Prints milliseconds (best of 3)."""
import sqlite3, sys, time

db = sqlite3.connect(sys.argv[1])
start, end = 1526054400000, 1526659200000  # 2018-05-12 00:00 … 2018-05-19 00:00 Beijing
best = None
for _ in range(3):
    t = time.perf_counter()
    week = db.execute("SELECT system_id, COUNT(*) FROM calls WHERE at >= ? AND at < ? GROUP BY system_id", (start, end)).fetchall()
    total = db.execute("SELECT system_id, COUNT(*) FROM calls WHERE at < ? GROUP BY system_id", (end,)).fetchall()
    ms = (time.perf_counter() - t) * 1000
    best = ms if best is None else min(best, ms)
print(f"{best:.1f} {sum(c for _, c in week)} {sum(c for _, c in total)}")
