#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a language in po/LINGUAS does not translate every message of the
# current sources: the catalogue is extracted afresh (as meson's segmenta-pot
# target does, into a temporary folder), each po/<lang>.po is merged with it
# without fuzzy matching, and msgfmt must count no untranslated and no fuzzy
# message.  To fix a failure, see HACKING.md, "Translations".
set -euo pipefail

top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

xgettext --package-name=segmenta -D "$top" -f po/POTFILES.in -o "$tmp/segmenta.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_printerr:1:c-format

status=0
for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/segmenta.pot" -o "$tmp/$lang.po"
  stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1) || {
    echo "po/$lang.po: msgfmt --check failed: $stats" >&2; status=1; continue; }
  echo "po/$lang.po: $stats"
  if grep -Eq 'untranslated|fuzzy' <<<"$stats"; then
    echo "po/$lang.po is incomplete; untranslated messages:" >&2
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -A1 '^msgid' | head -40 >&2
    status=1
  fi
done
exit "$status"
