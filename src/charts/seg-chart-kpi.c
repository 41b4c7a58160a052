/* seg-chart-kpi.c — KPI cards: value, label, delta
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-kpi"

#include "config.h"

#include <math.h>

#include "seg-chart-kpi.h"
#include "seg-chart-text.h"

#define UP_ARROW "\xe2\x96\xb2"    /* ▲ */
#define DOWN_ARROW "\xe2\x96\xbc"  /* ▼ */

static void
rounded_rect (cairo_t       *cr,
              const SegRect *r,
              double         rad)
{
  rad = MIN (rad, MIN (r->width, r->height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - rad, r->y + rad, rad, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - rad, r->y + r->height - rad, rad, 0, G_PI / 2);
  cairo_arc (cr, r->x + rad, r->y + r->height - rad, rad, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + rad, r->y + rad, rad, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

static char *
delta_text (const SegKpi *kpi)
{
  g_autofree char *num = seg_number_format (&kpi->delta_format, fabs (kpi->delta));

  if (kpi->delta == 0)
    return g_strdup_printf ("± %s", num);
  return g_strdup_printf ("%s %s", kpi->delta > 0 ? UP_ARROW : DOWN_ARROW, num);
}

/* The big value, shrunk (never below half size) to fit the card. */
static void
draw_value (cairo_t             *cr,
            const SegChartStyle *style,
            const char          *text,
            double               x,
            double               y,
            double               max_w)
{
  g_autoptr(PangoLayout) pl = seg_chart_text_layout (style, SEG_TEXT_KPI_VALUE, text, -1);
  double w, h, s;

  seg_chart_text_layout_size (pl, &w, &h);
  s = w > max_w && w > 0 ? MAX (max_w / w, 0.5) : 1.0;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, s, s);
  if (w * s > max_w)
    pango_layout_set_width (pl, (int) (max_w / s * PANGO_SCALE)),
    pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
  seg_chart_text_draw_layout (cr, pl, 0, 0, 0, 0, 0, style->foreground);
  cairo_restore (cr);
}

static void
draw_card (cairo_t             *cr,
           const SegRect       *r,
           const SegKpi        *kpi,
           const SegChartStyle *style)
{
  double pad = MIN (seg_chart_style_px (style, 16), r->width * 0.08);
  double label_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  double value_h = seg_chart_text_line_height (style, SEG_TEXT_KPI_VALUE);
  double content_h = label_h * 2 + value_h + seg_chart_style_px (style, 6);
  double x = r->x + pad, w = r->width - 2 * pad;
  double y = r->y + MAX (pad, (r->height - content_h) / 2);
  g_autofree char *value = seg_number_format (&kpi->format, kpi->value);

  rounded_rect (cr, r, seg_chart_style_px (style, 10));
  seg_chart_text_set_color (cr, seg_rgba_mix (style->background, style->foreground, 0.04));
  cairo_fill_preserve (cr);
  seg_chart_text_set_color (cr, seg_rgba_mix (style->background, style->foreground, 0.12));
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  seg_chart_text_draw (cr, style, SEG_TEXT_BODY, kpi->label, x, y, 0, 0, w, style->muted);
  y += label_h + seg_chart_style_px (style, 4);
  if (y + value_h * 0.6 > r->y + r->height)
    return;
  draw_value (cr, style, value, x, y, w);
  y += value_h + seg_chart_style_px (style, 2);
  if (isfinite (kpi->delta) && y + label_h <= r->y + r->height - pad * 0.5)
    {
      g_autofree char *d = delta_text (kpi);
      gboolean good = kpi->lower_is_better ? kpi->delta < 0 : kpi->delta > 0;
      double dw = seg_chart_text_draw (cr, style, SEG_TEXT_BOLD, d, x, y, 0, 0, w,
                                       kpi->delta == 0 ? style->muted : good ? style->positive : style->negative);
      if (kpi->caption != NULL)
        seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, kpi->caption, x + dw + seg_chart_style_px (style, 6),
                             y + label_h / 2, 0, 0.5, w - dw - seg_chart_style_px (style, 6), style->muted);
    }
  else if (kpi->caption != NULL && y + label_h <= r->y + r->height - pad * 0.5)
    {
      /* the note wraps onto the lines the card has left */
      double small_h = seg_chart_text_line_height (style, SEG_TEXT_SMALL);
      int lines = CLAMP ((int) ((r->y + r->height - pad * 0.5 - y) / small_h), 1, 4);
      g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, SEG_TEXT_SMALL, kpi->caption, w, lines,
                                                                 PANGO_ALIGN_LEFT);
      seg_chart_text_draw_layout (cr, pl, x, y, 0, 0, 0, style->muted);
    }
}

double
seg_chart_kpi_natural_height (const SegChartStyle *style,
                              double               width)
{
  double pad, label_h, value_h, small_h;

  g_return_val_if_fail (style != NULL, 0);

  pad = MIN (seg_chart_style_px (style, 16), width * 0.08);
  label_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  value_h = seg_chart_text_line_height (style, SEG_TEXT_KPI_VALUE);
  small_h = seg_chart_text_line_height (style, SEG_TEXT_SMALL);
  /* as draw_card () lays it out: the label, the value, two lines of note
   * and the padding; half a line more, as the content is centred */
  return ceil (pad + label_h + seg_chart_style_px (style, 4) + value_h + seg_chart_style_px (style, 2) +
               2 * small_h + pad * 0.5 + label_h * 0.5);
}

void
seg_chart_kpi_draw_card (cairo_t             *cr,
                         double               width,
                         double               height,
                         const SegKpi        *kpi,
                         const SegChartStyle *style)
{
  SegRect r = { 0.5, 0.5, width - 1, height - 1 };

  g_return_if_fail (cr != NULL && kpi != NULL && style != NULL);

  cairo_save (cr);
  if (style->draw_background)
    {
      seg_chart_text_set_color (cr, style->background);
      cairo_paint (cr);
    }
  draw_card (cr, &r, kpi, style);
  cairo_restore (cr);
}
