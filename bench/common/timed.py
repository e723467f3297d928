#!/usr/bin/env python3
"""Runs a command, saves its standard output, and reports wall time and peak RSS.

    timed.py OUT.txt -- COMMAND [ARGS...]

Writes `seconds max_rss_mb` (the child's ru_maxrss) on the last line of standard output;
the command's standard error passes through. Exits with the command's status.
"""
import resource
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        sys.exit(__doc__)
    with open(argv[1], "wb") as out:
        t0 = time.perf_counter()
        p = subprocess.run(argv[3:], stdout=out)
        t1 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{t1 - t0:.3f} {rss:.1f}")
    sys.exit(p.returncode)


if __name__ == "__main__":
    main(sys.argv)
