/* test-dashboard.c — the dashboard driven through its actions: load, analyse,
 * panes, k, rules, highlight, exports, presentation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <gtk/gtk.h>
#include <string.h>

#include "seg-chart-card.h"
#include "seg-panes.h"
#include "seg-rule-editor.h"
#include "ui-test-helpers.h"

static gboolean
analysed (gpointer data)
{
  return seg_window_get_result (data) != NULL && !seg_window_is_loading (data) &&
         !seg_window_is_analysing (data);
}

static gboolean
card_of_kind (GtkWidget *widget,
              gpointer   data)
{
  return seg_chart_card_get_kind (SEG_CHART_CARD (widget)) == (SegChartKind) GPOINTER_TO_INT (data);
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
check_png (const char *path,
           int         width,
           int         height)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, height);
  cairo_surface_destroy (png);
}

/* Churn & value: the note on the excluded label features is shown, the
 * threshold slider changes the confusion matrix (not the result), and its
 * chart exports. */
static void
check_churn_pane (SegWindow  *window,
                  const char *dir)
{
  g_autofree char *png = g_build_filename (dir, "confusion.png", NULL);
  const SegChurn *churn = seg_result_get_churn (seg_window_get_result (window));
  GtkWidget *note, *scale, *card;
  SegChartParams params;
  g_autofree char *png_model = g_build_filename (dir, "confusion-model.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (churn);   /* data/samples/fintech: recency_days > 180 has both labels */
  seg_window_show_pane (window, "churn");
  ui_spin (0.05);
  g_assert_cmpstr (seg_window_get_visible_pane (window), ==, "churn");
  note = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, ui_widget_named, (gpointer) "churn-excluded-note");
  g_assert_nonnull (note);
  g_assert_true (gtk_widget_get_visible (note));
  /* one line, in display names: recency_days defines the label */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (note)),
                            "Left out of the model: Days since last purchase (the churn label is defined from it)"));
  scale = ui_find_widget (gtk_widget_get_parent (note), GTK_TYPE_SCALE, NULL, NULL);
  g_assert_nonnull (scale);
  card = ui_find_widget (GTK_WIDGET (window), SEG_TYPE_CHART_CARD, card_of_kind, GINT_TO_POINTER (SEG_CHART_CONFUSION));
  g_assert_nonnull (card);
  /* the model's own threshold is the balanced one (0.27 here), not 0.5 */
  g_assert_cmpfloat (seg_churn_get_threshold (churn), <, 0.5);
  gtk_range_set_value (GTK_RANGE (scale), 0.6);
  seg_chart_view_get_params (seg_chart_card_get_view (SEG_CHART_CARD (card)), &params);
  g_assert_cmpfloat_with_epsilon (params.threshold, 0.6, 1e-9);
  g_assert_cmpfloat (seg_churn_get_threshold (churn), <, 0.5);
  g_assert_true (seg_chart_card_export_to (SEG_CHART_CARD (card), png, SEG_CHART_FORMAT_PNG, 1600, 1000, &error));
  g_assert_no_error (error);
  check_png (png, 1600, 1000);
  /* back at the model's threshold the export is another picture */
  gtk_range_set_value (GTK_RANGE (scale), seg_churn_get_threshold (churn));
  seg_chart_view_get_params (seg_chart_card_get_view (SEG_CHART_CARD (card)), &params);
  g_assert_cmpfloat_with_epsilon (params.threshold, seg_churn_get_threshold (churn), 1e-9);
  g_assert_true (seg_chart_card_export_to (SEG_CHART_CARD (card), png_model, SEG_CHART_FORMAT_PNG, 1600, 1000, &error));
  g_assert_no_error (error);
  {
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    gsize na, nb;
    g_assert_true (g_file_get_contents (png, &a, &na, NULL));
    g_assert_true (g_file_get_contents (png_model, &b, &nb, NULL));
    g_assert_true (na != nb || memcmp (a, b, na) != 0);
  }
  /* the cohort retention heat map is on the pane and exports like the others */
  card = ui_find_widget (GTK_WIDGET (window), SEG_TYPE_CHART_CARD, card_of_kind, GINT_TO_POINTER (SEG_CHART_COHORTS));
  g_assert_nonnull (card);
  {
    g_autofree char *cohorts = g_build_filename (dir, "cohorts.svg", NULL);
    g_autofree char *svg = NULL;

    g_assert_true (seg_chart_card_export_to (SEG_CHART_CARD (card), cohorts, SEG_CHART_FORMAT_SVG, 1000, 625, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (cohorts, &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, "<svg"));
  }
}

