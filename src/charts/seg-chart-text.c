/* seg-chart-text.c — text on charts with pangocairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-text"

#include "config.h"

#include <math.h>

#include "seg-chart-text.h"

/* Pango contexts are not thread-safe; exports may run in a worker. */
static GPrivate context_key = G_PRIVATE_INIT (g_object_unref);

static PangoContext *
thread_context (void)
{
  PangoContext *ctx = g_private_get (&context_key);

  if (ctx == NULL)
    {
      PangoFontMap *map = pango_cairo_font_map_get_default ();
      cairo_font_options_t *opts = cairo_font_options_create ();

      ctx = pango_font_map_create_context (map);
      cairo_font_options_set_hint_metrics (opts, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (opts, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_antialias (opts, CAIRO_ANTIALIAS_GRAY);
      pango_cairo_context_set_font_options (ctx, opts);
      pango_context_set_round_glyph_positions (ctx, FALSE);
      cairo_font_options_destroy (opts);
      g_private_set (&context_key, ctx);
    }
  return ctx;
}

double
seg_chart_text_size (const SegChartStyle *style,
                     SegTextRole          role)
{
  double base = style != NULL && style->font_size > 0 ? style->font_size : 12.0;
  double f = 1.0;

  switch (role)
    {
    case SEG_TEXT_SMALL: f = 0.85; break;
    case SEG_TEXT_TITLE: f = 1.3; break;
    case SEG_TEXT_SUBTITLE: f = 0.95; break;
    case SEG_TEXT_AXIS_TITLE: f = 0.95; break;
    case SEG_TEXT_KPI_VALUE: f = 2.4; break;
    case SEG_TEXT_BODY:
    case SEG_TEXT_BOLD:
    default: f = 1.0; break;
    }
  return seg_chart_style_px (style, base * f);
}

static PangoWeight
role_weight (SegTextRole role)
{
  switch (role)
    {
    case SEG_TEXT_TITLE:
    case SEG_TEXT_KPI_VALUE:
    case SEG_TEXT_BOLD:
      return PANGO_WEIGHT_BOLD;
    default:
      return PANGO_WEIGHT_NORMAL;
    }
}

PangoLayout *
seg_chart_text_layout (const SegChartStyle *style,
                       SegTextRole          role,
                       const char          *text,
                       double               max_width)
{
  PangoLayout *layout = pango_layout_new (thread_context ());
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, style != NULL && style->font_family != NULL
                                           ? style->font_family : "Cantarell, DejaVu Sans");
  pango_font_description_set_weight (desc, role_weight (role));
  pango_font_description_set_absolute_size (desc, seg_chart_text_size (style, role) * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) ceil (MAX (max_width, 1.0) * PANGO_SCALE) + 1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
    }
  return layout;
}

PangoLayout *
seg_chart_text_layout_wrapped (const SegChartStyle *style,
                               SegTextRole          role,
                               const char          *text,
                               double               max_width,
                               int                  max_lines,
                               PangoAlignment       align)
{
  PangoLayout *layout = seg_chart_text_layout (style, role, text, -1);

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) ceil (MAX (max_width, 1.0) * PANGO_SCALE) + 1);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX (max_lines, 1));
      pango_layout_set_alignment (layout, align);
    }
  return layout;
}

