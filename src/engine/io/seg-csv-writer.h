/* seg-csv-writer.h — write tables as CSV, safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * UTF-8, a header row, ISO dates, numbers in shortest round-trip form
 * (never locale-dependent), spreadsheet formulas neutralised (SPEC §11: text
 * cells starting with = + - @ TAB or CR get a leading ' unless they are plain
 * numbers).  A file is replaced atomically with seg_publish_file ()
 * (seg-publish.h).
 */
#pragma once

#include <gio/gio.h>

#include "seg-table.h"

G_BEGIN_DECLS

/* Shortest decimal that reads back as exactly @value; "" for NAN.
 * Returns: (transfer full). */
char     *seg_format_number     (double      value);
/* The same text appended to @out, without an allocation per value. */
void      seg_format_number_append (GString *out,
                                    double   value);
/* TRUE when a spreadsheet could read @text as a formula: it starts with
 * = + - @ TAB or CR and is not a plain number (the CSV and Excel exports
 * then write it with a leading '). */
gboolean  seg_text_needs_neutralising (const char *text);
/* A TEXT cell as it goes into a CSV: neutralised, then quoted when needed. */
void      seg_csv_append_text   (GString    *out,
                                 const char *text);
/* A cell of @column at @row, appended to @out (empty when missing). */
void      seg_csv_append_cell   (GString         *out,
                                 const SegColumn *column,
                                 guint64          row);

/* The whole table (optionally only @rows, an array of row indices, or NULL).
 * Returns: (transfer full). */
GBytes   *seg_csv_format_table  (const SegTable *table,
                                 const guint64  *rows,
                                 guint64         n_rows);

G_END_DECLS
