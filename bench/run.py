#!/usr/bin/env python3
"""Times `canned find` end to end (process start to output) on generated
libraries of 1,000, 10,000 and 100,000 responses, side by side with
`fzf --filter` over the same responses flattened one per line, and reports
peak memory against the library's size on disk, the picker's re-ranking time
per keystroke (p50/p95/max), a cold run that rebuilds the index cache, and
the first run after one line is appended to one file of the library.

Usage: bench/run.py [--sizes 1000,10000,100000] [--runs 10]
Needs: hyperfine, fzf and GNU time (Debian: apt-get install hyperfine fzf time).
Libraries are generated once into bench/out/ (ignored by git).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
CANNED = os.path.join(ROOT, "target", "release", "canned")
QUERIES = ["remboursement retard", "deliverey", "password reset"]


def sh(*args, **kw):
    return subprocess.run(args, check=True, **kw)


def du_bytes(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def library(n):
    lib = os.path.join(OUT, f"lib{n}")
    flat = os.path.join(OUT, f"lib{n}.txt")
    if not os.path.exists(flat):
        sh(sys.executable, os.path.join(ROOT, "bench", "generate.py"),
           "--count", str(n), "--out", lib, "--flat", flat, "--force")
    return lib, flat


def hyperfine(commands, runs, prepare=None):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        extra = ["--prepare", prepare] if prepare else []
        sh("hyperfine", "--style", "none", "--warmup", "2", "--runs", str(runs),
           "--export-json", f.name, *extra, *commands,
           stdout=subprocess.DEVNULL)
        return [r["mean"] * 1000 for r in json.load(open(f.name))["results"]]


def peak_kb(cmd):
    r = subprocess.run(["/usr/bin/time", "-f", "%M", "bash", "-c", cmd],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(r.stderr.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--runs", type=int, default=10)
    args = p.parse_args()
    sh("cargo", "build", "--release", "--quiet", cwd=ROOT)
    env_cache = tempfile.mkdtemp(prefix="canned-bench-cache-")
    os.environ["XDG_CACHE_HOME"] = env_cache
    os.environ["XDG_DATA_HOME"] = env_cache
    print(f"machine: {os.cpu_count()} cores, {os.uname().machine}, {os.uname().sysname} {os.uname().release}")
    print()
    print("| responses | query | canned find | fzf --filter | ratio | canned peak memory | library on disk |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for n in map(int, args.sizes.split(",")):
        lib, flat = library(n)
        # The first run builds the index cache; what agents feel is every run after.
        subprocess.run([CANNED, "--library", lib, "find", "x"], capture_output=True)
        disk = du_bytes(lib)
        for q in QUERIES:
            canned = f"{CANNED} --library {lib} find {q} --limit 10 > /dev/null"
            fzf = f"fzf --filter '{q}' < {flat} | head -10 > /dev/null"
            runs = args.runs if n < 100000 else max(3, args.runs // 3)
            c_ms, f_ms = hyperfine([canned, fzf], runs)
            mem = peak_kb(canned)
            print(f"| {n:,} | `{q}` | {c_ms:.1f} ms | {f_ms:.1f} ms | {c_ms / f_ms:.3f}× "
                  f"| {mem / 1024:.1f} MB | {disk / 1e6:.1f} MB |", flush=True)
        keys = subprocess.run(["cargo", "run", "--release", "--quiet", "--example", "keystrokes", "--", lib],
                              cwd=ROOT, capture_output=True, text=True).stdout.strip()
        print(f"| {n:,} | picker re-ranking per keystroke: {keys} | | | | | |", flush=True)
        cold = hyperfine([f"rm -f {env_cache}/canned/index-*.bin {env_cache}/canned/delta-*.bin; {CANNED} --library {lib} find {QUERIES[0]} > /dev/null"],
                         max(3, args.runs // 3))[0]
        print(f"| {n:,} | cold (cache rebuilt) | {cold:.1f} ms | | | | |", flush=True)
        # What an agent pays after a `git pull` that changed one file.
        one = os.path.join(lib, sorted(d for d in os.listdir(lib) if os.path.isdir(os.path.join(lib, d)))[0])
        one = os.path.join(one, sorted(os.listdir(one))[0])
        before = open(one, "rb").read()
        # As many runs as the queries get: the ratio of two means of three
        # runs moved by 0.2 from one run of this script to the next.
        warm = hyperfine([f"{CANNED} --library {lib} find {QUERIES[0]} > /dev/null"], runs)[0]
        changed = hyperfine([f"{CANNED} --library {lib} find {QUERIES[0]} > /dev/null"], runs,
                            prepare=f"echo '# changed' >> {one}")[0]
        open(one, "wb").write(before)
        print(f"| {n:,} | first after one file changed | {changed:.1f} ms | warm {warm:.1f} ms | {changed / warm:.1f}× | | |",
              flush=True)


if __name__ == "__main__":
    main()
