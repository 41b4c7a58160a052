/* seg-chart-line.h — line charts: elbow (inertia vs k), silhouette vs k
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
  const char   *name;    /* legend and tooltip name */
  guint         n;
  const double *x;       /* ascending */
  const double *y;       /* NaN = gap (e.g. silhouette at k = 1) */
  int           group;   /* colour group */
} SegLineSeries;

typedef struct
{
  const char          *title;
  const char          *subtitle;
  const char          *x_label;
  const char          *y_label;
  guint                n_series;
  const SegLineSeries *series;
  double               marked_x;      /* NaN = none; e.g. the suggested k */
  const char          *marked_label;  /* e.g. "Suggested k = 4" */
  double               chosen_x;      /* a second mark, drawn only with chosen_label */
  const char          *chosen_label;  /* NULL = none; e.g. "Chosen k = 6" */
  SegNumberFormat      x_format;
  SegNumberFormat      y_format;
  gboolean             integer_x;     /* x ticks on whole numbers (k) */
  gboolean             include_zero;  /* y axis reaches 0 */
} SegLineData;

void     seg_chart_line_draw (cairo_t             *cr,
                              double               width,
                              double               height,
                              const SegLineData   *data,
                              const SegChartStyle *style);

/* The point nearest in x, then in y; index = point, group = series index. */
gboolean seg_chart_line_hit  (double               width,
                              double               height,
                              const SegLineData   *data,
                              const SegChartStyle *style,
                              double               x,
                              double               y,
                              SegChartHit         *hit);

gboolean seg_chart_line_item (double               width,
                              double               height,
                              const SegLineData   *data,
                              const SegChartStyle *style,
                              guint                i,
                              SegChartHit         *hit);

G_END_DECLS
