/* seg-date-spread.h — placeholder dates far from the bulk of a column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Systems write a fixed date where they have none: 9999-12-31 for "never
 * ends", 0001-01-01 or 1900-01-01 for "unknown", 1970-01-01 for a zero
 * timestamp, 2099-12-31 for "far in the future".  Taken as a date, one of
 * them becomes the as-of date (every recency 0) or makes a customer 120
 * years old.  A SegDateSpread collects the dates of one column, one at a
 * time (the streamed log adds its rows as they pass), and then tells which
 * of them are such placeholders; the caller reads those as missing.  The
 * rule is in seg-date-spread.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SegDateSpread SegDateSpread;

/**
 * seg_date_spread_new:
 *
 * Returns: (transfer full): an empty spread
 */
SegDateSpread *seg_date_spread_new    (void);
/**
 * seg_date_spread_free:
 * @spread: (nullable) (transfer full): a spread
 */
void           seg_date_spread_free   (SegDateSpread *spread);

/**
 * seg_date_spread_add:
 * @spread: a spread, not finished
 * @day: one date of the column, in days since 1970-01-01; NAN and dates
 *   outside the years 1 to 9999 are ignored
 */
void           seg_date_spread_add    (SegDateSpread *spread,
                                       double         day);
/**
 * seg_date_spread_add_n:
 * @spread: a spread, not finished
 * @day: as for seg_date_spread_add ()
 * @n: how many times
 *
 * seg_date_spread_add () @n times: a streamed log counts its rows per day
 * first (the counts do not depend on the order).
 */
void           seg_date_spread_add_n  (SegDateSpread *spread,
                                       double         day,
                                       guint64        n);

/**
 * seg_date_spread_merge:
 * @into: a spread, not finished
 * @from: another spread of the same column
 *
 * Adds the dates of @from to @into (the two workers of a streamed log each
 * collect their own rows'), before seg_date_spread_finish ().
 */
void           seg_date_spread_merge  (SegDateSpread       *into,
                                       const SegDateSpread *from);

/**
 * seg_date_spread_finish:
 * @spread: a spread, after its last seg_date_spread_add ()
 *
 * Decides which dates are placeholders.
 *
 * Returns: the number of the dates added that are placeholders
 */
guint64        seg_date_spread_finish (SegDateSpread *spread);

/**
 * seg_date_spread_is_placeholder:
 * @spread: a finished spread
 * @day: a date of the column, in days since 1970-01-01
 *
 * Returns: %TRUE when @day is a placeholder, to be read as missing
 */
gboolean       seg_date_spread_is_placeholder (const SegDateSpread *spread,
                                               double               day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegDateSpread, seg_date_spread_free)

G_END_DECLS
