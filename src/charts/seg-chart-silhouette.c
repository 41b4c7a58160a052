/* seg-chart-silhouette.c — per-point silhouette plot, sorted within clusters
 *
 * Clusters are stacked top to bottom, each a band whose height is its share
 * of the points; inside a band the values are sorted from high to low, as in
 * the usual silhouette plot (Rousseeuw 1987).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-silhouette"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-frame.h"
#include "seg-chart-silhouette.h"
#include "seg-chart-text.h"

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  SegAxis        axis;
  gsize         *order;      /* point indices, by cluster then value desc */
  gsize         *start;      /* n_clusters + 1 offsets into order */
  double        *band_y;     /* n_clusters + 1 band edges (pixels) */
  double        *mean;       /* per cluster */
  double         average;
  double         label_w;
  char          *subtitle;
} SilGeom;

static void
sil_geom_free (SilGeom *g)
{
  g_free (g->order);
  g_free (g->start);
  g_free (g->band_y);
  g_free (g->mean);
  g_free (g->subtitle);
}

static int
compare_desc (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const double *values = user_data;
  double x = values[*(const gsize *) a], y = values[*(const gsize *) b];
  return (x < y) - (x > y);
}

/* Counting sort by cluster, then each cluster by value, descending. */
static void
sil_order (SilGeom                 *g,
           const SegSilhouetteData *data)
{
  guint k = data->n_clusters;
  g_autofree gsize *fill = g_new0 (gsize, k + 1);
  double total = 0;
  gsize used = 0;

  g->start = g_new0 (gsize, k + 1);
  g->mean = g_new0 (double, MAX (k, 1));
  for (gsize i = 0; i < data->n; i++)
    if (isfinite (data->values[i]) && data->cluster[i] >= 0 && (guint) data->cluster[i] < k)
      g->start[data->cluster[i] + 1]++;
  for (guint c = 0; c < k; c++)
    g->start[c + 1] += g->start[c];
  g->order = g_new (gsize, MAX (g->start[k], 1));
  for (gsize i = 0; i < data->n; i++)
    if (isfinite (data->values[i]) && data->cluster[i] >= 0 && (guint) data->cluster[i] < k)
      {
        guint c = (guint) data->cluster[i];
        g->order[g->start[c] + fill[c]++] = i;
        g->mean[c] += data->values[i];
        total += data->values[i];
        used++;
      }
  for (guint c = 0; c < k; c++)
    {
      g_qsort_with_data (g->order + g->start[c], (int) (g->start[c + 1] - g->start[c]),
                         sizeof (gsize), compare_desc, (gpointer) data->values);
      if (g->start[c + 1] > g->start[c])
        g->mean[c] /= (double) (g->start[c + 1] - g->start[c]);
    }
  g->average = isfinite (data->average) ? data->average : (used > 0 ? total / used : NAN);
}

static char *
cluster_label (const SegSilhouetteData *data,
               guint                    c)
{
  if (data->cluster_names != NULL && data->cluster_names[c] != NULL)
    return g_strdup (data->cluster_names[c]);
  return g_strdup_printf (_("Cluster %u"), c + 1);
}

static void
sil_layout (SilGeom                 *g,
            double                   width,
            double                   height,
            const SegSilhouetteData *data,
            const SegChartStyle     *style)
{
  double lo = NAN, hi = NAN, gap, line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  SegRect *p = &g->lay.plot;
  guint k = data->n_clusters;
  gsize total;

  memset (g, 0, sizeof *g);
  sil_order (g, data);
  if (isfinite (g->average))
    {
      g_autofree char *avg = seg_format_fixed (g->average, 2);
      g->subtitle = data->subtitle != NULL
                    ? g_strdup_printf (_("%s · average silhouette %s"), data->subtitle, avg)
                    : g_strdup_printf (_("Average silhouette %s"), avg);
    }
  g->frame = (SegChartFrame) { data->title, g->subtitle, _("Silhouette"), NULL, 0, NULL, NULL, 0 };
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  for (guint c = 0; c < k; c++)
    {
      g_autofree char *name = cluster_label (data, c);
      g->label_w = MAX (g->label_w, seg_chart_text_width (style, SEG_TEXT_BODY, name));
    }
  g->label_w = MIN (g->label_w, g->lay.inner.width * 0.4);
  seg_axis_data_range (data->values, data->n, &lo, &hi);
  seg_axis_compute (&g->axis, MAX (lo, -1.0), MIN (hi, 1.0), 6, TRUE);
  p->x = g->lay.inner.x + g->label_w + seg_chart_frame_tick_gap (style);
  p->width = MAX (g->lay.inner.width - g->label_w - seg_chart_frame_tick_gap (style), 1.0);
  p->height = MAX (g->lay.inner.height - line_h - seg_chart_frame_tick_gap (style), 1.0);
  g->band_y = g_new (double, k + 1);
  total = k > 0 ? g->start[k] : 0;
  gap = k > 1 ? MIN (p->height * 0.04, seg_chart_style_px (style, 8)) : 0;
  g->band_y[0] = p->y;
  for (guint c = 0; c < k; c++)
    {
      double share = total > 0 ? (double) (g->start[c + 1] - g->start[c]) / total : 0;
      g->band_y[c + 1] = g->band_y[c] + share * (p->height - gap * (k - 1)) + (c + 1 < k ? gap : 0);
    }
}

