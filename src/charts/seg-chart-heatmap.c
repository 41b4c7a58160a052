/* seg-chart-heatmap.c — cluster profile heat map and the RFM R×F grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-heatmap"

#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-chart-frame.h"
#include "seg-chart-heatmap.h"
#include "seg-chart-text.h"

typedef struct
{
  SegChartFrame  frame;
  SegChartLayout lay;
  SegCategoryFit fit;
  double         label_w;
  double         cell_w, cell_h;
  double         key_w;       /* colour key at the right */
  gboolean       cell_labels; /* every cell's text fits, so all are drawn */
} HeatGeom;

static double
heat_limit (const SegHeatData *data)
{
  double m = 0;
  gsize n = (gsize) data->n_rows * data->n_cols;

  if (data->limit > 0 && isfinite (data->limit))
    return data->limit;
  for (gsize i = 0; i < n; i++)
    if (isfinite (data->values[i]))
      m = MAX (m, data->scale == SEG_HEAT_DIVERGING ? fabs (data->values[i]) : data->values[i]);
  return m > 0 ? m : 1.0;
}

SegRgba
seg_chart_heatmap_color (const SegHeatData   *data,
                         const SegChartStyle *style,
                         double               v)
{
  double lim = heat_limit (data);

  if (!isfinite (v))
    return seg_rgba_mix (style->background, style->foreground, 0.06);
  if (data->scale == SEG_HEAT_DIVERGING)
    return seg_chart_style_diverging (style, v / lim);
  return seg_chart_style_sequential (style, v / lim);
}

/* Labels in all cells or in none: a grid with gaps reads as missing data. */
static gboolean
cells_fit (const HeatGeom      *g,
           const SegHeatData   *data,
           const SegChartStyle *style)
{
  double room = g->cell_w - seg_chart_style_px (style, 3) - 4;
  gsize n = (gsize) data->n_rows * data->n_cols;

  if (g->cell_h - seg_chart_style_px (style, 3) < seg_chart_text_line_height (style, SEG_TEXT_BOLD))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *s = data->cell_text != NULL && data->cell_text[i] != NULL
                           ? g_strdup (data->cell_text[i])
                           : seg_number_format (&data->format, data->values[i]);
      if (seg_chart_text_width (style, SEG_TEXT_BOLD, s) > room)
        return FALSE;
    }
  return TRUE;
}

static void
heat_layout (HeatGeom            *g,
             double               width,
             double               height,
             const SegHeatData   *data,
             const SegChartStyle *style)
{
  SegRect *p = &g->lay.plot;
  double gap = seg_chart_frame_tick_gap (style);

  memset (g, 0, sizeof *g);
  g->frame = (SegChartFrame) { data->title, data->subtitle, data->x_label, data->y_label,
                               0, NULL, NULL, 0 };
  seg_chart_layout_frame (&g->lay, &g->frame, style, width, height);
  for (guint r = 0; r < data->n_rows && data->row_labels != NULL; r++)
    g->label_w = MAX (g->label_w, seg_chart_text_width (style, SEG_TEXT_BODY, data->row_labels[r]));
  g->label_w = MIN (g->label_w, g->lay.inner.width * 0.4);
  g->key_w = g->lay.inner.width > seg_chart_style_px (style, 360) ? seg_chart_style_px (style, 64) : 0;
  {
    /* The colour key sits to the right; the categories use the rest. */
    SegRect saved = g->lay.inner;
    g->lay.inner.width -= g->key_w;
    seg_chart_layout_plot_with_categories (&g->lay, style, data->col_labels, data->n_cols,
                                           g->label_w + gap, &g->fit);
    g->lay.inner = saved;
  }
  g->cell_w = p->width / MAX (data->n_cols, 1u);
  g->cell_h = p->height / MAX (data->n_rows, 1u);
  g->cell_labels = cells_fit (g, data, style);
}

