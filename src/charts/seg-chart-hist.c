/* seg-chart-hist.c — histogram of a distribution (e.g. churn probability)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-hist"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-frame.h"
#include "seg-chart-hist.h"
#include "seg-chart-text.h"

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  SegAxis        xa, ya;
  guint          n_bins;
  guint          n_groups;
  double         lo, hi;
  gsize         *counts;     /* n_bins × n_groups */
} HistGeom;

static int
hist_group (const SegHistData *data,
            gsize              i)
{
  if (data->group == NULL || data->group[i] < 0)
    return 0;
  return data->group[i] % (int) MAX (data->n_groups, 1u);
}

static void
hist_bin (HistGeom          *g,
          const SegHistData *data)
{
  gsize used = 0;
  double lo = data->lo, hi = data->hi, dlo, dhi;

  seg_axis_data_range (data->values, data->n, &dlo, &dhi);
  lo = isfinite (lo) ? lo : dlo;
  hi = isfinite (hi) ? hi : dhi;
  if (!isfinite (lo) || !isfinite (hi))
    lo = 0, hi = 1;
  if (hi <= lo)
    hi = lo + (lo != 0 ? fabs (lo) * 0.1 : 1.0);
  for (gsize i = 0; i < data->n; i++)
    used += isfinite (data->values[i]);
  g->lo = lo;
  g->hi = hi;
  g->n_bins = data->n_bins > 0 ? MIN (data->n_bins, 1000u)
                               : (guint) CLAMP (ceil (log2 (MAX (used, 1))) + 1, 5, 50);
  g->n_groups = MAX (data->n_groups, 1u);
  g->counts = g_new0 (gsize, (gsize) g->n_bins * g->n_groups);
  for (gsize i = 0; i < data->n; i++)
    {
      double v = data->values[i];
      gsize b;
      if (!isfinite (v) || v < lo || v > hi)
        continue;
      b = MIN ((gsize) ((v - lo) / (hi - lo) * g->n_bins), (gsize) g->n_bins - 1);
      g->counts[b * g->n_groups + hist_group (data, i)]++;
    }
}

static gsize
bin_total (const HistGeom *g,
           guint           b)
{
  gsize t = 0;

  for (guint k = 0; k < g->n_groups; k++)
    t += g->counts[b * g->n_groups + k];
  return t;
}

static void
hist_layout (HistGeom            *g,
             double               width,
             double               height,
             const SegHistData   *data,
             const SegChartStyle *style)
{
  SegNumberFormat count_fmt = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_COMPACT);
  double top = 0, tw, line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  SegRect *p = &g->lay.plot;

  memset (g, 0, sizeof *g);
  g->frame = (SegChartFrame) { data->title, data->subtitle, data->x_label,
                               data->y_label != NULL ? data->y_label : _("Customers"),
                               data->group_names != NULL ? data->n_groups : 0,
                               data->group_names, NULL, SEG_LEGEND_SQUARE };
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  hist_bin (g, data);
  for (guint b = 0; b < g->n_bins; b++)
    top = MAX (top, (double) bin_total (g, b));
  seg_axis_compute (&g->ya, 0, MAX (top, 1), seg_chart_frame_target_ticks (style, g->lay.inner.height, TRUE), TRUE);
  if (g->ya.step < 1)
    seg_axis_compute (&g->ya, 0, MAX (top, 1), (guint) MAX (top, 1) + 1, TRUE);
  tw = seg_chart_frame_tick_labels_width (&g->ya, &count_fmt, style) + seg_chart_frame_tick_gap (style);
  p->x = g->lay.inner.x + tw;
  p->width = MAX (g->lay.inner.width - tw - seg_chart_style_px (style, 10), 1.0);
  p->height = MAX (g->lay.inner.height - line_h - seg_chart_frame_tick_gap (style), 1.0);
  /* The x axis spans exactly the bins; ticks are nice numbers inside. */
  seg_axis_compute (&g->xa, g->lo, g->hi, seg_chart_frame_target_ticks (style, p->width, FALSE), FALSE);
  g->xa.min = g->lo;
  g->xa.max = g->hi;
  {
    guint k = 0;
    for (guint i = 0; i < g->xa.n_ticks; i++)
      if (g->xa.ticks[i] >= g->lo - 1e-9 * (g->hi - g->lo) && g->xa.ticks[i] <= g->hi + 1e-9 * (g->hi - g->lo))
        g->xa.ticks[k++] = g->xa.ticks[i];
    g->xa.n_ticks = k;
  }
}

