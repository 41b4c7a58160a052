/* test-window-state.c — one analysis on screen, consistently: settings that
 * name columns follow the data, a failed or stopped analysis leaves no old
 * charts behind, and the exports write what is shown (on a worker)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "seg-chart-card.h"
#include "seg-panes.h"
#include "seg-row-model.h"
#include "ui-test-helpers.h"

static gboolean
not_exporting (gpointer data)
{
  return !seg_window_is_exporting (data);
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect (c, type, out);
}

static SegChartCard *
find_card (SegWindow    *window,
           SegChartKind  kind)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  collect (GTK_WIDGET (window), SEG_TYPE_CHART_CARD, cards);
  for (guint i = 0; i < cards->len; i++)
    if (seg_chart_card_get_kind (g_ptr_array_index (cards, i)) == kind)
      return g_ptr_array_index (cards, i);
  return NULL;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  gsize nx, ny;

  g_assert_true (g_file_get_contents (a, &x, &nx, NULL));
  g_assert_true (g_file_get_contents (b, &y, &ny, NULL));
  return nx == ny && memcmp (x, y, nx) == 0;
}

/* Unticking a feature in Settings ▸ Features, then opening another file:
 * the new file is analysed with its own columns (it failed with "Unknown
 * feature column “income”" for every later file). */
static void
test_features_follow_data (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 3);
  g_auto(GStrv) fintech = ui_fintech_paths ();
  g_auto(GStrv) cards = ui_sample_paths ("creditcard.csv", NULL);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  GtkWidget *settings;
  const SegClusters *clusters;
  SegTable *customers;
  GtkCheckButton *income = NULL;

  seg_window_open_paths (window, (const char * const *) fintech);
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));

  /* untick "income" through the settings window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.analysis-settings", NULL));
  settings = GTK_WIDGET (ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (settings);
  collect (settings, GTK_TYPE_CHECK_BUTTON, checks);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (checks, i), "seg-feature"), "income") == 0)
      income = g_ptr_array_index (checks, i);
  g_assert_nonnull (income);
  gtk_check_button_set_active (income, FALSE);
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  g_assert_nonnull (seg_window_get_analysis_options (window)->features);
  g_assert_false (g_strv_contains (seg_clusters_get_features (seg_result_get_clusters (seg_window_get_result (window))),
                                   "income"));
  gtk_window_destroy (GTK_WINDOW (settings));

  /* another file: its own columns */
  seg_window_open_paths (window, (const char * const *) cards);
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  g_assert_null (seg_window_get_analysis_error (window));
  g_assert_nonnull (seg_window_get_result (window));
  g_assert_null (seg_window_get_analysis_options (window)->features);
  clusters = seg_result_get_clusters (seg_window_get_result (window));
  g_assert_nonnull (clusters);
  customers = seg_dataset_get_customers (seg_window_get_dataset (window));
  for (guint i = 0; seg_clusters_get_features (clusters)[i]; i++)
    g_assert_nonnull (seg_table_find_column (customers, seg_clusters_get_features (clusters)[i]));
  /* and the settings window lists that file's columns */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.analysis-settings", NULL));
  settings = GTK_WIDGET (ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  g_ptr_array_set_size (checks, 0);
  collect (settings, GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, >, 0);
  for (guint i = 0; i < checks->len; i++)
    g_assert_nonnull (seg_table_find_column (customers, g_object_get_data (g_ptr_array_index (checks, i),
                                                                           "seg-feature")));
  gtk_window_destroy (GTK_WINDOW (settings));
  ui_close_window (window, app);
}

/* A failed analysis of a new file leaves no chart of the old file on
 * screen and nothing of it to export. */
