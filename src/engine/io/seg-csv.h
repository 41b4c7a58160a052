/* seg-csv.h — read a delimited text file into a typed SegTable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader sniffs the dialect (delimiter, quoting, header, BOM, encoding,
 * line ends, decimal comma), types every column (number, date, boolean, text)
 * and parses the file in 64 KiB chunks with libcsv.  Rows it cannot use are
 * skipped and reported (SegReadReport.problems: line, column, message); a
 * file it cannot read at all is a GError in SEG_ERROR whose message starts
 * "FILE:LINE:COLUMN: " (line and column when known).  Runs in any thread;
 * checks @cancellable every few thousand rows (G_IO_ERROR_CANCELLED).
 *
 * Decisions (tested in tests/engine/test-csv-reader.c and test-bad-input.c):
 *  - Dialect: sniffed on the first 64 KiB, or more until that holds a few
 *    whole lines (a header of 11,000 columns is longer).  Delimiter = the candidate with
 *    the most consistent count per line outside quotes (ties: tab, ';', '|',
 *    ','); runs of spaces/tabs only when no single character fits.  A header
 *    is a first line without numbers or dates.  Decimal comma only with ';'.
 *    Text that is not UTF-8 is converted from Windows-1252 (with a notice);
 *    bytes that are neither (0x81, 0x8D, 0x8F, 0x90, 0x9D) are fatal.  UTF-16
 *    with a byte order mark is converted.  Blank lines are not data lines.
 *    An Excel "sep=;" first line sets the delimiter and is skipped.
 *  - Missing cells: empty, NA, N/A, n/a, NaN, nan, null, NULL, None, #N/A,
 *    <NA> and "-", in every column type.
 *  - Numbers accept thousands separators, currency signs ($ € £ ¥ ₹) and
 *    ISO codes ("USD 12"), accounting negatives "(12.50)" → -12.5 and
 *    percentages as fractions: "12.5%" → 0.125.
 *  - Column types: number, then date, then boolean (true/false, yes/no, t/f,
 *    y/n; 0/1 stay numbers), else text.  A type is kept when at most 1 in 100
 *    of the non-missing values cannot be read; those cells become missing and
 *    are problems ("expected a number, found “x”").  Integers with a leading
 *    zero ("00123") and letter+digit codes ("C536379") keep a column as text.
 *    8-digit values are YYYYMMDD dates when all are valid 1900–2100 dates.
 *    DD/MM versus MM/DD: from values above 12, else MM/DD (DD.MM with dots)
 *    unless SegReadOptions.day_first; a notice names the column and the reason.
 *  - Rows with the wrong number of fields are skipped (a problem each), except
 *    for trailing empty fields.  Fatal: more than half the rows skipped; a
 *    field longer than 1 MiB; an unclosed quote at the end of the file; no
 *    data rows; empty or blank files; NUL bytes, images, archives, JSON, HTML.
 */
#pragma once

#include <gio/gio.h>

#include "seg-table.h"

G_BEGIN_DECLS

typedef struct
{
  char        delimiter;     /* 0 = sniff; ' ' = runs of spaces */
  int         has_header;    /* -1 = sniff, 0 = no, 1 = yes */
  const char *encoding;      /* NULL = sniff ("UTF-8" or "Windows-1252") */
  GHashTable *column_types;  /* column name → GINT_TO_POINTER (SegColumnType + 1); NULL = detect */
  int         day_first;     /* -1 = from the values, 0 = MM/DD, 1 = DD/MM */
  gboolean    preview;       /* the bytes are the first rows of a longer file:
                                cells that do not fit their column's type are
                                not reported (the streaming pass reports them
                                for the whole file) */
} SegReadOptions;

/**
 * seg_read_options_init:
 * @options: (out caller-allocates): the options to set
 *
 * Sets every option to "sniff" or "detect".
 */
void      seg_read_options_init (SegReadOptions *options);

/**
 * seg_csv_read:
 * @path: the file, in the file name encoding
 * @options: (nullable): how to read it; %NULL for all defaults
 * @cancellable: (nullable): checked every few thousand rows
 * @progress: (nullable) (scope call): told of the fraction read
 * @user_data: (closure progress): for @progress
 * @error: a #GError in %SEG_ERROR whose message names the file, line and
 *   column, or %G_IO_ERROR_CANCELLED
 *
 * Reads a delimited text file into a typed table (the rules are above).
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
SegTable *seg_csv_read (const char           *path,
                        const SegReadOptions *options,     /* NULL = all defaults */
                        GCancellable         *cancellable,
                        SegProgressFunc       progress,
                        gpointer              user_data,
                        GError              **error);

