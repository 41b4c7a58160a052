/* seg-chart-box.c — box plots per group and the statistics behind them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-box"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seg-chart-box.h"
#include "seg-chart-frame.h"
#include "seg-chart-shape.h"
#include "seg-chart-text.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
seg_box_stats_quantile (const double *sorted,
                        gsize         n,
                        double        p)
{
  double h, lo;
  gsize i;

  g_return_val_if_fail (sorted != NULL && n > 0, NAN);

  p = CLAMP (p, 0.0, 1.0);
  h = (n - 1) * p;
  lo = floor (h);
  i = (gsize) lo;
  if (i + 1 >= n)
    return sorted[n - 1];
  return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

/* Finite values of @values, sorted ascending (transfer full). */
static double *
sorted_finite (const double *values,
               gsize         n,
               gsize        *n_out)
{
  double *s = g_new (double, MAX (n, 1));
  gsize k = 0;

  for (gsize i = 0; i < n; i++)
    if (isfinite (values[i]))
      s[k++] = values[i];
  qsort (s, k, sizeof (double), compare_doubles);
  *n_out = k;
  return s;
}

static void
stats_from_sorted (const double *s,
                   gsize         n,
                   SegBoxStats  *out)
{
  double lo_fence, hi_fence, sum = 0;
  gsize a = 0, b = n;

  out->n = n;
  out->min = s[0];
  out->max = s[n - 1];
  out->q1 = seg_box_stats_quantile (s, n, 0.25);
  out->median = seg_box_stats_quantile (s, n, 0.5);
  out->q3 = seg_box_stats_quantile (s, n, 0.75);
  out->iqr = out->q3 - out->q1;
  lo_fence = out->q1 - 1.5 * out->iqr;
  hi_fence = out->q3 + 1.5 * out->iqr;
  while (a < n && s[a] < lo_fence)
    a++;
  while (b > 0 && s[b - 1] > hi_fence)
    b--;
  out->whisker_low = s[a];
  out->whisker_high = s[b - 1];
  out->n_outliers_low = a;
  out->n_outliers_high = n - b;
  /* Kahan-free but stable enough: mean of sorted values, small first. */
  for (gsize i = 0; i < n; i++)
    sum += s[i];
  out->mean = sum / n;
}

gboolean
seg_box_stats_compute (const double *values,
                       gsize         n,
                       SegBoxStats  *out)
{
  g_autofree double *s = NULL;
  gsize k;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n == 0, FALSE);

  memset (out, 0, sizeof *out);
  s = sorted_finite (values, n, &k);
  out->n_missing = n - k;
  if (k == 0)
    return FALSE;
  stats_from_sorted (s, k, out);
  return TRUE;
}

/* ---- the chart ---- */

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  SegAxis        axis;
  SegCategoryFit fit;
  double         slot;
  double         box_w;
  SegBoxStats   *stats;   /* n_groups */
  double       **sorted;  /* n_groups sorted finite copies */
  gboolean      *valid;
  guint          n;
} BoxGeom;

static void
box_geom_free (BoxGeom *g)
{
  for (guint i = 0; i < g->n; i++)
    g_free (g->sorted[i]);
  g_free (g->sorted);
  g_free (g->stats);
  g_free (g->valid);
}

static int
box_group (const SegBoxData *data,
           guint             i)
{
  return data->groups != NULL ? data->groups[i] : (int) i;
}

static void
box_compute_stats (BoxGeom          *g,
                   const SegBoxData *data,
                   double           *lo,
                   double           *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  g->n = data->n_groups;
  g->stats = g_new0 (SegBoxStats, MAX (g->n, 1));
  g->sorted = g_new0 (double *, MAX (g->n, 1));
  g->valid = g_new0 (gboolean, MAX (g->n, 1));
  for (guint i = 0; i < g->n; i++)
    {
      gsize k;
      const double *v = data->values != NULL ? data->values[i] : NULL;
      gsize nv = data->n_values != NULL && v != NULL ? data->n_values[i] : 0;

      g->sorted[i] = sorted_finite (v, nv, &k);
      g->stats[i].n_missing = nv - k;
      if (k == 0)
        continue;
      stats_from_sorted (g->sorted[i], k, &g->stats[i]);
      g->valid[i] = TRUE;
      *lo = MIN (*lo, g->stats[i].min);
      *hi = MAX (*hi, g->stats[i].max);
    }
}

