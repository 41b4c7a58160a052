/* seg-chart-confusion.c — 2×2 confusion matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-confusion"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-confusion.h"
#include "seg-chart-frame.h"
#include "seg-chart-text.h"

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  double         label_w;
  double         header_h;
  double         cell;
} ConfGeom;

static double
cell_value (const SegConfusionData *data,
            guint                   r,
            guint                   c)
{
  const double v[4] = { data->tn, data->fp, data->fn, data->tp };
  return v[r * 2 + c];
}

static const char *
class_label (const SegConfusionData *data,
             guint                   k)
{
  if (k == 0)
    return data->negative_label != NULL ? data->negative_label : _("No");
  return data->positive_label != NULL ? data->positive_label : _("Yes");
}

static void
conf_layout (ConfGeom               *g,
             double                  width,
             double                  height,
             const SegConfusionData *data,
             const SegChartStyle    *style)
{
  SegRect *p = &g->lay.plot;
  double gap = seg_chart_frame_tick_gap (style), side;

  memset (g, 0, sizeof *g);
  g->frame = (SegChartFrame) { data->title, data->subtitle, _("Predicted"), _("Actual"),
                               0, NULL, NULL, 0 };
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  g->label_w = MIN (MAX (seg_chart_text_width (style, SEG_TEXT_BODY, class_label (data, 0)),
                         seg_chart_text_width (style, SEG_TEXT_BODY, class_label (data, 1))),
                    g->lay.inner.width * 0.3);
  g->header_h = seg_chart_text_line_height (style, SEG_TEXT_BODY) + gap;
  side = MIN (g->lay.inner.width - g->label_w - gap, g->lay.inner.height - g->header_h);
  g->cell = MAX (side, 2.0) / 2;
  p->width = p->height = 2 * g->cell;
  p->x = g->lay.inner.x + g->label_w + gap
         + MAX ((g->lay.inner.width - g->label_w - gap - p->width) / 2, 0);
  p->y = g->lay.inner.y + g->header_h;
  g->lay.y_label_x = MAX (g->lay.margin, p->x - g->label_w - gap
                                          - seg_chart_text_line_height (style, SEG_TEXT_AXIS_TITLE)
                                          - seg_chart_style_px (style, 6));
}

static void
draw_cell (cairo_t                *cr,
           const ConfGeom         *g,
           const SegConfusionData *data,
           const SegChartStyle    *style,
           guint                   r,
           guint                   c,
           double                  total,
           double                  max)
{
  static const char *names[4] = { N_("True negatives"), N_("False positives"),
                                  N_("False negatives"), N_("True positives") };
  double v = cell_value (data, r, c), pad = seg_chart_style_px (style, 2);
  double x = g->lay.plot.x + c * g->cell, y = g->lay.plot.y + r * g->cell;
  SegRgba fill = seg_chart_style_sequential (style, max > 0 ? 0.1 + 0.8 * v / max : 0);
  SegRgba ink = seg_rgba_text_on (fill);
  g_autofree char *count = seg_format_integer (v);
  g_autofree char *share = seg_format_percent (total > 0 ? v / total : NAN, 1);
  double lh = seg_chart_text_line_height (style, SEG_TEXT_KPI_VALUE);

  seg_chart_text_set_color (cr, fill);
  cairo_rectangle (cr, x + pad, y + pad, g->cell - 2 * pad, g->cell - 2 * pad);
  cairo_fill (cr);
  if (g->cell < lh * 2)
    {
      seg_chart_text_draw (cr, style, SEG_TEXT_BOLD, count, x + g->cell / 2, y + g->cell / 2,
                           0.5, 0.5, g->cell - 4, ink);
      return;
    }
  seg_chart_text_draw (cr, style, SEG_TEXT_KPI_VALUE, count, x + g->cell / 2, y + g->cell / 2,
                       0.5, 0.75, g->cell - 8, ink);
  seg_chart_text_draw (cr, style, SEG_TEXT_BODY, share, x + g->cell / 2, y + g->cell / 2 + lh * 0.3,
                       0.5, 0, g->cell - 8, ink);
  seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, _(names[r * 2 + c]), x + g->cell / 2,
                       y + g->cell - seg_chart_style_px (style, 8), 0.5, 1, g->cell - 8,
                       seg_rgba_mix (ink, fill, 0.25));
}

void
seg_chart_confusion_draw (cairo_t                *cr,
                          double                  width,
                          double                  height,
                          const SegConfusionData *data,
                          const SegChartStyle    *style)
{
  ConfGeom g;
  double total, max = 0, gap;

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);

  conf_layout (&g, width, height, data, style);
  gap = seg_chart_frame_tick_gap (style);
  total = data->tn + data->fp + data->fn + data->tp;
  for (guint k = 0; k < 4; k++)
    max = MAX (max, cell_value (data, k / 2, k % 2));
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  for (guint r = 0; r < 2; r++)
    for (guint c = 0; c < 2; c++)
      draw_cell (cr, &g, data, style, r, c, total, max);
  for (guint k = 0; k < 2; k++)
    {
      seg_chart_text_draw (cr, style, SEG_TEXT_BODY, class_label (data, k),
                           g.lay.plot.x + (k + 0.5) * g.cell, g.lay.plot.y - gap / 2, 0.5, 1,
                           g.cell, style->foreground);
      seg_chart_text_draw (cr, style, SEG_TEXT_BODY, class_label (data, k), g.lay.plot.x - gap,
                           g.lay.plot.y + (k + 0.5) * g.cell, 1, 0.5, g.label_w, style->foreground);
    }
  cairo_restore (cr);
}

gboolean
seg_chart_confusion_hit (double                  width,
                         double                  height,
                         const SegConfusionData *data,
                         const SegChartStyle    *style,
                         double                  x,
                         double                  y,
                         SegChartHit            *hit)
{
  ConfGeom g;
  guint r, c;
  double v, total;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  conf_layout (&g, width, height, data, style);
  if (!seg_rect_contains (&g.lay.plot, x, y))
    return FALSE;
  r = MIN ((guint) ((y - g.lay.plot.y) / g.cell), 1u);
  c = MIN ((guint) ((x - g.lay.plot.x) / g.cell), 1u);
  v = cell_value (data, r, c);
  total = data->tn + data->fp + data->fn + data->tp;
  {
    g_autofree char *count = seg_format_integer (v);
    g_autofree char *share = seg_format_percent (total > 0 ? v / total : NAN, 1);
    seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) (r * 2 + c), -1,
                       g.lay.plot.x + (c + 0.5) * g.cell, g.lay.plot.y + (r + 0.5) * g.cell,
                       g_strdup_printf (_("Actual %s, predicted %s\n%s customers (%s)"),
                                        class_label (data, r), class_label (data, c), count, share));
  }
  hit->row = (int) r;
  hit->col = (int) c;
  return TRUE;
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_confusion_item (double                  width,
                          double                  height,
                          const SegConfusionData *data,
                          const SegChartStyle    *style,
                          guint                   i,
                          SegChartHit            *hit)
{
  ConfGeom g;
  guint r = i / 2, c = i % 2;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  if (i >= 4)
    return FALSE;
  conf_layout (&g, width, height, data, style);
  if (seg_chart_confusion_hit (width, height, data, style, g.lay.plot.x + (c + 0.5) * g.cell,
                               g.lay.plot.y + (r + 0.5) * g.cell, hit))
    hit->area = (SegRect) { g.lay.plot.x + c * g.cell, g.lay.plot.y + r * g.cell, g.cell, g.cell };
  return TRUE;
}
