/* test-reading.c — the dashboard reads without guessing: no text is cut
 * silently, blanks have words, raw column names never reach the reader
 *
 * The result comes from the engine run on data/samples/fintech with
 * default options (rules, RFM, k-means with personas, churn, CLV).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-analysis.h"
#include "seg-chart-bars.h"
#include "seg-chart-frame.h"
#include "seg-chart-text.h"
#include "seg-dashboard.h"
#include "seg-test-util.h"
#include "dashboard-test-util.h"

static SegResult *sample_result;

static SegResult *
run_fintech (void)
{
  g_autofree char *dir = sample_dir ();
  g_autofree char *c = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *t = g_build_filename (dir, "transactions.csv", NULL);
  g_autofree char *a = g_build_filename (dir, "activity.csv", NULL);
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  SegAnalysisOptions ao;
  SegResult *r;

  seg_dataset_options_add_input (options, c, SEG_FILE_ROLE_UNKNOWN);
  seg_dataset_options_add_input (options, t, SEG_FILE_ROLE_UNKNOWN);
  seg_dataset_options_add_input (options, a, SEG_FILE_ROLE_UNKNOWN);
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  seg_analysis_options_init (&ao);
  r = seg_analysis_run (ds, &ao, NULL, NULL, NULL, &error);
  seg_analysis_options_clear (&ao);
  g_assert_no_error (error);
  return r;
}

/* Every chart, coloured by every segmentation, at the export sizes and at
 * the size of a card in a 1280- and a 1024-wide window: no label, legend
 * entry, axis title, subtitle or note loses words to an ellipsis, and
 * none is drawn past the edge of the picture, where the edge would cut
 * it without an ellipsis to show it. */
/* The edge check itself: a label inside counts nothing, one that starts
 * left of the picture, one whose rotated end reaches below it, and one
 * outside a clip the caller set each count once. */
