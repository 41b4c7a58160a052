/* seg-chart-line.c — line charts: elbow (inertia vs k), silhouette vs k
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-line"

#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-chart-frame.h"
#include "seg-chart-line.h"
#include "seg-chart-text.h"

#define MAX_LINE_SERIES 64

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  SegAxis        xa, ya;
  const char    *names[MAX_LINE_SERIES];
  int            groups[MAX_LINE_SERIES];
} LineGeom;

static gboolean
has_chosen (const SegLineData *data)
{
  return data->chosen_label != NULL && isfinite (data->chosen_x);
}

static void
line_ranges (const SegLineData *data,
             double             r[4])
{
  r[0] = r[2] = INFINITY;
  r[1] = r[3] = -INFINITY;
  for (guint s = 0; s < data->n_series; s++)
    for (guint i = 0; i < data->series[s].n; i++)
      {
        double x = data->series[s].x[i], y = data->series[s].y[i];
        if (!isfinite (x) || !isfinite (y))
          continue;
        r[0] = MIN (r[0], x);
        r[1] = MAX (r[1], x);
        r[2] = MIN (r[2], y);
        r[3] = MAX (r[3], y);
      }
  if (isfinite (data->marked_x))
    {
      r[0] = MIN (r[0], data->marked_x);
      r[1] = MAX (r[1], data->marked_x);
    }
  if (has_chosen (data))
    {
      r[0] = MIN (r[0], data->chosen_x);
      r[1] = MAX (r[1], data->chosen_x);
    }
}

/* Whole-number ticks (every 1, 2, 5 … as room allows) half a step inside. */
static void
integer_axis (SegAxis *axis,
              double   lo,
              double   hi,
              guint    target)
{
  double step = 1;
  guint n = 0;

  if (!isfinite (lo) || !isfinite (hi))
    lo = 0, hi = 1;
  lo = floor (lo);
  hi = ceil (hi);
  while ((hi - lo) / step + 1 > MAX (target, 2u) || (hi - lo) / step + 1 > SEG_AXIS_MAX_TICKS)
    step = seg_axis_nice_number (step * 1.5, FALSE);
  axis->min = lo - 0.5;
  axis->max = hi + 0.5;
  axis->step = step;
  for (double t = ceil (lo / step) * step; t <= hi && n < SEG_AXIS_MAX_TICKS; t += step)
    axis->ticks[n++] = t;
  axis->n_ticks = n;
}

static void
line_layout (LineGeom            *g,
             double               width,
             double               height,
             const SegLineData   *data,
             const SegChartStyle *style)
{
  double r[4], tw, line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  SegRect *p = &g->lay.plot;
  guint ns = MIN (data->n_series, MAX_LINE_SERIES);

  memset (g, 0, sizeof *g);
  for (guint s = 0; s < ns; s++)
    {
      g->names[s] = data->series[s].name != NULL ? data->series[s].name : "";
      g->groups[s] = data->series[s].group;
    }
  g->frame = (SegChartFrame) { data->title, data->subtitle, data->x_label, data->y_label,
                               ns > 1 ? ns : 0, g->names, g->groups, SEG_LEGEND_LINE };
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  line_ranges (data, r);
  if (!isfinite (r[2]))
    r[2] = r[3] = NAN;
  seg_axis_compute (&g->ya, r[2], r[3], seg_chart_frame_target_ticks (style, g->lay.inner.height, TRUE),
                    data->include_zero);
  tw = seg_chart_frame_tick_labels_width (&g->ya, &data->y_format, style) + seg_chart_frame_tick_gap (style);
  p->x = g->lay.inner.x + tw;
  p->width = MAX (g->lay.inner.width - tw - seg_chart_style_px (style, 8), 1.0);
  p->height = MAX (g->lay.inner.height - line_h - seg_chart_frame_tick_gap (style), 1.0);
  if (data->integer_x)
    integer_axis (&g->xa, r[0], r[1], seg_chart_frame_target_ticks (style, p->width, FALSE) * 2);
  else
    seg_axis_compute (&g->xa, isfinite (r[0]) ? r[0] : NAN, isfinite (r[1]) ? r[1] : NAN,
                      seg_chart_frame_target_ticks (style, p->width, FALSE), FALSE);
}

static gboolean
line_point (const LineGeom      *g,
            const SegLineSeries *s,
            guint                i,
            double              *px,
            double              *py)
{
  const SegRect *p = &g->lay.plot;

  *px = seg_axis_map (&g->xa, s->x[i], p->x, p->x + p->width);
  *py = seg_axis_map (&g->ya, s->y[i], p->y + p->height, p->y);
  return isfinite (*px) && isfinite (*py);
}

static void
draw_series (cairo_t             *cr,
             const LineGeom      *g,
             const SegLineData   *data,
             const SegChartStyle *style,
             guint                si)
{
  const SegLineSeries *s = &data->series[si];
  SegRgba c = seg_chart_style_series_color (style, s->group);
  gboolean pen_down = FALSE;
  double px, py, r = seg_chart_style_px (style, 4);

  cairo_set_line_width (cr, seg_chart_style_px (style, 2.5));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  seg_chart_text_set_color (cr, c);
  cairo_new_path (cr);
  for (guint i = 0; i < s->n; i++)
    {
      if (!line_point (g, s, i, &px, &py))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen_down = TRUE;
    }
  cairo_stroke (cr);
  for (guint i = 0; i < s->n; i++)
    {
      gboolean marked = isfinite (data->marked_x) && fabs (s->x[i] - data->marked_x) < 1e-9;
      gboolean chosen = has_chosen (data) && fabs (s->x[i] - data->chosen_x) < 1e-9;
      double rr = marked || chosen ? r * 1.6 : r;
      if (!line_point (g, s, i, &px, &py))
        continue;
      cairo_arc (cr, px, py, rr, 0, 2 * G_PI);
      seg_chart_text_set_color (cr, chosen ? style->foreground : marked ? style->accent : c);
      cairo_fill_preserve (cr);
      seg_chart_text_set_color (cr, style->background);
      cairo_set_line_width (cr, seg_chart_style_px (style, 1.5));
      cairo_stroke (cr);
    }
}

