/* seg-chart-frame.c — title, legend, axis titles, plot area and axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-frame"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-frame.h"
#include "seg-chart-text.h"

static double
px (const SegChartStyle *style,
    double               v)
{
  return seg_chart_style_px (style, v);
}

static int
legend_group_of (const SegChartFrame *frame,
                 guint                i)
{
  return frame->legend_groups != NULL ? frame->legend_groups[i] : (int) i;
}

/* Flows legend entries left to right in rows under the titles; returns the
 * height used. */
static double
layout_legend (SegChartLayout      *lay,
               const SegChartFrame *frame,
               const SegChartStyle *style,
               double               top)
{
  double line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  double swatch = line_h * 0.7, gap = px (style, 6), item_gap = px (style, 18);
  double x0 = lay->margin, x_max = lay->width - lay->margin;
  double x = x0, y = top, max_label = MAX (x_max - x0 - swatch - gap, px (style, 60));
  guint rows = 1, max_rows = lay->height < px (style, 320) ? 1 : 3;

  lay->n_legend = 0;
  lay->legend_hidden = 0;
  for (guint i = 0; i < frame->n_legend && frame->legend != NULL; i++)
    {
      double w = MIN (seg_chart_text_width (style, SEG_TEXT_BODY, frame->legend[i]), max_label);
      double item_w = swatch + gap + w;

      if (x > x0 && x + item_w > x_max)
        {
          if (rows == max_rows || lay->n_legend == SEG_CHART_MAX_LEGEND)
            {
              lay->legend_hidden = frame->n_legend - i;
              break;
            }
          rows++;
          x = x0;
          y += line_h + px (style, 4);
        }
      if (lay->n_legend == SEG_CHART_MAX_LEGEND)
        {
          lay->legend_hidden = frame->n_legend - i;
          break;
        }
      lay->legend_rects[lay->n_legend] = (SegRect) { x, y, MIN (item_w, x_max - x), line_h };
      lay->legend_group[lay->n_legend] = legend_group_of (frame, i);
      lay->legend_entry[lay->n_legend] = (int) i;
      lay->n_legend++;
      x += item_w + item_gap;
    }
  if (lay->legend_hidden > 0)
    {
      /* Room for "+N more" at the end of the last row, replacing entries. */
      double more_w = seg_chart_text_width (style, SEG_TEXT_SMALL, "+000 more") + gap;
      while (lay->n_legend > 1 &&
             lay->legend_rects[lay->n_legend - 1].x + lay->legend_rects[lay->n_legend - 1].width
             + item_gap + more_w > x_max)
        {
          lay->n_legend--;
          lay->legend_hidden++;
        }
      lay->legend_more = (SegRect) { lay->n_legend > 0 ? lay->legend_rects[lay->n_legend - 1].x
                                     + lay->legend_rects[lay->n_legend - 1].width + item_gap : x0,
                                     y, more_w, line_h };
    }
  return (y + line_h) - top;
}

/* Titles and subtitles wrap rather than lose words: up to this many lines. */
#define HEADING_LINES 3

static double
heading_height (const SegChartStyle *style,
                SegTextRole          role,
                const char          *text,
                double               width)
{
  g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, role, text, width, HEADING_LINES,
                                                             PANGO_ALIGN_LEFT);
  double h;

  seg_chart_text_layout_size (pl, NULL, &h);
  return h;
}

static void
draw_heading (cairo_t             *cr,
              const SegChartStyle *style,
              SegTextRole          role,
              const char          *text,
              double               x,
              double               y,
              double               width,
              SegRgba              color)
{
  g_autoptr(PangoLayout) pl = NULL;

  if (text == NULL || *text == '\0')
    return;
  pl = seg_chart_text_layout_wrapped (style, role, text, width, HEADING_LINES, PANGO_ALIGN_LEFT);
  seg_chart_text_draw_layout (cr, pl, x, y, 0, 0, 0, color);
}

