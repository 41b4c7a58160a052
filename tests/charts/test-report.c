/* test-report.c — the PDF report's page layout, paper and writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of the report is checked with pdftotext by tests/cli/test-cli-report.c;
 * this tests the layout rules (no chart cut across pages, long tables
 * continued under a repeated header) and the API.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dashboard-test-util.h"
#include "seg-report.h"

static SegResult *
run_fintech (SegMethods methods)
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
  seg_dataset_options_set_keep_transactions (options, TRUE);
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  seg_analysis_options_init (&ao);
  ao.methods = methods;
  r = seg_analysis_run (ds, &ao, NULL, NULL, NULL, &error);
  seg_analysis_options_clear (&ao);
  g_assert_no_error (error);
  return r;
}

static SegResult *full_result;

static void
test_paper_names (void)
{
  SegPaper p;

  g_assert_cmpint (seg_paper_for_locale_name ("en_US.UTF-8"), ==, SEG_PAPER_LETTER);
  g_assert_cmpint (seg_paper_for_locale_name ("fr_CA.UTF-8"), ==, SEG_PAPER_LETTER);
  g_assert_cmpint (seg_paper_for_locale_name ("es_MX"), ==, SEG_PAPER_LETTER);
  g_assert_cmpint (seg_paper_for_locale_name ("en_GB.UTF-8"), ==, SEG_PAPER_A4);
  g_assert_cmpint (seg_paper_for_locale_name ("de_DE.UTF-8@euro"), ==, SEG_PAPER_A4);
  g_assert_cmpint (seg_paper_for_locale_name ("C.UTF-8"), ==, SEG_PAPER_A4);
  g_assert_cmpint (seg_paper_for_locale_name (NULL), ==, SEG_PAPER_A4);
  g_assert_true (seg_paper_parse ("Letter", &p) && p == SEG_PAPER_LETTER);
  g_assert_true (seg_paper_parse ("a4", &p) && p == SEG_PAPER_A4);
  g_assert_false (seg_paper_parse ("a5", &p));
}

/* The tests run with LANG=C.UTF-8: glibc's C locale has A4 (210 mm). */
static void
test_paper_from_locale (void)
{
  g_assert_cmpint (seg_paper_from_locale (), ==, SEG_PAPER_A4);
}

/* Every item inside the content box; charts whole; tables split into
 * consecutive pieces, each later piece flagged continued at the top of a page. */
static guint
check_plan (const SegReportPlan *plan)
{
  double top, bottom;
  guint continued = 0;
  guint n = seg_report_plan_get_n_items (plan);

  seg_report_plan_get_content (plan, &top, &bottom);
  for (guint i = 0; i < n; i++)
    {
      const SegReportItem *it = seg_report_plan_get_item (plan, i);

      g_assert_cmpuint (it->page, <, seg_report_plan_get_n_pages (plan));
      g_assert_cmpfloat (it->y, >=, top - 1e-6);
      g_assert_cmpfloat (it->height, >, 0);
      if (it->y + it->height > bottom + 1e-6)
        g_error ("item %u (%s) on page %u ends at %.1f, below the content bottom %.1f",
                 i, it->title, it->page + 1, it->y + it->height, bottom);
      if (it->kind == SEG_REPORT_ITEM_TABLE)
        {
          g_assert_cmpint (it->continued, ==, it->first_row > 0);
          if (it->continued)
            {
              const SegReportItem *prev = seg_report_plan_get_item (plan, i - 1);

              continued++;
              g_assert_cmpint (prev->kind, ==, SEG_REPORT_ITEM_TABLE);
              g_assert_cmpstr (prev->title, ==, it->title);
              g_assert_cmpuint (prev->first_row + prev->n_rows, ==, it->first_row);
              g_assert_cmpuint (prev->page + 1, ==, it->page);
              g_assert_cmpfloat_with_epsilon (it->y, top, 1e-6);
            }
          if (it->first_row + it->n_rows < it->total_rows)
            g_assert_true (i + 1 < n && seg_report_plan_get_item (plan, i + 1)->continued);
          else
            g_assert_cmpuint (it->first_row + it->n_rows, ==, it->total_rows);
        }
    }
  return continued;
}

