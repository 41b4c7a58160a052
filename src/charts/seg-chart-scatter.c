/* seg-chart-scatter.c — PCA scatter with centroids and loading arrows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-scatter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-frame.h"
#include "seg-chart-scatter.h"
#include "seg-chart-shape.h"
#include "seg-chart-text.h"
#include "seg-hash.h"

/* Enough to show every cluster's shape; drawing each as a cairo arc stays
 * in the tens of milliseconds, and an SVG export stays a few megabytes. */
#define DEFAULT_MAX_POINTS 20000
#define DENSITY_CELL 3.0

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  SegAxis        xa, ya;
  char          *note;        /* how the points are thinned out, or NULL */
  gsize         *sample;      /* drawn indices when subsampled, else NULL */
  gsize          n_drawn;
  gboolean       density;
  double         arrow_scale;
  double         radius;
} ScatterGeom;

static void
scatter_geom_free (ScatterGeom *g)
{
  g_free (g->note);
  g_free (g->sample);
}

static int
point_group (const SegScatterData *data,
             gsize                 i)
{
  return data->group != NULL ? data->group[i] : 0;
}

static gsize
max_points (const SegScatterData *data)
{
  return data->max_points > 0 ? data->max_points : DEFAULT_MAX_POINTS;
}

/* @m of the @n indices, in input order: one from each of @m strata of
 * equal size (±1), picked by a hash of the seed and the stratum.  Every
 * point has the same chance m/n (up to a stratum's rounding), the same
 * seed always gives the same points, and the cost is O(m) however large @n
 * is, so hit-testing can redo it on every hover. */
static gsize *
sample_indices (gsize   n,
                gsize   m,
                guint32 seed)
{
  gsize *out = g_new (gsize, MAX (m, 1));

  for (gsize k = 0; k < m; k++)
    {
      guint64 lo = (guint64) k * n / m, hi = (guint64) (k + 1) * n / m;
      guint64 h = seg_hash_mix64 (((guint64) seed << 32) ^ (guint64) k);

      out[k] = (gsize) (lo + h % MAX (hi - lo, 1));
    }
  return out;
}

/* The points that set the axes' range replace the sample's pick in their
 * stratum: an axis running out to a customer the map does not show would
 * look like a mistake.  Indices stay in input order. */
static void
keep_extremes (gsize                *sample,
               const SegScatterData *data,
               gsize                 m)
{
  gsize n = data->n, extremes[4] = { G_MAXSIZE, G_MAXSIZE, G_MAXSIZE, G_MAXSIZE };

  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (data->x[i]) || !isfinite (data->y[i]))
        continue;
      if (extremes[0] == G_MAXSIZE || data->x[i] < data->x[extremes[0]])
        extremes[0] = i;
      if (extremes[1] == G_MAXSIZE || data->x[i] > data->x[extremes[1]])
        extremes[1] = i;
      if (extremes[2] == G_MAXSIZE || data->y[i] < data->y[extremes[2]])
        extremes[2] = i;
      if (extremes[3] == G_MAXSIZE || data->y[i] > data->y[extremes[3]])
        extremes[3] = i;
    }
  for (int e = 0; e < 4; e++)
    {
      gsize i = extremes[e];
      guint64 k;

      if (i == G_MAXSIZE)
        continue;
      /* stratum k holds the indices k·n/m … (k+1)·n/m − 1 */
      k = (guint64) i * m / n;
      while (k + 1 < m && (guint64) (k + 1) * n / m <= i)
        k++;
      while (k > 0 && (guint64) k * n / m > i)
        k--;
      sample[k] = i;
    }
}

/* The biplot arrows share one scale: the longest reaches 80 % of the data's
 * extent (the usual biplot convention), unless that would take an arrow
 * outside the data's range on either axis — lopsided data (a long tail to
 * one side) would otherwise push arrows and their labels off the plot. */
