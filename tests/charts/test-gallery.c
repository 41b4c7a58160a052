/* test-gallery.c — every chart in both styles, at several sizes
 *
 * Renders each chart kind to image surfaces (light and dark, card and export
 * sizes, tiny sizes) and checks that drawing succeeds and paints something.
 * With SEG_CHART_GALLERY=DIR set it also writes DIR/charts-<name>-<style>.png
 * for a person to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "seg-charts.h"

typedef void (*GalleryDraw) (cairo_t *cr, double w, double h, const SegChartStyle *style);

static guint
count_non_background (cairo_surface_t     *surface,
                      const SegChartStyle *style)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 bg = 0xff000000u | ((guint32) round (style->background.r * 255) << 16)
               | ((guint32) round (style->background.g * 255) << 8)
               | (guint32) round (style->background.b * 255);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (*(const guint32 *) (const void *) (data + y * stride + 4 * x) != bg)
        n++;
  return n;
}

static void
render_one (const char  *name,
            GalleryDraw  draw,
            SegChartTheme theme,
            int          w,
            int          h,
            double       scale)
{
  SegChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *dir = g_getenv ("SEG_CHART_GALLERY");

  seg_chart_style_init (&style, theme);
  style.scale = scale;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  draw (cr, w, h, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* Something beyond the background was drawn. */
  g_assert_cmpuint (count_non_background (surface, &style), >, 50);
  if (dir != NULL && w >= 200)
    {
      g_autofree char *file = g_strdup_printf ("charts-%s-%s%s.png", name,
                                               theme == SEG_CHART_THEME_DARK ? "dark" : "light",
                                               scale > 1 ? "-big" : w < 600 ? "-small" : "");
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
    }
  cairo_surface_destroy (surface);
}

static void
render_all_sizes (const char  *name,
                  GalleryDraw  draw)
{
  render_one (name, draw, SEG_CHART_THEME_LIGHT, 900, 560, 1.0);
  render_one (name, draw, SEG_CHART_THEME_DARK, 900, 560, 1.0);
  render_one (name, draw, SEG_CHART_THEME_LIGHT, 1600, 1000, 1.6);
  render_one (name, draw, SEG_CHART_THEME_LIGHT, 360, 240, 1.0);
  render_one (name, draw, SEG_CHART_THEME_DARK, 120, 80, 1.0);
}

/* ---- sample data ---- */

static const char *segment_names[] = {
  "Power User", "Churn Risk", "High Value Saver", "New Customer",
  "Dormant but Wealthy Retirees Segment", "Casual", "Borrower",
};

static void
draw_bars_sizes (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  static const double values[] = { 79, 23, 41, 18, 12, 55, 9 };
  SegBarData d = { 0 };

  d.title = "Segment sizes";
  d.subtitle = "Rule segmentation · 237 customers";
  d.value_label = "Customers";
  d.n = G_N_ELEMENTS (values);
  d.categories = segment_names;
  d.values = values;
  d.format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_INTEGER);
  d.show_values = TRUE;
  seg_chart_bars_draw (cr, w, h, &d, style);
}

static void
draw_bars_clv (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  static const double values[] = { 85951.87, 12040.5, 45880, 3200, 152000, 9800, -4200 };
  SegBarData d = { 0 };
  SegChartStyle st = *style;

  d.title = "Average CLV per segment";
  d.subtitle = "12-month horizon, BG/NBD + Gamma-Gamma";
  d.value_label = "Average CLV";
  d.n = G_N_ELEMENTS (values);
  d.categories = segment_names;
  d.values = values;
  d.format = (SegNumberFormat) { SEG_NUMBER_CURRENCY, -1, "€", FALSE, NULL, NULL };
  d.horizontal = TRUE;
  d.show_values = TRUE;
  st.highlight_group = 4;
  seg_chart_bars_draw (cr, w, h, &d, &st);
}