void
seg_chart_hist_draw (cairo_t             *cr,
                     double               width,
                     double               height,
                     const SegHistData   *data,
                     const SegChartStyle *style)
{
  SegNumberFormat count_fmt = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_COMPACT);
  HistGeom g;
  const SegRect *p;
  double bw, gap;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);
  g_return_if_fail (data->n == 0 || data->values != NULL);

  hist_layout (&g, width, height, data, style);
  p = &g.lay.plot;
  bw = p->width / g.n_bins;
  gap = bw > 6 ? 1.0 : 0.0;
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  seg_chart_frame_draw_value_axis (cr, p, &g.ya, &count_fmt, style, TRUE);
  seg_chart_frame_draw_value_axis (cr, p, &g.xa, &data->x_format, style, FALSE);
  for (guint b = 0; b < g.n_bins; b++)
    {
      double acc = 0;
      for (guint k = 0; k < g.n_groups; k++)
        {
          gsize c = g.counts[b * g.n_groups + k];
          double y0, y1;
          if (c == 0)
            continue;
          y0 = seg_axis_map (&g.ya, acc, p->y + p->height, p->y);
          y1 = seg_axis_map (&g.ya, acc + c, p->y + p->height, p->y);
          seg_chart_text_set_color (cr, seg_chart_style_series_color (style, (int) k));
          cairo_rectangle (cr, p->x + b * bw + gap / 2, y1, bw - gap, y0 - y1);
          cairo_fill (cr);
          acc += c;
        }
    }
  seg_chart_text_set_color (cr, style->axis);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, p->x, round (p->y + p->height) + 0.5);
  cairo_line_to (cr, p->x + p->width, round (p->y + p->height) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
  g_free (g.counts);
}

gboolean
seg_chart_hist_hit (double               width,
                    double               height,
                    const SegHistData   *data,
                    const SegChartStyle *style,
                    double               x,
                    double               y,
                    SegChartHit         *hit)
{
  HistGeom g;
  gboolean found = FALSE;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  hist_layout (&g, width, height, data, style);
  if (seg_chart_layout_hit_legend (&g.lay, &g.frame, x, y, hit))
    found = TRUE;
  else if (seg_rect_contains (&g.lay.plot, x, y))
    {
      guint b = MIN ((guint) ((x - g.lay.plot.x) / g.lay.plot.width * g.n_bins), g.n_bins - 1);
      double step = (g.hi - g.lo) / g.n_bins;
      g_autofree char *a = seg_number_format_tick (&data->x_format, g.lo + b * step, step);
      g_autofree char *z = seg_number_format_tick (&data->x_format, g.lo + (b + 1) * step, step);
      GString *tip = g_string_new (NULL);

      g_string_append_printf (tip, "%s – %s", a, z);
      for (guint k = 0; k < g.n_groups; k++)
        {
          g_autofree char *cnt = seg_format_integer (g.counts[b * g.n_groups + k]);
          if (data->group_names != NULL)
            g_string_append_printf (tip, "\n%s: %s", data->group_names[k], cnt);
          else
            g_string_append_printf (tip, "\n%s", cnt);
        }
      seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) b, -1,
                         g.lay.plot.x + (b + 0.5) * g.lay.plot.width / g.n_bins, y,
                         g_string_free (tip, FALSE));
      found = TRUE;
    }
  g_free (g.counts);
  return found;
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_hist_item (double               width,
                     double               height,
                     const SegHistData   *data,
                     const SegChartStyle *style,
                     guint                i,
                     SegChartHit         *hit)
{
  HistGeom g;
  double bw;
  gboolean inside;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  hist_layout (&g, width, height, data, style);
  g_free (g.counts);
  inside = i < g.n_bins;
  if (!inside)
    return FALSE;
  bw = g.lay.plot.width / g.n_bins;
  if (seg_chart_hist_hit (width, height, data, style, g.lay.plot.x + (i + 0.5) * bw,
                          g.lay.plot.y + g.lay.plot.height / 2, hit))
    hit->area = (SegRect) { g.lay.plot.x + i * bw, g.lay.plot.y, bw, g.lay.plot.height };
  return TRUE;
}