int
seg_chart_text_count_lines (const SegChartStyle *style,
                            SegTextRole          role,
                            const char          *text,
                            double               max_width,
                            gboolean            *too_wide)
{
  g_autoptr(PangoLayout) layout = seg_chart_text_layout (style, role, text, -1);
  g_auto(GStrv) words = NULL;

  if (too_wide != NULL)
    {
      *too_wide = FALSE;
      words = g_strsplit_set (text != NULL ? text : "", " \n", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (seg_chart_text_width (style, role, words[i]) > max_width)
          *too_wide = TRUE;
    }
  if (max_width <= 0)
    return 1;
  pango_layout_set_width (layout, (int) ceil (max_width * PANGO_SCALE) + 1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return pango_layout_get_line_count (layout);
}

static gint ellipsized_count;

guint
seg_chart_text_get_ellipsized (void)
{
  return (guint) g_atomic_int_get (&ellipsized_count);
}

void
seg_chart_text_reset_ellipsized (void)
{
  g_atomic_int_set (&ellipsized_count, 0);
}

void
seg_chart_text_layout_size (PangoLayout *layout,
                            double      *width,
                            double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

double
seg_chart_text_width (const SegChartStyle *style,
                      SegTextRole          role,
                      const char          *text)
{
  g_autoptr(PangoLayout) layout = seg_chart_text_layout (style, role, text, -1);
  double w;

  seg_chart_text_layout_size (layout, &w, NULL);
  return w;
}

double
seg_chart_text_line_height (const SegChartStyle *style,
                            SegTextRole          role)
{
  g_autoptr(PangoLayout) layout = seg_chart_text_layout (style, role, "Ag", -1);
  double h;

  seg_chart_text_layout_size (layout, NULL, &h);
  return h;
}

void
seg_chart_text_set_color (cairo_t *cr,
                          SegRgba  color)
{
  cairo_set_source_rgba (cr, color.r, color.g, color.b, color.a);
}

/* Texts drawn shortened on this thread (a running count). */
static GPrivate n_ellipsized;
/* Texts whose ink reached past the clip (the surface or the chart's
 * room) on this thread: a label drawn there is cut by the edge. */
static GPrivate n_outside;

/* Whether the ink of @layout, drawn with its origin at (@ox, @oy) in a
 * frame turned by @angle around (@x, @y), leaves the clip of @cr (in the
 * user space before the turn).  Half a unit of antialiasing is allowed. */
static gboolean
ink_outside_clip (cairo_t     *cr,
                  PangoLayout *layout,
                  double       x,
                  double       y,
                  double       ox,
                  double       oy,
                  double       angle)
{
  PangoRectangle ink;
  double cx1, cy1, cx2, cy2;
  double c = cos (angle), s = sin (angle);
  double xs[2], ys[2];

  pango_layout_get_extents (layout, &ink, NULL);
  if (ink.width <= 0 || ink.height <= 0)
    return FALSE;
  cairo_clip_extents (cr, &cx1, &cy1, &cx2, &cy2);
  if (cx2 <= cx1 || cy2 <= cy1)
    return FALSE;  /* nothing is drawn at all: not a cut label */
  xs[0] = ox + (double) ink.x / PANGO_SCALE;
  xs[1] = xs[0] + (double) ink.width / PANGO_SCALE;
  ys[0] = oy + (double) ink.y / PANGO_SCALE;
  ys[1] = ys[0] + (double) ink.height / PANGO_SCALE;
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      {
        double px = x + xs[i] * c - ys[j] * s;
        double py = y + xs[i] * s + ys[j] * c;

        if (px < cx1 - 0.5 || px > cx2 + 0.5 || py < cy1 - 0.5 || py > cy2 + 0.5)
          return TRUE;
      }
  return FALSE;
}

void
seg_chart_text_draw_layout (cairo_t     *cr,
                            PangoLayout *layout,
                            double       x,
                            double       y,
                            double       xalign,
                            double       yalign,
                            double       angle,
                            SegRgba      color)
{
  PangoRectangle logical;
  double w, h, ox, oy;

  g_return_if_fail (cr != NULL && layout != NULL);

  if (pango_layout_is_ellipsized (layout))
    g_atomic_int_inc (&ellipsized_count);
  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  ox = -w * xalign - (double) logical.x / PANGO_SCALE;
  oy = -h * yalign;
  if (ink_outside_clip (cr, layout, x, y, ox, oy, angle))
    g_private_set (&n_outside, GUINT_TO_POINTER (seg_chart_text_get_n_outside () + 1));
  cairo_save (cr);
  cairo_translate (cr, x, y);
  if (angle != 0)
    cairo_rotate (cr, angle);
  cairo_move_to (cr, ox, oy);
  seg_chart_text_set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  if (pango_layout_is_ellipsized (layout))
    g_private_set (&n_ellipsized, GUINT_TO_POINTER (seg_chart_text_get_n_ellipsized () + 1));
}

guint
seg_chart_text_get_n_ellipsized (void)
{
  return GPOINTER_TO_UINT (g_private_get (&n_ellipsized));
}

guint
seg_chart_text_get_n_outside (void)
{
  return GPOINTER_TO_UINT (g_private_get (&n_outside));
}

double
seg_chart_text_draw (cairo_t             *cr,
                     const SegChartStyle *style,
                     SegTextRole          role,
                     const char          *text,
                     double               x,
                     double               y,
                     double               xalign,
                     double               yalign,
                     double               max_width,
                     SegRgba              color)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w;

  if (text == NULL || *text == '\0')
    return 0;
  layout = seg_chart_text_layout (style, role, text, max_width);
  seg_chart_text_layout_size (layout, &w, NULL);
  seg_chart_text_draw_layout (cr, layout, x, y, xalign, yalign, 0, color);
  return w;
}