static void
test_failed_analysis (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 3);
  g_auto(GStrv) fintech = ui_fintech_paths ();
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *bad = g_build_filename (dir, "names.csv", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  const char *bad_paths[] = { bad, NULL };
  SegAnalysisOptions options;
  SegResult *old;
  SegChartCard *card;
  g_autoptr(GError) error = NULL;

  /* customers without a single number: k-means, asked for explicitly, cannot run */
  g_assert_true (g_file_set_contents (bad, "customer_id,name,city\nC1,Ana,Lisbon\nC2,Ben,Lagos\n"
                                           "C3,Chloe,Lyon\nC4,Dev,Pune\n", -1, NULL));
  seg_window_open_paths (window, (const char * const *) fintech);
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  old = seg_window_get_result (window);
  seg_analysis_options_copy (seg_window_get_analysis_options (window), &options);
  options.required |= SEG_METHOD_KMEANS;
  seg_window_set_analysis_options (window, &options);
  seg_analysis_options_clear (&options);
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  g_assert_nonnull (seg_window_get_result (window));

  seg_window_open_paths (window, bad_paths);
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  /* the dataset is the new file, its analysis failed: no result at all */
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (seg_window_get_dataset (window))), ==, 4);
  g_assert_nonnull (seg_window_get_analysis_error (window));
  g_assert_null (seg_window_get_result (window));
  g_assert_true (seg_window_get_result (window) != old);
  /* the charts show no result of the old file */
  card = find_card (window, SEG_CHART_SEGMENT_SIZES);
  g_assert_nonnull (card);
  g_assert_null (seg_chart_view_get_result (seg_chart_card_get_view (card)));
  /* nothing to export, and the actions say so */
  g_assert_false (seg_window_export_customers_csv (window, csv, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_assert_false (seg_window_can_export (window));
  seg_test_rmdir_recursive (dir);
  ui_close_window (window, app);
}

/* Escape while a new file is analysed: the old file's charts do not come
 * back, and Ctrl+R analyses the new one. */
static gboolean
cancel_soon (gpointer data)
{
  SegWindow *window = data;

  g_assert_true (seg_window_is_analysing (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.escape", NULL));
  return G_SOURCE_REMOVE;
}

static void
dataset_changed_cb (SegWindow *window)
{
  /* before the worker can report: the analysis has just started */
  g_idle_add_full (G_PRIORITY_HIGH, cancel_soon, window, NULL);
}

static void
test_cancelled_analysis (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 3);
  g_auto(GStrv) fintech = ui_fintech_paths ();
  g_auto(GStrv) cards = ui_sample_paths ("creditcard.csv", NULL);
  gulong id;

  seg_window_open_paths (window, (const char * const *) fintech);
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  id = g_signal_connect (window, "notify::dataset", G_CALLBACK (dataset_changed_cb), NULL);
  seg_window_open_paths (window, (const char * const *) cards);
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  g_signal_handler_disconnect (window, id);
  ui_spin (0.1);
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (seg_window_get_dataset (window))), ==, 1000);
  g_assert_null (seg_window_get_result (window));
  g_assert_null (seg_window_get_analysis_error (window));
  g_assert_false (seg_window_can_export (window));
  g_assert_null (seg_chart_view_get_result (seg_chart_card_get_view (find_card (window, SEG_CHART_SEGMENT_SIZES))));
  /* analyse again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.analyse-again", NULL));
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (seg_result_get_dataset (seg_window_get_result (window)) == seg_window_get_dataset (window));
  g_assert_true (seg_window_can_export (window));
  ui_close_window (window, app);
}

typedef struct
{
  GPtrArray *written;
  GError    *error;
  gboolean   done;
} ExportWait;

static void
export_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      data)
{
  ExportWait *w = data;

  w->written = seg_window_export_finish (SEG_WINDOW (source), res, &w->error);
  w->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((ExportWait *) data)->done;
}

/* Export All on a worker: every available chart once, no two files alike,
 * each the same file as the card's own export at that size; the window
 * keeps answering meanwhile, and Escape stops it. */
static void
test_export_all (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 0);   /* "auto": the sweep's charts export too */
  g_auto(GStrv) fintech = ui_fintech_paths ();
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *charts = g_build_filename (dir, "charts", NULL);
  g_autofree char *svgs = g_build_filename (dir, "svg", NULL);
  g_autofree char *stopped = g_build_filename (dir, "stopped", NULL);
  ExportWait w = { 0 };
  const SegChartKind cards[] = { SEG_CHART_SEGMENT_SIZES, SEG_CHART_SPEND_BY_SEGMENT, SEG_CHART_CLV_BY_SEGMENT,
                                 SEG_CHART_PCA_SCATTER, SEG_CHART_BOX };
  gboolean saw_clv = FALSE, saw_spend = FALSE;

  seg_window_open_paths (window, (const char * const *) fintech);
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  g_assert_nonnull (seg_result_get_clv (seg_window_get_result (window)));

  seg_window_export_async (window, SEG_WINDOW_EXPORT_CHARTS, charts, "png", 1000, 625, NULL, export_done_cb, &w);
  g_assert_true (seg_window_is_exporting (window));
  g_assert_false (seg_window_can_export (window));
  g_assert_true (ui_wait_until (export_done, &w, 60));
  g_assert_no_error (w.error);
  g_assert_false (seg_window_is_exporting (window));
  g_assert_cmpuint (w.written->len, >=, 15);
  for (guint a = 0; a < w.written->len; a++)
    {
      const char *pa = g_ptr_array_index (w.written, a);

      saw_clv |= g_str_has_suffix (pa, "/clv-by-segment.png");
      saw_spend |= g_str_has_suffix (pa, "/spend-by-segment.png");
      for (guint b = a + 1; b < w.written->len; b++)
        if (same_file (pa, g_ptr_array_index (w.written, b)))
          g_error ("%s and %s are the same picture", pa, (char *) g_ptr_array_index (w.written, b));
    }
  g_assert_true (saw_clv && saw_spend);
  /* a card's export = the same chart from Export All */
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      SegChartCard *card = find_card (window, cards[i]);
      g_autofree char *name = g_strdup_printf ("%s.png", seg_chart_kind_id (cards[i]));
      g_autofree char *all = g_build_filename (charts, name, NULL);
      g_autofree char *one = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (card);
      g_assert_true (seg_chart_card_export_to (card, one, SEG_CHART_FORMAT_PNG, 1000, 625, &error));
      g_assert_no_error (error);
      if (!same_file (one, all))
        g_error ("%s differs from %s", one, all);
    }
  /* the highlight on screen does not change either */
  seg_window_set_highlight (window, "rules", 1);
  {
    g_autofree char *all = g_build_filename (charts, "segment-sizes.png", NULL);
    g_autofree char *one = g_build_filename (dir, "highlighted.png", NULL);
    g_assert_true (seg_chart_card_export_to (find_card (window, SEG_CHART_SEGMENT_SIZES), one,
                                             SEG_CHART_FORMAT_PNG, 1000, 625, NULL));
    g_assert_true (same_file (one, all));
  }
  g_clear_pointer (&w.written, g_ptr_array_unref);

  /* format and size */
  w.done = FALSE;
  seg_window_export_async (window, SEG_WINDOW_EXPORT_CHARTS, svgs, "svg", 1920, 1080, NULL, export_done_cb, &w);
  g_assert_true (ui_wait_until (export_done, &w, 60));
  g_assert_no_error (w.error);
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (g_ptr_array_index (w.written, 0), &text, NULL, NULL));
    g_assert_true (g_str_has_suffix (g_ptr_array_index (w.written, 0), ".svg"));
    g_assert_nonnull (strstr (text, "width=\"1920"));
  }
  g_clear_pointer (&w.written, g_ptr_array_unref);

  /* Escape stops an export between two files */
  w.done = FALSE;
  seg_window_export_async (window, SEG_WINDOW_EXPORT_CHARTS, stopped, "png", 1600, 1000, NULL, export_done_cb, &w);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.escape", NULL));
  g_assert_true (ui_wait_until (export_done, &w, 60));
  g_assert_null (w.written);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&w.error);
  /* the charts are one set: a stopped export leaves no file behind */
  g_assert_false (g_file_test (stopped, G_FILE_TEST_EXISTS));
  g_assert_true (ui_wait_until (not_exporting, window, 5));
  g_assert_true (seg_window_can_export (window));

  seg_test_rmdir_recursive (dir);
  ui_close_window (window, app);
}

