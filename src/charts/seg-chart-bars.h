/* seg-chart-bars.h — bar charts: segment sizes, CLV and churn per segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "seg-chart-hit.h"
#include "seg-chart-style.h"
#include "seg-format.h"

G_BEGIN_DECLS

/* One bar per category.  Everything is borrowed. */
typedef struct
{
  const char        *title;
  const char        *subtitle;
  const char        *category_label;  /* axis title along the categories, or NULL */
  const char        *value_label;     /* axis title along the values, or NULL */
  guint              n;
  const char *const *categories;      /* n names */
  const double      *values;          /* n values; NaN = no bar */
  const int         *groups;          /* colour group per bar; NULL = 0, 1, 2, … */
  const char *const *notes;           /* extra tooltip line per bar, or NULL */
  SegNumberFormat    format;          /* values, ticks and labels */
  gboolean           horizontal;      /* bars grow to the right */
  gboolean           show_values;     /* value labels at the bar ends */
  const char        *missing_text;    /* said where a value is missing ("no purchases"),
                                         or NULL to leave the slot empty */
} SegBarData;

void     seg_chart_bars_draw (cairo_t             *cr,
                              double               width,
                              double               height,
                              const SegBarData    *data,
                              const SegChartStyle *style);

gboolean seg_chart_bars_hit  (double               width,
                              double               height,
                              const SegBarData    *data,
                              const SegChartStyle *style,
                              double               x,
                              double               y,
                              SegChartHit         *hit);

gboolean seg_chart_bars_item (double               width,
                              double               height,
                              const SegBarData    *data,
                              const SegChartStyle *style,
                              guint                i,
                              SegChartHit         *hit);

G_END_DECLS