static void
test_outside_detected (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cairo_t *cr = cairo_create (s);
  SegChartStyle style;
  guint before;
  g_autoptr(PangoLayout) label = NULL;

  seg_chart_style_init (&style, SEG_CHART_THEME_LIGHT);
  label = seg_chart_text_layout (&style, SEG_TEXT_BODY, "Inactive Customer", -1);
  before = seg_chart_text_get_n_outside ();
  /* inside: centred at the middle, and turned by 45° with room below */
  seg_chart_text_draw_layout (cr, label, 100, 50, 0.5, 0.5, 0, style.foreground);
  seg_chart_text_draw_layout (cr, label, 150, 5, 1, 0.5, -G_PI / 4, style.foreground);
  g_assert_cmpuint (seg_chart_text_get_n_outside () - before, ==, 0);
  /* left-aligned at x = -20: the first letters are off the picture */
  seg_chart_text_draw_layout (cr, label, -20, 50, 0, 0.5, 0, style.foreground);
  g_assert_cmpuint (seg_chart_text_get_n_outside () - before, ==, 1);
  /* turned by 45° under a bar near the bottom: the start runs below */
  seg_chart_text_draw_layout (cr, label, 150, 80, 1, 0.5, -G_PI / 4, style.foreground);
  g_assert_cmpuint (seg_chart_text_get_n_outside () - before, ==, 2);
  /* inside the picture but past a clip: cut all the same */
  cairo_rectangle (cr, 0, 0, 100, 100);
  cairo_clip (cr);
  seg_chart_text_draw_layout (cr, label, 100, 50, 0.5, 0.5, 0, style.foreground);
  g_assert_cmpuint (seg_chart_text_get_n_outside () - before, ==, 3);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

static void
test_nothing_cut (void)
{
  const char *methods[] = { "rules", "rfm", "kmeans" };
  /* the export sizes, a card at 1280×860 and at 1024×700, and long thin shapes */
  const int sizes[][2] = { { 1600, 1000 }, { 1000, 625 }, { 500, 420 }, { 440, 360 }, { 800, 300 }, { 360, 600 } };
  guint failures = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
      for (guint k = 0; k < SEG_N_CHARTS; k++)
        {
          SegChartParams params;
          SegChartStyle style;
          cairo_surface_t *surface;
          guint outside;

          seg_chart_params_init (&params);
          params.colour_by = methods[m];
          if (!seg_dashboard_available ((SegChartKind) k, sample_result, &params, NULL))
            continue;
          if (sizes[s][0] >= 1000)
            seg_dashboard_export_style (&style, SEG_CHART_THEME_LIGHT, sizes[s][0], sizes[s][1]);
          else
            seg_chart_style_init (&style, SEG_CHART_THEME_LIGHT);
          seg_chart_text_reset_ellipsized ();
          outside = seg_chart_text_get_n_outside ();
          surface = render ((SegChartKind) k, sample_result, &params, &style, sizes[s][0], sizes[s][1]);
          outside = seg_chart_text_get_n_outside () - outside;
          /* SEG_READING_SHOTS=DIR writes them for a person to look at */
          if (g_getenv ("SEG_READING_SHOTS") != NULL)
            {
              g_autofree char *name = g_strdup_printf ("%s/%s-%s-%d.png", g_getenv ("SEG_READING_SHOTS"),
                                                       seg_chart_kind_id ((SegChartKind) k), methods[m],
                                                       sizes[s][0]);
              cairo_surface_write_to_png (surface, name);
            }
          /* the last sizes check the edges only: a card that small wraps
           * its longest notes to an ellipsis on purpose */
          if ((s < 3 && seg_chart_text_get_ellipsized () > 0) || outside > 0)
            {
              g_test_message ("%s by %s at %d×%d: %u texts cut, %u past the edge",
                              seg_chart_kind_id ((SegChartKind) k), methods[m], sizes[s][0], sizes[s][1],
                              seg_chart_text_get_ellipsized (), outside);
              failures++;
            }
          cairo_surface_destroy (surface);
        }
  /* the key figures as the Overview shows them: a strip of six cards */
  {
    const int strips[][2] = { { 760, 170 }, { 1040, 170 }, { 1700, 170 } };
    for (guint s = 0; s < G_N_ELEMENTS (strips); s++)
      {
        SegChartStyle style;
        cairo_surface_t *surface;

        seg_chart_style_init (&style, SEG_CHART_THEME_LIGHT);
        seg_chart_text_reset_ellipsized ();
        surface = render (SEG_CHART_KPIS, sample_result, NULL, &style, strips[s][0], strips[s][1]);
        if (seg_chart_text_get_ellipsized () > 0)
          {
            g_test_message ("kpis at %d×%d: %u texts cut", strips[s][0], strips[s][1], seg_chart_text_get_ellipsized ());
            failures++;
          }
        cairo_surface_destroy (surface);
      }
  }
  g_assert_cmpuint (failures, ==, 0);
}

/* Pixels off the background in the middle third, between the gridlines
 * rows (rows whose every pixel is the same colour are lines, not text). */
static guint
middle_ink (cairo_surface_t *s,
            guint32          background)
{
  guint n = 0;

  for (int y = 60; y < 357; y++)
    {
      gboolean line = TRUE;
      for (int x = 230; x < 370 && line; x++)
        line = pixel (s, x, y) == pixel (s, 230, y);
      for (int x = 230; x < 370 && !line; x++)
        n += pixel (s, x, y) != background;
    }
  return n;
}

/* A segment without buyers has no average: its slot says so, in the
 * picture and in the tooltip, instead of staying blank. */
static void
test_missing_bar_says_why (void)
{
  const char *names[] = { "Buyers", "Browsers", "Others" };
  const double values[] = { 120.0, NAN, 80.0 };
  SegBarData d = { 0 };
  SegChartStyle style;
  cairo_surface_t *s;
  cairo_t *cr;
  g_auto(SegChartHit) hit = { 0 };
  guint before, after;

  seg_chart_style_init (&style, SEG_CHART_THEME_LIGHT);
  d.title = "Average CLV by segment";
  d.n = 3;
  d.categories = names;
  d.values = values;
  d.format = (SegNumberFormat) SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PLAIN);
  d.show_values = TRUE;

  /* without words the middle slot is empty */
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cr = cairo_create (s);
  seg_chart_bars_draw (cr, 600, 400, &d, &style);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  g_assert_false (seg_chart_bars_hit (600, 400, &d, &style, 300, 300, &hit));
  before = middle_ink (s, opaque (style.background));
  cairo_surface_destroy (s);

  d.missing_text = "no purchases";
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cr = cairo_create (s);
  seg_chart_bars_draw (cr, 600, 400, &d, &style);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  after = middle_ink (s, opaque (style.background));
  if (g_getenv ("SEG_READING_SHOTS") != NULL)
    {
      g_autofree char *name = g_build_filename (g_getenv ("SEG_READING_SHOTS"), "missing-bar.png", NULL);
      cairo_surface_write_to_png (s, name);
    }
  cairo_surface_destroy (s);
  g_test_message ("ink in the middle slot: %u without words, %u with", before, after);
  g_assert_cmpuint (after, >, before + 50);
  for (int y = 60; y < 360 && !hit.tooltip; y += 10)
    seg_chart_bars_hit (600, 400, &d, &style, 300, y, &hit);
  g_assert_nonnull (hit.tooltip);
  g_assert_nonnull (strstr (hit.tooltip, "Browsers"));
  g_assert_nonnull (strstr (hit.tooltip, "no purchases"));
}

