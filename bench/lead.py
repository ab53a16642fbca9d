#!/usr/bin/env python3
"""Times the team lead's commands, `canned audit` and `canned check`, on
generated libraries (default 10,000 and 100,000 responses): wall time and
peak memory (maximum resident set size, GNU time), beside the library's size
on disk.

Each library is generated once into bench/out/lead<N> (ignored by git) by
bench/generate.py, and committed to a git repository of its own with a fixed
date, since `audit` reads when each response last changed from git. Every
run gets a fresh, empty XDG cache and data directory, so no run is warm from
another. Figures are the median of --runs runs (peak memory: the largest);
CPU is user + system time, which other work on the machine inflates less
than the wall time (both commands use a second core for part of the run).

Usage: bench/lead.py [--sizes 10000,100000] [--runs 3]
Needs: GNU time (Debian: apt-get install time) and git.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
CANNED = os.path.join(ROOT, "target", "release", "canned")
DATE = "2026-01-01T00:00:00Z"


def sh(*args, **kw):
    return subprocess.run(args, check=True, **kw)


def du_bytes(path):
    total = 0
    for d, dirs, files in os.walk(path):
        dirs[:] = [x for x in dirs if x != ".git"]
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def library(n):
    lib = os.path.join(OUT, f"lead{n}")
    if not os.path.isdir(os.path.join(lib, ".git")):
        sh(sys.executable, os.path.join(ROOT, "bench", "generate.py"),
           "--count", str(n), "--out", lib, "--force")
        env = dict(os.environ, GIT_AUTHOR_DATE=DATE, GIT_COMMITTER_DATE=DATE)
        git = ["git", "-C", lib, "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
        sh(*git, "init", "--quiet")
        sh(*git, "add", "--all")
        sh(*git, "commit", "--quiet", "--message", "generated", env=env)
    return lib


def measure(lib, command):
    """Wall seconds, CPU seconds (user + system) and peak kB of one run, with
    its own empty cache."""
    with tempfile.TemporaryDirectory(prefix="canned-lead-") as home:
        env = dict(os.environ, XDG_CACHE_HOME=home, XDG_DATA_HOME=home,
                   XDG_CONFIG_HOME=home, CANNED_NOW="2026-12-01")
        r = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", CANNED, "--library", lib, command],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, user, system, kb = r.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(kb)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    sh("cargo", "build", "--release", "--quiet", cwd=ROOT)
    u = os.uname()
    print(f"machine: {os.cpu_count()} cores, {u.machine}, {u.sysname} {u.release}; "
          f"load average {os.getloadavg()[0]:.1f} at start")
    print()
    print("| responses | library on disk | audit | audit CPU | audit peak memory "
          "| check | check CPU | check peak memory | check memory / disk |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in map(int, args.sizes.split(",")):
        lib = library(n)
        disk = du_bytes(lib)
        row = {}
        for command in ("audit", "check"):
            runs = [measure(lib, command) for _ in range(args.runs)]
            row[command] = (statistics.median(r[0] for r in runs),
                            statistics.median(r[1] for r in runs),
                            max(r[2] for r in runs))
        (a_s, a_cpu, a_kb), (c_s, c_cpu, c_kb) = row["audit"], row["check"]
        print(f"| {n:,} | {disk / 1e6:.1f} MB | {a_s:.2f} s | {a_cpu:.2f} s | {a_kb / 1e3:.0f} MB "
              f"| {c_s:.2f} s | {c_cpu:.2f} s | {c_kb / 1e3:.0f} MB | {c_kb * 1e3 / disk:.2f}× |",
              flush=True)
    print()
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
