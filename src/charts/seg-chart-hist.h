/* seg-chart-hist.h — histogram of a distribution (e.g. churn probability)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "seg-chart-hit.h"
#include "seg-chart-style.h"
#include "seg-format.h"

G_BEGIN_DECLS

typedef struct
{
  const char        *title;
  const char        *subtitle;
  const char        *x_label;
  const char        *y_label;       /* NULL: "Customers" */
  gsize              n;
  const double      *values;        /* NaN skipped */
  const int         *group;         /* stack by group (e.g. churned or not), or NULL */
  guint              n_groups;
  const char *const *group_names;   /* legend, or NULL */
  guint              n_bins;        /* 0: automatic (Sturges, 5…50) */
  double             lo, hi;        /* bin range; NaN: the data range */
  SegNumberFormat    x_format;
} SegHistData;

void     seg_chart_hist_draw (cairo_t             *cr,
                              double               width,
                              double               height,
                              const SegHistData   *data,
                              const SegChartStyle *style);

/* index = bin. */
gboolean seg_chart_hist_hit  (double               width,
                              double               height,
                              const SegHistData   *data,
                              const SegChartStyle *style,
                              double               x,
                              double               y,
                              SegChartHit         *hit);

gboolean seg_chart_hist_item (double               width,
                              double               height,
                              const SegHistData   *data,
                              const SegChartStyle *style,
                              guint                i,
                              SegChartHit         *hit);

G_END_DECLS
