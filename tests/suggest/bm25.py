#!/usr/bin/env python3
"""The baseline issue 14 names: a plain BM25 over each reply's title, tags
and body (each language a document of its own; words lower-cased and
folded, no stems, no stop-words, no examples; k1 = 1.2, b = 0.75), a reply
ranked by its best language. It says how hard a set of messages is: on the
held-out set it reaches 34% top-1 and 53% top-3.

    python3 tests/suggest/bm25.py LIBRARY_DIR MESSAGES.tsv
"""
import glob
import math
import os
import re
import sys
import tomllib
import unicodedata

K1, B = 1.2, 0.75


def words(text):
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", folded)


def documents(library):
    """(id, words) for each response and each of its translations."""
    docs = []
    for path in glob.glob(os.path.join(library, "**", "*.toml"), recursive=True):
        if os.path.basename(path) == "canned.toml":
            continue
        with open(path, "rb") as f:
            data = tomllib.load(f)
        for r in data.get("response", []):
            texts = [r] + list(r.get("translations", {}).values())
            for t in texts:
                body = re.sub(r"\{[{%#].*?[}%#]\}", " ", t.get("body", ""))
                text = " ".join([t.get("title", r.get("title", "")), *r.get("tags", []), body])
                docs.append((r["id"], words(text)))
    return docs


def main():
    library, messages = sys.argv[1], sys.argv[2]
    docs = documents(library)
    n = len(docs)
    avg = sum(len(w) for _, w in docs) / n
    df = {}
    for _, ws in docs:
        for w in set(ws):
            df[w] = df.get(w, 0) + 1
    tfs = [(rid, len(ws), {w: ws.count(w) for w in set(ws)}) for rid, ws in docs]

    def score(query, length, tf):
        s = 0.0
        for w in set(query):
            if w in tf:
                idf = math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))
                s += idf * tf[w] * (K1 + 1) / (tf[w] + K1 * (1 - B + B * length / avg))
        return s

    total = top1 = top3 = 0
    with open(messages, encoding="utf-8") as f:
        rows = f.read().splitlines()[1:]
    for row in rows:
        cols = row.split("\t")
        want, query = cols[1], words(cols[4].replace("\\n", " "))
        best = {}
        for rid, length, tf in tfs:
            best[rid] = max(best.get(rid, 0.0), score(query, length, tf))
        ranked = [rid for rid, s in sorted(best.items(), key=lambda x: -x[1]) if s > 0]
        total += 1
        top1 += ranked[:1] == [want]
        top3 += want in ranked[:3]
    print(f"{messages}: plain BM25 top-1 {100 * top1 / total:.1f}% top-3 {100 * top3 / total:.1f}%")


if __name__ == "__main__":
    main()
