/* test-render.c — chart geometry checked on real pixels
 *
 * Each chart is drawn on an RGB24 image surface with a palette of pure,
 * distinctive colours; the tests then look for those colours in the pixels.
 * Fonts are pinned to DejaVu Sans (the only family installed here), but no
 * check depends on where text lands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-charts.h"

#define W 800
#define H 500

typedef struct
{
  cairo_surface_t *surface;
  const guint8    *data;
  int              stride;
} Img;

static void
test_style (SegChartStyle *style)
{
  static const guint32 pure[] = { 0x0000FF, 0xFF0000, 0x00A000, 0xFF00FF, 0x00C0C0, 0xFF8000 };

  seg_chart_style_init_light (style);
  style->font_family = "DejaVu Sans";
  for (guint i = 0; i < G_N_ELEMENTS (pure); i++)
    style->palette[i] = seg_rgba_from_hex (pure[i]);
  style->n_palette = G_N_ELEMENTS (pure);
}

static Img
img_new (void)
{
  Img img;

  img.surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  img.data = NULL;
  img.stride = cairo_image_surface_get_stride (img.surface);
  return img;
}

static void
img_ready (Img *img)
{
  cairo_surface_flush (img->surface);
  img->data = cairo_image_surface_get_data (img->surface);
  if (g_getenv ("SEG_CHART_TEST_PNG") != NULL)
    cairo_surface_write_to_png (img->surface, g_getenv ("SEG_CHART_TEST_PNG"));
}

static void
px (const Img *img, int x, int y, double rgb[3])
{
  guint32 v = *(const guint32 *) (const void *) (img->data + y * img->stride + 4 * x);
  rgb[0] = ((v >> 16) & 0xff) / 255.0;
  rgb[1] = ((v >> 8) & 0xff) / 255.0;
  rgb[2] = (v & 0xff) / 255.0;
}

/* How much of colour @c (over the white background) pixel (x, y) is:
 * the projection on the white→c line, or −1 when it is another colour. */
static double
coverage (const Img *img, int x, int y, SegRgba c)
{
  double p[3], d[3] = { c.r - 1, c.g - 1, c.b - 1 }, q[3], t, dd = 0, res = 0;

  px (img, x, y, p);
  for (int k = 0; k < 3; k++)
    {
      q[k] = p[k] - 1;
      dd += d[k] * d[k];
    }
  t = (q[0] * d[0] + q[1] * d[1] + q[2] * d[2]) / dd;
  for (int k = 0; k < 3; k++)
    res += (q[k] - t * d[k]) * (q[k] - t * d[k]);
  return sqrt (res) < 0.12 ? t : -1;
}

static gboolean
is_exact (const Img *img, int x, int y, SegRgba c)
{
  double p[3];

  px (img, x, y, p);
  return fabs (p[0] - c.r) < 1.5 / 255 && fabs (p[1] - c.g) < 1.5 / 255 && fabs (p[2] - c.b) < 1.5 / 255;
}

static guint
count_exact (const Img *img, SegRgba c)
{
  guint n = 0;

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      n += is_exact (img, x, y, c);
  return n;
}

/* ---- bars ---- */

static const char *cats[] = { "Alpha", "Beta", "Gamma", "Delta" };
static const double bar_values[] = { 10, 25, 40, 5 };

static void
bar_data (SegBarData *d)
{
  memset (d, 0, sizeof *d);
  d->title = "Sizes";
  d->value_label = "Customers";
  d->n = 4;
  d->categories = cats;
  d->values = bar_values;
  d->format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_INTEGER);
}

/* Length of the bar of colour @c: coverage summed along its middle line,
 * over the run of pixels around its fully covered ones (so that nearby
 * text or gridlines cannot add to it). */
static double
bar_height (const Img *img, SegRgba c, gboolean horizontal)
{
  int lo = G_MAXINT, hi = -1, a0 = G_MAXINT, a1 = -1, mid;
  int len = horizontal ? W : H;
  double h = 0;

  /* columns (rows when horizontal) where the colour appears */
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      if (is_exact (img, x, y, c))
        {
          int a = horizontal ? y : x;
          lo = MIN (lo, a);
          hi = MAX (hi, a);
        }
  g_assert_cmpint (hi, >=, lo);
  mid = (lo + hi) / 2;
  for (int k = 0; k < len; k++)
    if (horizontal ? is_exact (img, k, mid, c) : is_exact (img, mid, k, c))
      a0 = MIN (a0, k), a1 = MAX (a1, k);
  for (int k = MAX (a0 - 1, 0); k <= MIN (a1 + 1, len - 1); k++)
    {
      double t = horizontal ? coverage (img, k, mid, c) : coverage (img, mid, k, c);
      if (t > 0)
        h += MIN (t, 1.0);
    }
  return h;
}