static void
box_layout (BoxGeom             *g,
            double               width,
            double               height,
            const SegBoxData    *data,
            const SegChartStyle *style)
{
  double lo, hi, tw;

  memset (g, 0, sizeof *g);
  g->frame.title = data->title;
  g->frame.subtitle = data->subtitle;
  g->frame.x_label = data->group_label;
  g->frame.y_label = data->value_label;
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  box_compute_stats (g, data, &lo, &hi);
  seg_axis_compute (&g->axis, lo, hi,
                    seg_chart_frame_target_ticks (style, g->lay.inner.height * 0.8, TRUE), FALSE);
  tw = seg_chart_frame_tick_labels_width (&g->axis, &data->format, style) + seg_chart_frame_tick_gap (style);
  seg_chart_layout_plot_with_categories (&g->lay, style, data->group_names, data->n_groups, tw, &g->fit);
  g->slot = g->lay.plot.width / MAX (data->n_groups, 1u);
  g->box_w = MIN (g->slot * 0.5, seg_chart_style_px (style, 90));
}

static double
value_y (const BoxGeom *g,
         double         v)
{
  return seg_axis_map (&g->axis, v, g->lay.plot.y + g->lay.plot.height, g->lay.plot.y);
}

static void
draw_outliers (cairo_t             *cr,
               const BoxGeom       *g,
               const SegBoxData    *data,
               const SegChartStyle *style,
               guint                i,
               double               cx)
{
  const SegBoxStats *st = &g->stats[i];
  const double *s = g->sorted[i];
  gsize total = st->n_outliers_low + st->n_outliers_high;
  guint cap = data->max_outliers > 0 ? data->max_outliers : 150;
  double r = seg_chart_style_px (style, 2.6);

  if (total == 0)
    return;
  /* Past the cap, draw evenly spaced outliers (by rank) on each side;
   * the most extreme ones are always among them. */
  for (int side = 0; side < 2; side++)
    {
      gsize cnt = side == 0 ? st->n_outliers_low : st->n_outliers_high;
      gsize first = side == 0 ? 0 : st->n - st->n_outliers_high;
      gsize draw = total <= cap ? cnt : (gsize) ceil ((double) cap * cnt / total);

      draw = MIN (draw, cnt);
      for (gsize k = 0; k < draw; k++)
        {
          gsize idx = draw == 1 ? (side == 0 ? 0 : cnt - 1)
                                : (gsize) llround ((double) k * (cnt - 1) / (draw - 1));
          double y = value_y (g, s[first + idx]);
          cairo_new_sub_path (cr);
          cairo_arc (cr, cx, y, r, 0, 2 * G_PI);
        }
    }
  cairo_set_line_width (cr, seg_chart_style_px (style, 1.2));
  cairo_stroke (cr);
}

static void
draw_one_box (cairo_t             *cr,
              const BoxGeom       *g,
              const SegBoxData    *data,
              const SegChartStyle *style,
              guint                i)
{
  const SegBoxStats *st = &g->stats[i];
  double cx = g->lay.plot.x + g->slot * (i + 0.5);
  double bw = g->box_w, lw = seg_chart_style_px (style, 1.6);
  double wl = data->minmax_whiskers ? st->min : st->whisker_low;
  double wh = data->minmax_whiskers ? st->max : st->whisker_high;
  SegRgba c = seg_chart_style_series_color (style, box_group (data, i));
  double y_q1 = value_y (g, st->q1), y_q3 = value_y (g, st->q3);

  cairo_set_line_width (cr, lw);
  seg_chart_text_set_color (cr, c);
  cairo_move_to (cr, cx, value_y (g, wh));
  cairo_line_to (cr, cx, y_q3);
  cairo_move_to (cr, cx, y_q1);
  cairo_line_to (cr, cx, value_y (g, wl));
  cairo_move_to (cr, cx - bw / 4, value_y (g, wh));
  cairo_line_to (cr, cx + bw / 4, value_y (g, wh));
  cairo_move_to (cr, cx - bw / 4, value_y (g, wl));
  cairo_line_to (cr, cx + bw / 4, value_y (g, wl));
  cairo_stroke (cr);
  if (!data->minmax_whiskers)
    draw_outliers (cr, g, data, style, i, cx);
  cairo_rectangle (cr, cx - bw / 2, y_q3, bw, MAX (y_q1 - y_q3, 0.5));
  seg_chart_text_set_color (cr, seg_rgba_mix (c, style->background, 0.6));
  cairo_fill_preserve (cr);
  seg_chart_text_set_color (cr, c);
  cairo_stroke (cr);
  /* Median in the text colour so it reads on any box colour. */
  seg_chart_text_set_color (cr, style->foreground);
  cairo_set_line_width (cr, seg_chart_style_px (style, 2.4));
  cairo_move_to (cr, cx - bw / 2, value_y (g, st->median));
  cairo_line_to (cr, cx + bw / 2, value_y (g, st->median));
  cairo_stroke (cr);
  seg_chart_shape_diamond (cr, cx, value_y (g, st->mean), seg_chart_style_px (style, 4.5));
  seg_chart_text_set_color (cr, style->background);
  cairo_fill_preserve (cr);
  seg_chart_text_set_color (cr, style->foreground);
  cairo_set_line_width (cr, seg_chart_style_px (style, 1.3));
  cairo_stroke (cr);
}