/* A dashed vertical line at @value with its label at the top of the plot,
 * @row text lines down (so that two marks never print over each other). */
static void
draw_mark (cairo_t             *cr,
           const LineGeom      *g,
           double               value,
           const char          *label,
           guint                row,
           SegRgba              color,
           const SegChartStyle *style)
{
  const SegRect *p = &g->lay.plot;
  double x = seg_axis_map (&g->xa, value, p->x, p->x + p->width);
  double dash = seg_chart_style_px (style, 5);
  double pad = seg_chart_style_px (style, 6);

  if (!isfinite (x))
    return;
  cairo_save (cr);
  seg_chart_text_set_color (cr, color);
  cairo_set_line_width (cr, seg_chart_style_px (style, 1.5));
  cairo_set_dash (cr, &dash, 1, row * dash);
  cairo_move_to (cr, round (x) + 0.5, p->y);
  cairo_line_to (cr, round (x) + 0.5, p->y + p->height);
  cairo_stroke (cr);
  cairo_restore (cr);
  if (label != NULL)
    {
      double w = seg_chart_text_width (style, SEG_TEXT_BOLD, label);
      double line = seg_chart_text_line_height (style, SEG_TEXT_BOLD) * 1.2;
      gboolean left = x + pad + w > p->x + p->width;
      seg_chart_text_draw (cr, style, SEG_TEXT_BOLD, label, left ? x - pad : x + pad,
                           p->y + pad + row * line, left ? 1 : 0, 0, -1, color);
    }
}

void
seg_chart_line_draw (cairo_t             *cr,
                     double               width,
                     double               height,
                     const SegLineData   *data,
                     const SegChartStyle *style)
{
  LineGeom g;
  guint nonempty = 0;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);
  g_return_if_fail (data->n_series == 0 || data->series != NULL);

  line_layout (&g, width, height, data, style);
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  for (guint s = 0; s < data->n_series; s++)
    nonempty += data->series[s].n;
  if (nonempty == 0)
    seg_chart_frame_draw_empty (cr, &g.lay, style, NULL);
  else
    {
      seg_chart_frame_draw_value_axis (cr, &g.lay.plot, &g.ya, &data->y_format, style, TRUE);
      seg_chart_frame_draw_value_axis (cr, &g.lay.plot, &g.xa, &data->x_format, style, FALSE);
      if (isfinite (data->marked_x))
        draw_mark (cr, &g, data->marked_x, data->marked_label, 0, style->accent, style);
      if (has_chosen (data))
        draw_mark (cr, &g, data->chosen_x, data->chosen_label,
                   isfinite (data->marked_x) && data->marked_label != NULL ? 1 : 0,
                   style->foreground, style);
      /* highlighted series last, on top */
      for (int pass = 0; pass < 2; pass++)
        for (guint s = 0; s < data->n_series; s++)
          if ((pass == 0) == seg_chart_style_is_faded (style, data->series[s].group))
            draw_series (cr, &g, data, style, s);
    }
  cairo_restore (cr);
}

gboolean
seg_chart_line_hit (double               width,
                    double               height,
                    const SegLineData   *data,
                    const SegChartStyle *style,
                    double               x,
                    double               y,
                    SegChartHit         *hit)
{
  LineGeom g;
  double best = G_MAXDOUBLE, bx = 0, by = 0;
  int bs = -1, bi = -1;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  line_layout (&g, width, height, data, style);
  if (seg_chart_layout_hit_legend (&g.lay, &g.frame, x, y, hit))
    return TRUE;
  if (!seg_rect_contains (&g.lay.plot, x, y))
    return FALSE;
  for (guint s = 0; s < data->n_series; s++)
    for (guint i = 0; i < data->series[s].n; i++)
      {
        double px, py, d;
        if (!line_point (&g, &data->series[s], i, &px, &py))
          continue;
        /* x decides; y only separates series at the same x */
        d = fabs (px - x) * 1000 + fabs (py - y);
        if (d < best)
          best = d, bs = (int) s, bi = (int) i, bx = px, by = py;
      }
  if (bs < 0)
    return FALSE;
  {
    const SegLineSeries *s = &data->series[bs];
    g_autofree char *xs = seg_number_format (&data->x_format, s->x[bi]);
    g_autofree char *ys = seg_number_format (&data->y_format, s->y[bi]);
    seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, bi, bs, bx, by,
                       g_strdup_printf ("%s %s\n%s: %s", data->x_label ? data->x_label : "x", xs,
                                        s->name ? s->name : (data->y_label ? data->y_label : "y"), ys));
  }
  return TRUE;
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_line_item (double               width,
                     double               height,
                     const SegLineData   *data,
                     const SegChartStyle *style,
                     guint                i,
                     SegChartHit         *hit)
{
  LineGeom g;
  guint s = 0, k = i;
  double px, py;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  /* series after series, points in order */
  while (s < data->n_series && k >= data->series[s].n)
    k -= data->series[s++].n;
  if (s >= data->n_series)
    return FALSE;
  line_layout (&g, width, height, data, style);
  if (line_point (&g, &data->series[s], k, &px, &py) &&
      seg_chart_line_hit (width, height, data, style, px, py, hit))
    {
      double r = seg_chart_style_px (style, 7);
      hit->area = (SegRect) { hit->x - r, hit->y - r, 2 * r, 2 * r };
    }
  return TRUE;
}