static void
check_bars_proportional (gboolean horizontal)
{
  SegChartStyle style;
  SegBarData d;
  Img img = img_new ();
  cairo_t *cr = cairo_create (img.surface);
  double h[4], k;

  test_style (&style);
  bar_data (&d);
  d.horizontal = horizontal;
  seg_chart_bars_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  img_ready (&img);
  for (int i = 0; i < 4; i++)
    h[i] = bar_height (&img, style.palette[i], horizontal);
  /* pixels per unit from the tallest bar; every bar within 1 px */
  k = h[2] / bar_values[2];
  g_assert_cmpfloat (h[2], >, 150);
  for (int i = 0; i < 4; i++)
    {
      g_test_message ("bar %d: %.2f px, expected %.2f", i, h[i], bar_values[i] * k);
      g_assert_cmpfloat (fabs (h[i] - bar_values[i] * k), <=, 1.0);
    }
  cairo_surface_destroy (img.surface);
}

static void
test_bars_vertical (void)
{
  check_bars_proportional (FALSE);
}

static void
test_bars_horizontal (void)
{
  check_bars_proportional (TRUE);
}

static void
test_bars_highlight (void)
{
  SegChartStyle style;
  SegBarData d;
  Img img = img_new ();
  cairo_t *cr = cairo_create (img.surface);

  test_style (&style);
  style.highlight_group = 1;
  bar_data (&d);
  seg_chart_bars_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  img_ready (&img);
  /* the highlighted bar keeps its colour … */
  g_assert_cmpuint (count_exact (&img, style.palette[1]), >, 1000);
  /* … the others are drawn faded: their own colour is gone, a lighter one is there */
  for (int i = 0; i < 4; i++)
    {
      SegRgba faded = seg_chart_style_series_color (&style, i);
      if (i == 1)
        continue;
      g_assert_cmpuint (count_exact (&img, style.palette[i]), ==, 0);
      g_assert_cmpuint (count_exact (&img, faded), >, 200);
      g_assert_cmpfloat (seg_rgba_luminance (faded), >, seg_rgba_luminance (style.palette[i]));
    }
  cairo_surface_destroy (img.surface);
}

static void
test_bars_hit (void)
{
  SegChartStyle style;
  SegBarData d;
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
  Img img = img_new ();
  cairo_t *cr = cairo_create (img.surface);
  int gx = -1, gy = -1;

  test_style (&style);
  bar_data (&d);
  seg_chart_bars_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  img_ready (&img);
  /* find a pixel of the "Gamma" bar and ask what is there */
  for (int y = 0; y < H && gx < 0; y++)
    for (int x = 0; x < W; x++)
      if (is_exact (&img, x, y, style.palette[2]))
        {
          gx = x + 3;
          gy = y + 20;
          break;
        }
  g_assert_true (seg_chart_bars_hit (W, H, &d, &style, gx, gy, &hit));
  g_assert_cmpint (hit.kind, ==, SEG_CHART_HIT_ITEM);
  g_assert_cmpint (hit.index, ==, 2);
  g_assert_nonnull (strstr (hit.tooltip, "Gamma"));
  g_assert_nonnull (strstr (hit.tooltip, "40"));
  g_assert_false (seg_chart_bars_hit (W, H, &d, &style, 2, 2, &hit));
  g_assert_null (hit.tooltip);
  cairo_surface_destroy (img.surface);
}

/* ---- scatter ---- */

static void
scatter_points (gsize n, double **x, double **y, int **g)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (42);

  *x = g_new (double, n);
  *y = g_new (double, n);
  *g = g_new (int, n);
  for (gsize i = 0; i < n; i++)
    {
      (*x)[i] = g_rand_double_range (rng, -3.7, 12.2);
      (*y)[i] = g_rand_double_range (rng, -1e3, 2.5e3);
      (*g)[i] = (int) (i % 3);
    }
  /* the extremes exactly on the data range */
  (*x)[0] = -3.7;
  (*x)[1] = 12.2;
  (*y)[2] = -1e3;
  (*y)[3] = 2.5e3;
}