static void
test_plan_full (void)
{
  SegReportOptions options;
  const SegPaper papers[] = { SEG_PAPER_A4, SEG_PAPER_LETTER };
  guint continued = 0;

  for (guint k = 0; k < G_N_ELEMENTS (papers); k++)
    {
      g_autoptr(SegReportPlan) plan = NULL;
      guint charts = 0;

      seg_report_options_init (&options);
      options.paper = papers[k];
      plan = seg_report_plan (full_result, &options);
      g_assert_cmpuint (seg_report_plan_get_n_pages (plan), >=, 6);
      continued += check_plan (plan);
      for (guint i = 0; i < seg_report_plan_get_n_items (plan); i++)
        charts += seg_report_plan_get_item (plan, i)->kind == SEG_REPORT_ITEM_CHART;
      /* every chart of the catalogue that applies, the PCA map and box plot twice
       * (overview and rules / clusters), the segment table as the report's own */
      g_assert_cmpuint (charts, ==, SEG_N_CHARTS - 1 + 2);
    }
  /* the fintech sample's 14-feature tables run over a page on at least one paper */
  g_assert_cmpuint (continued, >, 0);
}

/* A small page leaves little room: long tables must continue. */
static void
test_plan_metrics_only (void)
{
  g_autoptr(SegResult) r = run_fintech (0);
  g_autoptr(SegReportPlan) plan = seg_report_plan (r, NULL);

  check_plan (plan);
  g_assert_cmpuint (seg_report_plan_get_n_pages (plan), >=, 2);
  for (guint i = 0; i < seg_report_plan_get_n_items (plan); i++)
    {
      const SegReportItem *it = seg_report_plan_get_item (plan, i);
      g_assert_cmpint (it->kind == SEG_REPORT_ITEM_CHART && g_strcmp0 (it->title, "Silhouette plot") == 0, ==, FALSE);
    }
}

static void
test_render_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_cancellable_cancel (cancellable);
  pdf = seg_report_render (full_result, NULL, cancellable, NULL, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  double     last_fraction;
  guint      n_progress;
  GThread   *main_thread;
} AsyncRun;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_cmpfloat (fraction, >=, run->last_fraction);
  run->last_fraction = fraction;
  run->n_progress++;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = seg_report_write_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_write_async (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  AsyncRun run = { g_main_loop_new (NULL, FALSE), FALSE, NULL, 0, 0, g_thread_self () };
  SegReportOptions options;
  const char *names[] = { "Whales", NULL, NULL, NULL };

  seg_report_options_init (&options);
  options.persona_names = names;
  options.n_personas = G_N_ELEMENTS (names);
  options.dataset_name = "sample";
  seg_report_write_async (full_result, &options, path, NULL, progress_cb, &run, written_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.n_progress, >, 0);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (memcmp (data, "%PDF-", 5) == 0);
  g_main_loop_unref (run.loop);
  seg_test_rmdir_recursive (dir);
}

/* A failed write leaves the old file alone. */
static void
test_write_fails_cleanly (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (seg_report_write (full_result, NULL, "/nonexistent-dir/report.pdf", NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  full_result = run_fintech (SEG_METHOD_ALL);
  g_test_add_func ("/report/paper/names", test_paper_names);
  g_test_add_func ("/report/paper/locale", test_paper_from_locale);
  g_test_add_func ("/report/plan/full", test_plan_full);
  g_test_add_func ("/report/plan/metrics-only", test_plan_metrics_only);
  g_test_add_func ("/report/render/cancelled", test_render_cancelled);
  g_test_add_func ("/report/write/async", test_write_async);
  g_test_add_func ("/report/write/fails-cleanly", test_write_fails_cleanly);
  status = g_test_run ();
  seg_result_unref (full_result);
  return status;
}
