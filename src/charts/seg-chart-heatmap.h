/* seg-chart-heatmap.h — cluster profile heat map and the RFM R×F grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "seg-chart-hit.h"
#include "seg-chart-style.h"
#include "seg-format.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_HEAT_DIVERGING,   /* z-scores: blue below 0, red above (profile) */
  SEG_HEAT_SEQUENTIAL,  /* counts: light to dark (RFM grid) */
} SegHeatScale;

typedef struct
{
  const char        *title;
  const char        *subtitle;
  const char        *x_label;          /* axis title under the columns */
  const char        *y_label;          /* axis title beside the rows */
  guint              n_rows;
  guint              n_cols;
  const char *const *row_labels;
  const char *const *col_labels;
  const double      *values;           /* n_rows × n_cols, row-major; colour; NaN = empty */
  const char *const *cell_text;        /* first line per cell, or NULL: formatted value */
  const double      *secondary;        /* second line per cell (e.g. avg monetary), or NULL */
  SegNumberFormat    format;
  SegNumberFormat    secondary_format;
  SegHeatScale       scale;
  double             limit;            /* diverging: |v| at full colour; sequential: max; 0 = auto */
  const int         *row_groups;       /* group per row (fades rows on highlight), or NULL */
  const char        *scale_label;      /* title of the colour key, or NULL */
} SegHeatData;

void     seg_chart_heatmap_draw (cairo_t             *cr,
                                 double               width,
                                 double               height,
                                 const SegHeatData   *data,
                                 const SegChartStyle *style);

/* index = row × n_cols + col; row, col set; group = the row's group. */
gboolean seg_chart_heatmap_hit  (double               width,
                                 double               height,
                                 const SegHeatData   *data,
                                 const SegChartStyle *style,
                                 double               x,
                                 double               y,
                                 SegChartHit         *hit);

/* The fill colour of @v in @data's scale (for tests and legends). */
SegRgba  seg_chart_heatmap_color (const SegHeatData   *data,
                                  const SegChartStyle *style,
                                  double               v);

gboolean seg_chart_heatmap_item (double               width,
                                 double               height,
                                 const SegHeatData   *data,
                                 const SegChartStyle *style,
                                 guint                i,
                                 SegChartHit         *hit);

G_END_DECLS