static void
check_scatter_inside (gsize n)
{
  SegChartStyle style;
  SegScatterData d = { 0 };
  SegRect r;
  Img img = img_new ();
  cairo_t *cr = cairo_create (img.surface);
  double *x, *y;
  int *g;
  guint inside = 0;

  test_style (&style);
  scatter_points (n, &x, &y, &g);
  d.title = "PCA";
  d.x_label = "PC1";
  d.y_label = "PC2";
  d.n = n;
  d.x = x;
  d.y = y;
  d.group = g;
  d.n_groups = 3;
  d.max_points = 5000;
  seg_chart_scatter_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  img_ready (&img);
  seg_chart_scatter_plot_rect (W, H, &d, &style, &r);
  g_assert_cmpfloat (r.width, >, W / 2);
  g_assert_cmpfloat (r.height, >, H / 2);
  for (int py = 0; py < H; py++)
    for (int pxl = 0; pxl < W; pxl++)
      for (int k = 0; k < 3; k++)
        if (coverage (&img, pxl, py, style.palette[k]) > 0.5)
          {
            /* no point pixel outside the plot area (1 px of antialiasing) */
            g_assert_cmpfloat (pxl, >=, floor (r.x) - 1);
            g_assert_cmpfloat (pxl, <=, ceil (r.x + r.width));
            g_assert_cmpfloat (py, >=, floor (r.y) - 1);
            g_assert_cmpfloat (py, <=, ceil (r.y + r.height));
            inside++;
          }
  g_assert_cmpuint (inside, >, 500);
  g_free (x);
  g_free (y);
  g_free (g);
  cairo_surface_destroy (img.surface);
}

static void
test_scatter_inside (void)
{
  check_scatter_inside (400);
}

static void
test_scatter_sampled (void)
{
  /* 20 000 points with max_points 5 000: drawn as a sample, still inside */
  check_scatter_inside (20000);
}

static void
test_scatter_hit (void)
{
  SegChartStyle style;
  SegScatterData d = { 0 };
  static const double x[] = { 0, 10, 5 }, y[] = { 0, 10, 2 };
  static const int g[] = { 0, 2, 1 };
  static const char *names[] = { "Savers", "Spenders", "Borrowers" };
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
  Img img = img_new ();
  cairo_t *cr = cairo_create (img.surface);
  SegRect r;
  double sx = 0, sy = 0, n = 0;

  test_style (&style);
  d.n = 3;
  d.x = x;
  d.y = y;
  d.group = g;
  d.n_groups = 3;
  d.group_names = names;
  d.x_label = "PC1";
  d.y_label = "PC2";
  seg_chart_scatter_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  img_ready (&img);
  seg_chart_scatter_plot_rect (W, H, &d, &style, &r);
  /* point 2 is the only red dot in the plot: find it on the pixels */
  for (int yy = (int) r.y; yy < r.y + r.height; yy++)
    for (int xx = (int) r.x; xx < r.x + r.width; xx++)
      if (is_exact (&img, xx, yy, style.palette[1]))
        sx += xx + 0.5, sy += yy + 0.5, n++;
  g_assert_cmpfloat (n, >, 10);
  sx /= n;
  sy /= n;
  g_assert_true (seg_chart_scatter_hit (W, H, &d, &style, sx + 1, sy - 1, &hit));
  g_assert_cmpint (hit.kind, ==, SEG_CHART_HIT_ITEM);
  g_assert_cmpint (hit.index, ==, 2);
  g_assert_cmpint (hit.group, ==, 1);
  g_assert_cmpfloat (fabs (hit.x - sx), <, 1.0);
  g_assert_cmpfloat (fabs (hit.y - sy), <, 1.0);
  g_assert_nonnull (strstr (hit.tooltip, "Spenders"));
  /* far from every point: nothing */
  g_assert_false (seg_chart_scatter_hit (W, H, &d, &style, r.x + r.width - 2, r.y + 2, &hit) &&
                  hit.kind == SEG_CHART_HIT_ITEM);
  cairo_surface_destroy (img.surface);
}

