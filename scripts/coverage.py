#!/usr/bin/env python3
"""Gazetteer coverage on gold corpora: how many gold toponym strings the gazetteer knows, and
the share of gold toponyms with any candidate within 161 km (the ceiling no resolver passes).

Usage: python3 scripts/coverage.py [--bin target/release/geomention] [--corpora-dir DIR]
                                   [--gazetteer PATH] [--markdown] [--misses N] [CORPUS ...]

For each corpus (default: lgl geovirus geocorpora wiktor wotr) it collects the gold toponyms
that have coordinates (the `lat`/`lon` score.py uses), looks every distinct string up once with
`geomention gazetteer lookup --names-from - --limit 1000`, and reports:
  known      share of gold toponyms whose string has at least one literal candidate
  known+fz   the same, counting fuzzy candidates
  ceiling    share with a literal candidate within 161 km of the gold point
  ceiling+fz the same, counting fuzzy candidates
  top1       share whose first candidate (context-free ranking: the population baseline) is
             within 161 km: the accuracy of resolving with no context at all
Stdlib only. Exits 2 when the corpora folder is missing.
"""
import argparse
import collections
import gzip
import json
import math
import os
import subprocess
import sys

DEFAULT_CORPORA = ["lgl", "geovirus", "geocorpora", "wiktor", "wotr"]
LIMIT_KM = 161.0


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def gold_toponyms(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            for t in doc.get("toponyms", []):
                if t.get("lat") is not None and t.get("lon") is not None:
                    yield t["name"], float(t["lat"]), float(t["lon"])


def lookup_all(binary, gazetteer, names):
    cmd = [binary]
    if gazetteer:
        cmd += ["--gazetteer", gazetteer]
    cmd += ["gazetteer", "lookup", "--names-from", "-", "--limit", "1000"]
    clean = [n.replace("\n", " ").strip() for n in names]
    out = subprocess.run(cmd, input="\n".join(clean) + "\n", capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    if len(lines) != len(clean):
        sys.exit("coverage.py: expected %d answers, got %d" % (len(clean), len(lines)))
    return {n: json.loads(l)["candidates"] for n, l in zip(names, lines)}


def measure(binary, gazetteer, path, misses=None):
    tops = list(gold_toponyms(path))
    answers = lookup_all(binary, gazetteer, sorted({n for n, _, _ in tops}))
    c = dict(n=len(tops), known=0, known_fz=0, ceiling=0, ceiling_fz=0, top1=0)
    unknown, far, far_country = (collections.Counter() for _ in range(3))
    for name, lat, lon in tops:
        cands = answers.get(name, [])
        literal = [x for x in cands if x["match"] != "fuzzy"]
        near = lambda xs: any(haversine(lat, lon, x["lat"], x["lon"]) < LIMIT_KM for x in xs)
        c["known"] += bool(literal)
        c["known_fz"] += bool(cands)
        c["ceiling"] += near(literal)
        c["ceiling_fz"] += near(cands)
        c["top1"] += bool(cands) and haversine(lat, lon, cands[0]["lat"], cands[0]["lon"]) < LIMIT_KM
        if not literal:
            unknown[name] += 1
        elif not near(literal):
            far[name] += 1
            countries = [x["name"] for x in literal if x["feature_code"] == "PCLI"]
            if countries:
                far_country[countries[0]] += 1
    if misses:
        print("%s: unknown strings (%d toponyms): %s" % (path, sum(unknown.values()), unknown.most_common(misses)))
        print("%s: known, nothing within 161 km (%d): %s" % (path, sum(far.values()), far.most_common(misses)))
        print("%s: of which countries (%d): %s" % (path, sum(far_country.values()), far_country.most_common(misses)))
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora", nargs="*", default=DEFAULT_CORPORA)
    ap.add_argument("--bin", default="target/release/geomention")
    ap.add_argument("--corpora-dir", default=os.path.join(os.path.dirname(__file__), "../../shared/corpora"))
    ap.add_argument("--gazetteer")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--misses", type=int, metavar="N", help="also list the N most frequent misses")
    a = ap.parse_args()
    if not os.path.isdir(a.corpora_dir):
        print("coverage.py: no corpora at %s (they live in ../shared/corpora)" % a.corpora_dir, file=sys.stderr)
        sys.exit(2)
    rows = []
    for name in a.corpora:
        path = os.path.join(a.corpora_dir, name + ".jsonl")
        if not os.path.exists(path):
            path += ".gz"
        c = measure(a.bin, a.gazetteer, path, a.misses)
        rows.append((name, c))
    keys = ["known", "known_fz", "ceiling", "ceiling_fz", "top1"]
    if a.markdown:
        print("| corpus | gold toponyms with coords | known | known (+fuzzy) | ceiling @161 km | ceiling (+fuzzy) | top candidate @161 km |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, c in rows:
            print("| %s | %d | %s |" % (name, c["n"], " | ".join("%.3f" % (c[k] / c["n"]) for k in keys)))
    else:
        print("%-11s %7s  %s" % ("corpus", "n", "  ".join("%10s" % k for k in keys)))
        for name, c in rows:
            print("%-11s %7d  %s" % (name, c["n"], "  ".join("%10.3f" % (c[k] / c["n"]) for k in keys)))


if __name__ == "__main__":
    main()
