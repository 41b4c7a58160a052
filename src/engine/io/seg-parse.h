/* seg-parse.h — cell parsers behind seg_parse_number() and seg_parse_date()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the engine: the CSV reader uses the *_full variants to learn
 * how a value was written (currency, percent, time of day…) while typing a
 * column.
 */
#pragma once

#include <glib.h>

#include "seg-csv.h"

G_BEGIN_DECLS

/* Cell parsers, for the engine (role detection, the streaming pass) and tests.
 * Both accept surrounding white space and return FALSE on anything else. */

/**
 * seg_parse_number:
 * @text: a cell's text
 * @decimal_comma: the file writes decimals with a comma ("12,5")
 * @out: (out) (optional): the number read
 *
 * Reads a number the way the reader reads a cell: thousands separators,
 * currency signs and codes, accounting negatives and percentages as
 * fractions.
 *
 * Returns: %TRUE when @text is a number
 */
gboolean  seg_parse_number (const char *text,
                            gboolean    decimal_comma,
                            double     *out);

/**
 * seg_parse_date:
 * @text: a cell's text
 * @format: the order of its parts
 * @out_days: (out) (optional): days since 1970-01-01, a time of day as the
 *   fraction
 *
 * Returns: %TRUE when @text is a valid date in @format
 */
gboolean  seg_parse_date (const char   *text,
                          SegDateFormat format,
                          double       *out_days);

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


G_END_DECLS
