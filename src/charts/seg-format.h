/* seg-format.h — numbers as people read them on charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SEG_NUMBER_PLAIN,    /* 1,234.5 (decimals as asked, or as many as needed) */
  SEG_NUMBER_COMPACT,  /* 950 · 12.5k · 3.4M · 1.2B · 5T */
  SEG_NUMBER_INTEGER,  /* 1,234,567 */
  SEG_NUMBER_CURRENCY, /* €12.5k, $1,234, 12.5k € — compact unless decimals >= 0 */
  SEG_NUMBER_PERCENT,  /* a fraction: 0.125 → 12.5% */
  SEG_NUMBER_DATE,     /* days since 1970-01-01 → 2025-09-14 */
} SegNumberKind;

/* How to write one number.  Strings are borrowed (static or owned by the
 * caller).  @decimals −1 means automatic; for PLAIN and COMPACT 0 means
 * automatic too, so a zero-filled struct is "plain, automatic decimals"
 * (whole numbers are what SEG_NUMBER_INTEGER is for). */
typedef struct
{
  SegNumberKind kind;
  int           decimals;      /* -1 or 0..9; for COMPACT/CURRENCY -1 means compact */
  const char   *symbol;        /* currency symbol, e.g. "€"; NULL = none */
  gboolean      symbol_after;  /* "12.5k €" instead of "€12.5k" */
  const char   *thousands;     /* NULL = the locale's (C: ",") */
  const char   *decimal_point; /* NULL = the locale's (C: ".") */
} SegNumberFormat;

#define SEG_NUMBER_FORMAT_INIT(k) { (k), -1, NULL, FALSE, NULL, NULL }

/* Each returns a newly allocated string; NaN gives "–", infinities "∞"/"−∞". */
char *seg_format_compact  (double v);
char *seg_format_integer  (double v);
char *seg_format_fixed    (double v,
                           int    decimals);
char *seg_format_percent  (double fraction,
                           int    decimals);
char *seg_format_currency (double      v,
                           const char *symbol,
                           gboolean    symbol_after,
                           gboolean    compact);
/* ISO date (2025-09-14) or, with @long_form, "14 Sep 2025". */
char *seg_format_date     (double   days_since_epoch,
                           gboolean long_form);

/* Applies @fmt (NULL = plain). */
char *seg_number_format   (const SegNumberFormat *fmt,
                           double                 v);

/* Formats an axis tick: like seg_number_format(), but with just enough
 * decimals for @step to tell neighbouring ticks apart. */
char *seg_number_format_tick (const SegNumberFormat *fmt,
                              double                 v,
                              double                 step);

/* Decimals needed to show multiples of @step exactly (0..9). */
int   seg_format_decimals_for_step (double step);

/* "-1234567.891" (C locale, from g_ascii_formatd) → "−1,234,567.891":
 * the integer part grouped by threes, @minus for a leading "-", and the
 * separators of LC_NUMERIC where @sep or @dp is NULL.
 * Returns: (transfer full): the grouped number */
char *seg_format_group_digits (const char *ascii,
                               const char *minus,
                               const char *sep,
                               const char *dp);

/* The grouping and decimal separators of LC_NUMERIC (borrowed strings);
 * the C locale, which has no grouping, gets "," and ".". */
void  seg_format_locale_separators (const char **thousands,
                                    const char **decimal_point);

G_END_DECLS
