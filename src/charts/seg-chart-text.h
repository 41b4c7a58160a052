/* seg-chart-text.h — text on charts with pangocairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "seg-chart-style.h"

G_BEGIN_DECLS

/* The typographic hierarchy of a chart. */
typedef enum
{
  SEG_TEXT_BODY,        /* tick labels, value labels, legend */
  SEG_TEXT_SMALL,       /* dense labels, notes */
  SEG_TEXT_BOLD,        /* emphasised body text, table headers */
  SEG_TEXT_TITLE,       /* chart title: bold, 1.3 × body */
  SEG_TEXT_SUBTITLE,    /* under the title, drawn muted */
  SEG_TEXT_AXIS_TITLE,  /* axis titles, drawn muted */
  SEG_TEXT_KPI_VALUE,   /* the big number of a KPI card */
} SegTextRole;

/* Font size of @role in user-space units (includes style->scale). */
double       seg_chart_text_size (const SegChartStyle *style,
                                  SegTextRole          role);

/* A layout for @text in @role.  Layouts come from one Pango context per
 * thread with hinting off, so measurements do not depend on the target
 * (screen, PNG, SVG, PDF) and hit-testing needs no cairo_t.  With
 * @max_width > 0 the text is ellipsized in the middle or end to fit. */
PangoLayout *seg_chart_text_layout (const SegChartStyle *style,
                                    SegTextRole          role,
                                    const char          *text,
                                    double               max_width);

/* Like seg_chart_text_layout(), but the text wraps at word boundaries to at
 * most @max_lines lines of @max_width; only text beyond the last line is
 * ellipsized.  @align centres or right-aligns the lines. */
PangoLayout *seg_chart_text_layout_wrapped (const SegChartStyle *style,
                                            SegTextRole          role,
                                            const char          *text,
                                            double               max_width,
                                            int                  max_lines,
                                            PangoAlignment       align);

/* The number of lines @text needs at @max_width (wrapped at words), and
 * whether a word alone is wider than @max_width (@too_wide, nullable). */
int          seg_chart_text_count_lines (const SegChartStyle *style,
                                         SegTextRole          role,
                                         const char          *text,
                                         double               max_width,
                                         gboolean            *too_wide);

/* How many drawn layouts had text cut by an ellipsis since the last
 * reset: tests check that charts never cut meaning silently. */
guint        seg_chart_text_get_ellipsized (void);
void         seg_chart_text_reset_ellipsized (void);

/* Logical size of @layout in user-space units. */
void         seg_chart_text_layout_size (PangoLayout *layout,
                                         double      *width,
                                         double      *height);

double       seg_chart_text_width (const SegChartStyle *style,
                                   SegTextRole          role,
                                   const char          *text);
/* Height of one line of @role. */
double       seg_chart_text_line_height (const SegChartStyle *style,
                                         SegTextRole          role);

/* Draws @layout with its alignment point at (@x, @y): @xalign and @yalign
 * are 0 (left/top), 0.5 (centre) or 1 (right/bottom) of the logical box.
 * @angle (radians) rotates around the alignment point. */
void         seg_chart_text_draw_layout (cairo_t     *cr,
                                         PangoLayout *layout,
                                         double       x,
                                         double       y,
                                         double       xalign,
                                         double       yalign,
                                         double       angle,
                                         SegRgba      color);

/* One call for the common case; returns the drawn width. */
double       seg_chart_text_draw (cairo_t             *cr,
                                  const SegChartStyle *style,
                                  SegTextRole          role,
                                  const char          *text,
                                  double               x,
                                  double               y,
                                  double               xalign,
                                  double               yalign,
                                  double               max_width,
                                  SegRgba              color);

/* How many texts seg_chart_text_draw_layout () drew shortened with an ellipsis
 * on the calling thread so far: the difference around a drawing tells
 * whether it cut any label. */
guint        seg_chart_text_get_n_ellipsized (void);

/* How many texts seg_chart_text_draw_layout () drew on the calling thread so far
 * with ink past the clip of the cairo_t (the edge of the surface, or the
 * room a caller clipped to): such a label is cut by the edge, which no
 * ellipsis shows.  The difference around a drawing tells. */
guint        seg_chart_text_get_n_outside (void);

/* Helpers for cairo colours. */
void         seg_chart_text_set_color (cairo_t *cr,
                                       SegRgba  color);

G_END_DECLS
