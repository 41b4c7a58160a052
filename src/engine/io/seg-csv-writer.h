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

#include "seg-publish.h"
#include "seg-table.h"

G_BEGIN_DECLS

/**
 * seg_csv_format_number:
 * @value: a number
 *
 * Returns: (transfer full): the shortest decimal that reads back as exactly
 *   @value, never in the locale's form; "" for NAN
 */
char     *seg_csv_format_number (double      value);
/**
 * seg_csv_format_number_append:
 * @out: the text to append to
 * @value: a number
 *
 * Appends what seg_csv_format_number () returns, without an allocation.
 */
void      seg_csv_format_number_append (GString *out,
                                        double   value);
/**
 * seg_csv_needs_neutralising:
 * @text: a text cell
 *
 * Returns: %TRUE when a spreadsheet could read @text as a formula: it
 *   starts with = + - @ TAB or CR and is not a plain number (the CSV and
 *   Excel exports then write it with a leading ')
 */
gboolean  seg_csv_needs_neutralising (const char *text);
/**
 * seg_csv_append_text:
 * @out: the text to append to
 * @text: a text cell
 *
 * Appends @text as it goes into a CSV: neutralised, then quoted when
 * needed.
 */
void      seg_csv_append_text   (GString    *out,
                                 const char *text);
/**
 * seg_csv_append_cell:
 * @out: the text to append to
 * @column: a table's column
 * @row: a row of the table
 *
 * Appends the cell as it goes into a CSV; nothing when it is missing.
 */
void      seg_csv_append_cell   (GString         *out,
                                 const SegColumn *column,
                                 guint64          row);

/**
 * seg_csv_format_table:
 * @table: a table
 * @rows: (array length=n_rows) (nullable): the rows to write, in order;
 *   %NULL for all of them
 * @n_rows: the length of @rows (ignored when @rows is %NULL)
 *
 * Writes the table as CSV with a header row.
 *
 * Returns: (transfer full): the CSV text
 */
GBytes   *seg_csv_format_table  (const SegTable *table,
                                 const guint64  *rows,
                                 guint64         n_rows);

/**
 * SegCsvWriteFunc:
 * @user_data: what was given to seg_csv_write_table ()
 * @data: (array length=len) (element-type guint8): the next bytes of the file
 * @len: their length
 * @error: return location for a #GError, or %NULL
 *
 * Takes the next piece of a table's CSV text.  It is called from one
 * thread at a time, pieces in order, but not always from the same thread.
 *
 * Returns: %FALSE with @error set to stop the writing
 */
typedef gboolean (*SegCsvWriteFunc) (gpointer     user_data,
                                     const void  *data,
                                     gsize        len,
                                     GError     **error);

/**
 * seg_csv_write_table:
 * @table: a table
 * @rows: (array length=n_rows) (nullable): as for seg_csv_format_table ()
 * @n_rows: the length of @rows (ignored when @rows is %NULL)
 * @write: (scope call): takes the text piece by piece
 * @user_data: for @write
 * @error: return location for a #GError, or %NULL
 *
 * Writes the same bytes as seg_csv_format_table () without holding them
 * all in memory: blocks of rows are formatted on two threads into buffers
 * that are reused, and handed to @write in order.
 *
 * Returns: %FALSE with @error set when @write failed
 */
gboolean  seg_csv_write_table   (const SegTable  *table,
                                 const guint64   *rows,
                                 guint64          n_rows,
                                 SegCsvWriteFunc  write,
                                 gpointer         user_data,
                                 GError         **error);
/**
 * seg_csv_publish_table:
 * @sink: the file seg_publish_add_writer () is writing
 * @table: (type SegTable): the table to write, every row
 * @error: return location for a #GError, or %NULL
 *
 * A #SegPublishWriter: writes @table to @sink with seg_csv_write_table (),
 * so a table of a million rows goes to its file block by block.  Give it
 * to seg_publish_add_writer () with the table as its user data.
 *
 * Returns: %FALSE with @error set when a write failed
 */
gboolean  seg_csv_publish_table (SegPublishSink  *sink,
                                 gpointer         table,
                                 GError         **error);

G_END_DECLS
