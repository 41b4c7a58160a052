/* seg-chart-scatter.h — PCA scatter with centroids and loading arrows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "seg-chart-hit.h"
#include "seg-chart-style.h"
#include "seg-format.h"

G_BEGIN_DECLS

/* What to do with more points than @max_points. */
typedef enum
{
  SEG_SCATTER_SAMPLE,   /* a fair, seeded random subsample (default) */
  SEG_SCATTER_DENSITY,  /* binned: each cell in its majority group's colour */
} SegScatterLarge;

typedef struct
{
  const char        *title;
  const char        *subtitle;
  const char        *x_label;
  const char        *y_label;
  gsize              n;
  const double      *x;              /* n; NaN points are skipped */
  const double      *y;
  const int         *group;          /* n colour groups; NULL = all 0 */
  guint              n_groups;
  const char *const *group_names;    /* legend, n_groups; NULL = no legend */
  const double      *centroid_x;     /* n_groups or NULL */
  const double      *centroid_y;
  guint              n_arrows;       /* biplot loadings, drawn from (0, 0) */
  const double      *arrow_x;
  const double      *arrow_y;
  const char *const *arrow_labels;
  const char *const *point_labels;   /* tooltip name per point, or NULL */
  gsize              max_points;     /* 0 = 20 000 */
  guint32            seed;           /* for the subsample */
  SegScatterLarge    large;
  /* Written in the plot's corner when not every point is drawn; NULL =
   * "20,000 of 1,000,000 points shown" or "density of 1,000,000 points". */
  const char        *large_note;
  SegNumberFormat    format;         /* both axes */
} SegScatterData;

void     seg_chart_scatter_draw (cairo_t              *cr,
                                 double                width,
                                 double                height,
                                 const SegScatterData *data,
                                 const SegChartStyle  *style);

/* The nearest drawn point (or centroid, or legend entry) within a few pixels. */
gboolean seg_chart_scatter_hit  (double                width,
                                 double                height,
                                 const SegScatterData *data,
                                 const SegChartStyle  *style,
                                 double                x,
                                 double                y,
                                 SegChartHit          *hit);

/* How many points are drawn one by one: all of them, max_points of a
 * larger set (a fair, deterministic subsample), or 0 for a density. */
gsize    seg_chart_scatter_n_drawn   (const SegScatterData *data);

/* The note written in the plot when not every point is drawn one by one,
 * or NULL (transfer full). */
char    *seg_chart_scatter_dup_note  (const SegScatterData *data);

/* The data area for this size (e.g. for selection rectangles). */
void     seg_chart_scatter_plot_rect (double                width,
                                      double                height,
                                      const SegScatterData *data,
                                      const SegChartStyle  *style,
                                      SegRect              *rect);

gboolean seg_chart_scatter_item (double                width,
                                 double                height,
                                 const SegScatterData *data,
                                 const SegChartStyle  *style,
                                 guint                 i,
                                 SegChartHit          *hit);

G_END_DECLS
