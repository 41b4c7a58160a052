/* seg-chart-box.h — box plots per group and the statistics behind them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "seg-chart-hit.h"
#include "seg-chart-style.h"
#include "seg-format.h"

G_BEGIN_DECLS

/* Five-number summary with Tukey whiskers.  Quartiles use linear
 * interpolation between order statistics (Hyndman–Fan type 7, the default
 * of numpy.quantile and pandas): h = (n − 1)p,
 * q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). */
typedef struct
{
  gsize  n;                /* finite values used */
  gsize  n_missing;        /* NaN or infinite values ignored */
  double min, q1, median, q3, max;
  double mean;
  double iqr;              /* q3 − q1 */
  double whisker_low;      /* smallest value ≥ q1 − 1.5 IQR */
  double whisker_high;     /* largest value ≤ q3 + 1.5 IQR */
  gsize  n_outliers_low;   /* values below whisker_low */
  gsize  n_outliers_high;  /* values above whisker_high */
} SegBoxStats;

/* Fills @out from @values (any order, NaN ignored).  Returns FALSE (and
 * zeroes @out apart from n_missing) when there is no finite value. */
gboolean seg_box_stats_compute (const double *values,
                                gsize         n,
                                SegBoxStats  *out);

/* Type-7 quantile of @sorted (ascending, finite, n ≥ 1), @p in [0, 1]. */
double   seg_box_stats_quantile (const double *sorted,
                                 gsize         n,
                                 double        p);

/* One box per group from raw values.  Everything is borrowed. */
typedef struct
{
  const char          *title;
  const char          *subtitle;
  const char          *group_label;    /* axis title under the boxes, or NULL */
  const char          *value_label;    /* axis title of the values, or NULL */
  guint                n_groups;
  const char *const   *group_names;
  const double *const *values;         /* n_groups arrays of raw values */
  const gsize         *n_values;       /* their lengths */
  const int           *groups;         /* colour group per box; NULL = 0, 1, … */
  SegNumberFormat      format;
  guint                max_outliers;   /* drawn per box; 0 = 150 */
  gboolean             minmax_whiskers;/* whiskers at min and max, no outliers */
} SegBoxData;

void     seg_chart_box_draw (cairo_t             *cr,
                             double               width,
                             double               height,
                             const SegBoxData    *data,
                             const SegChartStyle *style);

gboolean seg_chart_box_hit  (double               width,
                             double               height,
                             const SegBoxData    *data,
                             const SegChartStyle *style,
                             double               x,
                             double               y,
                             SegChartHit         *hit);

gboolean seg_chart_box_item (double               width,
                             double               height,
                             const SegBoxData    *data,
                             const SegChartStyle *style,
                             guint                i,
                             SegChartHit         *hit);

G_END_DECLS
