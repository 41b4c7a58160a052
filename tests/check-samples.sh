#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates data/samples with segmenta-gen and compares them byte for byte
# with the committed copies, so the samples stay reproducible.
#   tests/check-samples.sh GEN OUTDIR          check (meson test samples-reproducible)
#   tests/check-samples.sh --update GEN        rewrite data/samples in the source tree
# The commands below are the ones data/samples/README.md documents.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
samples="$top/data/samples"

generate () {   # gen dir
  "$1" fintech --customers 300 --seed 42 --out "$2/fintech"
  "$1" creditcard --rows 1000 --seed 7 --out "$2/creditcard.csv"
}

if [ "${1:-}" = "--update" ]; then
  generate "$2" "$samples"
  echo "data/samples regenerated"
  exit 0
fi

gen=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
generate "$gen" "$out"
status=0
for f in fintech/customers.csv fintech/transactions.csv fintech/activity.csv creditcard.csv; do
  if ! cmp -s "$out/$f" "$samples/$f"; then
    echo "data/samples/$f differs from what segmenta-gen writes now:" >&2
    diff "$samples/$f" "$out/$f" | head -n 10 >&2 || true
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "data/samples match segmenta-gen"
exit "$status"
