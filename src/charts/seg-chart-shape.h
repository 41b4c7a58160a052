/* seg-chart-shape.h — marks shared by the charts (bars, markers, arrows)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "seg-chart-axis.h"
#include "seg-chart-hit.h"
#include "seg-chart-style.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_SHAPE_END_TOP,
  SEG_SHAPE_END_BOTTOM,
  SEG_SHAPE_END_LEFT,
  SEG_SHAPE_END_RIGHT,
} SegShapeEnd;

/* A bar path with its far end (@end) rounded by @radius. */
void seg_chart_shape_bar (cairo_t       *cr,
                          const SegRect *r,
                          double         radius,
                          SegShapeEnd    end);

/* The zero line of a bar chart (when zero is inside the axis). */
void seg_chart_shape_baseline (cairo_t             *cr,
                               const SegRect       *plot,
                               const SegAxis       *axis,
                               const SegChartStyle *style,
                               gboolean             vertical_values);

/* Path of a diamond of half-diagonal @r centred at (@x, @y). */
void seg_chart_shape_diamond (cairo_t *cr,
                              double   x,
                              double   y,
                              double   r);

/* A line from (x0, y0) to (x1, y1) with an arrow head of size @head. */
void seg_chart_shape_arrow (cairo_t *cr,
                            double   x0,
                            double   y0,
                            double   x1,
                            double   y1,
                            double   head);

G_END_DECLS
