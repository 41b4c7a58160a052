/* seg-chart-style.c — colours, fonts and sizes shared by every chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-style"

#include "config.h"

#include <math.h>

#include "seg-chart-style.h"

/* Categorical palettes.  Sources of the hues:
 *  - Okabe & Ito, "Color Universal Design" (2008), https://jfly.uni-koeln.de/color/ :
 *    blue 0072B2, orange E69F00, bluish green 009E73, vermillion D55E00,
 *    reddish purple CC79A7, sky blue 56B4E9, yellow F0E442 (black left out:
 *    it is the text colour).
 *  - Paul Tol, "Colour Schemes" (SRON/EPS/TN/09-002, 2021),
 *    https://personal.sron.nl/~pault/ : "muted" wine 882255, olive 999933,
 *    indigo 332288, teal 44AA99, rose CC6677, sand DDCC77, purple AA4499;
 *    "light" pink FFAABB, pear BBCC33.
 * Bars, points and legend keys are graphical objects: WCAG 2.1 § 1.4.11
 * asks 3:1 against what they are drawn on.  Each colour keeps its hue and
 * saturation (HLS) and moves in lightness only as far as it needs to reach
 * 3.3:1 against the white card (light) or the #383838 card (dark, and so
 * more against the #242424 window); orange E69F00 (2.25:1 on white) became
 * BD8200, sky blue 56B4E9 (2.31:1) 1C95D9; vermillion turned a little
 * redder (D64B24 light, F0603C dark) to stay apart from that orange.  The
 * high-contrast palettes
 * reach 4.6:1 against white or black; their sky blue would have met the
 * blue, so it is a grey, and their vermillion, darkened, met the ochre,
 * so it is redder (C23B22).  tests/charts/test-render.c checks every ratio. */
static const guint32 light_palette[SEG_CHART_PALETTE_SIZE] = {
  0x0072B2, 0xBD8200, 0x009E73, 0xD64B24, 0xC870A1, 0x1C95D9,
  0x882255, 0x919130, 0x332288, 0x3F9C8D, 0xCC6677, 0xAA4499,
};

static const guint32 dark_palette[SEG_CHART_PALETTE_SIZE] = {
  0x56B4E9, 0xE69F00, 0x009E73, 0xF0603C, 0xCC79A7, 0xF0E442,
  0xFFAABB, 0xBBCC33, 0xC369B4, 0x44AA99, 0xCE6B7B, 0xDDCC77,
};

static const guint32 hc_light_palette[SEG_CHART_PALETTE_SIZE] = {
  0x0072B2, 0x9C6C00, 0x008561, 0xC23B22, 0xBB4C8A, 0x666666,
  0x882255, 0x777728, 0x332288, 0x348174, 0xC34A5F, 0xAA4499,
};

static const guint32 hc_dark_palette[SEG_CHART_PALETTE_SIZE] = {
  0x56B4E9, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0xF0E442,
  0xFFAABB, 0xBBCC33, 0xB84CA6, 0x44AA99, 0xCC6677, 0xDDCC77,
};

/* Paul Tol's diverging "sunset" scheme (same source), blue → cream → red. */
static const guint32 sunset[] = {
  0x364B9A, 0x4A7BB7, 0x6EA6CD, 0x98CAE1, 0xC2E4EF, 0xEAECCC,
  0xFEDA8B, 0xFDB366, 0xF67E4B, 0xDD3D2D, 0xA50026,
};

/* Paul Tol's sequential "YlOrBr" scheme (same source), light → dark. */
static const guint32 ylorbr[] = {
  0xFFFFE5, 0xFFF7BC, 0xFEE391, 0xFEC44F, 0xFB9A29,
  0xEC7014, 0xCC4C02, 0x993404, 0x662506,
};

SegRgba
seg_rgba_from_hex (guint32 rgb)
{
  SegRgba c = {
    ((rgb >> 16) & 0xff) / 255.0,
    ((rgb >> 8) & 0xff) / 255.0,
    (rgb & 0xff) / 255.0,
    1.0
  };
  return c;
}

