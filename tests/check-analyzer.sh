#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-analyzer.sh CC SOURCE_ROOT BUILD_ROOT FILE…
# Fails when gcc's static analyser (-fanalyzer) reports anything in one of
# the FILEs (paths under SOURCE_ROOT).  Skips (77) with a compiler that has
# no -fanalyzer (clang, gcc < 10).
set -u
cc=$1 src=$2 build=$3
shift 3
if ! echo 'int main (void) { return 0; }' | $cc -fanalyzer -x c -c -o /dev/null - 2>/dev/null; then
  echo "SKIP: $cc has no -fanalyzer"
  exit 77
fi
deps=$(pkg-config --cflags glib-2.0 gio-2.0 json-glib-1.0) || exit 1
incs=""
for tier in "$src"/src/engine/*/; do incs="$incs -I$tier"; done
status=0
for f in "$@"; do
  # shellcheck disable=SC2086
  out=$($cc $deps -I"$build" $incs -std=gnu11 -O0 \
        -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
        -fanalyzer -fdiagnostics-color=never -c "$src/$f" -o /dev/null 2>&1)
  if echo "$out" | grep -q 'Wanalyzer'; then
    echo "$out"
    echo "FAIL: gcc -fanalyzer reports a problem in $f"
    status=1
  else
    echo "ok: $f"
  fi
done
exit $status