static double
arrow_scale (const SegScatterData *data,
             double                data_extent,
             const double          r[4])
{
  double longest = 0, scale;

  for (guint j = 0; j < data->n_arrows; j++)
    if (isfinite (data->arrow_x[j]) && isfinite (data->arrow_y[j]))
      longest = MAX (longest, hypot (data->arrow_x[j], data->arrow_y[j]));
  if (longest <= 0)
    return 0;
  scale = 0.8 * data_extent / longest;
  for (guint j = 0; j < data->n_arrows; j++)
    {
      double ax = data->arrow_x[j], ay = data->arrow_y[j];
      double lim_x = ax > 0 ? r[1] : r[0], lim_y = ay > 0 ? r[3] : r[2];

      if (!isfinite (ax) || !isfinite (ay))
        continue;
      if (ax != 0 && isfinite (lim_x) && lim_x / ax > 0)
        scale = MIN (scale, 0.85 * lim_x / ax);
      if (ay != 0 && isfinite (lim_y) && lim_y / ay > 0)
        scale = MIN (scale, 0.85 * lim_y / ay);
    }
  return scale;
}

static void
scatter_ranges (ScatterGeom          *g,
                const SegScatterData *data,
                double                r[4])
{
  double ext = 0;

  seg_axis_data_range (data->x, data->n, &r[0], &r[1]);
  seg_axis_data_range (data->y, data->n, &r[2], &r[3]);
  for (guint c = 0; data->centroid_x != NULL && c < data->n_groups; c++)
    if (isfinite (data->centroid_x[c]) && isfinite (data->centroid_y[c]))
      {
        r[0] = isnan (r[0]) ? data->centroid_x[c] : MIN (r[0], data->centroid_x[c]);
        r[1] = isnan (r[1]) ? data->centroid_x[c] : MAX (r[1], data->centroid_x[c]);
        r[2] = isnan (r[2]) ? data->centroid_y[c] : MIN (r[2], data->centroid_y[c]);
        r[3] = isnan (r[3]) ? data->centroid_y[c] : MAX (r[3], data->centroid_y[c]);
      }
  for (int k = 0; k < 4; k++)
    if (isfinite (r[k]))
      ext = MAX (ext, fabs (r[k]));
  g->arrow_scale = data->n_arrows > 0 && data->arrow_x != NULL ? arrow_scale (data, ext, r) : 0;
  /* 3 % padding so edge points are not cut by the plot border. */
  for (int k = 0; k < 4; k += 2)
    if (isfinite (r[k]) && isfinite (r[k + 1]))
      {
        double pad = (r[k + 1] - r[k]) * 0.03;
        r[k] -= pad;
        r[k + 1] += pad;
      }
}

static char *
large_note (const SegScatterData *data,
            gsize                 m)
{
  g_autofree char *all = seg_format_integer ((double) data->n);
  g_autofree char *shown = seg_format_integer ((double) m);

  if (data->large_note != NULL)
    return g_strdup (data->large_note);
  if (data->large == SEG_SCATTER_DENSITY)
    return g_strdup_printf (_("density of %s points"), all);
  /* Translators: "20,000 of 1,000,000 points shown" */
  return g_strdup_printf (_("%s of %s points shown"), shown, all);
}

gsize
seg_chart_scatter_n_drawn (const SegScatterData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  if (data->n <= max_points (data))
    return data->n;
  return data->large == SEG_SCATTER_DENSITY ? 0 : max_points (data);
}

char *
seg_chart_scatter_dup_note (const SegScatterData *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  if (data->n <= max_points (data))
    return NULL;
  return large_note (data, max_points (data));
}

static void
scatter_sampling (ScatterGeom          *g,
                  const SegScatterData *data)
{
  gsize m = max_points (data);

  g->n_drawn = data->n;
  if (data->n <= m)
    return;
  if (data->large == SEG_SCATTER_DENSITY)
    g->density = TRUE;
  else
    {
      g->sample = sample_indices (data->n, m, data->seed);
      keep_extremes (g->sample, data, m);
      g->n_drawn = m;
    }
  g->note = seg_chart_scatter_dup_note (data);
}

