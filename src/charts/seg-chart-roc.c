/* seg-chart-roc.c — ROC curve with its AUC
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-roc"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-frame.h"
#include "seg-chart-roc.h"
#include "seg-chart-text.h"

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  SegAxis        axis;   /* both axes: 0 … 1 */
  char          *subtitle;
} RocGeom;

double
seg_chart_roc_curve_area (const double *fpr,
             const double *tpr,
             gsize         n)
{
  double a = 0;

  g_return_val_if_fail (n == 0 || (fpr != NULL && tpr != NULL), NAN);

  for (gsize i = 1; i < n; i++)
    a += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2.0;
  return n >= 2 ? a : NAN;
}

static void
roc_layout (RocGeom             *g,
            double               width,
            double               height,
            const SegRocData    *data,
            const SegChartStyle *style)
{
  SegNumberFormat pct = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  double auc = isfinite (data->auc) ? data->auc : seg_chart_roc_curve_area (data->fpr, data->tpr, data->n);
  double tw, line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY), side;
  SegRect *p = &g->lay.plot;

  memset (g, 0, sizeof *g);
  if (isfinite (auc))
    {
      g_autofree char *a = seg_format_fixed (auc, 3);
      g->subtitle = data->subtitle != NULL ? g_strdup_printf ("%s · AUC %s", data->subtitle, a)
                                           : g_strdup_printf ("AUC %s", a);
    }
  g->frame = (SegChartFrame) { data->title, g->subtitle != NULL ? g->subtitle : data->subtitle,
                               _("False positive rate"), _("True positive rate"), 0, NULL, NULL, 0 };
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  seg_axis_compute (&g->axis, 0, 1, 6, FALSE);
  tw = seg_chart_frame_tick_labels_width (&g->axis, &pct, style) + seg_chart_frame_tick_gap (style);
  /* Square plot, centred: the diagonal then really is 45°. */
  side = MIN (g->lay.inner.width - tw, g->lay.inner.height - line_h - seg_chart_frame_tick_gap (style));
  side = MAX (side, 1.0);
  p->width = p->height = side;
  p->x = g->lay.inner.x + tw + (g->lay.inner.width - tw - side) / 2;
  p->y = g->lay.inner.y;
  g->lay.y_label_x = MAX (g->lay.margin, p->x - tw - seg_chart_text_line_height (style, SEG_TEXT_AXIS_TITLE)
                                          - seg_chart_style_px (style, 6));
}

static void
curve_path (cairo_t          *cr,
            const RocGeom    *g,
            const SegRocData *data)
{
  const SegRect *p = &g->lay.plot;
  gboolean first = TRUE;

  for (gsize i = 0; i < data->n; i++)
    {
      double x = seg_axis_map (&g->axis, data->fpr[i], p->x, p->x + p->width);
      double y = seg_axis_map (&g->axis, data->tpr[i], p->y + p->height, p->y);
      if (!isfinite (x) || !isfinite (y))
        continue;
      if (first)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      first = FALSE;
    }
}

void
seg_chart_roc_draw (cairo_t             *cr,
                    double               width,
                    double               height,
                    const SegRocData    *data,
                    const SegChartStyle *style)
{
  SegNumberFormat pct = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  RocGeom g;
  const SegRect *p;
  SegRgba c = seg_chart_style_series_color (style, data->group);
  double dash = seg_chart_style_px (style, 5);

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);
  g_return_if_fail (data->n == 0 || (data->fpr != NULL && data->tpr != NULL));

  roc_layout (&g, width, height, data, style);
  p = &g.lay.plot;
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  seg_chart_frame_draw_value_axis (cr, p, &g.axis, &pct, style, TRUE);
  seg_chart_frame_draw_value_axis (cr, p, &g.axis, &pct, style, FALSE);
  cairo_save (cr);
  seg_chart_text_set_color (cr, style->axis);
  cairo_set_line_width (cr, seg_chart_style_px (style, 1.2));
  cairo_set_dash (cr, &dash, 1, 0);
  cairo_move_to (cr, p->x, p->y + p->height);
  cairo_line_to (cr, p->x + p->width, p->y);
  cairo_stroke (cr);
  cairo_restore (cr);
  if (data->n >= 2)
    {
      curve_path (cr, &g, data);
      cairo_line_to (cr, seg_axis_map (&g.axis, data->fpr[data->n - 1], p->x, p->x + p->width),
                     p->y + p->height);
      cairo_line_to (cr, seg_axis_map (&g.axis, data->fpr[0], p->x, p->x + p->width), p->y + p->height);
      cairo_close_path (cr);
      seg_chart_text_set_color (cr, seg_rgba_mix (c, style->background, 0.82));
      cairo_fill (cr);
      curve_path (cr, &g, data);
      seg_chart_text_set_color (cr, c);
      cairo_set_line_width (cr, seg_chart_style_px (style, 2.5));
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
  else
    seg_chart_frame_draw_empty (cr, &g.lay, style, NULL);
  cairo_restore (cr);
  g_free (g.subtitle);
}

gboolean
seg_chart_roc_hit (double               width,
                   double               height,
                   const SegRocData    *data,
                   const SegChartStyle *style,
                   double               x,
                   double               y,
                   SegChartHit         *hit)
{
  RocGeom g;
  const SegRect *p;
  double best = G_MAXDOUBLE, bx = 0, by = 0;
  gsize bi = G_MAXSIZE;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  roc_layout (&g, width, height, data, style);
  g_free (g.subtitle);
  p = &g.lay.plot;
  if (!seg_rect_contains (p, x, y))
    return FALSE;
  for (gsize i = 0; i < data->n; i++)
    {
      double px = seg_axis_map (&g.axis, data->fpr[i], p->x, p->x + p->width);
      double py = seg_axis_map (&g.axis, data->tpr[i], p->y + p->height, p->y);
      double d = hypot (px - x, py - y);
      if (isfinite (d) && d < best)
        best = d, bi = i, bx = px, by = py;
    }
  if (bi == G_MAXSIZE || best > seg_chart_style_px (style, 24))
    return FALSE;
  {
    g_autofree char *f = seg_format_percent (data->fpr[bi], 1);
    g_autofree char *t = seg_format_percent (data->tpr[bi], 1);
    seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) bi, data->group, bx, by,
                       g_strdup_printf (_("False positive rate %s\nTrue positive rate %s"), f, t));
  }
  return TRUE;
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_roc_item (double               width,
                    double               height,
                    const SegRocData    *data,
                    const SegChartStyle *style,
                    guint                i,
                    SegChartHit         *hit)
{
  RocGeom g;
  const SegRect *p;
  double px, py;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  if (i >= data->n)
    return FALSE;
  roc_layout (&g, width, height, data, style);
  g_free (g.subtitle);
  p = &g.lay.plot;
  px = seg_axis_map (&g.axis, data->fpr[i], p->x, p->x + p->width);
  py = seg_axis_map (&g.axis, data->tpr[i], p->y + p->height, p->y);
  if (isfinite (px) && isfinite (py) && seg_chart_roc_hit (width, height, data, style, px, py, hit))
    {
      double r = seg_chart_style_px (style, 7);
      hit->area = (SegRect) { hit->x - r, hit->y - r, 2 * r, 2 * r };
    }
  return TRUE;
}
