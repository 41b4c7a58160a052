/* seg-chart-silhouette.h — per-point silhouette plot, sorted within clusters
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
  const char        *title;
  const char        *subtitle;
  gsize              n;
  const double      *values;         /* silhouette s(i) in [−1, 1]; NaN skipped */
  const int         *cluster;        /* n cluster ids in [0, n_clusters) */
  guint              n_clusters;
  const char *const *cluster_names;  /* or NULL: "Cluster 1", … */
  double             average;        /* NaN: mean of the values */
} SegSilhouetteData;

void     seg_chart_silhouette_draw (cairo_t                 *cr,
                                    double                   width,
                                    double                   height,
                                    const SegSilhouetteData *data,
                                    const SegChartStyle     *style);

/* index = the point, group = its cluster. */
gboolean seg_chart_silhouette_hit  (double                   width,
                                    double                   height,
                                    const SegSilhouetteData *data,
                                    const SegChartStyle     *style,
                                    double                   x,
                                    double                   y,
                                    SegChartHit             *hit);

gboolean seg_chart_silhouette_item (double                   width,
                                    double                   height,
                                    const SegSilhouetteData *data,
                                    const SegChartStyle     *style,
                                    guint                    i,
                                    SegChartHit             *hit);

G_END_DECLS