static void
test_scatter_legend (void)
{
  SegChartStyle style;
  SegScatterData d = { 0 };
  static const double x[] = { 0, 1 }, y[] = { 0, 1 };
  static const int g[] = { 0, 1 };
  static const char *names[] = { "Savers", "Spenders" };
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
  Img img = img_new ();
  cairo_t *cr = cairo_create (img.surface);
  gboolean found = FALSE;

  test_style (&style);
  d.title = "PCA";
  d.n = 2;
  d.x = x;
  d.y = y;
  d.group = g;
  d.n_groups = 2;
  d.group_names = names;
  seg_chart_scatter_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  img_ready (&img);
  /* the legend swatch of group 1 is above the plot; clicking it highlights */
  for (int yy = 0; yy < H / 4 && !found; yy++)
    for (int xx = 0; xx < W; xx++)
      if (is_exact (&img, xx, yy, style.palette[1]))
        {
          g_assert_true (seg_chart_scatter_hit (W, H, &d, &style, xx, yy, &hit));
          g_assert_cmpint (hit.kind, ==, SEG_CHART_HIT_LEGEND);
          g_assert_cmpint (hit.group, ==, 1);
          g_assert_cmpstr (hit.tooltip, ==, "Spenders");
          found = TRUE;
          break;
        }
  g_assert_true (found);
  cairo_surface_destroy (img.surface);
}

/* A million points: a fair, deterministic sample of max_points (20,000 by
 * default) is drawn, a note in the plot says so, and the density mode draws
 * none of them one by one. */
static void
test_scatter_large (void)
{
  const gsize n = 1000000;
  SegChartStyle style;
  SegScatterData d = { 0 };
  double *x, *y;
  int *g;
  g_autofree char *all = seg_format_integer ((double) n);
  g_autofree char *shown = seg_format_integer (20000);
  g_autofree char *sampled = NULL;
  g_autofree char *expect = NULL;
  g_autofree char *none = NULL;
  g_autofree char *density = NULL;
  g_autofree char *own = NULL;
  Img a = img_new (), b = img_new ();
  cairo_t *cr;
  gint64 start;

  test_style (&style);
  scatter_points (n, &x, &y, &g);
  d.title = "PCA";
  d.subtitle = "PC1 · PC2";
  d.n = n;
  d.x = x;
  d.y = y;
  d.group = g;
  d.n_groups = 3;
  d.seed = 7;
  g_assert_cmpuint (seg_chart_scatter_n_drawn (&d), ==, 20000);
  sampled = seg_chart_scatter_dup_note (&d);
  expect = g_strdup_printf ("%s of %s points shown", shown, all);
  g_assert_cmpstr (sampled, ==, expect);

  /* drawing costs the sample, not the million (generous bound for valgrind) */
  start = g_get_monotonic_time ();
  cr = cairo_create (a.surface);
  seg_chart_scatter_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  img_ready (&a);
  /* the same seed draws the same points */
  cr = cairo_create (b.surface);
  seg_chart_scatter_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  img_ready (&b);
  g_assert_cmpint (memcmp (a.data, b.data, (gsize) a.stride * H), ==, 0);

  d.large = SEG_SCATTER_DENSITY;
  g_assert_cmpuint (seg_chart_scatter_n_drawn (&d), ==, 0);
  density = seg_chart_scatter_dup_note (&d);
  g_assert_nonnull (strstr (density, all));
  g_assert_nonnull (strstr (density, "density"));

  d.large_note = "a caller's own note";
  own = seg_chart_scatter_dup_note (&d);
  g_assert_cmpstr (own, ==, "a caller's own note");

  /* no note below the limit */
  d.n = 20000;
  g_assert_cmpuint (seg_chart_scatter_n_drawn (&d), ==, 20000);
  none = seg_chart_scatter_dup_note (&d);
  g_assert_null (none);
  g_free (x);
  g_free (y);
  g_free (g);
  cairo_surface_destroy (a.surface);
  cairo_surface_destroy (b.surface);
}

/* ---- box plot ---- */

typedef struct
{
  double centre;
  double weight;
} Run;

