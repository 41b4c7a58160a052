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

gboolean seg_parse_number_full (const char *text,
                                gboolean    decimal_comma,
                                double     *out,
                                guint      *flags);

gboolean seg_parse_date_full   (const char   *text,
                                SegDateFormat format,
                                double       *out_days,
                                gboolean     *has_time);

/* "D/M/YYYY"-shaped text (separator '/', '-' or '.', optional time): the two
 * leading parts and the separator, without checking that they form a date. */
gboolean seg_parse_date_parts  (const char *text,
                                int        *first,
                                int        *second,
                                char       *sep);

/* "YYYY-MM-DD"-shaped text (also '/'), without checking the date. */
gboolean seg_parse_looks_iso   (const char *text);

/* true/false, yes/no, t/f, y/n in any case → 1.0 / 0.0 (not 0/1). */
gboolean seg_parse_boolean     (const char *text,
                                double     *out);

/* Empty, white space or a missing-value marker: NA, N/A, n/a, NaN, nan,
 * null, NULL, None, #N/A, <NA>, "-". */
gboolean seg_parse_is_missing  (const char *text);

/* What the reader says of a cell that does not fit its column's type, and of
 * a column with @n_bad such cells (also used by the streaming log reader).
 * Returns: (transfer full). */
char    *seg_csv_bad_cell_message (SegColumnType type,
                                   const char   *format,
                                   const char   *value);
/* Returns: (transfer full). */
char    *seg_csv_bad_cells_notice (SegColumnType type,
                                   const char   *name,
                                   guint64       n_bad);

/* The typing rules of the reader that a streaming pass must re-check on
 * the rows a preview did not see. */
gboolean seg_csv_has_leading_zero (const char *cell);
/* The 1-in-100 rule: a column keeps its type when at most 1 % of its
 * non-missing cells do not fit it. */
gboolean seg_csv_few_bad          (guint64     good,
                                   guint64     bad);
/* Returns: (transfer full). */
char    *seg_csv_ragged_message   (guint       n_cols,
                                   guint       n,
                                   const char *first_cell,
                                   char        delimiter);
gboolean seg_csv_is_code_like     (const char *cell);
/* Returns: (transfer full). */
char    *seg_csv_number_format    (guint       flags);

/* A preview's notices hold "<MARK><column index>" where the notice about
 * that column's unreadable cells goes once the whole file is known. */
#define SEG_CSV_NOTICE_MARK '\x01'

G_END_DECLS