/* Band height of cluster @c without the gap below it. */
static double
band_height (const SilGeom *g,
             guint          c,
             guint          k,
             double         gap)
{
  return g->band_y[c + 1] - g->band_y[c] - (c + 1 < k ? gap : 0);
}

static double
sil_gap (const SilGeom *g,
         guint          k,
         const SegChartStyle *style)
{
  return k > 1 ? MIN (g->lay.plot.height * 0.04, seg_chart_style_px (style, 8)) : 0;
}

/* The sorted profile of one cluster as a step polygon, one step per
 * pixel row (or per point when there are fewer points than rows). */
static void
draw_band (cairo_t                 *cr,
           const SilGeom           *g,
           const SegSilhouetteData *data,
           const SegChartStyle     *style,
           guint                    c)
{
  const SegRect *p = &g->lay.plot;
  gsize cnt = g->start[c + 1] - g->start[c];
  double h = band_height (g, c, data->n_clusters, sil_gap (g, data->n_clusters, style));
  double x0 = seg_axis_map (&g->axis, 0, p->x, p->x + p->width);
  gsize steps = MIN (cnt, (gsize) MAX (ceil (h), 1.0));

  if (cnt == 0)
    return;
  cairo_move_to (cr, x0, g->band_y[c]);
  for (gsize r = 0; r < steps; r++)
    {
      gsize idx = g->start[c] + (gsize) ((double) r * cnt / steps);
      double x = seg_axis_map (&g->axis, data->values[g->order[idx]], p->x, p->x + p->width);
      cairo_line_to (cr, x, g->band_y[c] + h * r / steps);
      cairo_line_to (cr, x, g->band_y[c] + h * (r + 1) / steps);
    }
  cairo_line_to (cr, x0, g->band_y[c] + h);
  cairo_close_path (cr);
  seg_chart_text_set_color (cr, seg_chart_style_series_color (style, (int) c));
  cairo_fill (cr);
}

