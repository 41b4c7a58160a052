/* seg-chart-bars.c — bar charts: segment sizes, CLV and churn per segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-bars"

#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-chart-bars.h"
#include "seg-chart-frame.h"
#include "seg-chart-shape.h"
#include "seg-chart-text.h"

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  SegAxis        axis;
  SegCategoryFit fit;
  double         slot;       /* category slot along the category axis */
  double         thickness;  /* bar width (or height when horizontal) */
  double         label_w;    /* horizontal: width of the category labels */
  guint          label_every;
} BarsGeom;

static int
bar_group (const SegBarData *data,
           guint             i)
{
  return data->groups != NULL ? data->groups[i] : (int) i;
}

static void
bars_axis (BarsGeom         *g,
           const SegBarData *data,
           guint             target)
{
  double lo = NAN, hi = NAN;

  seg_axis_data_range (data->values, data->n, &lo, &hi);
  seg_axis_compute (&g->axis, lo, hi, target, TRUE);
}

static void
layout_vertical (BarsGeom            *g,
                 const SegBarData    *data,
                 const SegChartStyle *style)
{
  SegRect *p = &g->lay.plot;
  double tw;

  bars_axis (g, data, seg_chart_frame_target_ticks (style, g->lay.inner.height * 0.8, TRUE));
  tw = seg_chart_frame_tick_labels_width (&g->axis, &data->format, style) + seg_chart_frame_tick_gap (style);
  seg_chart_layout_plot_with_categories (&g->lay, style, data->categories, data->n, tw, &g->fit);
  g->slot = p->width / MAX (data->n, 1u);
  g->thickness = MIN (g->slot * 0.68, seg_chart_style_px (style, 120));
}

static double
widest_value_label (const SegBarData    *data,
                    const SegChartStyle *style)
{
  double w = 0;

  for (guint i = 0; i < data->n; i++)
    {
      g_autofree char *s = seg_number_format (&data->format, data->values[i]);
      w = MAX (w, seg_chart_text_width (style, SEG_TEXT_BODY, s));
    }
  return w;
}

static void
layout_horizontal (BarsGeom            *g,
                   const SegBarData    *data,
                   const SegChartStyle *style)
{
  SegRect *p = &g->lay.plot;
  double gap = seg_chart_frame_tick_gap (style), line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  double widest = 0, right = 0;

  for (guint i = 0; i < data->n && data->categories != NULL; i++)
    widest = MAX (widest, seg_chart_text_width (style, SEG_TEXT_BODY, data->categories[i]));
  g->label_w = MIN (widest, g->lay.inner.width * 0.35);
  if (data->show_values)
    right = widest_value_label (data, style) + gap;
  p->x = g->lay.inner.x + g->label_w + gap;
  p->width = MAX (g->lay.inner.width - g->label_w - gap - right, 1.0);
  p->height = MAX (g->lay.inner.height - line_h - gap, 1.0);
  bars_axis (g, data, seg_chart_frame_target_ticks (style, p->width, FALSE));
  g->slot = p->height / MAX (data->n, 1u);
  g->thickness = MIN (g->slot * 0.68, seg_chart_style_px (style, 64));
  g->label_every = g->slot >= line_h ? 1 : (guint) ceil (line_h / MAX (g->slot, 0.01));
}

static void
bars_layout (BarsGeom            *g,
             double               width,
             double               height,
             const SegBarData    *data,
             const SegChartStyle *style)
{
  memset (g, 0, sizeof *g);
  g->frame.title = data->title;
  g->frame.subtitle = data->subtitle;
  g->frame.x_label = data->horizontal ? data->value_label : data->category_label;
  g->frame.y_label = data->horizontal ? NULL : data->value_label;
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  if (data->horizontal)
    layout_horizontal (g, data, style);
  else
    layout_vertical (g, data, style);
}

/* The rectangle of bar @i (zero-size for missing values). */
static SegRect
bar_rect (const BarsGeom   *g,
          const SegBarData *data,
          guint             i)
{
  const SegRect *p = &g->lay.plot;
  double v = data->values[i];
  SegRect r = { 0, 0, 0, 0 };

  if (!isfinite (v))
    return r;
  if (data->horizontal)
    {
      double x0 = seg_axis_map (&g->axis, 0, p->x, p->x + p->width);
      double x1 = seg_axis_map (&g->axis, v, p->x, p->x + p->width);
      r.y = p->y + g->slot * (i + 0.5) - g->thickness / 2;
      r.height = g->thickness;
      r.x = MIN (x0, x1);
      r.width = fabs (x1 - x0);
    }
  else
    {
      double y0 = seg_axis_map (&g->axis, 0, p->y + p->height, p->y);
      double y1 = seg_axis_map (&g->axis, v, p->y + p->height, p->y);
      r.x = p->x + g->slot * (i + 0.5) - g->thickness / 2;
      r.width = g->thickness;
      r.y = MIN (y0, y1);
      r.height = fabs (y1 - y0);
    }
  return r;
}

