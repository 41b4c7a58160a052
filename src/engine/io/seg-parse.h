/* seg-parse.h — cell parsers behind seg_parse_number() and seg_parse_date()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the engine: the CSV reader uses the *_full variants to learn
 * how a value was written (currency, percent, time of day…) while typing a
 * column.  The public entry points are declared in seg-csv-reader.h.
 */
#pragma once

#include <glib.h>

#include "seg-csv-reader.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_NUMBER_THOUSANDS     = 1 << 0,  /* "1,234.50" or "1.234,50" */
  SEG_NUMBER_CURRENCY      = 1 << 1,  /* "$12", "12 €", "USD 12" */
  SEG_NUMBER_PERCENT       = 1 << 2,  /* "12.5%" read as 0.125 */
  SEG_NUMBER_ACCOUNTING    = 1 << 3,  /* "(12.50)" read as -12.5 */
  SEG_NUMBER_DECIMAL_COMMA = 1 << 4,  /* a decimal comma was seen: "12,5" */
} SegNumberFlags;

/**
 * seg_parse_number_full:
 * @text: a cell's text
 * @decimal_comma: the file writes decimals with a comma ("12,5")
 * @out: (out) (optional): the number read
 * @flags: (out) (optional): how it was written, #SegNumberFlags
 *
 * Reads a number as seg_parse_number () does and says how it was written.
 *
 * Returns: %TRUE when @text is a number
 */
gboolean seg_parse_number_full (const char *text,
                                gboolean    decimal_comma,
                                double     *out,
                                guint      *flags);

/**
 * seg_parse_date_full:
 * @text: a cell's text
 * @format: the order of its parts
 * @out_days: (out) (optional): days since 1970-01-01, a time of day as the
 *   fraction
 * @has_time: (out) (optional): @text has a time of day
 *
 * Reads a date as seg_parse_date () does and says whether it had a time.
 *
 * Returns: %TRUE when @text is a valid date in @format
 */
gboolean seg_parse_date_full   (const char   *text,
                                SegDateFormat format,
                                double       *out_days,
                                gboolean     *has_time);

/**
 * seg_parse_date_parts:
 * @text: a cell's text
 * @first: (out): the first part
 * @second: (out): the second part
 * @sep: (out): the separator, '/', '-' or '.'
 *
 * Splits "D/M/YYYY"-shaped text (an optional time may follow) without
 * checking that the parts form a date.
 *
 * Returns: %TRUE when @text has that shape
 */
gboolean seg_parse_date_parts  (const char *text,
                                int        *first,
                                int        *second,
                                char       *sep);

/**
 * seg_parse_looks_iso:
 * @text: a cell's text
 *
 * Returns: %TRUE when @text is shaped "YYYY-MM-DD" (or with '/'), without
 *   checking the date
 */
gboolean seg_parse_looks_iso   (const char *text);

/**
 * seg_parse_boolean:
 * @text: a cell's text
 * @out: (out): 1.0 or 0.0
 *
 * Reads true/false, yes/no, t/f or y/n in any case (not 0/1).
 *
 * Returns: %TRUE when @text is one of those words
 */
gboolean seg_parse_boolean     (const char *text,
                                double     *out);

/**
 * seg_parse_is_missing:
 * @text: a cell's text
 *
 * Returns: %TRUE when @text is empty, white space or a missing-value
 *   marker: NA, N/A, n/a, NaN, nan, null, NULL, None, #N/A, <NA>, "-"
 */
gboolean seg_parse_is_missing  (const char *text);

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
