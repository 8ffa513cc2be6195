#!/usr/bin/env bash
# `geomention serve` under load on loopback: wrk (Debian) posts a 3 KB article with 2
# connections per core for DURATION seconds, while the server's RSS is sampled every 5 s.
# Prints requests/s, latency percentiles, errors and the RSS series (flat = no leak).
#
# Usage: bash scripts/bench_serve.sh [DURATION_SECS]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
port=18181
tmp=$(mktemp -d)
cargo build --release --quiet
# A 3,000-byte wire story: the example article, repeated and cut at a word boundary.
python3 - "$tmp/body.txt" <<'PY'
import sys
text = open("examples/euphrates-offensive.txt", encoding="utf-8").read()
while len(text.encode()) < 3000:
    text += "\n\n" + text
cut = text.encode()[:3000].decode("utf-8", "ignore")
open(sys.argv[1], "w", encoding="utf-8").write(cut[: cut.rfind(" ")])
PY
python3 - "$tmp/body.txt" "$tmp/post.lua" <<'PY'
import sys
body = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(
    'wrk.method = "POST"\nwrk.headers["Content-Type"] = "text/plain"\nwrk.body = [==[%s]==]\n'
    % body)
PY
target/release/geomention serve --addr 127.0.0.1:$port -q 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
sleep 1
cores=$(nproc)
( for _ in $(seq 0 5 "$duration"); do ps -o rss= -p $pid | tr -d ' '; sleep 5; done ) > "$tmp/rss" &
sampler=$!
wrk -t "$cores" -c $((2 * cores)) -d "${duration}s" --latency -s "$tmp/post.lua" \
  "http://127.0.0.1:$port/v1/geoparse" | tee "$tmp/wrk"
wait $sampler || true
echo "body: $(wc -c < "$tmp/body.txt") bytes; connections: $((2 * cores)); threads: $cores"
echo "RSS KB every 5 s: $(tr '\n' ' ' < "$tmp/rss")"
