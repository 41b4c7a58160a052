/* seg-date.h — calendar dates as days since 1970-01-01
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates are days since 1970-01-01 (UTC, proleptic Gregorian), as in a
 * SegTable's DATE columns (seg-table.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates: days since 1970-01-01 <-> calendar */
double          seg_date_from_ymd       (int year, int month, int day);
/* The dates written and computed: 0001-01-01 to 9999-12-31, as days since
 * 1970-01-01 (seg_date_in_range()). */
#define SEG_DATE_MIN_DAYS (-719162.0)
#define SEG_DATE_MAX_DAYS 2932896.0
gboolean        seg_date_in_range       (double days);
/**
 * seg_date_to_ymd:
 * @days: days since 1970-01-01
 * @year: (out): the year (proleptic years before 1 are converted)
 * @month: (out): the month, 1 to 12
 * @day: (out): the day of the month
 *
 * Returns: %FALSE for NAN and beyond a billion days either way
 */
gboolean        seg_date_to_ymd         (double days, int *year, int *month, int *day);
/**
 * seg_date_format_iso:
 * @days: days since 1970-01-01
 *
 * Returns: (transfer full) (nullable): "YYYY-MM-DD", %NULL when @days is
 *   NAN
 */
char           *seg_date_format_iso     (double days);

G_END_DECLS
