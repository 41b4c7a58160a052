/* seg-chart-kpi.h — KPI cards: value, label, delta
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
  const char      *label;            /* "Customers", "Churn rate", … */
  double           value;
  SegNumberFormat  format;
  double           delta;            /* change to show, NaN = none */
  SegNumberFormat  delta_format;
  gboolean         lower_is_better;  /* a rising churn rate is bad news */
  const char      *caption;          /* small note, e.g. "vs. last quarter", or NULL */
} SegKpi;

/* One card filling the whole area (for a card widget of its own). */
void     seg_chart_kpi_draw_card (cairo_t             *cr,
                                  double               width,
                                  double               height,
                                  const SegKpi        *kpi,
                                  const SegChartStyle *style);

/* The height a card of @width needs for its label, value and a note of two
 * lines (the window's KPI row is as tall as that). */
double   seg_chart_kpi_natural_height (const SegChartStyle *style,
                                       double               width);

G_END_DECLS
