#!/usr/bin/env python3
"""Writes eval/people/{dev,heldout,fresh,unseen}.jsonl from the name lists beside them: sentences about
people whose names are also place names somewhere ("Vladimir Putin", "Abu Bakr al-Baghdadi")
and that name no place, in the gold format with no toponyms. Every mention the pipeline
finds in them is spurious; `geomention eval eval/people/dev.jsonl` prints their number as
"system mentions".

Usage: python3 scripts/people_sets.py
Stdlib only. The dev set's sentence shapes differ from the held-out set's on purpose.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEOPLE = os.path.join(ROOT, "eval", "people")

# Each shape takes the full name and the last word of it.
SHAPES = {
    "dev": [
        "On Monday {name} met reporters. Later, {name} said the talks went well.",
        "President {name} spoke with {last} aides.",
    ],
    "heldout": [
        "{name}, who has led the party for years, arrived for the summit.",
        "Asked about the vote, {last} declined to comment, an aide to {name} said.",
        "Supporters of {name} gathered outside parliament on Sunday.",
    ],
    "fresh": [
        "{name} flew home late on Friday after two days of talks.",
        "In a statement, {name} thanked the mediators; {last} later spoke by phone with the envoy.",
    ],
    "unseen": [
        "Officials close to {name} declined to comment on the report.",
        "{last} has denied any wrongdoing, according to a spokesman for {name}.",
    ],
}
# The dev set's ids were "a<n>" and "b<n>" when it was first written; kept.
DEV_IDS = "ab"
# The other sets' ids: a prefix, the name's number and the shape's.
PREFIX = {"heldout": "p", "fresh": "f", "unseen": "u"}


def names(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def main():
    for set_name, shapes in SHAPES.items():
        records = []
        for i, name in enumerate(names(os.path.join(PEOPLE, f"{set_name}-names.txt"))):
            last = name.split()[-1]
            for k, shape in enumerate(shapes):
                doc_id = f"{DEV_IDS[k]}{i}" if set_name == "dev" else f"{PREFIX[set_name]}{i:03d}-{k}"
                text = shape.format(name=name, last=last)
                records.append({"id": doc_id, "text": text, "toponyms": []})
        out = os.path.join(PEOPLE, f"{set_name}.jsonl")
        with open(out, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{out}: {len(records)} sentences")


if __name__ == "__main__":
    main()