static void
draw_cell_text (cairo_t             *cr,
                const HeatGeom      *g,
                const SegHeatData   *data,
                const SegChartStyle *style,
                guint                idx,
                const SegRect       *cell,
                SegRgba              fill)
{
  double lh = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  double lh2 = seg_chart_text_line_height (style, SEG_TEXT_SMALL);
  gboolean two = data->secondary != NULL && cell->height >= lh + lh2 + seg_chart_style_px (style, 4);
  g_autofree char *first = data->cell_text != NULL && data->cell_text[idx] != NULL
                           ? g_strdup (data->cell_text[idx])
                           : seg_number_format (&data->format, data->values[idx]);
  SegRgba ink = seg_rgba_text_on (fill);
  double cy = cell->y + cell->height / 2;

  if (!g->cell_labels || *first == '\0')
    return;   /* an empty text: an empty cell */
  seg_chart_text_draw (cr, style, SEG_TEXT_BOLD, first, cell->x + cell->width / 2,
                       two ? cy - (lh + lh2) / 2 : cy, 0.5, two ? 0 : 0.5, cell->width - 4, ink);
  if (two)
    {
      g_autofree char *second = seg_number_format (&data->secondary_format, data->secondary[idx]);
      seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, second, cell->x + cell->width / 2,
                           cy - (lh + lh2) / 2 + lh, 0.5, 0, cell->width - 4, seg_rgba_mix (ink, fill, 0.2));
    }
}

static void
draw_key (cairo_t             *cr,
          const HeatGeom      *g,
          const SegHeatData   *data,
          const SegChartStyle *style)
{
  const SegRect *p = &g->lay.plot;
  double lim = heat_limit (data), bar_w = seg_chart_style_px (style, 12);
  double x = p->x + p->width + seg_chart_style_px (style, 14), h = MIN (p->height, seg_chart_style_px (style, 220));
  double y0 = p->y + (p->height - h) / 2, lo = data->scale == SEG_HEAT_DIVERGING ? -lim : 0;
  g_autofree char *top = seg_number_format (&data->format, lim);
  g_autofree char *bottom = seg_number_format (&data->format, lo);

  if (g->key_w <= 0)
    return;
  for (int i = 0; i < 64; i++)
    {
      double v = lim - (lim - lo) * (i + 0.5) / 64;
      seg_chart_text_set_color (cr, seg_chart_heatmap_color (data, style, v));
      cairo_rectangle (cr, x, y0 + h * i / 64, bar_w, h / 64 + 0.5);
      cairo_fill (cr);
    }
  seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, top, x + bar_w + 4, y0, 0, 0, -1, style->muted);
  seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, bottom, x + bar_w + 4, y0 + h, 0, 1, -1, style->muted);
  if (data->scale_label != NULL)
    seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, data->scale_label, x, y0 - 4, 0, 1,
                         g->key_w, style->muted);
}

void
seg_chart_heatmap_draw (cairo_t             *cr,
                        double               width,
                        double               height,
                        const SegHeatData   *data,
                        const SegChartStyle *style)
{
  HeatGeom g;
  double pad = seg_chart_style_px (style, 1.5);

  g_return_if_fail (cr != NULL && data != NULL && style != NULL);
  g_return_if_fail (data->n_rows * data->n_cols == 0 || data->values != NULL);

  heat_layout (&g, width, height, data, style);
  cairo_save (cr);
  seg_chart_frame_draw (cr, &g.lay, &g.frame, style);
  if (data->n_rows == 0 || data->n_cols == 0)
    {
      seg_chart_frame_draw_empty (cr, &g.lay, style, NULL);
      cairo_restore (cr);
      return;
    }
  for (guint r = 0; r < data->n_rows; r++)
    {
      gboolean faded = data->row_groups != NULL && seg_chart_style_is_faded (style, data->row_groups[r]);
      for (guint c = 0; c < data->n_cols; c++)
        {
          guint idx = r * data->n_cols + c;
          SegRect cell = { g.lay.plot.x + c * g.cell_w + pad, g.lay.plot.y + r * g.cell_h + pad,
                           g.cell_w - 2 * pad, g.cell_h - 2 * pad };
          SegRgba fill = seg_chart_heatmap_color (data, style, data->values[idx]);
          if (faded)
            fill = seg_rgba_mix (fill, style->background, style->fade);
          seg_chart_text_set_color (cr, fill);
          cairo_rectangle (cr, cell.x, cell.y, MAX (cell.width, 0.5), MAX (cell.height, 0.5));
          cairo_fill (cr);
          if (!faded)
            draw_cell_text (cr, &g, data, style, idx, &cell, fill);
        }
      if (data->row_labels != NULL && g.cell_h >= seg_chart_text_line_height (style, SEG_TEXT_BODY) * 0.8)
        {
          int lines = CLAMP ((int) (g.cell_h * 0.95 / seg_chart_text_line_height (style, SEG_TEXT_BODY)), 1, 3);
          g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, SEG_TEXT_BODY, data->row_labels[r],
                                                                     g.label_w, lines, PANGO_ALIGN_RIGHT);
          seg_chart_text_draw_layout (cr, pl, g.lay.plot.x - seg_chart_frame_tick_gap (style),
                                      g.lay.plot.y + (r + 0.5) * g.cell_h, 1, 0.5, 0,
                                      faded ? style->muted : style->foreground);
        }
    }
  seg_chart_frame_draw_categories (cr, style, &g.lay.plot, data->col_labels, data->n_cols, &g.fit);
  draw_key (cr, &g, data, style);
  cairo_restore (cr);
}