void
seg_chart_layout_frame (SegChartLayout      *lay,
                        const SegChartFrame *frame,
                        const SegChartStyle *style,
                        double               width,
                        double               height)
{
  double y, left, bottom;
  gboolean compact;

  g_return_if_fail (lay != NULL && frame != NULL && style != NULL);

  memset (lay, 0, sizeof *lay);
  lay->width = width;
  lay->height = height;
  compact = MIN (width, height) < px (style, 260);
  lay->margin = compact ? px (style, 10) : px (style, 20);
  y = lay->margin;
  lay->title_y = y;
  if (frame->title != NULL && *frame->title != '\0')
    y += heading_height (style, SEG_TEXT_TITLE, frame->title, width - 2 * lay->margin);
  lay->subtitle_y = y + px (style, 2);
  if (frame->subtitle != NULL && *frame->subtitle != '\0')
    y = lay->subtitle_y + heading_height (style, SEG_TEXT_SUBTITLE, frame->subtitle,
                                          width - 2 * lay->margin);
  if (y > lay->margin)
    y += compact ? px (style, 6) : px (style, 12);
  if (frame->n_legend > 0)
    y += layout_legend (lay, frame, style, y) + px (style, compact ? 6 : 10);
  left = lay->margin;
  if (frame->y_label != NULL && *frame->y_label != '\0')
    left += seg_chart_text_line_height (style, SEG_TEXT_AXIS_TITLE) + px (style, 6);
  bottom = height - lay->margin;
  if (frame->x_label != NULL && *frame->x_label != '\0')
    bottom -= seg_chart_text_line_height (style, SEG_TEXT_AXIS_TITLE) + px (style, 6);
  /* Keep a small top padding so the first tick label is not clipped. */
  y += seg_chart_text_line_height (style, SEG_TEXT_BODY) * 0.5;
  lay->inner = (SegRect) { left, y, MAX (width - lay->margin - left, 1.0), MAX (bottom - y, 1.0) };
  lay->plot = lay->inner;
  lay->y_label_x = lay->margin;
}

static void
draw_legend_mark (cairo_t             *cr,
                  const SegChartStyle *style,
                  SegLegendMark        mark,
                  SegRgba              color,
                  double               x,
                  double               cy,
                  double               size)
{
  seg_chart_text_set_color (cr, color);
  switch (mark)
    {
    case SEG_LEGEND_CIRCLE:
      cairo_arc (cr, x + size / 2, cy, size / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case SEG_LEGEND_LINE:
      cairo_set_line_width (cr, px (style, 2.5));
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + size, cy);
      cairo_stroke (cr);
      break;
    case SEG_LEGEND_SQUARE:
    default:
      cairo_rectangle (cr, x, cy - size / 2, size, size);
      cairo_fill (cr);
      break;
    }
}

static void
draw_legend (cairo_t              *cr,
             const SegChartLayout *lay,
             const SegChartFrame  *frame,
             const SegChartStyle  *style)
{
  double line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  double swatch = line_h * 0.7, gap = px (style, 6);

  for (guint i = 0; i < lay->n_legend; i++)
    {
      const SegRect *r = &lay->legend_rects[i];
      int group = lay->legend_group[i];
      gboolean faded = seg_chart_style_is_faded (style, group);
      SegRgba text = faded ? seg_rgba_mix (style->foreground, style->background, 0.55)
                           : style->foreground;

      draw_legend_mark (cr, style, frame->legend_mark, seg_chart_style_series_color (style, group),
                        r->x, r->y + r->height / 2, swatch);
      seg_chart_text_draw (cr, style, SEG_TEXT_BODY, frame->legend[lay->legend_entry[i]],
                           r->x + swatch + gap, r->y, 0, 0, r->width - swatch - gap, text);
    }
  if (lay->legend_hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (_("+%u more"), lay->legend_hidden);
      seg_chart_text_draw (cr, style, SEG_TEXT_SMALL, more, lay->legend_more.x,
                           lay->legend_more.y + lay->legend_more.height / 2, 0, 0.5, -1, style->muted);
    }
}

