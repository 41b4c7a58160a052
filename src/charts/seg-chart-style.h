/* seg-chart-style.h — colours, fonts and sizes shared by every chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At least 12 categorical colours; group i uses palette[i % n_palette]. */
#define SEG_CHART_PALETTE_SIZE 12

/* An opaque-or-translucent colour with components in [0, 1]. */
typedef struct
{
  double r, g, b, a;
} SegRgba;

typedef enum
{
  SEG_CHART_THEME_LIGHT,
  SEG_CHART_THEME_DARK,
  SEG_CHART_THEME_HC_LIGHT,   /* the desktop asked for high contrast */
  SEG_CHART_THEME_HC_DARK,
} SegChartTheme;

/* Everything a renderer needs to know about looks.  Plain value type: copy
 * it, change a field, pass a pointer.  All lengths are in user-space units
 * at scale 1 and are multiplied by @scale (presentation mode, exports). */
typedef struct
{
  SegChartTheme theme;
  SegRgba       background;
  SegRgba       foreground;     /* titles, values, tick labels */
  SegRgba       muted;          /* subtitles, axis titles, notes */
  SegRgba       grid;           /* light gridlines */
  SegRgba       axis;           /* axis lines, tick marks, reference lines */
  SegRgba       accent;         /* marked values (suggested k, average) */
  SegRgba       positive;       /* good KPI deltas */
  SegRgba       negative;       /* bad KPI deltas */
  SegRgba       palette[SEG_CHART_PALETTE_SIZE];
  guint         n_palette;
  const char   *font_family;    /* a Pango family list, static string */
  double        font_size;      /* base size in user-space units (px) */
  double        scale;          /* 1 on screen; >1 for presentation/exports */
  int           highlight_group;/* -1: none; otherwise other groups fade */
  double        fade;           /* how far faded items move to the background, 0..1 */
  gboolean      draw_background;/* FALSE: leave the surface (e.g. a card) as it is */
} SegChartStyle;

void     seg_chart_style_init_light (SegChartStyle *style);
void     seg_chart_style_init_dark  (SegChartStyle *style);
void     seg_chart_style_init       (SegChartStyle *style,
                                     SegChartTheme  theme);

gboolean seg_chart_theme_is_high_contrast (SegChartTheme theme);

/* @v scaled by style->scale. */
double   seg_chart_style_px          (const SegChartStyle *style,
                                      double               v);

/* The palette colour of @group (negative groups get the muted colour). */
SegRgba  seg_chart_style_group_color (const SegChartStyle *style,
                                      int                  group);

/* Like seg_chart_style_group_color(), but faded towards the background when
 * another group is highlighted. */
SegRgba  seg_chart_style_series_color (const SegChartStyle *style,
                                       int                  group);

/* TRUE when @group should be drawn faded. */
gboolean seg_chart_style_is_faded    (const SegChartStyle *style,
                                      int                  group);

/* Diverging blue–neutral–red ramp for t in [-1, 1] (clamped). */
SegRgba  seg_chart_style_diverging   (const SegChartStyle *style,
                                      double               t);

/* Sequential light-to-dark ramp for t in [0, 1] (clamped). */
SegRgba  seg_chart_style_sequential  (const SegChartStyle *style,
                                      double               t);

/* Helpers on colours. */
SegRgba  seg_rgba_mix        (SegRgba a,
                              SegRgba b,
                              double  t);
SegRgba  seg_rgba_from_hex   (guint32 rgb);
double   seg_rgba_luminance  (SegRgba c);
/* The WCAG contrast ratio of two opaque colours, 1 to 21. */
double   seg_rgba_contrast   (SegRgba a,
                              SegRgba b);
/* Black or white text, whichever reads better on @fill. */
SegRgba  seg_rgba_text_on    (SegRgba fill);

G_END_DECLS