static void
draw_bars_many (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  double values[40];
  char *names[40];
  SegBarData d = { 0 };

  for (guint i = 0; i < 40; i++)
    {
      values[i] = fabs (sin (i * 0.7)) * 0.4;
      names[i] = g_strdup_printf ("Segment number %u", i + 1);
    }
  d.title = "Churn rate by segment";
  d.value_label = "Churn rate";
  d.category_label = "Segment";
  d.n = 40;
  d.categories = (const char *const *) names;
  d.values = values;
  d.format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  d.show_values = TRUE;
  seg_chart_bars_draw (cr, w, h, &d, style);
  for (guint i = 0; i < 40; i++)
    g_free (names[i]);
}

static void
test_gallery_bars (void)
{
  render_all_sizes ("bars", draw_bars_sizes);
  render_all_sizes ("bars-clv", draw_bars_clv);
  render_all_sizes ("bars-many", draw_bars_many);
}


static void
normal_values (GRand *rng, double *out, gsize n, double mean, double sd)
{
  for (gsize i = 0; i < n; i++)
    {
      double u1 = g_rand_double (rng), u2 = g_rand_double (rng);
      out[i] = mean + sd * sqrt (-2 * log (MAX (u1, 1e-12))) * cos (2 * G_PI * u2);
    }
}

static void
draw_box (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (7);
  double *vals[5];
  gsize ns[5] = { 300, 120, 2000, 60, 5000 };
  SegBoxData d = { 0 };

  for (guint i = 0; i < 5; i++)
    {
      vals[i] = g_new (double, ns[i]);
      normal_values (rng, vals[i], ns[i], 30000 + 15000 * i, 8000 + 3000 * i);
      for (gsize k = 0; k < ns[i]; k += 37)
        vals[i][k] *= 2.2;
    }
  d.title = "Income by segment";
  d.subtitle = "Box: quartiles (type 7) · whiskers: 1.5 IQR · ◇ mean";
  d.value_label = "Income";
  d.n_groups = 5;
  d.group_names = segment_names;
  d.values = (const double *const *) vals;
  d.n_values = ns;
  d.format = (SegNumberFormat) { SEG_NUMBER_CURRENCY, -1, "$", FALSE, NULL, NULL };
  seg_chart_box_draw (cr, w, h, &d, style);
  for (guint i = 0; i < 5; i++)
    g_free (vals[i]);
}

static void
scatter_common (cairo_t *cr, double w, double h, const SegChartStyle *style, gsize n,
                SegScatterLarge large, gboolean arrows, int highlight)
{
  static const char *clusters[] = { "Savers", "Spenders", "Borrowers", "Newcomers" };
  static const double cx[] = { -2, 1.5, 2.5, -0.5 }, cy[] = { 1, 1.8, -1.2, -1.5 };
  static const double ax[] = { 0.6, 0.5, -0.3, 0.1 }, ay[] = { 0.2, -0.4, 0.6, 0.7 };
  static const char *an[] = { "BALANCE", "PURCHASES", "CASH_ADVANCE", "TENURE" };
  g_autoptr(GRand) rng = g_rand_new_with_seed (3);
  double *x = g_new (double, n), *y = g_new (double, n);
  int *grp = g_new (int, n);
  SegScatterData d = { 0 };
  SegChartStyle st = *style;

  normal_values (rng, x, n, 0, 0.9);
  normal_values (rng, y, n, 0, 0.7);
  for (gsize i = 0; i < n; i++)
    {
      grp[i] = (int) (i % 4);
      x[i] += cx[grp[i]];
      y[i] += cy[grp[i]];
    }
  d.title = "Customers on the first two principal components";
  d.subtitle = "PC1 28.0 % · PC2 20.7 % of variance";
  d.x_label = "PC1";
  d.y_label = "PC2";
  d.n = n;
  d.x = x;
  d.y = y;
  d.group = grp;
  d.n_groups = 4;
  d.group_names = clusters;
  d.centroid_x = cx;
  d.centroid_y = cy;
  if (arrows)
    {
      d.n_arrows = 4;
      d.arrow_x = ax;
      d.arrow_y = ay;
      d.arrow_labels = an;
    }
  d.large = large;
  d.seed = 1;
  st.highlight_group = highlight;
  seg_chart_scatter_draw (cr, w, h, &d, &st);
  g_free (x);
  g_free (y);
  g_free (grp);
}

