#!/usr/bin/env python3
"""Batch-geocoding accuracy on the gold toponym strings of the dev corpora: each gold toponym
becomes one CSV row (its string and, for the second run, its gold country), `geomention geocode
--csv` geocodes the table, and a row counts as right when the answer lies within 161 km of the
gold point. Compared with the population baseline: the first candidate of `gazetteer lookup`
(highest prior, no context).

Usage: python3 scripts/eval_geocode.py [--bin target/release/geomention]
                                       [--corpora-dir ../shared/corpora] [--markdown] [CORPUS ...]

The gold country of a toponym is read from the corpus' GeoNames id when the built-in gazetteer
sources (gazetteer/data/places.tsv.gz) hold it, else from the nearest populated place there to
the gold point. Stdlib only. Exits 2 when the corpora folder is missing.
"""
import argparse
import csv
import gzip
import io
import math
import os
import subprocess
import sys

DEFAULT_CORPORA = ["lgl", "geovirus", "geocorpora", "wiktor", "wotr"]
LIMIT_KM = 161.0
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def load_places():
    """geonameid -> country, and a 1-degree grid of (lat, lon, country) for nearest lookups."""
    by_id, grid = {}, {}
    with gzip.open(os.path.join(ROOT, "gazetteer/data/places.tsv.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 9 or not c[8]:
                continue
            by_id[c[0]] = c[8]
            if c[6] == "P":
                lat, lon = float(c[4]), float(c[5])
                grid.setdefault((int(math.floor(lat)), int(math.floor(lon))), []).append((lat, lon, c[8]))
    return by_id, grid


def nearest_country(grid, lat, lon):
    best = (float("inf"), "")
    for r in range(0, 4):
        for dy in range(-r, r + 1):
            for dx in range(-r, r + 1):
                if max(abs(dy), abs(dx)) != r:
                    continue
                key = (int(math.floor(lat)) + dy, (int(math.floor(lon)) + dx + 180) % 360 - 180)
                for plat, plon, cc in grid.get(key, []):
                    d = haversine(lat, lon, plat, plon)
                    if d < best[0]:
                        best = (d, cc)
        if best[1]:
            return best[1]
    return ""


def gold(path):
    opener = gzip.open if path.endswith(".gz") else open
    import json
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                for t in json.loads(line).get("toponyms", []):
                    if t.get("lat") is not None and t.get("lon") is not None:
                        yield t["name"].replace("\n", " ").strip(), float(t["lat"]), float(t["lon"]), str(t.get("geonameid") or "")


def run(cmd, stdin):
    out = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("eval_geocode.py: %s failed: %s" % (" ".join(cmd), out.stderr))
    return out.stdout


def score_rows(rows, answers):
    right = 0
    for (name, lat, lon, _), (alat, alon) in zip(rows, answers):
        if alat is not None and haversine(lat, lon, alat, alon) <= LIMIT_KM:
            right += 1
    return right / len(rows) if rows else 0.0


def geocode(binary, table, with_country):
    cmd = [binary, "geocode", "--csv", "-", "--column", "name", "-o", "-", "-q"]
    if with_country:
        cmd += ["--country-column", "country"]
    out = run(cmd, table)
    answers = []
    for r in csv.DictReader(io.StringIO(out)):
        answers.append((float(r["lat"]), float(r["lon"])) if r["lat"] else (None, None))
    return answers


def baseline(binary, rows):
    out = run([binary, "gazetteer", "lookup", "--names-from", "-", "--limit", "1", "--no-fuzzy"],
              "\n".join(r[0] for r in rows) + "\n")
    import json
    answers = []
    for line in out.splitlines():
        c = json.loads(line)["candidates"]
        answers.append((c[0]["lat"], c[0]["lon"]) if c else (None, None))
    return answers


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/geomention"))
    ap.add_argument("--corpora-dir", default=os.path.join(ROOT, "../shared/corpora"))
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("corpora", nargs="*", default=DEFAULT_CORPORA)
    a = ap.parse_args()
    if not os.path.isdir(a.corpora_dir):
        print("eval_geocode.py: no corpora at %s (../shared/corpora)" % a.corpora_dir, file=sys.stderr)
        sys.exit(2)
    by_id, grid = load_places()
    results = []
    for name in a.corpora:
        path = os.path.join(a.corpora_dir, name + ".jsonl")
        if not os.path.exists(path):
            path += ".gz"
        rows = [r for r in gold(path) if r[0]]
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["name", "country"])
        for n, lat, lon, gid in rows:
            w.writerow([n, by_id.get(gid) or nearest_country(grid, lat, lon)])
        table = buf.getvalue()
        results.append((name, len(rows), score_rows(rows, baseline(a.bin, rows)),
                        score_rows(rows, geocode(a.bin, table, False)),
                        score_rows(rows, geocode(a.bin, table, True))))
    if a.markdown:
        print("| corpus | gold toponyms | population baseline | geocode, name only | geocode, name + gold country |")
        print("|---|---:|---:|---:|---:|")
        for n, count, b, g1, g2 in results:
            print("| %s | %d | %.3f | %.3f | %.3f |" % (n, count, b, g1, g2))
    else:
        for n, count, b, g1, g2 in results:
            print("%-11s n=%-6d baseline %.3f  name %.3f  name+country %.3f" % (n, count, b, g1, g2))


if __name__ == "__main__":
    main()