static void
scatter_layout (ScatterGeom          *g,
                double                width,
                double                height,
                const SegScatterData *data,
                const SegChartStyle  *style)
{
  double r[4], tw, line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  SegRect *p = &g->lay.plot;

  memset (g, 0, sizeof *g);
  g->frame = (SegChartFrame) { data->title, data->subtitle, data->x_label, data->y_label,
                               data->group_names != NULL ? data->n_groups : 0,
                               data->group_names, NULL, SEG_LEGEND_CIRCLE };
  scatter_sampling (g, data);
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  scatter_ranges (g, data, r);
  seg_axis_compute (&g->ya, r[2], r[3], seg_chart_frame_target_ticks (style, g->lay.inner.height, TRUE), FALSE);
  tw = seg_chart_frame_tick_labels_width (&g->ya, &data->format, style) + seg_chart_frame_tick_gap (style);
  p->x = g->lay.inner.x + tw;
  p->width = MAX (g->lay.inner.width - tw, 1.0);
  p->height = MAX (g->lay.inner.height - line_h - seg_chart_frame_tick_gap (style), 1.0);
  seg_axis_compute (&g->xa, r[0], r[1], seg_chart_frame_target_ticks (style, p->width, FALSE), FALSE);
  g->radius = seg_chart_style_px (style, g->n_drawn <= 500 ? 3.5 : g->n_drawn <= 5000 ? 2.5 : 1.6);
}

static gboolean
point_xy (const ScatterGeom    *g,
          const SegScatterData *data,
          gsize                 i,
          double               *px,
          double               *py)
{
  const SegRect *p = &g->lay.plot;

  *px = seg_axis_map (&g->xa, data->x[i], p->x, p->x + p->width);
  *py = seg_axis_map (&g->ya, data->y[i], p->y + p->height, p->y);
  return isfinite (*px) && isfinite (*py);
}

/* One fill per group keeps 20 000 points fast. */
static void
draw_points_of_group (cairo_t              *cr,
                      const ScatterGeom    *g,
                      const SegScatterData *data,
                      const SegChartStyle  *style,
                      int                   group)
{
  SegRgba c = seg_chart_style_series_color (style, group);

  cairo_new_path (cr);
  for (gsize k = 0; k < g->n_drawn; k++)
    {
      gsize i = g->sample != NULL ? g->sample[k] : k;
      double px, py;

      if (point_group (data, i) != group || !point_xy (g, data, i, &px, &py))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, px, py, g->radius, 0, 2 * G_PI);
    }
  if (g->n_drawn > 2000)
    c.a = 0.65;
  seg_chart_text_set_color (cr, c);
  cairo_fill (cr);
}

/* Groups present in the data, faded ones first so the highlight is on top. */
static void
draw_points (cairo_t              *cr,
             const ScatterGeom    *g,
             const SegScatterData *data,
             const SegChartStyle  *style)
{
  int max_group = 0;

  for (gsize i = 0; data->group != NULL && i < data->n; i++)
    max_group = MAX (max_group, data->group[i]);
  for (int pass = 0; pass < 2; pass++)
    for (int grp = -1; grp <= max_group; grp++)
      {
        gboolean faded = seg_chart_style_is_faded (style, grp);
        if ((pass == 0) == faded)
          draw_points_of_group (cr, g, data, style, grp);
      }
}

static void
draw_density (cairo_t              *cr,
              const ScatterGeom    *g,
              const SegScatterData *data,
              const SegChartStyle  *style)
{
  const SegRect *p = &g->lay.plot;
  double cell = seg_chart_style_px (style, DENSITY_CELL);
  guint nx = MAX (1, (guint) ceil (p->width / cell)), ny = MAX (1, (guint) ceil (p->height / cell));
  guint ng = MAX (data->n_groups, 1u);
  g_autofree guint32 *counts = g_new0 (guint32, (gsize) nx * ny * ng);
  g_autofree guint32 *totals = g_new0 (guint32, (gsize) nx * ny);
  guint32 max_total = 1;

  for (gsize i = 0; i < data->n; i++)
    {
      double px, py;
      int grp = point_group (data, i);
      gsize cx, cy;
      if (!point_xy (g, data, i, &px, &py) || px < p->x || py < p->y)
        continue;
      cx = MIN ((gsize) ((px - p->x) / cell), nx - 1);
      cy = MIN ((gsize) ((py - p->y) / cell), ny - 1);
      counts[(cy * nx + cx) * ng + (grp >= 0 ? (guint) grp % ng : 0)]++;
      max_total = MAX (max_total, ++totals[cy * nx + cx]);
    }
  for (gsize c = 0; c < (gsize) nx * ny; c++)
    {
      guint best = 0;
      SegRgba col;
      if (totals[c] == 0)
        continue;
      for (guint k = 1; k < ng; k++)
        if (counts[c * ng + k] > counts[c * ng + best])
          best = k;
      col = seg_chart_style_series_color (style, (int) best);
      col.a = 0.25 + 0.75 * log1p (totals[c]) / log1p (max_total);
      seg_chart_text_set_color (cr, col);
      cairo_rectangle (cr, p->x + (c % nx) * cell, p->y + (c / nx) * cell, cell, cell);
      cairo_fill (cr);
    }
}