static void
draw_scatter (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  scatter_common (cr, w, h, style, 800, SEG_SCATTER_SAMPLE, TRUE, -1);
}

static void
draw_scatter_big (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  scatter_common (cr, w, h, style, 120000, SEG_SCATTER_SAMPLE, FALSE, 1);
}

static void
draw_scatter_density (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  scatter_common (cr, w, h, style, 120000, SEG_SCATTER_DENSITY, FALSE, -1);
}

static void
draw_elbow (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  static const double k[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  static const double inertia[] = { 125300, 104000, 91000, 80770, 76000, 72500, 69800, 67500, 65600, 64000 };
  SegLineSeries s = { "Inertia", 10, k, inertia, 0 };
  SegLineData d = { 0 };

  d.title = "Elbow: inertia by number of clusters";
  d.subtitle = "Lower is tighter; look for the bend";
  d.x_label = "Number of clusters (k)";
  d.y_label = "Inertia";
  d.n_series = 1;
  d.series = &s;
  d.marked_x = 4;
  d.marked_label = "Suggested k = 4";
  d.x_format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_INTEGER);
  d.y_format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_COMPACT);
  d.integer_x = TRUE;
  seg_chart_line_draw (cr, w, h, &d, style);
}

static void
draw_sil_k (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  static const double k[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  static const double sil[] = { NAN, 0.21, 0.25, 0.31, 0.27, 0.22, 0.2, 0.19, 0.18, 0.17 };
  static const double db[] = { NAN, 1.8, 1.5, 1.2, 1.3, 1.4, 1.45, 1.5, 1.55, 1.6 };
  SegLineSeries s[2] = { { "Silhouette", 10, k, sil, 0 }, { "Davies–Bouldin", 10, k, db, 1 } };
  SegLineData d = { 0 };

  d.title = "Silhouette by number of clusters";
  d.x_label = "Number of clusters (k)";
  d.y_label = "Score";
  d.n_series = 2;
  d.series = s;
  d.marked_x = 4;
  d.marked_label = "k = 4";
  d.integer_x = TRUE;
  d.include_zero = TRUE;
  seg_chart_line_draw (cr, w, h, &d, style);
}

static void
draw_silhouette (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  static const char *names[] = { "Savers", "Spenders", "Borrowers", "Newcomers" };
  g_autoptr(GRand) rng = g_rand_new_with_seed (11);
  gsize n = 3000;
  double *v = g_new (double, n);
  int *c = g_new (int, n);
  SegSilhouetteData d = { 0 };

  for (gsize i = 0; i < n; i++)
    {
      c[i] = (int) (g_rand_int_range (rng, 0, 7) % 4);
      v[i] = CLAMP (0.1 + 0.12 * c[i] + 0.25 * (g_rand_double (rng) - 0.35) * 2, -1, 1);
    }
  d.title = "Silhouette of each customer";
  d.subtitle = "k-means, k = 4";
  d.n = n;
  d.values = v;
  d.cluster = c;
  d.n_clusters = 4;
  d.cluster_names = names;
  d.average = NAN;
  seg_chart_silhouette_draw (cr, w, h, &d, style);
  g_free (v);
  g_free (c);
}

static void
draw_profile (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  static const char *rows[] = { "Savers", "Spenders", "Borrowers", "Newcomers" };
  static const char *cols[] = { "BALANCE", "PURCHASES", "ONEOFF_PURCHASES", "CASH_ADVANCE",
                                "CREDIT_LIMIT", "PAYMENTS", "TENURE" };
  static const double z[] = { 0.8, -0.5, -0.4, -0.2, 0.3, -0.1, 0.2,
                              -0.3, 1.9, 1.6, -0.4, 0.7, 0.9, 0.1,
                              1.4, -0.6, -0.5, 2.3, 0.6, 0.4, -0.1,
                              -0.9, -0.3, -0.2, -0.4, -0.8, -0.7, -1.6 };
  static const int groups[] = { 0, 1, 2, 3 };
  SegHeatData d = { 0 };

  d.title = "Cluster profiles";
  d.subtitle = "Mean of each feature, as z-score against all customers";
  d.n_rows = 4;
  d.n_cols = 7;
  d.row_labels = rows;
  d.col_labels = cols;
  d.values = z;
  d.format = (SegNumberFormat) { SEG_NUMBER_PLAIN, 2, NULL, FALSE, NULL, NULL };
  d.scale = SEG_HEAT_DIVERGING;
  d.row_groups = groups;
  d.scale_label = "z-score";
  seg_chart_heatmap_draw (cr, w, h, &d, style);
}

static void
draw_rfm (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  static const char *rows[] = { "R 5", "R 4", "R 3", "R 2", "R 1" };
  static const char *cols[] = { "F 1", "F 2", "F 3", "F 4", "F 5" };
  double counts[25], money[25];
  SegHeatData d = { 0 };

  for (guint i = 0; i < 25; i++)
    {
      counts[i] = (double) ((i * 37) % 23 + (i % 5) * 9 + 2);
      money[i] = 120.0 * (i % 5 + 1) * (5 - i / 5) + 33;
    }
  d.title = "RFM grid: recency × frequency";
  d.subtitle = "Customers per cell · average monetary value below";
  d.x_label = "Frequency score";
  d.y_label = "Recency score";
  d.n_rows = 5;
  d.n_cols = 5;
  d.row_labels = rows;
  d.col_labels = cols;
  d.values = counts;
  d.secondary = money;
  d.format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_INTEGER);
  d.secondary_format = (SegNumberFormat) { SEG_NUMBER_CURRENCY, -1, "€", FALSE, NULL, NULL };
  d.scale = SEG_HEAT_SEQUENTIAL;
  d.scale_label = "Customers";
  seg_chart_heatmap_draw (cr, w, h, &d, style);
}

