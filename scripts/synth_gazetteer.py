#!/usr/bin/env python3
"""Writes a world-scale GeoNames-format file for measuring how cost grows with gazetteer size.

The built-in gazetteer's own GeoNames rows (gazetteer/data/places.tsv.gz, 265k places) are
kept as they are, and EXTRA synthetic populated places are added: half are namesakes of real
places (the same name at another point of the same country, as GeoNames has thousands of
villages sharing names), half have new names made of syllables. This is not a real gazetteer:
it has the size and the ambiguity of one (GeoNames' allCountries has ~12M places), which is
what the benchmark needs. Deterministic (seeded).

Usage: python3 scripts/synth_gazetteer.py EXTRA OUT.txt
"""
import gzip
import random
import sys

extra = int(sys.argv[1])
out_path = sys.argv[2]
rng = random.Random(20261126)
syllables = ["ka", "ro", "mi", "sa", "tel", "bar", "an", "ur", "zeh", "qa", "lin", "dor",
             "ve", "na", "sh", "ol", "tam", "ri", "bu", "hen", "ga", "ist", "mo", "rak"]

rows = []
with gzip.open("gazetteer/data/places.tsv.gz", "rt", encoding="utf-8") as f:
    with open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            out.write(line)
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 15 and cols[6] == "P":
                rows.append(cols)
        next_id = 90_000_000
        for k in range(extra):
            base = rng.choice(rows)
            if k % 2 == 0:
                name = base[1]
            else:
                # A new name for every k: its digits in base 24, one syllable each.
                n, parts = k // 2, [rng.choice(syllables)]
                while True:
                    parts.append(syllables[n % len(syllables)])
                    n //= len(syllables)
                    if n == 0:
                        break
                name = "".join(parts).capitalize()
            lat = max(-89.9, min(89.9, float(base[4]) + rng.uniform(-2, 2)))
            lon = max(-179.9, min(179.9, float(base[5]) + rng.uniform(-2, 2)))
            cols = [str(next_id + k), name, name, "", f"{lat:.5f}", f"{lon:.5f}", "P", "PPL",
                    base[8], "", base[10], "", "", "", str(rng.randint(0, 5000)), "", "", "", ""]
            out.write("\t".join(cols) + "\n")