void
seg_chart_frame_draw (cairo_t              *cr,
                      const SegChartLayout *lay,
                      const SegChartFrame  *frame,
                      const SegChartStyle  *style)
{
  double text_w = lay->width - 2 * lay->margin;

  g_return_if_fail (cr != NULL && lay != NULL && frame != NULL && style != NULL);

  if (style->draw_background)
    {
      seg_chart_text_set_color (cr, style->background);
      cairo_rectangle (cr, 0, 0, lay->width, lay->height);
      cairo_fill (cr);
    }
  draw_heading (cr, style, SEG_TEXT_TITLE, frame->title, lay->margin, lay->title_y,
                text_w, style->foreground);
  draw_heading (cr, style, SEG_TEXT_SUBTITLE, frame->subtitle, lay->margin, lay->subtitle_y,
                text_w, style->muted);
  draw_legend (cr, lay, frame, style);
  if (frame->x_label != NULL && *frame->x_label != '\0')
    seg_chart_text_draw (cr, style, SEG_TEXT_AXIS_TITLE, frame->x_label,
                         lay->plot.x + lay->plot.width / 2, lay->height - lay->margin,
                         0.5, 1, lay->plot.width, style->muted);
  if (frame->y_label != NULL && *frame->y_label != '\0')
    {
      g_autoptr(PangoLayout) pl = seg_chart_text_layout (style, SEG_TEXT_AXIS_TITLE, frame->y_label,
                                                         lay->plot.height);
      seg_chart_text_draw_layout (cr, pl, lay->y_label_x, lay->plot.y + lay->plot.height / 2,
                                  0.5, 0, -G_PI / 2, style->muted);
    }
}

gboolean
seg_chart_layout_hit_legend (const SegChartLayout *lay,
                             const SegChartFrame  *frame,
                             double                x,
                             double                y,
                             SegChartHit          *hit)
{
  g_return_val_if_fail (lay != NULL && frame != NULL && hit != NULL, FALSE);

  for (guint i = 0; i < lay->n_legend; i++)
    {
      const SegRect *r = &lay->legend_rects[i];
      if (seg_rect_contains (r, x, y))
        {
          seg_chart_hit_set (hit, SEG_CHART_HIT_LEGEND, lay->legend_entry[i], lay->legend_group[i],
                             r->x + r->width / 2, r->y + r->height,
                             g_strdup (frame->legend[lay->legend_entry[i]]));
          return TRUE;
        }
    }
  return FALSE;
}

void
seg_chart_frame_draw_empty (cairo_t              *cr,
                            const SegChartLayout *lay,
                            const SegChartStyle  *style,
                            const char           *message)
{
  seg_chart_text_draw (cr, style, SEG_TEXT_BODY, message != NULL ? message : _("No data"),
                       lay->inner.x + lay->inner.width / 2, lay->inner.y + lay->inner.height / 2,
                       0.5, 0.5, lay->inner.width, style->muted);
}

guint
seg_chart_frame_target_ticks (const SegChartStyle *style,
                              double               length,
                              gboolean             vertical)
{
  double spacing = px (style, vertical ? 48 : 90);
  return (guint) CLAMP (length / spacing + 1, 2, 10);
}

double
seg_chart_frame_tick_gap (const SegChartStyle *style)
{
  return px (style, 8);
}

double
seg_chart_frame_tick_labels_width (const SegAxis         *axis,
                                   const SegNumberFormat *fmt,
                                   const SegChartStyle   *style)
{
  double w = 0;

  for (guint i = 0; i < axis->n_ticks; i++)
    {
      g_autofree char *s = seg_number_format_tick (fmt, axis->ticks[i], axis->step);
      w = MAX (w, seg_chart_text_width (style, SEG_TEXT_BODY, s));
    }
  return w;
}

