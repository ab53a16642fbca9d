#!/usr/bin/env python3
"""Times `canned suggest` end to end on the worst messages found: 20,000
characters (all of a message `suggest` reads) of one phrase repeated, with
no full stop, as a pasted log or a hostile customer may send. Each phrase
is one a value reader looks for (a date beside a booking code, "not mine",
an order number, a name), asked against the libraries of the quality sets
whose replies read dates, codes, amounts and names. Prints the slowest
run of each library and the slowest overall. Then `import --dry-run` of
a Zendesk export whose one macro's body is 4 MB of one hostile shape
(bare ampersands, openers never closed, nested tags). Last, `find` given
a pasted message as its query (every word must match: a message finds
little, but it must not take long), on the generated library of 10,000
responses of bench/suggest.py: the phrases above, and 20,000 characters
of varied customer text.

Usage: bench/hostile.py [--runs 3]
Needs nothing but Python and a release build.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import CANNED, ROOT, sh  # noqa: E402
from suggest import library as suggest_library  # noqa: E402

PHRASES = [
    "refund ", "Thanks, ", "order ", "order 12345678 ", "my name is Tom ",
    "je m'appelle Jean ", "£5.00 ", "a@b.co ", "12/03/2026 ", "on Friday 12 March ",
    "from 3 to 5 March ", "booking BK-12345 on 12/03 ", "on Friday 12 March at 10am ",
    "Hi Tom, ", "Tom\n", "not mine ", "https://x.co/a ", "DELF B2, ", "#123 ",
    "the 12th ", "ticket TK-1234 ", "cheers\nDave\n", "I am ", "Rue de la Paix 75001 Paris ",
    "O'Brien ", "+44 7700 900123 ", "N° 123456 ", "2 x £40 ", "le 12 ", "it's 12/03 ",
    "should be 14 July 1986 ", "was £40 now £30 ", "my wife's phone 07700900123 ",
    "mine is 123456 ", "with Chloe ", "Cordialement,\nHélène Dupont\n", "de ", "the ",
    "refund €49.99 ", "charged $12.50 ", "12,99 € ",
]
BODIES = {
    "bare ampersands": "&", "unclosed `{{`": "<p>{{ ", "unclosed `{%`": "{% ",
    "unclosed comments": "<!-- ", "nested tags": "<div><b>", "unclosed tags": "<b>x",
    "numeric references": "&#9999999;",
}
BODY_BYTES = 4_000_000
LIBRARIES = ["responses"] + [f"tests/suggest/fresh{n}/library" for n in range(17, 24)]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    sh("cargo", "build", "--release", "--quiet", cwd=ROOT)
    cache = tempfile.mkdtemp(prefix="canned-bench-cache-")
    env = dict(os.environ, XDG_CACHE_HOME=cache, XDG_DATA_HOME=cache)
    print(f"machine: {os.cpu_count()} cores, {os.uname().machine}, {os.uname().sysname} {os.uname().release}")
    print()
    print("| library | slowest phrase | slowest run |")
    print("| --- | --- | ---: |")
    worst = (0.0, "", "")
    for lib in LIBRARIES:
        path = os.path.join(ROOT, lib)
        # The model is cached by the first run.
        subprocess.run([CANNED, "--library", path, "suggest", "hello"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        slowest = (0.0, "")
        for phrase in PHRASES:
            message = (phrase * (20000 // len(phrase))).encode()
            for _ in range(args.runs):
                start = time.perf_counter()
                subprocess.run([CANNED, "--library", path, "suggest", "-"], input=message, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                slowest = max(slowest, (time.perf_counter() - start, phrase))
        print(f"| {lib} | `{slowest[1].strip()!r}` | {slowest[0] * 1000:.0f} ms |")
        worst = max(worst, (slowest[0], slowest[1], lib))
    print()
    print(f"slowest overall: {worst[0] * 1000:.0f} ms, {worst[1].strip()!r} on {worst[2]}")
    print()
    print(f"| Zendesk body of {BODY_BYTES // 1_000_000} MB | slowest import --dry-run |")
    print("| --- | ---: |")
    library = tempfile.mkdtemp(prefix="canned-bench-library-")
    export = os.path.join(cache, "macros.json")
    for name, shape in BODIES.items():
        body = shape * (BODY_BYTES // len(shape))
        with open(export, "w") as f:
            json.dump({"macros": [{"id": 1, "title": name, "actions": [
                {"field": "comment_value_html", "value": body}]}]}, f)
        slowest = 0.0
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([CANNED, "--library", library, "import", "--from", "zendesk", "--dry-run", export],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            slowest = max(slowest, time.perf_counter() - start)
        print(f"| {name} | {slowest * 1000:.0f} ms |")

    print()
    lib, _ = suggest_library(10000)
    subprocess.run([CANNED, "--library", lib, "find", "hello"], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    corpus = os.path.join(ROOT, "tools", "meaning", "corpus", "en-02.txt")
    varied = " ".join(open(corpus, encoding="utf-8").read().splitlines())[:20000]
    queries = {f"{p.strip()!r} repeated": (p * (20000 // len(p))).replace("\n", " ") for p in PHRASES}
    queries["varied customer text"] = varied
    slowest = (0.0, "")
    for name, query in queries.items():
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([CANNED, "--library", lib, "find", query], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            slowest = max(slowest, (time.perf_counter() - start, name))
    print(f"find, 20,000 characters as the query, 10,000 responses: slowest {slowest[0] * 1000:.0f} ms ({slowest[1]})")
    varied_runs = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([CANNED, "--library", lib, "find", varied], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        varied_runs.append(time.perf_counter() - start)
    print(f"find, varied customer text: slowest {max(varied_runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