static void
draw_value_label (cairo_t             *cr,
                  const BarsGeom      *g,
                  const SegBarData    *data,
                  const SegChartStyle *style,
                  guint                i,
                  const SegRect       *r)
{
  g_autofree char *s = seg_number_format (&data->format, data->values[i]);
  double gap = seg_chart_style_px (style, 4), lh = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  SegRgba fg = seg_chart_style_is_faded (style, bar_group (data, i))
               ? seg_rgba_mix (style->foreground, style->background, 0.6) : style->foreground;
  gboolean neg = data->values[i] < 0;

  if (data->horizontal)
    {
      if (g->slot >= lh * 0.9)
        seg_chart_text_draw (cr, style, SEG_TEXT_BODY, s, neg ? r->x - gap : r->x + r->width + gap,
                             r->y + r->height / 2, neg ? 1 : 0, 0.5, -1, fg);
      return;
    }
  if (seg_chart_text_width (style, SEG_TEXT_BODY, s) > g->slot * 0.98)
    return;
  if (!neg && r->y - lh - gap >= g->lay.plot.y - lh * 0.5)
    seg_chart_text_draw (cr, style, SEG_TEXT_BODY, s, r->x + r->width / 2, r->y - gap, 0.5, 1, -1, fg);
  else if (neg && r->y + r->height + gap + lh <= g->lay.plot.y + g->lay.plot.height)
    seg_chart_text_draw (cr, style, SEG_TEXT_BODY, s, r->x + r->width / 2, r->y + r->height + gap,
                         0.5, 0, -1, fg);
  else if (r->height > lh + 2 * gap)
    seg_chart_text_draw (cr, style, SEG_TEXT_BODY, s, r->x + r->width / 2,
                         neg ? r->y + r->height - gap : r->y + gap, 0.5, neg ? 1 : 0, -1,
                         seg_rgba_text_on (seg_chart_style_series_color (style, bar_group (data, i))));
}

/* A blank slot has words: the missing text where the bar would start. */
static void
draw_missing_label (cairo_t             *cr,
                    const BarsGeom      *g,
                    const SegBarData    *data,
                    const SegChartStyle *style,
                    guint                i)
{
  const SegRect *p = &g->lay.plot;
  double gap = seg_chart_style_px (style, 4);

  if (data->horizontal)
    {
      double x0 = seg_axis_map (&g->axis, 0, p->x, p->x + p->width);
      g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, SEG_TEXT_SMALL, data->missing_text,
                                                                 MAX (p->x + p->width - x0 - gap, 1.0), 1,
                                                                 PANGO_ALIGN_LEFT);
      seg_chart_text_draw_layout (cr, pl, x0 + gap, p->y + g->slot * (i + 0.5), 0, 0.5, 0, style->muted);
    }
  else
    {
      double y0 = seg_axis_map (&g->axis, 0, p->y + p->height, p->y);
      g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, SEG_TEXT_SMALL, data->missing_text,
                                                                 MAX (g->slot - gap, 1.0), 3, PANGO_ALIGN_CENTER);
      seg_chart_text_draw_layout (cr, pl, p->x + g->slot * (i + 0.5), y0 - gap, 0.5, 1, 0, style->muted);
    }
}

static void
draw_categories (cairo_t             *cr,
                 const BarsGeom      *g,
                 const SegBarData    *data,
                 const SegChartStyle *style)
{
  if (data->horizontal)
    {
      /* Right-aligned labels wrapped in the label column, on as many
       * lines as a bar's slot holds. */
      const SegRect *p = &g->lay.plot;
      double line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
      int lines = CLAMP ((int) (g->slot * MAX (g->label_every, 1u) * 0.95 / line_h), 1, 3);

      for (guint i = 0; i < data->n && data->categories != NULL; i += MAX (g->label_every, 1u))
        {
          g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, SEG_TEXT_BODY, data->categories[i],
                                                                     g->label_w, lines, PANGO_ALIGN_RIGHT);
          seg_chart_text_draw_layout (cr, pl, p->x - seg_chart_frame_tick_gap (style),
                                      p->y + g->slot * (i + 0.5), 1, 0.5, 0, style->foreground);
        }
      return;
    }
  seg_chart_frame_draw_categories (cr, style, &g->lay.plot, data->categories, data->n, &g->fit);
}

