#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when po/POTFILES.in is out of step with the sources:
#  - a C file under src/ that marks strings with _( N_( C_( NC_( or a .ui file
#    under ui/ with translatable="yes" is not listed, or
#  - POTFILES.in lists a file that does not exist.
# Sources are the files git knows about (tracked, or new and not ignored), so a
# stray file in a build directory does not count; without git, every file does.
set -euo pipefail

top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top"
potfiles=po/POTFILES.in
status=0

listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" | sort -u)

while IFS= read -r f; do
  if [ ! -f "$f" ]; then
    echo "$potfiles lists $f, which does not exist" >&2
    status=1
  fi
done <<<"$listed"

if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  candidates=$(git ls-files --cached --others --exclude-standard -- src ui | sort -u)
else
  candidates=$(find src ui -type f | sort -u)
fi

# one grep per kind of file, not one per file: this runs in every test run
marked=$( (grep -lE '(^|[^A-Za-z0-9_])(N|C|NC)?_ ?\(' $(grep -E '\.[ch]$' <<<"$candidates") /dev/null || true;
           grep -l 'translatable="yes"' $(grep -E '\.ui$' <<<"$candidates") /dev/null || true) | sort -u)
while IFS= read -r f; do
  [ -n "$f" ] && [ -f "$f" ] || continue
  if ! grep -qxF "$f" <<<"$listed"; then
    echo "$f has translatable strings but is missing from $potfiles" >&2
    status=1
  fi
done <<<"$marked"

# xgettext cannot expand GLib's format macros: a translatable string with
# "%" G_GUINT64_FORMAT is cut at the "%" and can never be translated.  Use
# PRIu64/PRId64 (which xgettext knows) or %zu/%zd for gsize/gssize.
while IFS= read -r hit; do
  [ -n "$hit" ] || continue
  echo "$hit: a translatable string uses a G_*_FORMAT macro; use PRIu64 or %zu" >&2
  status=1
done < <(git -C "$top" grep -nE '(^|[^A-Za-z0-9_])(N|C|NC)?_ ?\("[^"]*%" G_G[A-Z0-9]*_FORMAT' -- src 2>/dev/null || true)

[ "$status" -eq 0 ] && echo "$potfiles is complete"
exit "$status"
