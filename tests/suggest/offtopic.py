#!/usr/bin/env python3
"""How often `canned suggest` offers a reply to a message no support library
answers (`offtopic.txt`: the weather, a pizza place, "are you a robot?"),
with the library's examples and without them. A score does not tell such a
message from a real question that shares a word with a reply ("my
neighbour's dog barks all night" meets the pet reply), so this is measured,
not asserted: see the README's "nothing fits" line.

    cargo build --release
    python3 tests/suggest/offtopic.py LIBRARY_DIR...
"""
import os
import sys
import tempfile

from binary import scratch_env, suggested, without_examples

HERE = os.path.dirname(os.path.abspath(__file__))


def offered(library, messages, scratch):
    env = scratch_env(scratch)
    return sum(bool(suggested(library, message, env)) for message in messages)


def main():
    with open(os.path.join(HERE, "offtopic.txt"), encoding="utf-8") as f:
        messages = [line for line in f.read().splitlines() if line]
    for library in sys.argv[1:]:
        with tempfile.TemporaryDirectory() as scratch:
            bare = without_examples(library, os.path.join(scratch, "library"))
            print(f"{library}: offered a reply for {offered(library, messages, scratch)} of "
                  f"{len(messages)} with examples, {offered(bare, messages, scratch)} without")


if __name__ == "__main__":
    main()
