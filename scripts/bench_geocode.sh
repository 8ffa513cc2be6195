#!/usr/bin/env bash
# Whole-process speed of `geomention geocode --csv` on two 1,000,000-row tables, release build,
# median of RUNS runs, with peak RSS. Prints a Markdown table for docs/PERFORMANCE.md.
#
# Usage: bash scripts/bench_geocode.sh [RUNS]
#
# distinct.csv: names of the gazetteer's own places (primary and up to three ASCII alternate
#   names each), shuffled with a fixed seed, each with its country code: almost every row is a
#   new name, so the per-worker cache does not help. The worst case.
# events.csv: the gold toponym strings of the dev corpora (../shared/corpora), drawn with
#   replacement in their corpus frequencies: an events table where places repeat. Skipped with
#   a note when the corpora are absent.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shared=${GEOMENTION_SHARED:-../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
bin=target/release/geomention

python3 - "$tmp" "$shared/corpora" <<'EOF'
import csv, gzip, json, os, random, sys
tmp, corpora = sys.argv[1], sys.argv[2]
rng = random.Random(7)
names = []
with gzip.open("gazetteer/data/places.tsv.gz", "rt", encoding="utf-8") as f:
    for line in f:
        c = line.rstrip("\n").split("\t")
        names.append((c[1], c[8]))
        names.extend((a, c[8]) for a in c[3].split(",")[:3] if a and a.isascii())
rng.shuffle(names)
while len(names) < 1_000_000:
    names.extend(names[: 1_000_000 - len(names)])
with open(os.path.join(tmp, "distinct.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "place", "country"])
    for i, (n, cc) in enumerate(names[:1_000_000]):
        w.writerow([i, n, cc])
gold = []
for name in ["lgl", "geovirus", "geocorpora", "wotr"]:
    path = os.path.join(corpora, name + ".jsonl")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            gold.extend(t["name"].replace("\n", " ") for t in json.loads(line).get("toponyms", []))
if gold:
    with open(os.path.join(tmp, "events.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["event_id", "location", "notes"])
        for i in range(1_000_000):
            w.writerow([i, rng.choice(gold), "reported"])
EOF

median() { # CMD...: median wall seconds and peak RSS (MB) over $runs runs
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tmp/t" -f "%e %M" "$@" > /dev/null 2> /dev/null || true
    cat "$tmp/t"
  done | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%s %.0f\n", $1, $2 / 1024 }'
}
echo "| table | context | jobs | median s | rows/s | peak RSS MB |"
echo "|---|---|---:|---:|---:|---:|"
for table in distinct events; do
  [ -f "$tmp/$table.csv" ] || { echo "| $table | (corpora absent: skipped) | | | | |"; continue; }
  col=place; [ "$table" = events ] && col=location
  for ctx in none country; do
    [ "$table" = events ] && [ "$ctx" = country ] && continue
    extra=(); [ "$ctx" = country ] && extra=(--country-column country)
    for jobs in 1 2; do
      read -r secs rss < <(median $bin geocode --csv "$tmp/$table.csv" --column $col "${extra[@]}" -j $jobs -q -o "$tmp/out.csv")
      printf '| %s | %s | %s | %.2f | %.0f | %s |\n' "$table" "$ctx" "$jobs" "$secs" "$(echo "1000000 / $secs" | bc -l)" "$rss"
    done
  done
done
