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
 * the size of a card in a 1280-wide window: no label, legend entry, axis
 * title, subtitle or note loses words to an ellipsis. */
static void
test_nothing_cut (void)
{
  const char *methods[] = { "rules", "rfm", "kmeans" };
  const int sizes[][2] = { { 1600, 1000 }, { 1000, 625 }, { 500, 420 } };
  guint failures = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
      for (guint k = 0; k < SEG_N_CHARTS; k++)
        {
          SegChartParams params;
          SegChartStyle style;
          cairo_surface_t *surface;

          seg_chart_params_init (&params);
          params.colour_by = methods[m];
          if (!seg_chart_available ((SegChartKind) k, sample_result, &params, NULL))
            continue;
          if (sizes[s][0] >= 1000)
            seg_dashboard_export_style (&style, SEG_CHART_THEME_LIGHT, sizes[s][0], sizes[s][1]);
          else
            seg_chart_style_init (&style, SEG_CHART_THEME_LIGHT);
          seg_text_reset_ellipsized ();
          surface = render ((SegChartKind) k, sample_result, &params, &style, sizes[s][0], sizes[s][1]);
          /* SEG_READING_SHOTS=DIR writes them for a person to look at */
          if (g_getenv ("SEG_READING_SHOTS") != NULL)
            {
              g_autofree char *name = g_strdup_printf ("%s/%s-%s-%d.png", g_getenv ("SEG_READING_SHOTS"),
                                                       seg_chart_kind_id ((SegChartKind) k), methods[m],
                                                       sizes[s][0]);
              cairo_surface_write_to_png (surface, name);
            }
          if (seg_text_get_ellipsized () > 0)
            {
              g_test_message ("%s by %s at %d×%d: %u texts cut", seg_chart_kind_id ((SegChartKind) k),
                              methods[m], sizes[s][0], sizes[s][1], seg_text_get_ellipsized ());
              failures++;
            }
          cairo_surface_destroy (surface);
        }
  g_assert_cmpuint (failures, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  sample_result = run_fintech ();
  g_test_add_func ("/reading/nothing-cut", test_nothing_cut);
  ret = g_test_run ();
  seg_result_unref (sample_result);
  return ret;
}
