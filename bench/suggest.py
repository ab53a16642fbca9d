#!/usr/bin/env python3
"""Times `canned suggest` end to end (process start to output, model from
the cache) on a three-sentence customer message, on generated libraries of
1,000 and 10,000 responses with three examples per response and language,
side by side with `fzf --filter` given the same message over the same
responses flattened one per line. Also the first run after the library
changed (the model rebuilt), and peak memory.

Usage: bench/suggest.py [--sizes 1000,10000] [--runs 10]
Needs: hyperfine, fzf and GNU time (Debian: apt-get install hyperfine fzf time).
Libraries are generated once into bench/out/ (ignored by git).
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import CANNED, OUT, ROOT, hyperfine, peak_kb, sh  # noqa: E402

MESSAGE = ("Hi, I ordered a jacket two weeks ago and the tracking has not moved since Monday. "
           "Can you tell me where my parcel is? Thanks, Sarah")


def library(n):
    lib = os.path.join(OUT, f"suggest{n}")
    flat = os.path.join(OUT, f"suggest{n}.txt")
    if not os.path.exists(flat):
        sh(sys.executable, os.path.join(ROOT, "bench", "generate.py"),
           "--count", str(n), "--out", lib, "--flat", flat, "--force", "--examples")
    return lib, flat


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--runs", type=int, default=10)
    args = p.parse_args()
    sh("cargo", "build", "--release", "--quiet", cwd=ROOT)
    cache = tempfile.mkdtemp(prefix="canned-bench-cache-")
    os.environ["XDG_CACHE_HOME"] = cache
    os.environ["XDG_DATA_HOME"] = cache
    print(f"machine: {os.cpu_count()} cores, {os.uname().machine}, {os.uname().sysname} {os.uname().release}")
    print(f"message: {MESSAGE!r}")
    print()
    print("| responses | canned suggest | fzf --filter | ratio | first run after a change | canned peak memory |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    msg_file = os.path.join(cache, "message.txt")
    with open(msg_file, "w") as f:
        f.write(MESSAGE)
    for n in map(int, args.sizes.split(",")):
        lib, flat = library(n)
        suggest = f"{CANNED} --library {lib} suggest - --json < {msg_file} > /dev/null"
        subprocess.run(["bash", "-c", suggest])  # builds the cache
        fzf = f"fzf --filter \"$(cat {msg_file})\" < {flat} | head -3 > /dev/null"
        s_ms, f_ms = hyperfine([suggest, fzf], args.runs)
        cold = hyperfine([f"rm -f {cache}/canned/suggest-*.bin; {suggest}"], max(3, args.runs // 3))[0]
        mem = peak_kb(suggest)
        print(f"| {n:,} | {s_ms:.1f} ms | {f_ms:.1f} ms | {s_ms / f_ms:.3f}× | {cold:.0f} ms | {mem / 1024:.1f} MB |",
              flush=True)


if __name__ == "__main__":
    main()