static void
draw_vertical_ticks (cairo_t               *cr,
                     const SegRect         *plot,
                     const SegAxis         *axis,
                     const SegNumberFormat *fmt,
                     const SegChartStyle   *style)
{
  double gap = seg_chart_frame_tick_gap (style);

  for (guint i = 0; i < axis->n_ticks; i++)
    {
      double y = seg_axis_map (axis, axis->ticks[i], plot->y + plot->height, plot->y);
      g_autofree char *s = seg_number_format_tick (fmt, axis->ticks[i], axis->step);

      if (!isfinite (y))
        continue;
      seg_chart_text_set_color (cr, axis->ticks[i] == 0 && axis->min < 0 ? style->axis : style->grid);
      cairo_move_to (cr, plot->x, round (y) + 0.5);
      cairo_line_to (cr, plot->x + plot->width, round (y) + 0.5);
      cairo_stroke (cr);
      seg_chart_text_draw (cr, style, SEG_TEXT_BODY, s, plot->x - gap, y, 1, 0.5, -1, style->muted);
    }
}

static void
draw_horizontal_ticks (cairo_t               *cr,
                       const SegRect         *plot,
                       const SegAxis         *axis,
                       const SegNumberFormat *fmt,
                       const SegChartStyle   *style)
{
  double gap = seg_chart_frame_tick_gap (style) * 0.6, last_right = -G_MAXDOUBLE;

  for (guint i = 0; i < axis->n_ticks; i++)
    {
      double x = seg_axis_map (axis, axis->ticks[i], plot->x, plot->x + plot->width);
      g_autofree char *s = seg_number_format_tick (fmt, axis->ticks[i], axis->step);
      double w;

      if (!isfinite (x))
        continue;
      seg_chart_text_set_color (cr, axis->ticks[i] == 0 && axis->min < 0 ? style->axis : style->grid);
      cairo_move_to (cr, round (x) + 0.5, plot->y);
      cairo_line_to (cr, round (x) + 0.5, plot->y + plot->height);
      cairo_stroke (cr);
      /* Thin labels that would touch their left neighbour. */
      w = seg_chart_text_width (style, SEG_TEXT_BODY, s);
      if (x - w / 2 < last_right + px (style, 8))
        continue;
      seg_chart_text_draw (cr, style, SEG_TEXT_BODY, s, x, plot->y + plot->height + gap,
                           0.5, 0, -1, style->muted);
      last_right = x + w / 2;
    }
}

void
seg_chart_frame_draw_value_axis (cairo_t               *cr,
                                 const SegRect         *plot,
                                 const SegAxis         *axis,
                                 const SegNumberFormat *fmt,
                                 const SegChartStyle   *style,
                                 gboolean               vertical)
{
  g_return_if_fail (cr != NULL && plot != NULL && axis != NULL && style != NULL);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  if (vertical)
    draw_vertical_ticks (cr, plot, axis, fmt, style);
  else
    draw_horizontal_ticks (cr, plot, axis, fmt, style);
  cairo_restore (cr);
}

