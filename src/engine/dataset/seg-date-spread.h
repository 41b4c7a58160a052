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

SegDateSpread *seg_date_spread_new    (void);
void           seg_date_spread_free   (SegDateSpread *spread);

/* One date of the column (days since 1970-01-01; NAN and dates outside the
 * years 1 to 9999 are ignored). */
void           seg_date_spread_add    (SegDateSpread *spread,
                                       double         day);

/* Adds the dates of @from to @into (the two workers of a streamed log each
 * collect their own rows'), before seg_date_spread_finish (). */
void           seg_date_spread_merge  (SegDateSpread       *into,
                                       const SegDateSpread *from);

/* Decides, after the last seg_date_spread_add (): the number of the dates
 * added that are placeholders. */
guint64        seg_date_spread_finish (SegDateSpread *spread);

/* After seg_date_spread_finish (): is @day a placeholder? */
gboolean       seg_date_spread_is_placeholder (const SegDateSpread *spread,
                                               double               day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegDateSpread, seg_date_spread_free)

G_END_DECLS