static void
draw_average (cairo_t             *cr,
              const SilGeom       *g,
              const SegChartStyle *style)
{
  const SegRect *p = &g->lay.plot;
  double x = seg_axis_map (&g->axis, g->average, p->x, p->x + p->width);
  double dash = seg_chart_style_px (style, 5);

  if (!isfinite (x))
    return;
  cairo_save (cr);
  seg_chart_text_set_color (cr, style->accent);
  cairo_set_line_width (cr, seg_chart_style_px (style, 1.5));
  cairo_set_dash (cr, &dash, 1, 0);
  cairo_move_to (cr, x, p->y);
  cairo_line_to (cr, x, p->y + p->height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
seg_chart_silhouette_draw (cairo_t                 *cr,
                           double                   width,
                           double                   height,
                           const SegSilhouetteData *data,
                           const SegChartStyle     *style)
{
  SilGeom g;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);
  g_return_if_fail (data->n == 0 || (data->values != NULL && data->cluster != NULL));

  sil_layout (&g, width, height, data, style);
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  if (data->n_clusters == 0 || g.start[data->n_clusters] == 0)
    seg_chart_frame_draw_empty (cr, &g.lay, style, NULL);
  else
    {
      seg_chart_frame_draw_value_axis (cr, &g.lay.plot, &g.axis, NULL, style, FALSE);
      for (guint c = 0; c < data->n_clusters; c++)
        {
          g_autofree char *name = cluster_label (data, c);
          double h = band_height (&g, c, data->n_clusters, sil_gap (&g, data->n_clusters, style));
          draw_band (cr, &g, data, style, c);
          if (h >= seg_chart_text_line_height (style, SEG_TEXT_BODY) * 0.8 && g.start[c + 1] > g.start[c])
            {
              int lines = CLAMP ((int) (h * 0.95 / seg_chart_text_line_height (style, SEG_TEXT_BODY)), 1, 3);
              g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, SEG_TEXT_BODY, name, g.label_w,
                                                                         lines, PANGO_ALIGN_RIGHT);
              seg_chart_text_draw_layout (cr, pl, g.lay.plot.x - seg_chart_frame_tick_gap (style),
                                          g.band_y[c] + h / 2, 1, 0.5, 0, style->foreground);
            }
        }
      {
        double x0 = seg_axis_map (&g.axis, 0, g.lay.plot.x, g.lay.plot.x + g.lay.plot.width);
        seg_chart_text_set_color (cr, style->axis);
        cairo_set_line_width (cr, 1);
        cairo_move_to (cr, round (x0) + 0.5, g.lay.plot.y);
        cairo_line_to (cr, round (x0) + 0.5, g.lay.plot.y + g.lay.plot.height);
        cairo_stroke (cr);
      }
      draw_average (cr, &g, style);
    }
  cairo_restore (cr);
  sil_geom_free (&g);
}

gboolean
seg_chart_silhouette_hit (double                   width,
                          double                   height,
                          const SegSilhouetteData *data,
                          const SegChartStyle     *style,
                          double                   x,
                          double                   y,
                          SegChartHit             *hit)
{
  SilGeom g;
  gboolean found = FALSE;
  guint k = data->n_clusters;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  sil_layout (&g, width, height, data, style);
  for (guint c = 0; c < k && seg_rect_contains (&g.lay.plot, x, y); c++)
    {
      double h = band_height (&g, c, k, sil_gap (&g, k, style));
      gsize cnt = g.start[c + 1] - g.start[c];
      if (cnt > 0 && y >= g.band_y[c] && y < g.band_y[c] + h)
        {
          gsize idx = g.start[c] + MIN ((gsize) ((y - g.band_y[c]) / h * cnt), cnt - 1);
          gsize i = g.order[idx];
          g_autofree char *name = cluster_label (data, c);
          g_autofree char *v = seg_format_fixed (data->values[i], 3);
          g_autofree char *m = seg_format_fixed (g.mean[c], 3);
          seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) i, (int) c, x, y,
                             g_strdup_printf (_("%s\nSilhouette %s\nCluster average %s"),
                                              name, v, m));
          found = TRUE;
          break;
        }
    }
  sil_geom_free (&g);
  return found;
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_silhouette_item (double                   width,
                           double                   height,
                           const SegSilhouetteData *data,
                           const SegChartStyle     *style,
                           guint                    i,
                           SegChartHit             *hit)
{
  SilGeom g;
  double x = 0, y = 0, h = 0;
  gboolean found = FALSE;
  guint c = 0;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  if (i >= data->n)
    return FALSE;
  sil_layout (&g, width, height, data, style);
  /* the i-th customer from the top, as drawn: by cluster, then value */
  while (c < data->n_clusters && i >= g.start[c + 1])
    c++;
  if (c < data->n_clusters)
    {
      gsize cnt = g.start[c + 1] - g.start[c];
      h = band_height (&g, c, data->n_clusters, sil_gap (&g, data->n_clusters, style)) / MAX (cnt, 1u);
      y = g.band_y[c] + (i - g.start[c] + 0.5) * h;
      x = g.lay.plot.x + g.lay.plot.width / 2;
      found = TRUE;
    }
  sil_geom_free (&g);
  if (found && seg_chart_silhouette_hit (width, height, data, style, x, y, hit))
    hit->area = (SegRect) { g.lay.plot.x, y - MAX (h, 2.0) / 2, g.lay.plot.width, MAX (h, 2.0) };
  return TRUE;
}