void
seg_chart_frame_fit_categories (const SegChartStyle *style,
                                const char *const   *labels,
                                guint                n,
                                double               slot_width,
                                double               max_extent,
                                SegCategoryFit      *fit)
{
  double line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
  double gap = px (style, 6), widest = 0;
  double s45 = sin (G_PI / 4);

  g_return_if_fail (fit != NULL);

  for (guint i = 0; i < n && labels != NULL; i++)
    widest = MAX (widest, seg_chart_text_width (style, SEG_TEXT_BODY, labels[i]));
  fit->angle = 0;
  fit->every = 1;
  fit->lines = 1;
  fit->extent = line_h + seg_chart_frame_tick_gap (style) * 0.6;
  fit->max_width = slot_width - gap;
  if (widest <= slot_width - gap)
    return;
  /* Upright on up to three lines when every word fits the slot. */
  {
    int lines = 1;
    gboolean too_wide = FALSE;

    for (guint i = 0; i < n && labels != NULL && !too_wide; i++)
      {
        gboolean w = FALSE;
        lines = MAX (lines, seg_chart_text_count_lines (style, SEG_TEXT_BODY, labels[i], slot_width - gap, &w));
        too_wide |= w;
      }
    if (!too_wide && lines <= 3 && lines * line_h <= MAX (max_extent, line_h))
      {
        fit->lines = lines;
        fit->extent = lines * line_h + seg_chart_frame_tick_gap (style) * 0.6;
        return;
      }
    if (slot_width - gap >= px (style, 88))
      {
        /* wide slots: wrap anyway, ellipsizing only a single giant word */
        fit->lines = MIN (lines, 3);
        fit->extent = fit->lines * line_h + seg_chart_frame_tick_gap (style) * 0.6;
        return;
      }
  }
  /* Rotated by 45°: on one line when the room below the plot takes the
   * longest label whole, else on two; thin when even rotated labels would
   * overlap. */
  fit->angle = -G_PI / 4;
  if (widest <= (max_extent - line_h * s45) / s45)
    fit->max_width = widest;
  else
    fit->max_width = MIN (widest, MAX ((max_extent - 2 * line_h * s45) / s45, px (style, 40)));
  for (guint i = 0; i < n && labels != NULL; i++)
    if (seg_chart_text_width (style, SEG_TEXT_BODY, labels[i]) > fit->max_width)
      fit->lines = 2;
  fit->extent = (fit->max_width + fit->lines * line_h) * s45 + seg_chart_frame_tick_gap (style) * 0.6;
  if (slot_width * s45 < line_h * 1.05)
    fit->every = (guint) ceil (line_h * 1.05 / MAX (slot_width * s45, 0.01));
}

void
seg_chart_frame_draw_categories (cairo_t              *cr,
                                 const SegChartStyle  *style,
                                 const SegRect        *plot,
                                 const char *const    *labels,
                                 guint                 n,
                                 const SegCategoryFit *fit)
{
  double slot, top = plot->y + plot->height + seg_chart_frame_tick_gap (style) * 0.6;

  g_return_if_fail (cr != NULL && plot != NULL && fit != NULL);

  if (n == 0 || labels == NULL)
    return;
  slot = plot->width / n;
  for (guint i = 0; i < n; i += MAX (fit->every, 1u))
    {
      double cx = plot->x + slot * (i + 0.5);
      g_autoptr(PangoLayout) pl = seg_chart_text_layout_wrapped (style, SEG_TEXT_BODY, labels[i],
                                                                 MAX (fit->max_width, 1.0), MAX (fit->lines, 1),
                                                                 fit->angle == 0 ? PANGO_ALIGN_CENTER
                                                                           : PANGO_ALIGN_RIGHT);
      if (fit->angle == 0)
        seg_chart_text_draw_layout (cr, pl, cx, top, 0.5, 0, 0, style->foreground);
      else
        seg_chart_text_draw_layout (cr, pl, cx, top, 1, 0.5, fit->angle, style->foreground);
    }
}

void
seg_chart_layout_plot_with_categories (SegChartLayout      *lay,
                                       const SegChartStyle *style,
                                       const char *const   *labels,
                                       guint                n,
                                       double               left_used,
                                       SegCategoryFit      *fit)
{
  SegRect *p = &lay->plot;
  double max_extent = lay->inner.height * 0.35;

  g_return_if_fail (lay != NULL && fit != NULL);

  p->x = lay->inner.x + left_used;
  p->width = MAX (lay->inner.width - left_used, 1.0);
  seg_chart_frame_fit_categories (style, labels, n, p->width / MAX (n, 1u), max_extent, fit);
  if (fit->angle != 0 && n > 0)
    {
      /* The first rotated label reaches left of its slot: make room. */
      double line_h = seg_chart_text_line_height (style, SEG_TEXT_BODY);
      double reach = (fit->max_width + fit->lines * line_h) * cos (G_PI / 4) - p->width / n / 2;
      double avail = p->x - lay->margin * 0.5;
      if (reach > avail)
        {
          double shift = MIN (reach - avail, p->width * 0.3);
          p->x += shift;
          p->width -= shift;
          seg_chart_frame_fit_categories (style, labels, n, p->width / n, max_extent, fit);
        }
    }
  p->y = lay->inner.y;
  p->height = MAX (lay->inner.height - fit->extent, 1.0);
}