SegRgba
seg_rgba_mix (SegRgba a,
              SegRgba b,
              double  t)
{
  SegRgba c;

  t = CLAMP (t, 0.0, 1.0);
  c.r = a.r + (b.r - a.r) * t;
  c.g = a.g + (b.g - a.g) * t;
  c.b = a.b + (b.b - a.b) * t;
  c.a = a.a + (b.a - a.a) * t;
  return c;
}

static double
linearise (double v)
{
  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

/* WCAG relative luminance. */
double
seg_rgba_luminance (SegRgba c)
{
  return 0.2126 * linearise (c.r) + 0.7152 * linearise (c.g) + 0.0722 * linearise (c.b);
}

SegRgba
seg_rgba_text_on (SegRgba fill)
{
  /* Contrast against black vs white; pick the larger (WCAG). */
  double l = seg_rgba_luminance (fill);
  double with_black = (l + 0.05) / 0.05;
  double with_white = 1.05 / (l + 0.05);

  if (with_black >= with_white)
    return seg_rgba_from_hex (0x1A1A1A);
  return seg_rgba_from_hex (0xFFFFFF);
}

static void
fill_palette (SegChartStyle *style,
              const guint32 *hex)
{
  for (guint i = 0; i < SEG_CHART_PALETTE_SIZE; i++)
    style->palette[i] = seg_rgba_from_hex (hex[i]);
  style->n_palette = SEG_CHART_PALETTE_SIZE;
}

static void
init_common (SegChartStyle *style)
{
  style->font_family = "Cantarell, DejaVu Sans";
  style->font_size = 12.0;
  style->scale = 1.0;
  style->highlight_group = -1;
  style->fade = 0.78;
  style->draw_background = TRUE;
}

void
seg_chart_style_init_light (SegChartStyle *style)
{
  g_return_if_fail (style != NULL);

  init_common (style);
  style->theme = SEG_CHART_THEME_LIGHT;
  style->background = seg_rgba_from_hex (0xFFFFFF);
  style->foreground = seg_rgba_from_hex (0x241F31);
  style->muted = seg_rgba_from_hex (0x5E5C64);
  style->grid = seg_rgba_from_hex (0xEBEBED);
  style->axis = seg_rgba_from_hex (0x9A9996);
  style->accent = seg_rgba_from_hex (0xC01C28);
  style->positive = seg_rgba_from_hex (0x1B7F3B);
  style->negative = seg_rgba_from_hex (0xC01C28);
  fill_palette (style, light_palette);
}

void
seg_chart_style_init_dark (SegChartStyle *style)
{
  g_return_if_fail (style != NULL);

  init_common (style);
  style->theme = SEG_CHART_THEME_DARK;
  style->background = seg_rgba_from_hex (0x242424);
  style->foreground = seg_rgba_from_hex (0xEEEEEC);
  style->muted = seg_rgba_from_hex (0xA8A8AD);
  style->grid = seg_rgba_from_hex (0x363636);
  style->axis = seg_rgba_from_hex (0x77767B);
  style->accent = seg_rgba_from_hex (0xFF7B63);
  style->positive = seg_rgba_from_hex (0x8FF0A4);
  style->negative = seg_rgba_from_hex (0xFF7B63);
  fill_palette (style, dark_palette);
}

/* For people who asked the desktop for high contrast: black on white or
 * white on black, gridlines and notes that read at 4.5:1, and marks at
 * 4.6:1.  The chart draws its own background so the ratios hold whatever
 * it sits on. */
static void
init_high_contrast (SegChartStyle *style,
                    gboolean       dark)
{
  init_common (style);
  style->theme = dark ? SEG_CHART_THEME_HC_DARK : SEG_CHART_THEME_HC_LIGHT;
  style->background = seg_rgba_from_hex (dark ? 0x000000 : 0xFFFFFF);
  style->foreground = seg_rgba_from_hex (dark ? 0xFFFFFF : 0x000000);
  style->muted = seg_rgba_from_hex (dark ? 0xD0D0D0 : 0x333333);
  style->grid = seg_rgba_from_hex (dark ? 0x5E5E5E : 0xA0A0A0);
  style->axis = seg_rgba_from_hex (dark ? 0xFFFFFF : 0x000000);
  style->accent = seg_rgba_from_hex (dark ? 0xFF938C : 0xA51D2D);
  style->positive = seg_rgba_from_hex (dark ? 0x8FF0A4 : 0x0B5E27);
  style->negative = seg_rgba_from_hex (dark ? 0xFF938C : 0xA51D2D);
  fill_palette (style, dark ? hc_dark_palette : hc_light_palette);
}

void
seg_chart_style_init (SegChartStyle *style,
                      SegChartTheme  theme)
{
  g_return_if_fail (style != NULL);

  switch (theme)
    {
    case SEG_CHART_THEME_DARK:
      seg_chart_style_init_dark (style);
      break;
    case SEG_CHART_THEME_HC_LIGHT:
    case SEG_CHART_THEME_HC_DARK:
      init_high_contrast (style, theme == SEG_CHART_THEME_HC_DARK);
      break;
    case SEG_CHART_THEME_LIGHT:
    default:
      seg_chart_style_init_light (style);
      break;
    }
}

gboolean
seg_chart_theme_is_high_contrast (SegChartTheme theme)
{
  return theme == SEG_CHART_THEME_HC_LIGHT || theme == SEG_CHART_THEME_HC_DARK;
}

double
seg_rgba_contrast (SegRgba a,
                   SegRgba b)
{
  double la = seg_rgba_luminance (a), lb = seg_rgba_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

double
seg_chart_style_px (const SegChartStyle *style,
                    double               v)
{
  double s = (style != NULL && style->scale > 0 && isfinite (style->scale)) ? style->scale : 1.0;
  return v * s;
}

SegRgba
seg_chart_style_group_color (const SegChartStyle *style,
                             int                  group)
{
  g_return_val_if_fail (style != NULL, seg_rgba_from_hex (0x808080));

  if (group < 0 || style->n_palette == 0)
    return style->muted;
  return style->palette[(guint) group % MIN (style->n_palette, SEG_CHART_PALETTE_SIZE)];
}

gboolean
seg_chart_style_is_faded (const SegChartStyle *style,
                          int                  group)
{
  return style != NULL && style->highlight_group >= 0 && group != style->highlight_group;
}

SegRgba
seg_chart_style_series_color (const SegChartStyle *style,
                              int                  group)
{
  SegRgba c = seg_chart_style_group_color (style, group);

  /* Mixed with the (opaque) background rather than made translucent, so
   * overlapping faded marks do not darken each other. */
  if (seg_chart_style_is_faded (style, group))
    c = seg_rgba_mix (c, style->background, style->fade);
  c.a = 1.0;
  return c;
}

static SegRgba
ramp (const guint32 *stops,
      guint          n,
      double         t)
{
  double pos;
  guint i;

  if (isnan (t))
    t = 0.5;
  t = CLAMP (t, 0.0, 1.0);
  pos = t * (n - 1);
  i = MIN ((guint) floor (pos), n - 2);
  return seg_rgba_mix (seg_rgba_from_hex (stops[i]), seg_rgba_from_hex (stops[i + 1]), pos - i);
}

SegRgba
seg_chart_style_diverging (const SegChartStyle *style,
                           double               t)
{
  SegRgba c;

  g_return_val_if_fail (style != NULL, seg_rgba_from_hex (0x808080));
  if (isnan (t))
    t = 0;
  t = CLAMP (t, -1.0, 1.0);
  c = ramp (sunset, G_N_ELEMENTS (sunset), (t + 1.0) / 2.0);
  /* On a dark background a cream centre would shout; pull it to grey. */
  if (style->theme == SEG_CHART_THEME_DARK)
    c = seg_rgba_mix (c, seg_rgba_from_hex (0x3A3A3A), 0.8 * (1.0 - fabs (t)));
  return c;
}

SegRgba
seg_chart_style_sequential (const SegChartStyle *style,
                            double               t)
{
  g_return_val_if_fail (style != NULL, seg_rgba_from_hex (0x808080));
  if (isnan (t))
    t = 0;
  t = CLAMP (t, 0.0, 1.0);
  /* More is always more contrast with the background. */
  if (style->theme == SEG_CHART_THEME_DARK)
    return seg_rgba_mix (seg_rgba_from_hex (0x33302A), ramp (ylorbr, G_N_ELEMENTS (ylorbr), 0.4), t);
  return ramp (ylorbr, G_N_ELEMENTS (ylorbr), t);
}