static void
test_box_whiskers (void)
{
  /* numpy type 7 (tests/reference/box_stats.py, "outliers"): q1 2.75,
   * q3 8.25, whiskers 1 and 10, outliers −30 and 50 */
  static const double v[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, -30 };
  static const char *names[] = { "All" };
  const double *vals[] = { v };
  gsize ns[] = { G_N_ELEMENTS (v) };
  SegChartStyle style;
  SegBoxData d = { 0 };
  Img img = img_new ();
  cairo_t *cr = cairo_create (img.surface);
  SegRgba c;
  int left = W, right = -1, col;
  Run runs[8];
  guint n_runs = 0;
  gboolean in_run = FALSE;
  double b, expect;

  test_style (&style);
  c = style.palette[0];
  d.n_groups = 1;
  d.group_names = names;
  d.values = vals;
  d.n_values = ns;
  seg_chart_box_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  img_ready (&img);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      if (is_exact (&img, x, y, c))
        left = MIN (left, x), right = MAX (right, x);
  g_assert_cmpint (right - left, >, 40);
  /* a column through the whisker caps but clear of the centre line,
   * the outlier dots and the mean diamond */
  col = (left + right) / 2 + (right - left) / 5;
  for (int y = 0; y < H; y++)
    {
      double t = coverage (&img, col, y, c);
      if (t > 0.5)
        {
          if (!in_run)
            {
              g_assert_cmpuint (n_runs, <, G_N_ELEMENTS (runs));
              runs[n_runs++] = (Run) { 0, 0 };
            }
          runs[n_runs - 1].centre += (y + 0.5) * t;
          runs[n_runs - 1].weight += t;
          in_run = TRUE;
        }
      else
        in_run = FALSE;
    }
  /* top cap, box top, box bottom, bottom cap */
  g_assert_cmpuint (n_runs, ==, 4);
  for (guint i = 0; i < n_runs; i++)
    runs[i].centre /= runs[i].weight;
  b = (runs[3].centre - runs[0].centre) / (10.0 - 1.0);   /* px per unit, from the whiskers */
  g_assert_cmpfloat (b, >, 5);
  expect = runs[0].centre + b * (10.0 - 8.25);
  g_test_message ("q3 at %.2f, expected %.2f", runs[1].centre, expect);
  g_assert_cmpfloat (fabs (runs[1].centre - expect), <=, 1.0);
  expect = runs[0].centre + b * (10.0 - 2.75);
  g_test_message ("q1 at %.2f, expected %.2f", runs[2].centre, expect);
  g_assert_cmpfloat (fabs (runs[2].centre - expect), <=, 1.0);
  cairo_surface_destroy (img.surface);
}

static void
test_box_hit (void)
{
  static const double v[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, -30 };
  static const char *names[] = { "All", "Empty" };
  const double *vals[] = { v, NULL };
  gsize ns[] = { G_N_ELEMENTS (v), 0 };
  SegChartStyle style;
  SegBoxData d = { 0 };
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;

  test_style (&style);
  d.n_groups = 2;
  d.group_names = names;
  d.values = vals;
  d.n_values = ns;
  g_assert_true (seg_chart_box_hit (W, H, &d, &style, W * 0.3, H / 2, &hit));
  g_assert_cmpint (hit.index, ==, 0);
  g_assert_nonnull (strstr (hit.tooltip, "Median 5.5"));
  g_assert_nonnull (strstr (hit.tooltip, "Outliers 2"));
  /* the group without values has no box */
  g_assert_false (seg_chart_box_hit (W, H, &d, &style, W * 0.8, H / 2, &hit));
}

/* ---- heat map ---- */

static void
check_heat_order (SegHeatScale scale)
{
  static const char *rows[] = { "Row" };
  static const char *cols[] = { "a", "b", "c", "d", "e" };
  static const double seq[] = { 1, 7, 15, 30, 60 };
  static const double div[] = { -2, -0.7, 0.1, 0.9, 2 };
  const double *vals = scale == SEG_HEAT_SEQUENTIAL ? seq : div;
  SegChartStyle style;
  SegHeatData d = { 0 };
  Img img = img_new ();
  cairo_t *cr = cairo_create (img.surface);
  double prev = 0;

  test_style (&style);
  d.n_rows = 1;
  d.n_cols = 5;
  d.row_labels = rows;
  d.col_labels = cols;
  d.values = vals;
  d.scale = scale;
  seg_chart_heatmap_draw (cr, W, H, &d, &style);
  cairo_destroy (cr);
  img_ready (&img);
  for (int i = 0; i < 5; i++)
    {
      SegRgba c = seg_chart_heatmap_color (&d, &style, vals[i]);
      /* the cell really is painted in its colour (a big area of it) */
      g_assert_cmpuint (count_exact (&img, c), >, 2000);
      if (scale == SEG_HEAT_SEQUENTIAL)
        {
          /* more is darker on a light background */
          if (i > 0)
            g_assert_cmpfloat (seg_rgba_luminance (c), <, prev);
          prev = seg_rgba_luminance (c);
        }
      else
        {
          /* blue below zero, red above, and further from the neutral
           * middle colour the larger |v| is */
          SegRgba mid = seg_chart_heatmap_color (&d, &style, 0);
          double dist = sqrt ((c.r - mid.r) * (c.r - mid.r) + (c.g - mid.g) * (c.g - mid.g)
                              + (c.b - mid.b) * (c.b - mid.b));
          if (vals[i] < 0)
            g_assert_cmpfloat (c.b, >, c.r);
          else
            g_assert_cmpfloat (c.r, >, c.b);
          if (i == 1)
            g_assert_cmpfloat (dist, <, prev);   /* −0.7 is nearer neutral than −2 */
          if (i >= 3)
            g_assert_cmpfloat (dist, >, prev);   /* 0.1 < 0.9 < 2 */
          prev = dist;
        }
    }
  cairo_surface_destroy (img.surface);
}