static void
draw_table (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  static const char *headers[] = { "Segment", "Customers", "Share", "Total spend", "Avg spend", "Avg age", "Avg income" };
  static const char *cells[] = {
    "Power User", "79", "33.3%", "€6,790,198", "€85,952", "31.2", "€70,000",
    "Churn Risk", "23", "9.7%", "€276,932", "€12,040", "44.0", "€52,300",
    "High Value Saver", "41", "17.3%", "€1,881,080", "€45,880", "51.8", "€98,100",
    "New Customer", "18", "7.6%", "€57,600", "€3,200", "27.5", "€41,000",
    "Dormant but Wealthy Retirees Segment", "12", "5.1%", "€1,824,000", "€152,000", "68.3", "€120,500",
    "Casual", "55", "23.2%", "€539,000", "€9,800", "36.1", "€48,800",
    "Borrower", "9", "3.8%", "−€37,800", "−€4,200", "39.9", "€45,000",
  };
  static const int groups[] = { 0, 1, 2, 3, 4, 5, 6 };
  SegTableData d = { 0 };

  d.title = "Segment summary";
  d.subtitle = "Rule segmentation · as of 14 Sep 2025";
  d.n_rows = 7;
  d.n_cols = 7;
  d.headers = headers;
  d.cells = cells;
  d.row_groups = groups;
  seg_chart_table_draw (cr, w, h, &d, style);
}

