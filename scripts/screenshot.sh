#!/usr/bin/env bash
# The screenshot of the HTML map kept in docs/: the seed article (../shared/seed) mapped with
# `--format html` and photographed by headless chromium, offline.
#
# Usage: bash scripts/screenshot.sh [ARTICLE] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
article=${1:-${GEOMENTION_SHARED:-../shared}/seed/article-000.txt}
out=${2:-docs/map-seed.png}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
target/release/geomention map "$article" --format html -q -o "$tmp/map.html"
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000 \
  --window-size=1280,900 --screenshot="$out" "file://$tmp/map.html" 2>/dev/null
echo "wrote $out"