/* The note on sampling, in the plot's corner so a narrow card cannot cut
 * it short the way it would a long subtitle. */
static void
draw_note (cairo_t             *cr,
           const ScatterGeom   *g,
           const SegChartStyle *style)
{
  const SegRect *p = &g->lay.plot;
  double pad = seg_chart_style_px (style, 4), w, h;
  PangoLayout *layout;
  SegRgba veil = style->background;

  if (g->note == NULL)
    return;
  layout = seg_chart_text_layout (style, SEG_TEXT_SMALL, g->note, p->width - 4 * pad);
  seg_chart_text_layout_size (layout, &w, &h);
  veil.a = 0.85;
  seg_chart_text_set_color (cr, veil);
  cairo_rectangle (cr, p->x + p->width - w - 3 * pad, p->y + p->height - h - 2 * pad, w + 2 * pad, h + pad);
  cairo_fill (cr);
  seg_chart_text_draw_layout (cr, layout, p->x + p->width - 2 * pad, p->y + p->height - 1.5 * pad, 1, 1, 0,
                              style->muted);
  g_object_unref (layout);
}

static void
draw_arrows (cairo_t              *cr,
             const ScatterGeom    *g,
             const SegScatterData *data,
             const SegChartStyle  *style)
{
  const SegRect *p = &g->lay.plot;
  double ox = seg_axis_map (&g->xa, 0, p->x, p->x + p->width);
  double oy = seg_axis_map (&g->ya, 0, p->y + p->height, p->y);
  SegRgba c = seg_rgba_mix (style->foreground, style->background, 0.15);

  g_autofree SegRect *placed = g_new0 (SegRect, MAX (data->n_arrows, 1u));
  guint n_placed = 0;

  cairo_set_line_width (cr, seg_chart_style_px (style, 1.6));
  for (guint j = 0; j < data->n_arrows && g->arrow_scale > 0; j++)
    {
      double ax = data->arrow_x[j] * g->arrow_scale, ay = data->arrow_y[j] * g->arrow_scale;
      double ex = seg_axis_map (&g->xa, ax, p->x, p->x + p->width);
      double ey = seg_axis_map (&g->ya, ay, p->y + p->height, p->y);
      double len = hypot (ex - ox, ey - oy);

      if (!isfinite (ex) || !isfinite (ey) || len < 1)
        continue;
      seg_chart_text_set_color (cr, c);
      seg_chart_shape_arrow (cr, ox, oy, ex, ey, seg_chart_style_px (style, 9));
      if (data->arrow_labels != NULL && data->arrow_labels[j] != NULL && *data->arrow_labels[j] != '\0')
        {
          /* Labels of arrows pointing the same way would overlap: a label
           * that meets one already placed moves away from it, a line at a
           * time, until it stands free. */
          g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, SEG_TEXT_SMALL, data->arrow_labels[j],
                                                                     seg_chart_style_px (style, 140), 2,
                                                                     ex >= ox ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
          double lx = ex + (ex - ox) / len * seg_chart_style_px (style, 6);
          double ly = ey + (ey - oy) / len * seg_chart_style_px (style, 6);
          double xa = ex >= ox ? 0 : 1, ya = ey >= oy ? 0 : 1, w, h, step;
          SegRect r;

          seg_chart_text_layout_size (pl, &w, &h);
          step = (ey >= oy ? 1 : -1) * (h * 0.5 + 1);
          for (guint tries = 0; tries < 24; tries++)
            {
              gboolean clash = FALSE;

              r = (SegRect) { lx - w * xa, ly - h * ya, w, h };
              for (guint k = 0; k < n_placed && !clash; k++)
                clash = r.x < placed[k].x + placed[k].width && placed[k].x < r.x + r.width &&
                        r.y < placed[k].y + placed[k].height && placed[k].y < r.y + r.height;
              if (!clash)
                break;
              ly += step;
            }
          placed[n_placed++] = r;
          seg_chart_text_draw_layout (cr, pl, lx, ly, xa, ya, 0, c);
        }
    }
}