static void
draw_hist (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  static const char *names[] = { "Stayed", "Churned" };
  g_autoptr(GRand) rng = g_rand_new_with_seed (5);
  gsize n = 4000;
  double *v = g_new (double, n);
  int *grp = g_new (int, n);
  SegHistData d = { 0 };

  for (gsize i = 0; i < n; i++)
    {
      grp[i] = g_rand_double (rng) < 0.25;
      v[i] = CLAMP (pow (g_rand_double (rng), grp[i] ? 0.4 : 2.5), 0, 1);
    }
  d.title = "Predicted churn probability";
  d.x_label = "Probability of churning";
  d.n = n;
  d.values = v;
  d.group = grp;
  d.n_groups = 2;
  d.group_names = names;
  d.n_bins = 20;
  d.lo = 0;
  d.hi = 1;
  d.x_format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);
  seg_chart_hist_draw (cr, w, h, &d, style);
  g_free (v);
  g_free (grp);
}

static void
draw_roc (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  double fpr[51], tpr[51];
  SegRocData d = { 0 };

  for (guint i = 0; i <= 50; i++)
    {
      fpr[i] = i / 50.0;
      tpr[i] = pow (fpr[i], 0.18);
    }
  d.title = "ROC curve";
  d.subtitle = "Churn model, hold-out 20 %";
  d.n = 51;
  d.fpr = fpr;
  d.tpr = tpr;
  d.auc = NAN;
  seg_chart_roc_draw (cr, w, h, &d, style);
}

static void
draw_confusion (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  SegConfusionData d = { "Confusion matrix", "Threshold 0.5", 1480, 95, 130, 295, "Stays", "Churns" };
  seg_chart_confusion_draw (cr, w, h, &d, style);
}

static void
draw_kpis (cairo_t *cr, double w, double h, const SegChartStyle *style)
{
  SegKpi k[6] = {
    { "Customers", 8950, SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_INTEGER), 312, SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_INTEGER), FALSE, "vs. last month" },
    { "Revenue", 12.53e6, { SEG_NUMBER_CURRENCY, -1, "€", FALSE, NULL, NULL }, 0.041, SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT), FALSE, NULL },
    { "Average spend", 1400.25, { SEG_NUMBER_CURRENCY, 2, "€", FALSE, NULL, NULL }, NAN, SEG_NUMBER_FORMAT_INIT (0), FALSE, "per customer" },
    { "Active share", 0.734, SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT), -0.012, SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT), FALSE, NULL },
    { "Churn rate", 0.186, SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT), 0.02, SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT), TRUE, NULL },
    { "Average CLV", 2315.7, { SEG_NUMBER_CURRENCY, -1, "€", FALSE, NULL, NULL }, NAN, SEG_NUMBER_FORMAT_INIT (0), FALSE, "12 months" },
  };
  double gap = 12, card_w = (w - 2 * gap) / 3, card_h = MIN ((h - gap) / 2, 130);

  /* the dashboard's KPI row lays its cards out itself (seg-dashboard-segments.c) */
  for (guint i = 0; i < G_N_ELEMENTS (k); i++)
    {
      cairo_save (cr);
      cairo_translate (cr, (i % 3) * (card_w + gap), (i / 3) * (card_h + gap));
      seg_chart_kpi_draw_card (cr, card_w, card_h, &k[i], style);
      cairo_restore (cr);
    }
}

static void
test_gallery_others (void)
{
  render_all_sizes ("box", draw_box);
  render_all_sizes ("scatter", draw_scatter);
  render_all_sizes ("scatter-big", draw_scatter_big);
  render_all_sizes ("scatter-density", draw_scatter_density);
  render_all_sizes ("elbow", draw_elbow);
  render_all_sizes ("silhouette-k", draw_sil_k);
  render_all_sizes ("silhouette", draw_silhouette);
  render_all_sizes ("profile", draw_profile);
  render_all_sizes ("rfm", draw_rfm);
  render_all_sizes ("table", draw_table);
  render_all_sizes ("hist", draw_hist);
  render_all_sizes ("roc", draw_roc);
  render_all_sizes ("confusion", draw_confusion);
  render_all_sizes ("kpis", draw_kpis);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/gallery/bars", test_gallery_bars);
  g_test_add_func ("/charts/gallery/others", test_gallery_others);
  return g_test_run ();
}
