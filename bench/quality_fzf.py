#!/usr/bin/env python3
"""Scores a scattered-letter fuzzy matcher (fzf, the reference for fzf-style
matchers such as fuzzy-matcher's skim algorithm and nucleo) on the search
quality set, for comparison with `canned find`.

Each response of the sample library is flattened to one line (id, shortcut,
title, tags, body, then every translation's title and body), as a user
piping the library into fzf would. Qualifiers (`u:high`…) are passed to fzf
as words, since fzf has no notion of them; expired responses are included,
since fzf cannot know about expiry. Prints top-1 per kind of query for fzf
and for canned.

Usage: bench/quality_fzf.py   (needs fzf and a built target/release/canned)
"""
import collections
import json
import os
import subprocess
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIB = os.path.join(ROOT, "responses")
SET = os.path.join(ROOT, "tests", "integration", "quality.tsv")
CANNED = os.path.join(ROOT, "target", "release", "canned")


def flatten():
    lines = []
    for d, _, files in sorted(os.walk(LIB)):
        for f in sorted(files):
            if not f.endswith(".toml") or f == "canned.toml":
                continue
            doc = tomllib.load(open(os.path.join(d, f), "rb"))
            for r in doc.get("response", []):
                parts = [r["id"], r.get("shortcut", ""), r["title"], " ".join(r.get("tags", [])), r["body"]]
                for t in r.get("translations", {}).values():
                    parts += [t.get("title", ""), t.get("body", "")]
                lines.append("\t".join(p.replace("\n", " ").replace("\t", " ") for p in parts))
    return "\n".join(lines) + "\n"


def main():
    corpus = flatten()
    scores = collections.defaultdict(lambda: [0, 0, 0])
    for line in open(SET):
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, query, expected = line.rstrip("\n").split("\t")
        fzf = subprocess.run(["fzf", "--filter", query], input=corpus, capture_output=True, text=True).stdout
        first = fzf.split("\t", 1)[0] if fzf else ""
        out = subprocess.run([CANNED, "--library", LIB, "find", *query.split(), "--json", "--limit", "1"],
                             capture_output=True, text=True, env={**os.environ, "CANNED_NOW": "2026-11-24"}).stdout
        hits = json.loads(out or "[]")
        s = scores[kind]
        s[0] += first == expected
        s[1] += bool(hits) and hits[0]["id"] == expected
        s[2] += 1
    print("| kind | queries | fzf top-1 | canned top-1 |")
    print("| --- | ---: | ---: | ---: |")
    tot = [0, 0, 0]
    for kind, (f, c, n) in sorted(scores.items()):
        print(f"| {kind} | {n} | {f}/{n} | {c}/{n} |")
        tot = [tot[0] + f, tot[1] + c, tot[2] + n]
    print(f"| all | {tot[2]} | {tot[0]}/{tot[2]} ({100 * tot[0] / tot[2]:.0f}%) | {tot[1]}/{tot[2]} ({100 * tot[1] / tot[2]:.0f}%) |")


if __name__ == "__main__":
    main()
