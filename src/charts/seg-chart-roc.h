/* seg-chart-roc.h — ROC curve with its AUC
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "seg-chart-hit.h"
#include "seg-chart-style.h"

G_BEGIN_DECLS

typedef struct
{
  const char   *title;
  const char   *subtitle;
  gsize         n;
  const double *fpr;     /* false positive rates, ascending, in [0, 1] */
  const double *tpr;     /* true positive rates */
  double        auc;     /* NaN: computed from the points (trapezoids) */
  int           group;   /* colour group of the curve */
} SegRocData;

void     seg_chart_roc_draw (cairo_t             *cr,
                             double               width,
                             double               height,
                             const SegRocData    *data,
                             const SegChartStyle *style);

/* index = the curve point nearest the pointer. */
gboolean seg_chart_roc_hit  (double               width,
                             double               height,
                             const SegRocData    *data,
                             const SegChartStyle *style,
                             double               x,
                             double               y,
                             SegChartHit         *hit);

/* Area under the curve by the trapezoid rule. */
double   seg_chart_roc_curve_area        (const double *fpr,
                             const double *tpr,
                             gsize         n);

gboolean seg_chart_roc_item (double               width,
                             double               height,
                             const SegRocData    *data,
                             const SegChartStyle *style,
                             guint                i,
                             SegChartHit         *hit);

G_END_DECLS