void
seg_chart_box_draw (cairo_t             *cr,
                    double               width,
                    double               height,
                    const SegBoxData    *data,
                    const SegChartStyle *style)
{
  BoxGeom g;
  gboolean any = FALSE;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);

  box_layout (&g, width, height, data, style);
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  for (guint i = 0; i < g.n; i++)
    any = any || g.valid[i];
  if (!any)
    seg_chart_frame_draw_empty (cr, &g.lay, style, NULL);
  else
    {
      seg_chart_frame_draw_value_axis (cr, &g.lay.plot, &g.axis, &data->format, style, TRUE);
      for (guint i = 0; i < g.n; i++)
        if (g.valid[i])
          draw_one_box (cr, &g, data, style, i);
      seg_chart_frame_draw_categories (cr, style, &g.lay.plot, data->group_names, data->n_groups, &g.fit);
    }
  cairo_restore (cr);
  box_geom_free (&g);
}

static char *
box_tooltip (const SegBoxData  *data,
             const SegBoxStats *st,
             guint              i)
{
  const SegNumberFormat *f = &data->format;
  g_autofree char *med = seg_number_format (f, st->median);
  g_autofree char *q1 = seg_number_format (f, st->q1);
  g_autofree char *q3 = seg_number_format (f, st->q3);
  g_autofree char *mean = seg_number_format (f, st->mean);
  g_autofree char *wl = seg_number_format (f, data->minmax_whiskers ? st->min : st->whisker_low);
  g_autofree char *wh = seg_number_format (f, data->minmax_whiskers ? st->max : st->whisker_high);
  g_autofree char *n = seg_format_integer (st->n);

  return g_strdup_printf (_("%s\n%s customers\nMedian %s · mean %s\nQuartiles %s – %s\n"
                            "Whiskers %s – %s\nOutliers %zu"),
                          data->group_names != NULL ? data->group_names[i] : "", n, med, mean,
                          q1, q3, wl, wh,
                          data->minmax_whiskers ? (gsize) 0
                                                : st->n_outliers_low + st->n_outliers_high);
}

gboolean
seg_chart_box_hit (double               width,
                   double               height,
                   const SegBoxData    *data,
                   const SegChartStyle *style,
                   double               x,
                   double               y,
                   SegChartHit         *hit)
{
  BoxGeom g;
  gboolean found = FALSE;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  box_layout (&g, width, height, data, style);
  if (data->n_groups > 0 && seg_rect_contains (&g.lay.plot, x, y))
    {
      guint i = (guint) MIN (floor ((x - g.lay.plot.x) / g.slot), data->n_groups - 1);
      if (g.valid[i])
        {
          seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) i, box_group (data, i),
                             g.lay.plot.x + g.slot * (i + 0.5), value_y (&g, g.stats[i].q3),
                             box_tooltip (data, &g.stats[i], i));
          found = TRUE;
        }
    }
  box_geom_free (&g);
  return found;
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_box_item (double               width,
                    double               height,
                    const SegBoxData    *data,
                    const SegChartStyle *style,
                    guint                i,
                    SegChartHit         *hit)
{
  BoxGeom g;
  double x, w, y0 = 0, y1 = 0;
  gboolean valid;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  if (i >= data->n_groups)
    return FALSE;
  box_layout (&g, width, height, data, style);
  valid = g.valid[i];
  x = g.lay.plot.x + g.slot * (i + 0.5);
  w = g.box_w;
  if (valid)
    {
      y0 = value_y (&g, g.stats[i].q3);
      y1 = value_y (&g, g.stats[i].q1);
    }
  box_geom_free (&g);
  if (valid && seg_chart_box_hit (width, height, data, style, x, (y0 + y1) / 2, hit))
    hit->area = (SegRect) { x - w / 2, MIN (y0, y1), w, MAX (fabs (y1 - y0), 1.0) };
  return TRUE;
}