static void
test_heat_sequential (void)
{
  check_heat_order (SEG_HEAT_SEQUENTIAL);
}

static void
test_heat_diverging (void)
{
  check_heat_order (SEG_HEAT_DIVERGING);
}

/* ---- the rest: hit-tests that name the right item ---- */

static void
test_other_hits (void)
{
  SegChartStyle style;
  g_auto(SegChartHit) hit = SEG_CHART_HIT_INIT;
  static const double k[] = { 1, 2, 3, 4 }, inertia[] = { 100, 60, 40, 35 };
  SegLineSeries s = { "Inertia", 4, k, inertia, 0 };
  SegLineData line = { 0 };
  static const double sil[] = { 0.5, 0.2, 0.7, -0.1 };
  static const int cl[] = { 0, 0, 1, 1 };
  SegSilhouetteData sd = { 0 };
  SegConfusionData conf = { NULL, NULL, 50, 10, 5, 35, "Stays", "Churns" };
  static const char *heads[] = { "Segment", "Customers" };
  static const char *cells[] = { "A", "10", "B", "20" };
  SegTableData table = { 0 };

  test_style (&style);
  line.n_series = 1;
  line.series = &s;
  line.marked_x = 3;
  line.integer_x = TRUE;
  line.x_label = "k";
  /* the right edge of the plot is nearest k = 4 */
  g_assert_true (seg_chart_line_hit (W, H, &line, &style, W - 40, H / 2, &hit));
  g_assert_cmpint (hit.index, ==, 3);

  sd.n = 4;
  sd.values = sil;
  sd.cluster = cl;
  sd.n_clusters = 2;
  sd.average = NAN;
  /* top of the first band: cluster 0's best point (0.5, index 0) */
  g_assert_true (seg_chart_silhouette_hit (W, H, &sd, &style, W / 2, H * 0.25, &hit));
  g_assert_cmpint (hit.group, ==, 0);
  g_assert_cmpint (hit.index, ==, 0);

  g_assert_true (seg_chart_confusion_hit (W, H, &conf, &style, W / 2 + 40, H * 0.75, &hit));
  g_assert_cmpint (hit.row, ==, 1);
  g_assert_cmpint (hit.col, ==, 1);
  g_assert_nonnull (strstr (hit.tooltip, "35"));

  table.n_rows = 2;
  table.n_cols = 2;
  table.headers = heads;
  table.cells = cells;
  {
    /* going down the table, row 0 comes first, then row 1 */
    int first0 = -1, first1 = -1;
    for (int yy = 0; yy < H; yy++)
      if (seg_chart_table_hit (W, H, &table, &style, 60, yy, &hit))
        {
          if (hit.row == 0 && first0 < 0)
            first0 = yy;
          if (hit.row == 1 && first1 < 0)
            {
              first1 = yy;
              g_assert_nonnull (strstr (hit.tooltip, "Customers: 20"));
            }
        }
    g_assert_cmpint (first0, >, 0);
    g_assert_cmpint (first1, >, first0);
  }
}

/* WCAG 2.1 § 1.4.11: bars, points and legend keys reach 3:1 against what
 * they are drawn on — the white card (light), the #383838 card and the
 * #242424 window (dark) — and 4.5:1 against the chart's own background in
 * the high-contrast themes.  The ratio is WCAG's (relative luminance of
 * sRGB); by hand, Okabe–Ito orange E69F00 on white is 2.25:1 and black on
 * white 21:1.  Text keeps 4.5:1 in every theme. */
