#!/usr/bin/env python3
"""Checks tests/suggest/messages.tsv against the sample library in responses/,
or another set against its library.

Run from anywhere: python3 tests/suggest/check.py [--today YYYY-MM-DD] [LIBRARY MESSAGES]
(for example `tests/suggest/fresh25/library tests/suggest/fresh25/messages.tsv`).

Errors (exit 1): a response file that does not parse, a malformed line, an
unknown expected or acceptable id, a value for a variable the expected reply's
body does not use, a value that fails its variable's pattern or does not occur
in the message, a message that repeats one of the library's examples.
Warnings: a message very close to an example, an expected reply that has
expired, a response or translation without 3-5 examples.
Then prints counts per language, per kind, per expected reply and per variable.
"""

import argparse
import collections
import datetime
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "responses"
SET = Path(__file__).resolve().parent / "messages.tsv"
HEADER = ["lang", "expected_id", "acceptable_ids", "values", "message", "kinds"]

errors: list[str] = []
warnings: list[str] = []


def fold(text: str) -> str:
    """Lower case, no accents, words only: how two phrasings are compared."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", text))


def body_variables(body: str) -> set[str]:
    names = set(re.findall(r"\{\{\s*([A-Za-z_][\w.]*)", body))
    names |= set(re.findall(r"\{%-?\s*(?:if|elif)\s+(?:not\s+)?([A-Za-z_]\w*)", body))
    return names


def load_library():
    manifest = tomllib.loads((LIBRARY / "canned.toml").read_text(encoding="utf-8"))
    responses = {}  # id -> {"langs": {lang: {"vars", "examples"}}, "primary", "expires"}
    for path in sorted(LIBRARY.rglob("*.toml")):
        if path == LIBRARY / "canned.toml" or any(p.startswith(".") for p in path.parts):
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            errors.append(f"{path}: {e}")
            continue
        default_lang = data.get("defaults", {}).get("lang", manifest["library"]["default_lang"])
        for r in data.get("response", []):
            primary = r.get("lang", default_lang)
            langs = {primary: r}
            langs.update(r.get("translations", {}))
            responses[r["id"]] = {
                "primary": primary,
                "expires": r.get("expires"),
                "langs": {
                    lang: {
                        "vars": body_variables(t["body"]),
                        "examples": t.get("examples", []),
                    }
                    for lang, t in langs.items()
                },
            }
    return manifest, responses


def main() -> int:
    global LIBRARY, SET
    ap = argparse.ArgumentParser()
    ap.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    ap.add_argument("library", nargs="?", type=Path, default=LIBRARY)
    ap.add_argument("messages", nargs="?", type=Path, default=SET)
    args = ap.parse_args()
    LIBRARY, SET = args.library, args.messages

    manifest, responses = load_library()
    variables = manifest.get("variables", {})
    languages = manifest["library"]["languages"]

    examples = {}  # folded example -> (id, lang)
    per_lang_examples = collections.Counter()
    for rid, r in responses.items():
        for lang, t in r["langs"].items():
            n = len(t["examples"])
            per_lang_examples[lang] += n
            if not 3 <= n <= 5:
                warnings.append(f"{rid} [{lang}]: {n} examples (3-5 expected)")
            for e in t["examples"]:
                examples[fold(e)] = (rid, lang)

    lines = SET.read_text(encoding="utf-8").split("\n")
    if lines[0].split("\t") != HEADER:
        errors.append(f"header is {lines[0]!r}, expected {chr(9).join(HEADER)!r}")
    rows = []
    for no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != len(HEADER):
            errors.append(f"line {no}: {len(cols)} columns, expected {len(HEADER)}")
            continue
        row = dict(zip(HEADER, cols))
        row["no"] = no
        rows.append(row)
        where = f"line {no}"
        lang, expected = row["lang"], row["expected_id"]
        message = row["message"].replace("\\n", "\n")
        if lang not in languages:
            errors.append(f"{where}: language {lang!r} is not one of {languages}")
        if expected not in responses:
            errors.append(f"{where}: unknown expected id {expected!r}")
            continue
        for other in filter(None, row["acceptable_ids"].split(",")):
            if other not in responses:
                errors.append(f"{where}: unknown acceptable id {other!r}")
            if other == expected:
                errors.append(f"{where}: {other} is both expected and acceptable")
        r = responses[expected]
        if r["expires"] and r["expires"] < args.today:
            warnings.append(f"{where}: {expected} expired on {r['expires']}")
        reply_lang = lang if lang in r["langs"] else r["primary"]
        used = r["langs"][reply_lang]["vars"]
        for pair in filter(None, row["values"].split(";")):
            name, sep, value = pair.partition("=")
            if not sep or not value:
                errors.append(f"{where}: malformed value {pair!r}")
                continue
            if name not in used:
                errors.append(f"{where}: {expected} [{reply_lang}] does not use {{{{ {name} }}}}")
            pattern = variables.get(name, {}).get("pattern")
            # Several accepted spellings of one value: `value|value`.
            for spelling in value.split("|"):
                if pattern and not re.search(pattern, spelling):
                    errors.append(f"{where}: {name}={spelling!r} does not match {pattern}")
                if spelling not in message:
                    errors.append(f"{where}: {name}={spelling!r} does not occur in the message")
        folded = fold(message)
        if folded in examples:
            errors.append(f"{where}: repeats an example of {examples[folded][0]}")
        else:
            words = set(folded.split())
            for e, (rid, elang) in examples.items():
                other = set(e.split())
                if words and len(words & other) / len(words | other) >= 0.75:
                    warnings.append(f"{where}: close to an example of {rid} [{elang}]: {e!r}")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)

    def show(title, counter):
        print(f"\n{title}")
        for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {v:4}  {k}")

    with_examples = sum(
        all(t["examples"] for t in r["langs"].values()) for r in responses.values()
    )
    print(f"\nresponses: {len(responses)}, with examples in every language: {with_examples}")
    show("examples per language", per_lang_examples)
    show("messages per language", collections.Counter(r["lang"] for r in rows))
    kinds = collections.Counter()
    for r in rows:
        for k in filter(None, r["kinds"].split(",")):
            kinds[k] += 1
        if any(k.startswith("trap-") for k in r["kinds"].split(",")):
            kinds["trap (any)"] += 1
    show("messages per kind", kinds)
    show(
        "messages per kind and language",
        collections.Counter(
            f"{r['lang']} {k}" for r in rows for k in filter(None, r["kinds"].split(","))
        ),
    )
    show(
        "values per variable",
        collections.Counter(
            p.partition("=")[0] for r in rows for p in filter(None, r["values"].split(";"))
        ),
    )
    print(
        f"\nmessages with values: {sum(bool(r['values']) for r in rows)}, "
        f"values: {sum(len(list(filter(None, r['values'].split(';')))) for r in rows)}"
    )
    per_reply = collections.Counter(r["expected_id"] for r in rows)
    missing = sorted(set(responses) - set(per_reply))
    show("messages per expected reply", per_reply)
    print(f"\nreplies no message expects: {', '.join(missing) or 'none'}")
    print(f"\n{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
