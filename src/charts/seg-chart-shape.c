/* seg-chart-shape.c — marks shared by the charts (bars, markers, arrows)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-shape"

#include "config.h"

#include <math.h>

#include "seg-chart-shape.h"
#include "seg-chart-text.h"

void
seg_chart_shape_bar (cairo_t       *cr,
                     const SegRect *r,
                     double         radius,
                     SegShapeEnd    end)
{
  double x0 = r->x, y0 = r->y, x1 = r->x + r->width, y1 = r->y + r->height;
  double rad = MIN (radius, MIN (r->width, r->height) / 2);

  cairo_new_path (cr);
  if (rad <= 0.5)
    {
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      return;
    }
  switch (end)
    {
    case SEG_SHAPE_END_TOP:
      cairo_move_to (cr, x0, y1);
      cairo_arc (cr, x0 + rad, y0 + rad, rad, G_PI, 1.5 * G_PI);
      cairo_arc (cr, x1 - rad, y0 + rad, rad, 1.5 * G_PI, 2 * G_PI);
      cairo_line_to (cr, x1, y1);
      break;
    case SEG_SHAPE_END_BOTTOM:
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y0);
      cairo_arc (cr, x1 - rad, y1 - rad, rad, 0, 0.5 * G_PI);
      cairo_arc (cr, x0 + rad, y1 - rad, rad, 0.5 * G_PI, G_PI);
      break;
    case SEG_SHAPE_END_RIGHT:
      cairo_move_to (cr, x0, y0);
      cairo_arc (cr, x1 - rad, y0 + rad, rad, 1.5 * G_PI, 2 * G_PI);
      cairo_arc (cr, x1 - rad, y1 - rad, rad, 0, 0.5 * G_PI);
      cairo_line_to (cr, x0, y1);
      break;
    case SEG_SHAPE_END_LEFT:
    default:
      cairo_move_to (cr, x1, y0);
      cairo_line_to (cr, x1, y1);
      cairo_arc (cr, x0 + rad, y1 - rad, rad, 0.5 * G_PI, G_PI);
      cairo_arc (cr, x0 + rad, y0 + rad, rad, G_PI, 1.5 * G_PI);
      break;
    }
  cairo_close_path (cr);
}

void
seg_chart_shape_baseline (cairo_t             *cr,
                          const SegRect       *plot,
                          const SegAxis       *axis,
                          const SegChartStyle *style,
                          gboolean             vertical_values)
{
  double p;

  if (!(axis->min <= 0 && axis->max >= 0))
    return;
  cairo_save (cr);
  seg_chart_text_set_color (cr, style->axis);
  cairo_set_line_width (cr, 1.0);
  if (vertical_values)
    {
      p = round (seg_axis_map (axis, 0, plot->y + plot->height, plot->y)) + 0.5;
      cairo_move_to (cr, plot->x, p);
      cairo_line_to (cr, plot->x + plot->width, p);
    }
  else
    {
      p = round (seg_axis_map (axis, 0, plot->x, plot->x + plot->width)) + 0.5;
      cairo_move_to (cr, p, plot->y);
      cairo_line_to (cr, p, plot->y + plot->height);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
seg_chart_shape_diamond (cairo_t *cr,
                         double   x,
                         double   y,
                         double   r)
{
  cairo_new_sub_path (cr);
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

void
seg_chart_shape_arrow (cairo_t *cr,
                       double   x0,
                       double   y0,
                       double   x1,
                       double   y1,
                       double   head)
{
  double a = atan2 (y1 - y0, x1 - x0);
  double len = hypot (x1 - x0, y1 - y0);

  if (len < 1e-9)
    return;
  head = MIN (head, len * 0.5);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1 - cos (a) * head * 0.6, y1 - sin (a) * head * 0.6);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - head * cos (a - 0.4), y1 - head * sin (a - 0.4));
  cairo_line_to (cr, x1 - head * cos (a + 0.4), y1 - head * sin (a + 0.4));
  cairo_close_path (cr);
  cairo_fill (cr);
}