/**
 * seg_csv_read_bytes:
 * @bytes: the file's content
 * @display_name: (nullable): the name messages use; %NULL for "-"
 * @options: (nullable): how to read it; %NULL for all defaults
 * @cancellable: (nullable): checked every few thousand rows
 * @progress: (nullable) (scope call): told of the fraction read
 * @user_data: (closure progress): for @progress
 * @error: a #GError in %SEG_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Reads a delimited text held in memory, as seg_csv_read () reads a file.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
SegTable *seg_csv_read_bytes (GBytes               *bytes,
                              const char           *display_name,
                              const SegReadOptions *options,
                              GCancellable         *cancellable,
                              SegProgressFunc       progress,
                              gpointer              user_data,
                              GError              **error);

/* How a column writes its dates (seg_parse_date () in seg-parse.h). */
typedef enum
{
  SEG_DATE_ISO,        /* YYYY-MM-DD, optional time "HH:MM[:SS]" after ' ' or 'T' */
  SEG_DATE_DMY,        /* DD/MM/YYYY (also '-' and '.' separators), optional time */
  SEG_DATE_MDY,        /* MM/DD/YYYY, optional time */
  SEG_DATE_COMPACT,    /* YYYYMMDD */
} SegDateFormat;

/* The reader's messages and typing rules, shared with the streaming log
 * reader (seg-txn-stream*.c). */

/**
 * seg_csv_bad_cell_message:
 * @type: the column's type
 * @format: (nullable): how the column writes dates ("DD/MM/YYYY"); needed
 *   for a date column
 * @value: the cell's text
 *
 * What the reader (and the streaming log reader) says of a cell that does
 * not fit its column's type.
 *
 * Returns: (transfer full): the message, translated
 */
char    *seg_csv_bad_cell_message (SegColumnType type,
                                   const char   *format,
                                   const char   *value);
/**
 * seg_csv_bad_cells_notice:
 * @type: the column's type
 * @name: the column's name
 * @n_bad: how many of its cells do not fit the type
 *
 * Returns: (transfer full): the notice about the column, translated
 */
char    *seg_csv_bad_cells_notice (SegColumnType type,
                                   const char   *name,
                                   guint64       n_bad);

/* The typing rules of the reader that a streaming pass must re-check on
 * the rows a preview did not see. */

/**
 * seg_csv_has_leading_zero:
 * @cell: a cell's text
 *
 * Returns: %TRUE for an integer with a leading zero ("00123"), which keeps
 *   its column as text
 */
gboolean seg_csv_has_leading_zero (const char *cell);
/**
 * seg_csv_few_bad:
 * @good: the column's non-missing cells that fit its type
 * @bad: those that do not
 *
 * The 1-in-100 rule: a column keeps its type when at most 1 % of its
 * non-missing cells do not fit it.
 *
 * Returns: %TRUE when the column keeps its type
 */
gboolean seg_csv_few_bad          (guint64     good,
                                   guint64     bad);
/**
 * seg_csv_ragged_message:
 * @n_cols: the number of fields a row should have
 * @n: the number it has
 * @first_cell: (nullable): its first field, which, when it is the only one,
 *   may show that the line uses another separator
 * @delimiter: the file's delimiter
 *
 * Returns: (transfer full): the message about a row skipped for its number
 *   of fields, translated
 */
char    *seg_csv_ragged_message   (guint       n_cols,
                                   guint       n,
                                   const char *first_cell,
                                   char        delimiter);
/**
 * seg_csv_is_code_like:
 * @cell: a cell's text
 *
 * Returns: %TRUE for a code of letters and digits ("C536379"), which keeps
 *   its column as text
 */
gboolean seg_csv_is_code_like     (const char *cell);
/**
 * seg_csv_number_format:
 * @flags: #SegNumberFlags of a column's numbers
 *
 * Returns: (transfer full) (nullable): how the numbers were written, for
 *   the user ("currency, percent"), or %NULL when plainly
 */
char    *seg_csv_number_format    (guint       flags);

/* A preview's notices hold "<MARK><column index>" where the notice about
 * that column's unreadable cells goes once the whole file is known. */
#define SEG_CSV_NOTICE_MARK '\x01'

G_END_DECLS
