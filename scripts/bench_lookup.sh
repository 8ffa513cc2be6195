#!/usr/bin/env bash
# Whole-process timing of gazetteer lookups with the release binary: medians over 30 runs
# (hyperfine, Debian package) and peak RSS (GNU time, median of 9 runs).
# Usage: bash scripts/bench_lookup.sh  (writes a Markdown table to stdout)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/geomention
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seq 1 2000 | awk '{n=split("Raqqa Mosul Springfield Paris Deir_ez-Zor Rakka W.Va. الموصل", a, " "); s=a[($1 % n) + 1]; gsub("_", " ", s); print s}' > "$tmp/names.txt"
echo "| command | median ms | min ms | max ms | peak RSS MB |"
echo "|---|---:|---:|---:|---:|"
run() {
  hyperfine -N --warmup 3 --runs 30 --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
  read -r med min max < <(python3 -c "import json;r=json.load(open('$tmp/h.json'))['results'][0];print(r['median']*1e3,r['min']*1e3,r['max']*1e3)")
  rss=$(for _ in 1 2 3 4 5 6 7 8 9; do /usr/bin/time -f %M "$@" >/dev/null 2>>"$tmp/rss" || true; tail -n1 "$tmp/rss"; done | sort -n | sed -n 5p)
  shown="${*/$bin/geomention}"
  shown="${shown/$tmp\//}"
  printf '| `%s` | %.1f | %.1f | %.1f | %.1f |\n' "$shown" "$med" "$min" "$max" "$(echo "$rss/1024" | bc -l)"
}
run $bin gazetteer lookup Raqqa
run $bin gazetteer lookup --json Rakka
run $bin gazetteer lookup --json --limit 1000 Springfield
run $bin gazetteer info
run $bin gazetteer lookup --names-from "$tmp/names.txt" --limit 10
