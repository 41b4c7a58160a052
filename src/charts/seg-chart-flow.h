/* seg-chart-flow.h — segment migration as a flow (alluvial) chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The segments of the saved analysis on the left, those of the new data on
 * the right, each as a bar as tall as its customers; a band from left to
 * right for every pair with customers, as wide as their number, coloured
 * like the segment they came from.  Customers who stayed are drawn fainter
 * than those who moved, so the moves stand out.
 */
#pragma once

#include <cairo.h>

#include "seg-chart-hit.h"
#include "seg-chart-style.h"

G_BEGIN_DECLS

typedef struct
{
  const char        *title;
  const char        *subtitle;
  const char        *from_label;   /* "Saved analysis" */
  const char        *to_label;     /* "New data" */
  guint              n_from;
  guint              n_to;
  const char *const *from_names;
  const char *const *to_names;
  const guint       *counts;       /* n_from × n_to, row-major */
} SegFlowData;

void     seg_chart_flow_draw (cairo_t             *cr,
                              double               width,
                              double               height,
                              const SegFlowData   *data,
                              const SegChartStyle *style);

/* The band under (@x, @y): hit->group = from, hit->index = to. */
gboolean seg_chart_flow_hit  (double               width,
                              double               height,
                              const SegFlowData   *data,
                              const SegChartStyle *style,
                              double               x,
                              double               y,
                              SegChartHit         *hit);

G_END_DECLS