/* Load → analysis → panes → k → rules → highlight → exports → presentation. */
static void
test_dashboard_flow (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  g_auto(GStrv) paths = ui_fintech_paths ();
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *png = g_build_filename (dir, "segment-sizes.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "customers.csv", NULL);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  const char *panes[] = { "overview", "segments", "rfm", "clusters", "churn", "data" };
  SegResult *result;
  const SegClusters *clusters;
  const SegSegmentation *rules;
  SegRuleEditor *editor;
  GtkWidget *card;
  g_autoptr(GError) error = NULL;
  guint64 n_customers, before, after, sum = 0;
  const char *method = NULL;
  guint csv_rows = 0;

  /* open and analyse off the main thread */
  seg_window_open_paths (window, (const char * const *) paths);
  g_assert_true (ui_wait_until (analysed, window, 60));
  g_assert_null (seg_window_get_analysis_error (window));
  result = seg_window_get_result (window);
  n_customers = seg_table_get_n_rows (seg_result_get_customers (result));
  g_assert_cmpuint (n_customers, ==, 300);   /* data/samples/fintech/customers.csv has 300 rows */
  g_assert_nonnull (seg_result_get_rules (result));
  g_assert_nonnull (seg_result_get_rfm (result));
  g_assert_nonnull (seg_result_get_clusters (result));

  /* every pane through win.show-pane (Ctrl+1…6) */
  for (int i = 0; i < (int) G_N_ELEMENTS (panes); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "i", i));
      ui_spin (0.05);
      g_assert_cmpstr (seg_window_get_visible_pane (window), ==, panes[i]);
    }

  check_churn_pane (window, dir);

  /* k = 3 through win.set-k, then back to auto */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-k", "i", 3));
  g_assert_true (seg_window_is_analysing (window));
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  clusters = seg_result_get_clusters (seg_window_get_result (window));
  g_assert_nonnull (clusters);
  g_assert_cmpuint (seg_clusters_get_k (clusters), ==, 3);
  g_assert_cmpuint (seg_result_get_kmeans (seg_window_get_result (window))->n_segments, ==, 3);
  g_assert_cmpuint (seg_window_get_analysis_options (window)->k, ==, 3);

  /* a rule condition through the editor: an error names the character, a
   * valid edit updates the live count, Apply re-runs the analysis */
  editor = SEG_RULE_EDITOR (ui_find_widget (GTK_WIDGET (window), SEG_TYPE_RULE_EDITOR, NULL, NULL));
  g_assert_nonnull (editor);
  g_assert_cmpstr (seg_rule_set_get_name (seg_rule_editor_get_rules (editor), 2), ==, "Power User");
  before = seg_rule_editor_get_count (editor, 2);
  g_assert_cmpuint (before, ==, seg_result_get_rules (seg_window_get_result (window))->segments[2].customers);
  g_assert_false (seg_rule_editor_set_condition (editor, 2, "txn_count >"));
  g_assert_nonnull (seg_rule_editor_get_error (editor, 2));
  g_assert_nonnull (strstr (seg_rule_editor_get_error (editor, 2), "character"));
  g_assert_false (seg_rule_editor_is_valid (editor));
  g_assert_true (seg_rule_editor_set_condition (editor, 2, "txn_count > 30"));
  g_assert_null (seg_rule_editor_get_error (editor, 2));
  seg_rule_editor_recount (editor);
  after = seg_rule_editor_get_count (editor, 2);
  g_assert_cmpuint (after, <, before);
  for (guint i = 0; i <= seg_rule_set_get_n_rules (seg_rule_editor_get_rules (editor)); i++)
    sum += seg_rule_editor_get_count (editor, i);
  g_assert_cmpuint (sum, ==, n_customers);
  seg_rule_editor_apply (editor);
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  result = seg_window_get_result (window);
  rules = seg_result_get_rules (result);
  g_assert_cmpstr (seg_rule_set_get_condition (seg_result_get_rule_set (result), 2), ==, "txn_count > 30");
  g_assert_cmpuint (rules->segments[2].customers, ==, after);
  /* k-means was kept: only the rules changed */
  g_assert_cmpuint (seg_clusters_get_k (seg_result_get_clusters (result)), ==, 3);

  /* linked highlight: click-equivalent action toggles, Escape-equivalent clears */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.highlight", "(si)", "rules", 1));
  g_assert_cmpint (seg_window_get_highlight (window, &method), ==, 1);
  g_assert_cmpstr (method, ==, "rules");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.highlight", "(si)", "rules", 1));
  g_assert_cmpint (seg_window_get_highlight (window, NULL), ==, -1);
  seg_window_set_highlight (window, "rules", 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.escape", NULL));
  g_assert_cmpint (seg_window_get_highlight (window, NULL), ==, -1);

  /* a chart card's PNG at 1600 × 1000 */
  card = ui_find_widget (GTK_WIDGET (window), SEG_TYPE_CHART_CARD, card_of_kind, GINT_TO_POINTER (SEG_CHART_SEGMENT_SIZES));
  g_assert_nonnull (card);
  g_assert_true (seg_chart_card_export_to (SEG_CHART_CARD (card), png, SEG_CHART_FORMAT_PNG, 1600, 1000, &error));
  g_assert_no_error (error);
  check_png (png, 1600, 1000);

  /* the customers CSV: a header and one row per customer, with the labels */
  g_assert_true (seg_window_export_customers_csv (window, csv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_lines (csv), ==, n_customers + 1);
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "customer_id,"));
    *strchr (text, '\n') = '\0';
    g_assert_nonnull (strstr (text, ",rule_segment"));
    g_assert_nonnull (strstr (text, ",rfm_segment"));
    g_assert_nonnull (strstr (text, ",cluster"));
    /* for people: no number carries more than 12 significant digits
     * (the CLI's customers.csv writes 0.9406439864285664 in full) */
    for (char *p = text + strlen (text) + 1; *p; p++)
      if (g_ascii_isdigit (*p) && (p[-1] == ',' || p[-1] == '-'))
        {
          guint digits = 0;
          char *q = p;

          for (; g_ascii_isdigit (*q) || *q == '.'; q++)
            digits += g_ascii_isdigit (*q) && !(digits == 0 && *q == '0');
          if (*q == ',' || *q == '\n')
            g_assert_cmpuint (digits, <=, 12);
          p = q - 1;
        }
  }

  /* one CSV per segment of "Colour by" (rules): together every customer once */
  seg_window_set_colour_by (window, "rules");
  g_assert_true (seg_window_export_segment_csvs (window, dir, written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, rules->n_segments);
  for (guint i = 0; i < written->len; i++)
    csv_rows += count_lines (g_ptr_array_index (written, i)) - 1;
  g_assert_cmpuint (csv_rows, ==, n_customers);

  /* colour by clusters */
  seg_window_set_colour_by (window, "clusters");
  g_assert_cmpstr (seg_window_get_colour_by (window), ==, "kmeans");

  /* presentation mode (F5) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  g_assert_nonnull (seg_window_get_presentation (window));
  ui_spin (0.3);
  gtk_window_destroy (seg_window_get_presentation (window));
  ui_spin (0.05);
  g_assert_null (seg_window_get_presentation (window));

  seg_test_rmdir_recursive (dir);
  ui_close_window (window, app);
}

/* A newer analysis replaces an older one; the stale result is dropped. */
static void
test_dashboard_newest_wins (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 3);   /* the k sweep is not the point */
  g_auto(GStrv) paths = ui_fintech_paths ();

  seg_window_open_paths (window, (const char * const *) paths);
  g_assert_true (ui_wait_until (analysed, window, 60));
  seg_window_set_k (window, 2);
  seg_window_set_k (window, 4);
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  g_assert_cmpuint (seg_clusters_get_k (seg_result_get_clusters (seg_window_get_result (window))), ==, 4);
  ui_close_window (window, app);
}