gboolean
seg_chart_heatmap_hit (double               width,
                       double               height,
                       const SegHeatData   *data,
                       const SegChartStyle *style,
                       double               x,
                       double               y,
                       SegChartHit         *hit)
{
  HeatGeom g;
  guint r, c, idx;
  g_autofree char *v = NULL;
  g_autofree char *second = NULL;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  heat_layout (&g, width, height, data, style);
  if (data->n_rows == 0 || data->n_cols == 0 || !seg_rect_contains (&g.lay.plot, x, y))
    return FALSE;
  r = MIN ((guint) ((y - g.lay.plot.y) / g.cell_h), data->n_rows - 1);
  c = MIN ((guint) ((x - g.lay.plot.x) / g.cell_w), data->n_cols - 1);
  idx = r * data->n_cols + c;
  v = data->cell_text != NULL && data->cell_text[idx] != NULL ? g_strdup (data->cell_text[idx])
                                                              : seg_number_format (&data->format, data->values[idx]);
  if (data->secondary != NULL)
    second = seg_number_format (&data->secondary_format, data->secondary[idx]);
  seg_chart_hit_set (hit, SEG_CHART_HIT_ITEM, (int) idx,
                     data->row_groups != NULL ? data->row_groups[r] : (int) r,
                     g.lay.plot.x + (c + 0.5) * g.cell_w, g.lay.plot.y + (r + 0.5) * g.cell_h,
                     g_strdup_printf ("%s · %s\n%s%s%s",
                                      data->row_labels ? data->row_labels[r] : "",
                                      data->col_labels ? data->col_labels[c] : "",
                                      v, second ? "\n" : "", second ? second : ""));
  hit->row = (int) r;
  hit->col = (int) c;
  return TRUE;
}

/* Item @i for the keyboard (seg-chart-hit.h). */
gboolean
seg_chart_heatmap_item (double               width,
                        double               height,
                        const SegHeatData   *data,
                        const SegChartStyle *style,
                        guint                i,
                        SegChartHit         *hit)
{
  HeatGeom g;
  guint r, c;

  g_return_val_if_fail (data != NULL && style != NULL && hit != NULL, FALSE);

  seg_chart_hit_clear (hit);
  if (i >= data->n_rows * data->n_cols)
    return FALSE;
  heat_layout (&g, width, height, data, style);
  r = i / data->n_cols;
  c = i % data->n_cols;
  if (seg_chart_heatmap_hit (width, height, data, style, g.lay.plot.x + (c + 0.5) * g.cell_w,
                             g.lay.plot.y + (r + 0.5) * g.cell_h, hit))
    hit->area = (SegRect) { g.lay.plot.x + c * g.cell_w, g.lay.plot.y + r * g.cell_h, g.cell_w, g.cell_h };
  return TRUE;
}