/* Ctrl+E asks for the format and the size; One CSV per Segment names its
 * grouping in the menu and the files. */
static gboolean
has_label (GMenuModel *menu,
           const char *needle)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;

      if (section != NULL && has_label (section, needle))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label) &&
          strstr (label, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_export_choices (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 3);
  g_auto(GStrv) fintech = ui_fintech_paths ();
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GMenuModel *menu;

  seg_window_open_paths (window, (const char * const *) fintech);
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-charts", NULL));
  ui_spin (0.1);
  dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  collect (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, 2);   /* format, size */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (g_ptr_array_index (dropdowns, 0))), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (g_ptr_array_index (dropdowns, 1))), >=, 3);
  gtk_window_destroy (dialog);

  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    menu = NULL;
    collect (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      {
        GMenuModel *m = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i));
        if (m != NULL && has_label (m, "CSV"))
          menu = m;
      }
    g_assert_nonnull (menu);
  }
  seg_window_set_colour_by (window, "rfm");
  g_assert_cmpstr (seg_window_grouping_label (window), ==, "RFM segments");
  g_assert_true (has_label (menu, "RFM segments"));
  g_assert_true (seg_window_export_segment_csvs (window, dir, written, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < written->len; i++)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (written, i));
      g_assert_true (g_str_has_prefix (base, "rfm-"));
    }
  seg_window_set_colour_by (window, "clusters");
  g_assert_true (has_label (menu, "clusters"));
  g_assert_false (has_label (menu, "RFM segments"));
  seg_test_rmdir_recursive (dir);
  ui_close_window (window, app);
}

