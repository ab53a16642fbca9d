#!/usr/bin/env python3
"""Keystroke replay: how many characters an agent types before the right
reply is first, and stays first, with `canned find` and with `fzf --filter`.

Each query of the search quality set (tests/integration/quality.tsv, on the
sample library responses/) is typed one character at a time. After every
character the prefix typed so far is run through `canned find --json` and
through `fzf --filter` over the library flattened one response per line (the
flattening of bench/run.py and bench/quality_fzf.py: id, shortcut, title,
tags, body, then each translation's title and body). A query's cost is the
number of characters typed when the expected reply became first and stayed
first up to the whole query; a query whose reply is not first once the whole
query is typed is "not reached" and costs its full length (the agent still
has to look down the list). Qualifiers (`c:vip`) are plain words to fzf.

Usage: bench/keystrokes.py [--kinds shortcut,words] [--canned PATH]
Needs: fzf and a built canned (target/release, else target/debug: the
counts do not depend on the build, only the time the replay takes).
"""
import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quality_fzf import CANNED, LIB, SET, flatten  # noqa: E402


def canned_first(canned, prefix, env):
    out = subprocess.run([canned, "--library", LIB, "find", *prefix.split(), "--json", "--limit", "1"],
                         capture_output=True, text=True, env=env).stdout
    try:
        hits = json.loads(out or "[]")
    except json.JSONDecodeError:
        return None
    return hits[0]["id"] if hits else None


def fzf_first(prefix, corpus):
    out = subprocess.run(["fzf", "--filter", prefix], input=corpus, capture_output=True, text=True).stdout
    return out.split("\t", 1)[0] if out else None


def cost(firsts, expected):
    """Characters typed until `expected` is first and stays first, or None."""
    reached = None
    for n, first in enumerate(firsts, start=1):
        if first == expected:
            reached = reached or n
        else:
            reached = None
    return reached


def replay(canned, query, expected, corpus, env):
    # A prefix ending in a space searches the same words, but is a keystroke.
    prefixes = [query[:n] for n in range(1, len(query) + 1)]
    c = [canned_first(canned, p, env) if p.strip() else None for p in prefixes]
    f = [fzf_first(p, corpus) if p.strip() else None for p in prefixes]
    return len(query), cost(c, expected), cost(f, expected)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kinds", help="only these kinds of query, comma-separated")
    debug = os.path.join(os.path.dirname(os.path.dirname(CANNED)), "debug", "canned")
    p.add_argument("--canned", default=CANNED if os.path.exists(CANNED) else debug)
    args = p.parse_args()
    kinds = set(args.kinds.split(",")) if args.kinds else None
    corpus = flatten()
    state = tempfile.mkdtemp(prefix="canned-keystrokes-")
    # No usage log or chat of the machine's user: ranking as a new agent's.
    env = {**os.environ, "CANNED_NOW": "2026-11-24", "HOME": state, "XDG_DATA_HOME": state,
           "XDG_STATE_HOME": state, "XDG_CACHE_HOME": state, "XDG_CONFIG_HOME": state}
    lines = []
    for line in open(SET, encoding="utf-8"):
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, query, expected = line.rstrip("\n").split("\t")
        if kinds is None or kind in kinds:
            lines.append((kind, query, expected))
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda l: replay(args.canned, l[1], l[2], corpus, env), lines))

    per_kind = collections.defaultdict(list)
    for (kind, _, _), r in zip(lines, results):
        per_kind[kind].append(r)
    per_kind["all"] = results

    def summary(rs, which):
        typed = [r[which] if r[which] is not None else r[0] for r in rs]
        reached = sum(r[which] is not None for r in rs)
        return sum(typed), reached

    print(f"machine: {os.cpu_count()} cores, {os.uname().machine}, {os.uname().sysname} {os.uname().release}")
    print()
    print("| kind | queries | characters in the queries | canned: typed (reached) | fzf: typed (reached) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for kind in sorted(k for k in per_kind if k != "all") + ["all"]:
        rs = per_kind[kind]
        full = sum(r[0] for r in rs)
        c_typed, c_reached = summary(rs, 1)
        f_typed, f_reached = summary(rs, 2)
        name = f"**{kind}**" if kind == "all" else kind
        print(f"| {name} | {len(rs)} | {full} | {c_typed} ({c_reached}/{len(rs)}) | {f_typed} ({f_reached}/{len(rs)}) |")
    n = len(results)
    c_typed, _ = summary(results, 1)
    f_typed, _ = summary(results, 2)
    print()
    print(f"per query: canned {c_typed / n:.1f} characters, fzf {f_typed / n:.1f}, "
          f"whole query {sum(r[0] for r in results) / n:.1f}")


if __name__ == "__main__":
    main()
