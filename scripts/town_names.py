#!/usr/bin/env python3
"""How many Syrian and Iraqi place names, as wire copy writes them, geomention finds and places
in the right country, each alone in one team-written sentence that names both countries.

Usage: python3 scripts/town_names.py [--binary PATH] [--list] FILE.tsv...

FILE.tsv: `name<TAB>countries` lines ('|'-separated ISO codes; '#' comments), such as
eval/towns/syria-iraq-dev.tsv and eval/towns/syria-iraq-unseen.tsv. A name counts as right
when a mention covering it resolves to a place in one of its countries; *wrong* when it
resolves elsewhere or stays unresolved; *missed* when no mention covers it. The sentence
gives little context on purpose: it measures the gazetteer and the recogniser, not the
resolver's use of a story's other places.
"""
import argparse
import json
import subprocess
import sys

SENTENCE = "Fighting was reported in {} on Monday, officials in Syria and Iraq said."


def read_names(path):
    names = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, _, countries = line.partition("\t")
            if not countries:
                sys.exit(f"{path}:{n}: expected name<TAB>countries")
            names.append((name, set(countries.split("|"))))
    return names


def run(binary, names):
    docs = "".join(
        json.dumps({"id": str(i), "text": SENTENCE.format(name)}) + "\n"
        for i, (name, _) in enumerate(names)
    )
    out = subprocess.run(
        [binary, "batch", "-", "--input-format", "jsonl", "--format", "mentions-jsonl", "-o", "-"],
        input=docs, capture_output=True, text=True, check=True,
    ).stdout
    by_id = {}
    for line in out.splitlines():
        d = json.loads(line)
        by_id[d["id"]] = d["mentions"]
    start = SENTENCE.index("{}")
    results = []
    for i, (name, countries) in enumerate(names):
        end = start + len(name)
        covering = [m for m in by_id.get(str(i), []) if m["start"] < end and m["end"] > start]
        if not covering:
            results.append((name, "missed", ""))
            continue
        m = covering[0]
        place = f"{m.get('name')} ({m.get('country_code') or '-'})" if m.get("resolved") else "unresolved"
        verdict = "right" if m.get("country_code") in countries else "wrong"
        results.append((name, verdict, f"{m['text']} → {place}"))
    return results


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--binary", default="target/release/geomention")
    p.add_argument("--list", action="store_true", help="list the names not right")
    p.add_argument("files", nargs="+")
    args = p.parse_args()
    print("| file | names | right | wrong | missed |")
    print("|---|---:|---:|---:|---:|")
    for path in args.files:
        results = run(args.binary, read_names(path))
        count = {v: sum(1 for r in results if r[1] == v) for v in ("right", "wrong", "missed")}
        print(f"| {path} | {len(results)} | {count['right']} | {count['wrong']} | {count['missed']} |")
        if args.list:
            for name, verdict, detail in results:
                if verdict != "right":
                    print(f"  {verdict:7} {name}  {detail}", file=sys.stderr)


if __name__ == "__main__":
    main()
