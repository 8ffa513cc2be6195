#!/usr/bin/env bash
# Rebuilds assets/world-110m.json, the country outlines of the HTML map, from the npm package
# world-atlas 2.0.2 (Natural Earth 1:110m countries as TopoJSON). The only network step; the
# result is committed, so nobody needs to run this to build geomention.
#
# Usage: bash assets/recipe/build.sh [CACHE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${1:-$(mktemp -d)}
url=https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz
sha512=IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==
mkdir -p "$cache"
[ -f "$cache/world-atlas.tgz" ] || curl -sSfL -o "$cache/world-atlas.tgz" "$url"
got=$(openssl dgst -sha512 -binary "$cache/world-atlas.tgz" | base64 -w0)
[ "$got" = "$sha512" ] || { echo "world-atlas.tgz: sha512 mismatch" >&2; exit 1; }
tar -xzf "$cache/world-atlas.tgz" -C "$cache" package/countries-110m.json
python3 recipe/world.py "$cache/package/countries-110m.json" world-110m.json