static void
test_palette_contrast (void)
{
  const struct { SegChartTheme theme; guint32 under[2]; double need; } cases[] = {
    { SEG_CHART_THEME_LIGHT, { 0xFFFFFF, 0xFFFFFF }, 3.0 },
    { SEG_CHART_THEME_DARK, { 0x383838, 0x242424 }, 3.0 },
    { SEG_CHART_THEME_HC_LIGHT, { 0xFFFFFF, 0xFFFFFF }, 4.5 },
    { SEG_CHART_THEME_HC_DARK, { 0x000000, 0x000000 }, 4.5 },
  };

  g_assert_cmpfloat_with_epsilon (seg_rgba_contrast (seg_rgba_from_hex (0xE69F00), seg_rgba_from_hex (0xFFFFFF)),
                                  2.25, 0.01);
  g_assert_cmpfloat_with_epsilon (seg_rgba_contrast (seg_rgba_from_hex (0x000000), seg_rgba_from_hex (0xFFFFFF)),
                                  21.0, 1e-9);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      SegChartStyle style;

      seg_chart_style_init (&style, cases[c].theme);
      g_assert_cmpint (style.theme, ==, cases[c].theme);
      g_assert_cmpuint (style.n_palette, ==, SEG_CHART_PALETTE_SIZE);
      g_assert_cmpint (cases[c].theme == SEG_CHART_THEME_DARK || cases[c].theme == SEG_CHART_THEME_HC_DARK, ==,
                       seg_rgba_luminance (style.background) < 0.2);
      for (guint u = 0; u < 2; u++)
        {
          SegRgba under = seg_rgba_from_hex (cases[c].under[u]);

          for (guint i = 0; i < style.n_palette; i++)
            {
              double ratio = seg_rgba_contrast (style.palette[i], under);
              if (ratio < cases[c].need)
                g_error ("theme %d: colour %u (%02X%02X%02X) is %.2f:1 on %06X", cases[c].theme, i,
                         (guint) round (style.palette[i].r * 255), (guint) round (style.palette[i].g * 255),
                         (guint) round (style.palette[i].b * 255), ratio, cases[c].under[u]);
            }
          g_assert_cmpfloat (seg_rgba_contrast (style.foreground, under), >=, 4.5);
          g_assert_cmpfloat (seg_rgba_contrast (style.muted, under), >=, 4.5);
        }
      /* the high-contrast themes draw on their own background */
      if (seg_chart_theme_is_high_contrast (cases[c].theme))
        g_assert_cmpfloat (seg_rgba_contrast (style.foreground, style.background), >=, 15);
      /* no two of the first six colours (most segmentations) look alike */
      for (guint i = 0; i < 6; i++)
        for (guint j = i + 1; j < 6; j++)
          {
            SegRgba a = style.palette[i], b = style.palette[j];
            double d = fabs (a.r - b.r) + fabs (a.g - b.g) + fabs (a.b - b.b);
            g_assert_cmpfloat (d, >, 0.25);
          }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/render/palette-contrast", test_palette_contrast);
  g_test_add_func ("/charts/render/bars-vertical", test_bars_vertical);
  g_test_add_func ("/charts/render/bars-horizontal", test_bars_horizontal);
  g_test_add_func ("/charts/render/bars-highlight", test_bars_highlight);
  g_test_add_func ("/charts/render/bars-hit", test_bars_hit);
  g_test_add_func ("/charts/render/scatter-inside", test_scatter_inside);
  g_test_add_func ("/charts/render/scatter-sampled", test_scatter_sampled);
  g_test_add_func ("/charts/render/scatter-hit", test_scatter_hit);
  g_test_add_func ("/charts/render/scatter-legend", test_scatter_legend);
  g_test_add_func ("/charts/render/scatter-large", test_scatter_large);
  g_test_add_func ("/charts/render/box-whiskers", test_box_whiskers);
  g_test_add_func ("/charts/render/box-hit", test_box_hit);
  g_test_add_func ("/charts/render/heat-sequential", test_heat_sequential);
  g_test_add_func ("/charts/render/heat-diverging", test_heat_diverging);
  g_test_add_func ("/charts/render/other-hits", test_other_hits);
  return g_test_run ();
}
