#!/usr/bin/env python3
"""Reads a wrk latency such as 812.00us, 1.23ms or 1.02s on stdin; prints milliseconds."""
import sys

t = sys.stdin.read().strip()
for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
    if t.endswith(unit):
        print(f"{float(t[:-len(unit)]) * factor:.2f}")
        break
else:
    print("nan")
