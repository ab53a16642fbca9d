#!/usr/bin/env python3
"""Times the picker as an agent meets it, in a real terminal (tmux): from
process start to the first ranked list on screen, and from each keystroke
to the first frame that shows its ranking. The picker writes both to the
file `CANNED_TRACE` names, as it draws; this script types a query one
character at a time (150 ms apart, so each keystroke is timed alone).

Usage: bench/picker.py [--sizes 1000,10000,100000] [--runs 5]
Needs: tmux (Debian: apt-get install tmux). Uses the libraries bench/run.py
generates in bench/out/.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
CANNED = os.path.join(ROOT, "target", "release", "canned")
TYPED = "remboursement"


def tmux(sock, *args):
    return subprocess.run(["tmux", "-L", sock, *args], check=True, capture_output=True, text=True)


def lines(path, kind):
    if not os.path.exists(path):
        return []
    return [float(l.split()[1]) for l in open(path) if l.startswith(kind + " ")]


def wait_for(what, done, limit=30.0):
    end = time.time() + limit
    while not done():
        if time.time() > end:
            sys.exit(f"timed out waiting for {what}")
        time.sleep(0.02)


def one_run(lib, cache, trace, sock):
    before = len(lines(trace, "first-list"))
    cmd = (f"env XDG_CACHE_HOME={cache} XDG_DATA_HOME={cache} CANNED_TRACE={trace} "
           f"{CANNED} --library {lib}")
    tmux(sock, "new-session", "-d", "-x", "120", "-y", "30", cmd)
    wait_for("the first list", lambda: len(lines(trace, "first-list")) > before)
    typed_before = len(lines(trace, "key-to-list"))
    for i, ch in enumerate(TYPED):
        tmux(sock, "send-keys", "-l", ch)
        wait_for("a keystroke's list", lambda: len(lines(trace, "key-to-list")) > typed_before + i)
        time.sleep(0.15)
    tmux(sock, "send-keys", "Escape")
    wait_for("the picker to end",
             lambda: subprocess.run(["tmux", "-L", sock, "has-session"], capture_output=True).returncode != 0)
    subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    print("| responses | first list on screen (median) | keystroke to its list: p50 | p95 | max |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for n in map(int, args.sizes.split(",")):
        lib = os.path.join(OUT, f"lib{n}")
        if not os.path.isdir(lib):
            sys.exit(f"{lib} is missing: run bench/run.py --sizes {n} first")
        with tempfile.TemporaryDirectory(prefix="canned-picker-") as tmp:
            cache, trace, sock = os.path.join(tmp, "cache"), os.path.join(tmp, "trace"), f"canned-bench-{os.getpid()}"
            # The first run builds the index cache; what agents feel is every run after.
            subprocess.run([CANNED, "--library", lib, "find", "x"], capture_output=True,
                           env={**os.environ, "XDG_CACHE_HOME": cache, "XDG_DATA_HOME": cache})
            for run in range(args.runs):
                # A server of its own each run: a new session on a server
                # that is exiting fails.
                one_run(lib, cache, trace, f"{sock}-{n}-{run}")
            first = lines(trace, "first-list")
            keys = sorted(lines(trace, "key-to-list"))
            pct = lambda q: keys[round((len(keys) - 1) * q)]
            print(f"| {n:,} | {statistics.median(first):.1f} ms | {pct(0.5):.1f} ms | {pct(0.95):.1f} ms "
                  f"| {keys[-1]:.1f} ms |", flush=True)


if __name__ == "__main__":
    main()
