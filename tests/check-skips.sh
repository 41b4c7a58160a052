#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a test skips for want of ../shared/data by itself instead of
# through seg_test_require_shared_data () (tests/seg-test-util.c), which
# fails instead of skipping when CI is set: a skipped reference check is a
# check that did not run.
set -euo pipefail

top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top"
found=$(grep -rnE 'g_test_(skip|incomplete)(_printf)? *\(' tests --include='*.c' --include='*.h' \
          | grep -v '^tests/seg-test-util\.c:' | grep -iE 'shared|/data|data set|dataset|not (here|present|available|found)' || true)
if [ -n "$found" ]; then
  echo "$found" >&2
  echo "These tests skip without ../shared/data on their own: use seg_test_require_shared_data ()." >&2
  exit 1
fi
