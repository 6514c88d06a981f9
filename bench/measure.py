#!/usr/bin/env python3
"""Runs a command, prints `<wall seconds> <peak RSS KiB>` of that run alone
(os.wait4 gives the child's own rusage). Used by the bench scripts."""
import os
import subprocess
import sys
import time

t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
wall = time.perf_counter() - t0
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(f"command failed: {' '.join(sys.argv[1:])}")
print(f"{wall:.4f} {usage.ru_maxrss}")