static void
draw_centroids (cairo_t              *cr,
                const ScatterGeom    *g,
                const SegScatterData *data,
                const SegChartStyle  *style)
{
  const SegRect *p = &g->lay.plot;
  double r = seg_chart_style_px (style, 8);

  for (guint c = 0; c < data->n_groups; c++)
    {
      double cx = seg_axis_map (&g->xa, data->centroid_x[c], p->x, p->x + p->width);
      double cy = seg_axis_map (&g->ya, data->centroid_y[c], p->y + p->height, p->y);
      if (!isfinite (cx) || !isfinite (cy))
        continue;
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      seg_chart_text_set_color (cr, seg_chart_style_series_color (style, (int) c));
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, seg_chart_style_px (style, 2.5));
      seg_chart_text_set_color (cr, seg_chart_style_is_faded (style, (int) c)
                               ? seg_rgba_mix (style->foreground, style->background, 0.7)
                               : style->foreground);
      cairo_stroke (cr);
      /* A cross makes centroids findable among same-coloured points. */
      seg_chart_text_set_color (cr, style->background);
      cairo_set_line_width (cr, seg_chart_style_px (style, 1.8));
      cairo_move_to (cr, cx - r * 0.45, cy);
      cairo_line_to (cr, cx + r * 0.45, cy);
      cairo_move_to (cr, cx, cy - r * 0.45);
      cairo_line_to (cr, cx, cy + r * 0.45);
      cairo_stroke (cr);
    }
}

void
seg_chart_scatter_draw (cairo_t              *cr,
                        double                width,
                        double                height,
                        const SegScatterData *data,
                        const SegChartStyle  *style)
{
  ScatterGeom g;
  const SegRect *p;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);
  g_return_if_fail (data->n == 0 || (data->x != NULL && data->y != NULL));

  scatter_layout (&g, width, height, data, style);
  p = &g.lay.plot;
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  if (data->n == 0)
    seg_chart_frame_draw_empty (cr, &g.lay, style, NULL);
  else
    {
      seg_chart_frame_draw_value_axis (cr, p, &g.ya, &data->format, style, TRUE);
      seg_chart_frame_draw_value_axis (cr, p, &g.xa, &data->format, style, FALSE);
      cairo_save (cr);
      cairo_rectangle (cr, p->x, p->y, p->width, p->height);
      cairo_clip (cr);
      if (g.density)
        draw_density (cr, &g, data, style);
      else
        draw_points (cr, &g, data, style);
      if (data->centroid_x != NULL && data->centroid_y != NULL)
        draw_centroids (cr, &g, data, style);
      draw_note (cr, &g, style);
      cairo_restore (cr);
      if (data->arrow_x != NULL && data->arrow_y != NULL)
        draw_arrows (cr, &g, data, style);
    }
  cairo_restore (cr);
  scatter_geom_free (&g);
}

static char *
point_tooltip (const SegScatterData *data,
               gsize                 i)
{
  int grp = point_group (data, i);
  const char *gname = data->group_names != NULL && grp >= 0 && (guint) grp < data->n_groups
                      ? data->group_names[grp] : NULL;
  g_autofree char *name = data->point_labels != NULL && data->point_labels[i] != NULL
                          ? g_strdup (data->point_labels[i])
                          : g_strdup_printf (_("Point %zu"), i + 1);
  g_autofree char *xs = seg_number_format (&data->format, data->x[i]);
  g_autofree char *ys = seg_number_format (&data->format, data->y[i]);

  return g_strdup_printf ("%s%s%s\n%s: %s\n%s: %s", name, gname ? "\n" : "", gname ? gname : "",
                          data->x_label ? data->x_label : "x", xs,
                          data->y_label ? data->y_label : "y", ys);
}