/* Column names reach the reader as display names. */
static void
test_display_names (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "recency_days > 30", "no purchase for more than 30 days" },
    { "recency_days > 180", "no purchase for more than 180 days" },
    { "total_spent >= 1000 and txn_count < 2", "Total spend >= 1000 and Transactions < 2" },
    { "churned", "churned" },
    { "plan == \"gold_plus\"", "plan == \"gold_plus\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = seg_dashboard_expression_label (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  {
    g_autofree char *a = seg_dashboard_column_label ("BALANCE");
    g_autofree char *b = seg_dashboard_column_label ("PURCHASES_FREQUENCY");
    g_autofree char *c = seg_dashboard_column_label ("ID");
    g_autofree char *d = seg_dashboard_column_label ("CustomerID");
    g_assert_cmpstr (a, ==, "Balance");
    g_assert_cmpstr (b, ==, "Purchases frequency");
    g_assert_cmpstr (c, ==, "ID");
    g_assert_cmpstr (d, ==, "CustomerID");
  }
  g_assert_cmpstr (seg_dashboard_clv_method_label (SEG_CLV_METHOD_BGNBD), ==, "BG/NBD");
}

/* The active share counts buyers only, and its name says so. */
static void
test_active_share_of_buyers (void)
{
  SegKpi kpis[SEG_DASHBOARD_N_KPIS];

  seg_dashboard_get_kpis (sample_result, NULL, kpis);
  g_assert_cmpstr (kpis[3].label, ==, "Active buyers");
  g_assert_nonnull (strstr (kpis[3].caption, "90 days"));
}

/* A customer on the PCA map is named, not only numbered: the sample's
 * customers.csv has a name column (C00001 is Grace Reyes). */
static void
test_pca_tooltip_names (void)
{
  SegChartStyle style;
  g_autoptr(SegChartPrepared) p = NULL;
  gboolean found = FALSE;

  seg_chart_style_init (&style, SEG_CHART_THEME_LIGHT);
  p = seg_dashboard_prepare (SEG_CHART_PCA_SCATTER, sample_result, NULL, &style);
  for (int y = 100; y < 600 && !found; y += 3)
    for (int x = 80; x < 980 && !found; x += 3)
      {
        g_auto(SegChartHit) hit = { 0 };

        if (seg_chart_prepared_hit_test (p, 1000, 625, x, y, &hit) && hit.kind == SEG_CHART_HIT_ITEM &&
            hit.tooltip != NULL && strstr (hit.tooltip, " (C0") != NULL)
          {
            g_test_message ("%s", hit.tooltip);
            found = TRUE;
          }
      }
  g_assert_true (found);
}

/* Rotated category labels get the room below the plot: a name such as
 * "High-Value Customer" that fits there on one line is not broken onto
 * two; only one longer than the room wraps, and none is cut. */
static void
test_rotated_labels_room (void)
{
  const char *labels[] = { "New Customer", "Inactive Customer", "Power User", "High-Value Customer",
                           "Budget Customer", "Others" };
  const char *long_labels[] = { "Customers who bought once and never again", "Others" };
  SegChartStyle style;
  SegCategoryFit fit;
  double line_h, widest = 0, s45 = sin (G_PI / 4);

  seg_chart_style_init (&style, SEG_CHART_THEME_LIGHT);
  line_h = seg_chart_text_line_height (&style, SEG_TEXT_BODY);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    widest = MAX (widest, seg_chart_text_width (&style, SEG_TEXT_BODY, labels[i]));
  /* slots too narrow for upright labels, room below for the longest on
   * one line (with a line to spare) but not for two lines of it */
  seg_chart_frame_fit_categories (&style, labels, G_N_ELEMENTS (labels), 60,
                                  (widest + 1.5 * line_h) * s45, &fit);
  g_assert_cmpfloat (fit.angle, !=, 0);
  g_assert_cmpint (fit.lines, ==, 1);
  g_assert_cmpfloat (fit.max_width, >=, widest);
  g_assert_cmpuint (fit.every, ==, 1);
  /* the room they take below the plot is what they need */
  g_assert_cmpfloat (fit.extent, <=, (widest + 1.5 * line_h) * s45 + seg_chart_frame_tick_gap (&style));

  /* a label longer than the room wraps onto two lines */
  seg_chart_frame_fit_categories (&style, long_labels, G_N_ELEMENTS (long_labels), 60,
                                  (widest + 1.5 * line_h) * s45, &fit);
  g_assert_cmpint (fit.lines, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  sample_result = run_fintech ();
  g_test_add_func ("/reading/outside-detected", test_outside_detected);
  g_test_add_func ("/reading/nothing-cut", test_nothing_cut);
  g_test_add_func ("/reading/rotated-labels-room", test_rotated_labels_room);
  g_test_add_func ("/reading/missing-bar-says-why", test_missing_bar_says_why);
  g_test_add_func ("/reading/display-names", test_display_names);
  g_test_add_func ("/reading/pca-tooltip-names", test_pca_tooltip_names);
  g_test_add_func ("/reading/active-share-of-buyers", test_active_share_of_buyers);
  ret = g_test_run ();
  seg_result_unref (sample_result);
  return ret;
}