/* The Data pane lists the analysis with the customers: segment, RFM
 * scores, cluster and persona, churn probability and CLV, under words,
 * sortable and searchable. */
static gboolean
table_has_results (gpointer data)
{
  SegTable *t = seg_customer_table_get_table (seg_window_get_customer_table (data));
  return t != NULL && seg_table_find_column (t, "rule_segment") != NULL;
}

static void
test_data_pane_results (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 3);
  g_auto(GStrv) fintech = ui_fintech_paths ();
  const char *wanted[] = { "Rule segment", "R score", "F score", "M score", "RFM segment", "Cluster",
                           "Persona", "Churn probability", "CLV", "Days since last purchase" };
  SegCustomerTable *view = seg_window_get_customer_table (window);
  GtkColumnView *cv = seg_customer_table_get_column_view (view);
  GListModel *columns = gtk_column_view_get_columns (cv);
  const SegSegmentation *rules;
  const SegColumn *prob;
  SegTable *table;
  guint prob_index = G_MAXUINT;
  double top = -1;

  seg_window_open_paths (window, (const char * const *) fintech);
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (ui_wait_until (table_has_results, window, 30));
  table = seg_customer_table_get_table (view);
  g_assert_cmpuint (seg_table_get_n_rows (table), ==, 300);
  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);
          found |= g_strcmp0 (gtk_column_view_column_get_title (col), wanted[w]) == 0;
          g_assert_null (strstr (gtk_column_view_column_get_title (col), "_"));   /* no raw snake_case */
          if (g_strcmp0 (gtk_column_view_column_get_title (col), "Churn probability") == 0)
            prob_index = i;
        }
      if (!found)
        g_error ("no column “%s” in the Data pane", wanted[w]);
    }
  /* sortable: the highest churn probability first */
  prob = seg_table_find_column (table, "churn_probability");
  for (guint64 r = 0; r < seg_table_get_n_rows (table); r++)
    if (!seg_column_is_missing (prob, r))
      top = MAX (top, prob->num[r]);
  {
    g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, prob_index);
    gtk_column_view_sort_by_column (cv, col, GTK_SORT_DESCENDING);
  }
  g_assert_true (ui_wait_customer_rows (window, 300));
  {
    /* the sort is incremental: give it a moment */
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    double first_value = -1;

    while (g_get_monotonic_time () < end)
      {
        GListModel *model = seg_customer_table_get_model (view);

        /* missing values sort last ascending, so first descending */
        for (guint i = 0; i < g_list_model_get_n_items (model); i++)
          {
            g_autoptr(SegRowItem) item = g_list_model_get_item (model, i);
            if (!seg_column_is_missing (prob, seg_row_item_get_row (item)))
              {
                first_value = prob->num[seg_row_item_get_row (item)];
                break;
              }
          }
        if (first_value == top)
          break;
        ui_spin (0.05);
      }
    g_assert_cmpfloat (first_value, ==, top);
  }
  /* searchable: a segment's name finds its customers */
  rules = seg_result_get_rules (seg_window_get_result (window));
  seg_customer_table_set_search (view, rules->segments[2].name);
  g_assert_true (ui_wait_customer_rows (window, rules->segments[2].customers));
  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/ui/state/features-follow-data", test_features_follow_data);
  g_test_add_func ("/ui/state/failed-analysis", test_failed_analysis);
  g_test_add_func ("/ui/state/cancelled-analysis", test_cancelled_analysis);
  g_test_add_func ("/ui/state/export-all", test_export_all);
  g_test_add_func ("/ui/state/export-choices", test_export_choices);
  g_test_add_func ("/ui/state/data-pane-results", test_data_pane_results);
  return g_test_run ();
}