typedef struct
{
  SegWindow *window;
  guint      rfm_bins;
  guint64    seed;
  guint      k;
} WantOptions;

/* The analysis of these options has finished. */
static gboolean
analysed_with (gpointer data)
{
  const WantOptions *want = data;
  const SegAnalysisOptions *o = seg_window_get_analysis_options (want->window);

  return analysed (want->window) && o->rfm_bins == want->rfm_bins && o->seed == want->seed && o->k == want->k;
}

static void
reset_analysis_keys (GSettings *settings)
{
  static const char *const keys[] = { "k-mode", "seed", "rfm-bins", "rfm-method" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

/* The analysis keys and the widgets that show them are bound: a key
 * changed elsewhere (another window, dconf) analyses again and moves the
 * widgets, and a widget the user changes writes its key. */
static void
test_dashboard_settings_bound (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SegApplication *app;
  SegWindow *window;
  WantOptions want = { NULL, 5, 0, 0 };
  GtkWidget *bins, *auto_k, *k, *prefs, *seed, *prefs_bins;
  g_autofree char *k_mode = NULL;

  reset_analysis_keys (settings);
  window = ui_fintech_window (&app, 0, 0);
  want.window = window;
  bins = ui_find_named (GTK_WIDGET (window), "rfm-bins");
  auto_k = ui_find_named (GTK_WIDGET (window), "clusters-auto-k");
  k = ui_find_named (GTK_WIDGET (window), "clusters-k");
  g_assert_nonnull (bins);
  g_assert_nonnull (auto_k);
  g_assert_nonnull (k);
  g_assert_true (analysed_with (&want));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (bins)), ==, 1);   /* 5 bins */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (auto_k)));
  g_assert_false (gtk_widget_get_sensitive (k));

  /* the key changed elsewhere: the analysis and the RFM pane follow */
  g_settings_set_int (settings, "rfm-bins", 4);
  want.rfm_bins = 4;
  g_assert_true (ui_wait_until (analysed_with, &want, 60));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (bins)), ==, 0);

  /* the settings window shows the keys, and writes the one the user changes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.analysis-settings", NULL));
  prefs = GTK_WIDGET (ui_find_toplevel (SEG_TYPE_SETTINGS_WINDOW));
  g_assert_nonnull (prefs);
  seed = ui_find_named (prefs, "settings-seed");
  prefs_bins = ui_find_named (prefs, "settings-rfm-bins");
  g_assert_nonnull (seed);
  g_assert_nonnull (prefs_bins);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (prefs_bins)), ==, 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (seed)), ==, 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (seed), 7);
  g_assert_cmpint (g_settings_get_int (settings, "seed"), ==, 7);
  want.seed = 7;
  g_assert_true (ui_wait_until (analysed_with, &want, 60));
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* while automatic, the k shown is no choice; unticking chooses it */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (k), 3);
  k_mode = g_settings_get_string (settings, "k-mode");
  g_assert_cmpstr (k_mode, ==, "auto");
  g_clear_pointer (&k_mode, g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (auto_k), FALSE);
  k_mode = g_settings_get_string (settings, "k-mode");
  g_assert_cmpstr (k_mode, ==, "3");
  g_assert_true (gtk_widget_get_sensitive (k));
  want.k = 3;
  g_assert_true (ui_wait_until (analysed_with, &want, 60));
  g_assert_cmpuint (seg_clusters_get_k (seg_result_get_clusters (seg_window_get_result (window))), ==, 3);

  /* and "auto" set elsewhere ticks it again */
  g_settings_set_string (settings, "k-mode", "auto");
  want.k = 0;
  g_assert_true (ui_wait_until (analysed_with, &want, 60));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (auto_k)));
  g_assert_false (gtk_widget_get_sensitive (k));

  reset_analysis_keys (settings);
  ui_close_window (window, app);
}

