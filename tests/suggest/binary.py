#!/usr/bin/env python3
"""Top-1 and top-3 of `canned suggest` as the held-out check runs it: each
message on stdin of `canned --library DIR suggest - --json`, the expected
reply counted right only by its own id, once with the library's examples
and once with every `examples` list removed. A message offered nothing
(under the "nothing fits" line) counts as missed.

    cargo build --release
    python3 tests/suggest/binary.py LIBRARY_DIR MESSAGES.tsv
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CANNED = os.environ.get("CANNED", os.path.join(ROOT, "target", "release", "canned"))


def without_examples(library, into):
    shutil.copytree(library, into, dirs_exist_ok=True)
    for path in glob.glob(os.path.join(into, "**", "*.toml"), recursive=True):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"(?ms)^examples = \[.*?^\]\n", "", text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return into


def scratch_env(scratch):
    """The environment for a run of `canned` with caches and state of its own."""
    env = dict(os.environ)
    for var in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        env[var] = tempfile.mkdtemp(dir=scratch)
    return env


def suggested(library, message, env):
    """The ids `canned suggest - --json` offers for `message`, best first."""
    out = subprocess.run([CANNED, "--library", library, "suggest", "-", "--json"],
                         input=message, capture_output=True, text=True, env=env).stdout
    return [r["id"] for r in json.loads(out)] if out.strip() else []


def score(library, rows, scratch):
    env = scratch_env(scratch)
    top1 = top3 = 0
    for cols in rows:
        ids = suggested(library, cols[4].replace("\\n", "\n"), env)
        top1 += ids[:1] == [cols[1]]
        top3 += cols[1] in ids[:3]
    return f"{100 * top1 / len(rows):.1f}% / {100 * top3 / len(rows):.1f}%"


def main():
    if len(sys.argv) != 3 or sys.argv[1].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    library, messages = sys.argv[1], sys.argv[2]
    with open(messages, encoding="utf-8") as f:
        rows = [line.split("\t") for line in f.read().splitlines()[1:]]
    with tempfile.TemporaryDirectory() as scratch:
        bare = without_examples(library, os.path.join(scratch, "library"))
        print(f"{messages}: with examples {score(library, rows, scratch)}, "
              f"reply text alone {score(bare, rows, scratch)} (top-1 / top-3)")


if __name__ == "__main__":
    sys.exit(main())
