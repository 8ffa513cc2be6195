#!/usr/bin/env python3
"""Converts the team's role test set (eval/roles/articles.txt, markup "[Place]{role}") into the
gold JSONL `geomention eval` reads: {"id", "text", "toponyms": [{"start", "end", "name",
"role"}]}, offsets in code points, end exclusive.

Usage: python3 scripts/roles_to_jsonl.py [IN] [OUT]
       (defaults: eval/roles/articles.txt, eval/roles/roles.jsonl)
Stdlib only; deterministic.
"""
import json
import re
import sys

ROLES = {"a": "activity", "d": "dateline", "t": "actor", "s": "source", "r": "reference"}
MARK = re.compile(r"\[([^\]]+)\]\{([adtsr])\}")


def convert(body):
    text, toponyms, pos = [], [], 0
    out_len = 0
    for m in MARK.finditer(body):
        plain = body[pos:m.start()]
        text.append(plain)
        out_len += len(plain)
        name = m.group(1)
        toponyms.append({"start": out_len, "end": out_len + len(name), "name": name, "role": ROLES[m.group(2)]})
        text.append(name)
        out_len += len(name)
        pos = m.end()
    text.append(body[pos:])
    return "".join(text), toponyms


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "eval/roles/articles.txt"
    dst = sys.argv[2] if len(sys.argv) > 2 else "eval/roles/roles.jsonl"
    articles, current, lines = [], None, []
    for line in open(src, encoding="utf-8"):
        head = re.match(r"^=== (\S+) ===\s*$", line)
        if head:
            if current:
                articles.append((current, "".join(lines).strip() + "\n"))
            current, lines = head.group(1), []
        elif current and not line.startswith("#"):
            lines.append(line)
    if current:
        articles.append((current, "".join(lines).strip() + "\n"))
    with open(dst, "w", encoding="utf-8") as out:
        for id_, body in articles:
            text, toponyms = convert(body)
            if ("[" in text and "]{" in text) or re.search(r"\{[adtsr]\}", text):
                sys.exit("roles_to_jsonl.py: unconverted markup in %s (write [Place]{role})" % id_)
            out.write(json.dumps({"id": id_, "text": text, "toponyms": toponyms}, ensure_ascii=False) + "\n")
    print("%d articles, %d labelled mentions -> %s" % (len(articles), sum(len(convert(b)[1]) for _, b in articles), dst))


if __name__ == "__main__":
    main()