/* "Colour by" and its key follow each other: a choice in the dropdown
 * writes the key and colours the window, the key set elsewhere (another
 * window, dconf) moves the dropdown, and a new result keeps the choice on
 * its row of the new list. */
static void
test_dashboard_colour_by_bound (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SegApplication *app;
  SegWindow *window;
  GtkDropDown *dropdown;
  GListModel *rows;
  g_autofree char *key = NULL;

  g_settings_reset (settings, "colour-by");
  window = ui_fintech_window (&app, 0, 0);
  dropdown = GTK_DROP_DOWN (ui_find_named (GTK_WIDGET (window), "colour-by"));
  g_assert_nonnull (dropdown);
  rows = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (rows), 0), ==, "Rules");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (rows), 1), ==, "RFM");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (rows), 2), ==, "Clusters");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpstr (seg_window_get_colour_by (window), ==, "rules");

  /* the user picks "Clusters": the key and the window follow */
  gtk_drop_down_set_selected (dropdown, 2);
  key = g_settings_get_string (settings, "colour-by");
  g_assert_cmpstr (key, ==, "clusters");
  g_assert_cmpstr (seg_window_get_colour_by (window), ==, "kmeans");

  /* the key changed elsewhere: the dropdown and the window follow */
  g_settings_set_string (settings, "colour-by", "rfm");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_assert_cmpstr (seg_window_get_colour_by (window), ==, "rfm");

  /* the window's own setter (the win.colour-by action) goes through the key */
  seg_window_set_colour_by (window, "rules");
  g_clear_pointer (&key, g_free);
  key = g_settings_get_string (settings, "colour-by");
  g_assert_cmpstr (key, ==, "rules");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  /* a new result rebuilds the list: the choice stays on its row */
  g_settings_set_string (settings, "colour-by", "rfm");
  seg_window_set_k (window, 2);
  g_assert_true (ui_wait_until (analysed, window, 60));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_clear_pointer (&key, g_free);
  key = g_settings_get_string (settings, "colour-by");
  g_assert_cmpstr (key, ==, "rfm");

  seg_window_set_k (window, 0);
  g_assert_true (ui_wait_until (analysed, window, 60));
  g_settings_reset (settings, "colour-by");
  reset_analysis_keys (settings);
  ui_close_window (window, app);
}

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             guint      *count)
{
  (*count)++;
}