static gboolean
hit_centroid (const ScatterGeom    *g,
              const SegScatterData *data,
              const SegChartStyle  *style,
              double                x,
              double                y,
              SegChartHit          *hit)
{
  const SegRect *p = &g->lay.plot;

  for (guint c = 0; data->centroid_x != NULL && data->centroid_y != NULL && c < data->n_groups; c++)
    {
      double cx = seg_axis_map (&g->xa, data->centroid_x[c], p->x, p->x + p->width);
      double cy = seg_axis_map (&g->ya, data->centroid_y[c], p->y + p->height, p->y);
      if (hypot (cx - x, cy - y) <= seg_chart_style_px (style, 10))
        {
          const char *name = data->group_names != NULL ? data->group_names[c] : "";
          seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, -1, (int) c, cx, cy,
                             g_strdup_printf (_("Centre of %s"), name));
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
seg_chart_scatter_hit (double                width,
                       double                height,
                       const SegScatterData *data,
                       const SegChartStyle  *style,
                       double                x,
                       double                y,
                       SegChartHit          *hit)
{
  ScatterGeom g;
  double best_d = G_MAXDOUBLE, bx = 0, by = 0;
  gsize best = G_MAXSIZE;
  gboolean found = FALSE;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  scatter_layout (&g, width, height, data, style);
  if (seg_chart_layout_hit_legend (&g.lay, &g.frame, x, y, hit) ||
      (seg_rect_contains (&g.lay.plot, x, y) && hit_centroid (&g, data, style, x, y, hit)))
    found = TRUE;
  else if (seg_rect_contains (&g.lay.plot, x, y) && !g.density)
    {
      for (gsize k = 0; k < g.n_drawn; k++)
        {
          gsize i = g.sample != NULL ? g.sample[k] : k;
          double px, py, d;
          if (!point_xy (&g, data, i, &px, &py))
            continue;
          d = hypot (px - x, py - y);
          /* ≤ so that the last drawn (topmost) point wins ties */
          if (d <= best_d)
            best_d = d, best = i, bx = px, by = py;
        }
      if (best != G_MAXSIZE && best_d <= g.radius + seg_chart_style_px (style, 4))
        {
          seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) best, point_group (data, best), bx, by,
                             point_tooltip (data, best));
          found = TRUE;
        }
    }
  scatter_geom_free (&g);
  return found;
}

void
seg_chart_scatter_plot_rect (double                width,
                             double                height,
                             const SegScatterData *data,
                             const SegChartStyle  *style,
                             SegRect              *rect)
{
  ScatterGeom g;

  g_return_if_fail (data != NULL && style != NULL && rect != NULL);

  scatter_layout (&g, width, height, data, style);
  *rect = g.lay.plot;
  scatter_geom_free (&g);
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_scatter_item (double                width,
                        double                height,
                        const SegScatterData *data,
                        const SegChartStyle  *style,
                        guint                 i,
                        SegChartHit          *hit)
{
  ScatterGeom g;
  const SegRect *p;
  guint n_centroids = data->centroid_x != NULL && data->centroid_y != NULL ? data->n_groups : 0;
  double px = NAN, py = NAN, r;
  gboolean exists = TRUE;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  scatter_layout (&g, width, height, data, style);
  p = &g.lay.plot;
  r = MAX (g.radius, seg_chart_style_px (style, 4)) + seg_chart_style_px (style, 3);
  /* the segments' centres first, then the customers as drawn */
  if (i < n_centroids)
    {
      px = seg_axis_map (&g.xa, data->centroid_x[i], p->x, p->x + p->width);
      py = seg_axis_map (&g.ya, data->centroid_y[i], p->y + p->height, p->y);
      r = seg_chart_style_px (style, 10);
    }
  else if (!g.density && i - n_centroids < g.n_drawn)
    {
      gsize k = i - n_centroids;
      point_xy (&g, data, g.sample != NULL ? g.sample[k] : k, &px, &py);
    }
  else
    exists = FALSE;
  scatter_geom_free (&g);
  if (exists && isfinite (px) && isfinite (py) &&
      seg_chart_scatter_hit (width, height, data, style, px, py, hit))
    hit->area = (SegRect) { hit->x - r, hit->y - r, 2 * r, 2 * r };
  return exists;
}
