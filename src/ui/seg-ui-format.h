/* seg-ui-format.h — how cells and counts are shown in the interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "seg-table.h"

G_BEGIN_DECLS

/* "12,345", "1,234.57", "-0.5" (grouped, at most 2 decimals; integers without). */
char       *seg_ui_format_number   (double value);
/* A cell as text: ISO dates, formatted numbers, "Yes"/"No"; NULL when missing. */
char       *seg_ui_format_cell     (const SegColumn *column,
                                 guint64          row);
/* "14 Sep 2025" */
char       *seg_ui_format_date_long (double days);
/* "12,345" */
char       *seg_ui_format_count    (guint64 n);
/* The decimals every cell of a number @column shows, so a column lines
 * up: 0 when all its values are whole, else 2; -1 for ids and for what
 * is not a number (seg_ui_format_cell () as it is). */
int         seg_ui_format_column_decimals (const SegColumn *column,
                                           guint64          n_rows);
/* @value grouped with @decimals fixed decimals ("1,499.00", "0.82");
 * values that would show as 0.00 keep three significant digits. */
char       *seg_ui_format_fixed    (double value,
                                    int    decimals);
/* @text (a notice from the engine, which writes counts bare for the CLI's
 * summary.json) with its counts grouped as the rest of the window shows
 * them: "135080 rows" → "135,080 rows"; years, dates, times, decimals,
 * file positions and quoted names stay as they are.  (transfer full) */
char       *seg_ui_format_group_counts (const char *text);
const char *seg_ui_format_delimiter_name (char delimiter);
/* A pixel width that fits @column's header and its first cells (up to a limit). */
int         seg_ui_format_column_width (const SegColumn *column,
                                        guint64          n_rows);

G_END_DECLS