/* The box plot's metric: the chooser follows its pane's result, says the
 * column chosen in "feature", and keeps it for a new result. */
static void
test_dashboard_feature_chooser (void)
{
  SegApplication *app;
  SegWindow *window;
  GtkWidget *pane, *chooser;
  GtkDropDown *dropdown;
  GListModel *names;
  SegResult *result = NULL;
  guint notified = 0, pick = G_MAXUINT;
  g_autofree char *feature = NULL;

  /* the first result needs no k sweep; the last one, back at "auto", has it */
  ui_set_k (3);
  window = ui_fintech_window (&app, 0, 0);
  pane = ui_find_widget (GTK_WIDGET (window), SEG_TYPE_SEGMENTS_PANE, NULL, NULL);
  chooser = ui_find_widget (pane, SEG_TYPE_FEATURE_CHOOSER, NULL, NULL);
  g_assert_nonnull (chooser);
  dropdown = GTK_DROP_DOWN (ui_find_widget (chooser, GTK_TYPE_DROP_DOWN, NULL, NULL));
  g_object_get (chooser, "result", &result, "feature", &feature, NULL);
  g_assert_true (result == seg_window_get_result (window));
  g_clear_pointer (&result, seg_result_unref);
  g_assert_cmpstr (feature, ==, "total_spent");
  names = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, seg_result_get_n_numeric (seg_window_get_result (window)));
  for (guint i = 0; i < g_list_model_get_n_items (names) && pick == G_MAXUINT; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "total_spent") != 0)
      pick = i;
  g_assert_cmpuint (pick, !=, G_MAXUINT);

  g_signal_connect (chooser, "notify::feature", G_CALLBACK (notified_cb), &notified);
  gtk_drop_down_set_selected (dropdown, pick);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (seg_feature_chooser_get_feature (SEG_FEATURE_CHOOSER (chooser)), ==,
                   gtk_string_list_get_string (GTK_STRING_LIST (names), pick));
  g_clear_pointer (&feature, g_free);
  feature = g_strdup (seg_feature_chooser_get_feature (SEG_FEATURE_CHOOSER (chooser)));

  /* a new result has the column: it stays chosen, with no notification */
  seg_window_set_k (window, 2);
  g_assert_true (ui_wait_until (analysed, window, 60));
  g_assert_true (seg_feature_chooser_get_result (SEG_FEATURE_CHOOSER (chooser)) == seg_window_get_result (window));
  g_assert_cmpstr (seg_feature_chooser_get_feature (SEG_FEATURE_CHOOSER (chooser)), ==, feature);
  g_assert_cmpuint (notified, ==, 1);
  seg_window_set_k (window, 0);
  g_assert_true (ui_wait_until (analysed, window, 60));
  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/ui/dashboard/flow", test_dashboard_flow);
  g_test_add_func ("/ui/dashboard/newest-wins", test_dashboard_newest_wins);
  g_test_add_func ("/ui/dashboard/settings-bound", test_dashboard_settings_bound);
  g_test_add_func ("/ui/dashboard/feature-chooser", test_dashboard_feature_chooser);
  g_test_add_func ("/ui/dashboard/colour-by-bound", test_dashboard_colour_by_bound);
  return g_test_run ();
}
