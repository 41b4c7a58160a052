/* seg-chart-confusion.h — 2×2 confusion matrix
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
  const char *title;
  const char *subtitle;
  double      tn, fp, fn, tp;     /* counts */
  const char *negative_label;     /* e.g. "Stays"; NULL: "No" */
  const char *positive_label;     /* e.g. "Churns"; NULL: "Yes" */
} SegConfusionData;

void     seg_chart_confusion_draw (cairo_t                *cr,
                                   double                  width,
                                   double                  height,
                                   const SegConfusionData *data,
                                   const SegChartStyle    *style);

/* row = actual (0 negative, 1 positive), col = predicted; index = row × 2 + col. */
gboolean seg_chart_confusion_hit  (double                  width,
                                   double                  height,
                                   const SegConfusionData *data,
                                   const SegChartStyle    *style,
                                   double                  x,
                                   double                  y,
                                   SegChartHit            *hit);

gboolean seg_chart_confusion_item (double                  width,
                                   double                  height,
                                   const SegConfusionData *data,
                                   const SegChartStyle    *style,
                                   guint                   i,
                                   SegChartHit            *hit);

G_END_DECLS
