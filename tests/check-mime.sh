#!/bin/sh
# check-mime.sh MIME.xml — the shared-mime-info package is valid and maps
# *.segmenta to application/x-segmenta (update-mime-database into a
# temporary folder; nothing is installed).
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/packages"
cp "$1" "$tmp/packages/segmenta.xml"
update-mime-database "$tmp" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
grep -q '^50:application/x-segmenta:\*\.segmenta$' "$tmp/globs2" || { echo "no *.segmenta glob" >&2; cat "$tmp/globs2" >&2; exit 1; }
grep -q 'application/x-segmenta' "$tmp/types"
echo "ok: *.segmenta is application/x-segmenta"