void
seg_chart_bars_draw (cairo_t             *cr,
                     double               width,
                     double               height,
                     const SegBarData    *data,
                     const SegChartStyle *style)
{
  BarsGeom g;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);
  g_return_if_fail (data->n == 0 || data->values != NULL);

  bars_layout (&g, width, height, data, style);
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  if (data->n == 0)
    {
      seg_chart_frame_draw_empty (cr, &g.lay, style, NULL);
      cairo_restore (cr);
      return;
    }
  seg_chart_frame_draw_value_axis (cr, &g.lay.plot, &g.axis, &data->format, style, !data->horizontal);
  seg_chart_shape_baseline (cr, &g.lay.plot, &g.axis, style, !data->horizontal);
  for (guint i = 0; i < data->n; i++)
    {
      SegRect r = bar_rect (&g, data, i);
      SegShapeEnd end = data->horizontal ? (data->values[i] < 0 ? SEG_SHAPE_END_LEFT : SEG_SHAPE_END_RIGHT)
                                         : (data->values[i] < 0 ? SEG_SHAPE_END_BOTTOM : SEG_SHAPE_END_TOP);
      if (!isfinite (data->values[i]) && data->missing_text != NULL)
        {
          draw_missing_label (cr, &g, data, style, i);
          continue;
        }
      if (r.width <= 0 && r.height <= 0)
        continue;
      seg_chart_text_set_color (cr, seg_chart_style_series_color (style, bar_group (data, i)));
      seg_chart_shape_bar (cr, &r, seg_chart_style_px (style, 3), end);
      cairo_fill (cr);
      if (data->show_values)
        draw_value_label (cr, &g, data, style, i, &r);
    }
  draw_categories (cr, &g, data, style);
  cairo_restore (cr);
}

gboolean
seg_chart_bars_hit (double               width,
                    double               height,
                    const SegBarData    *data,
                    const SegChartStyle *style,
                    double               x,
                    double               y,
                    SegChartHit         *hit)
{
  BarsGeom g;
  const SegRect *p;
  double along;
  guint i;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  bars_layout (&g, width, height, data, style);
  p = &g.lay.plot;
  if (data->n == 0 || !seg_rect_contains (p, x, y))
    return FALSE;
  along = data->horizontal ? (y - p->y) : (x - p->x);
  i = (guint) MIN (floor (along / g.slot), data->n - 1);
  if (!isfinite (data->values[i]))
    {
      const char *name = data->categories != NULL ? data->categories[i] : "";

      if (data->missing_text == NULL)
        return FALSE;
      seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) i, bar_group (data, i),
                         data->horizontal ? p->x : p->x + g.slot * (i + 0.5),
                         data->horizontal ? p->y + g.slot * (i + 0.5) : p->y + p->height,
                         g_strdup_printf ("%s\n%s", name, data->missing_text));
      return TRUE;
    }
  {
    SegRect r = bar_rect (&g, data, i);
    g_autofree char *v = seg_number_format (&data->format, data->values[i]);
    const char *name = data->categories != NULL ? data->categories[i] : "";
    char *tip = data->notes != NULL && data->notes[i] != NULL
                ? g_strdup_printf ("%s\n%s%s%s\n%s", name, data->value_label ? data->value_label : "",
                                   data->value_label ? ": " : "", v, data->notes[i])
                : g_strdup_printf ("%s\n%s%s%s", name, data->value_label ? data->value_label : "",
                                   data->value_label ? ": " : "", v);
    seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) i, bar_group (data, i),
                       r.x + r.width / 2, data->horizontal ? r.y + r.height / 2 : r.y, tip);
  }
  return TRUE;
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_bars_item (double               width,
                     double               height,
                     const SegBarData    *data,
                     const SegChartStyle *style,
                     guint                i,
                     SegChartHit         *hit)
{
  BarsGeom g;
  SegRect r;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  if (i >= data->n)
    return FALSE;
  if (!isfinite (data->values[i]))
    return TRUE;
  bars_layout (&g, width, height, data, style);
  r = bar_rect (&g, data, i);
  if (data->horizontal)
    r.width = MAX (r.width, 1.0);
  else
    r.height = MAX (r.height, 1.0);
  if (seg_chart_bars_hit (width, height, data, style, r.x + r.width / 2, r.y + r.height / 2, hit))
    hit->area = r;
  return TRUE;
}
