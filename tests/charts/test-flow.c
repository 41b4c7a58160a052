/* test-flow.c — the migration flow chart (seg-chart-flow.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <math.h>

#include "seg-chart-flow.h"

static const char *from[] = { "A", "B", "(new)" };
static const char *to[] = { "A", "B", "(gone)" };
/* A: 60 stay, 20 go to B; B: 20 stay; 10 new join A; 10 of B are gone */
static const guint counts[] = { 60, 20, 0,
                                0, 20, 10,
                                10, 0, 0 };

static SegFlowData
data (void)
{
  return (SegFlowData) { "Flow", NULL, "Before", "After", 3, 3, from, to, counts };
}

/* Drawn on a white surface: the bands leave colour in the middle of the
 * plot, and nothing fails. */
static void
test_draw (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 500);
  cairo_t *cr = cairo_create (s);
  SegChartStyle style;
  SegFlowData d = data ();
  const guint8 *px;
  int stride, coloured = 0;

  seg_chart_style_init (&style, SEG_CHART_THEME_LIGHT);
  seg_chart_flow_draw (cr, 900, 500, &d, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (s);
  px = cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s);
  for (int y = 0; y < 500; y++)
    {
      const guint32 *p = (const guint32 *) (const void *) (px + y * stride + 450 * 4);
      guint8 r = (*p >> 16) & 0xff, g = (*p >> 8) & 0xff, b = *p & 0xff;
      coloured += !(r == g && g == b);   /* not white or grey */
    }
  /* the bands cover most of the plot's height at mid-width */
  g_assert_cmpint (coloured, >, 200);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* The band under a point is found: at the left edge the top band is A → A. */
static void
test_hit (void)
{
  SegChartStyle style;
  SegFlowData d = data ();
  SegChartHit hit = SEG_CHART_HIT_INIT;
  gboolean found = FALSE;

  seg_chart_style_init (&style, SEG_CHART_THEME_LIGHT);
  /* scan down the column just right of the left bars for the first band */
  for (double y = 0; y < 500 && !found; y += 1)
    for (double x = 300; x < 320 && !found; x += 5)
      found = seg_chart_flow_hit (900, 500, &d, &style, x, y, &hit);
  g_assert_true (found);
  g_assert_cmpint (hit.group, ==, 0);
  g_assert_cmpint (hit.index, ==, 0);
  g_assert_nonnull (g_strstr_len (hit.tooltip, -1, "60 customers"));
  seg_chart_hit_clear (&hit);
  g_assert_false (seg_chart_flow_hit (900, 500, &d, &style, 5, 5, &hit));
  seg_chart_hit_clear (&hit);
}

static void
test_empty (void)
{
  static const guint zero[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (s);
  SegChartStyle style;
  SegFlowData d = data ();

  d.counts = zero;
  seg_chart_style_init (&style, SEG_CHART_THEME_DARK);
  seg_chart_flow_draw (cr, 400, 300, &d, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/flow/draw", test_draw);
  g_test_add_func ("/flow/hit", test_hit);
  g_test_add_func ("/flow/empty", test_empty);
  return g_test_run ();
}
