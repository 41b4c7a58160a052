/* test-window-reading.c — the window gives blanks words: a customer table without
 * a purchase log can bind revenue to a column, and the RFM pane says what
 * RFM needs instead of showing an empty grid
 *
 * The card table is written by the test: 40 customers with a balance, a
 * purchases total and a tenure, like CC GENERAL.csv in ../shared/data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "seg-dashboard.h"
#include "seg-chart-card.h"
#include "seg-chart-view.h"
#include "seg-panes.h"
#include "ui-test-helpers.h"

/* The first label under @widget whose text holds @text. */
static GtkWidget *
find_label_with (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_with (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_total_spent (gpointer data)
{
  SegResult *result = seg_window_get_result (data);

  if (result == NULL || seg_window_is_loading (data) || seg_window_is_analysing (data))
    return FALSE;
  for (guint i = 0; i < seg_result_get_n_numeric (result); i++)
    if (g_str_equal (seg_result_get_numeric_name (result, i), "total_spent"))
      return TRUE;
  return FALSE;
}

static gboolean
widget_laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
test_revenue_binding (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 3);
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "cards.csv", NULL);
  const char *paths[] = { path, NULL };
  GString *csv = g_string_new ("CUST_ID,BALANCE,PURCHASES,TENURE\n");
  GtkWidget *chooser, *rfm_empty;
  SegKpi kpis[SEG_DASHBOARD_N_KPIS];
  double purchases = 0;

  /* purchases 10, 20, …, 400: 8200 in all (40 · 41 / 2 · 10) */
  for (guint i = 1; i <= 40; i++)
    {
      g_string_append_printf (csv, "C%03u,%u.5,%u,%u\n", i, 1000 + 37 * i % 900, 10 * i, 6 + i % 7);
      purchases += 10.0 * i;
    }
  g_assert_cmpfloat (purchases, ==, 8200.0);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  g_string_free (csv, TRUE);

  seg_window_open_paths (window, paths);
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));

  /* revenue is blank, and the window offers to bind it */
  seg_dashboard_get_kpis (seg_window_get_result (window), NULL, kpis);
  g_assert_true (isnan (kpis[1].value));
  chooser = ui_find_named (GTK_WIDGET (window), "revenue-chooser");
  g_assert_nonnull (chooser);
  g_assert_true (gtk_widget_get_visible (chooser));
  /* RFM cannot run: the pane says why and how, without an empty grid */
  rfm_empty = ui_find_named (GTK_WIDGET (window), "rfm-empty");
  g_assert_nonnull (rfm_empty);
  g_assert_true (gtk_widget_get_visible (rfm_empty));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (rfm_empty)), "purchase log"));
  /* churn cannot run without purchase dates: the pane says what it needs
   * in words, names no column, and offers no window of days */
  seg_window_show_pane (window, "churn");
  ui_spin (0.3);
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "needs purchase dates"));
  g_assert_null (find_label_with (GTK_WIDGET (window), "recency_days"));
  {
    GtkWidget *days = find_label_with (GTK_WIDGET (window), "Churned after");
    g_assert_true (days == NULL || !gtk_widget_get_mapped (days));
  }
  seg_window_show_pane (window, "overview");
  ui_spin (0.2);
  /* the notice's text keeps clear of its card's edges */
  {
    GtkWidget *text = gtk_widget_get_first_child (chooser);
    graphene_rect_t t, c;

    g_assert_true (ui_wait_until (widget_laid_out, text, 10));
    /* both in the window's coordinates: the card's border box */
    g_assert_true (gtk_widget_compute_bounds (text, GTK_WIDGET (window), &t));
    g_assert_true (gtk_widget_compute_bounds (chooser, GTK_WIDGET (window), &c));
    g_assert_cmpfloat (t.origin.x - c.origin.x, >=, 12);
    g_assert_cmpfloat (t.origin.y - c.origin.y, >=, 8);
  }

  /* the dropdown proposes the purchases column; its button binds it */
  {
    GtkWidget *button = NULL;
    GtkDropDown *columns = NULL;

    for (GtkWidget *c = gtk_widget_get_first_child (chooser); c; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_BUTTON (c))
        button = c;
      else if (GTK_IS_DROP_DOWN (c))
        columns = GTK_DROP_DOWN (c);
    g_assert_nonnull (button);
    g_assert_nonnull (columns);
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (columns)), ==, "Purchases");
    g_signal_emit_by_name (button, "clicked");
  }
  g_assert_true (ui_wait_until (has_total_spent, window, 60));
  seg_dashboard_get_kpis (seg_window_get_result (window), NULL, kpis);
  g_assert_cmpfloat_with_epsilon (kpis[1].value, 8200.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kpis[2].value, 8200.0 / 40.0, 1e-9);
  g_assert_false (gtk_widget_get_visible (ui_find_named (GTK_WIDGET (window), "revenue-chooser")));

  seg_test_rmdir_recursive (dir);
  ui_close_window (window, app);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *out)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (out, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, out);
}

static gboolean
top_list_filled (gpointer data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (data, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (labels, i), "1. "))
      return TRUE;
  return FALSE;
}

/* Top spenders name their customers and label their columns, and start
 * on the segment that spends most per customer. */
static void
test_customer_lists (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 3);
  g_autofree char *dir = g_build_filename (seg_test_source_root (), "data", "samples", "fintech", NULL);
  g_autofree char *c = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *t = g_build_filename (dir, "transactions.csv", NULL);
  g_autofree char *a = g_build_filename (dir, "activity.csv", NULL);
  const char *paths[] = { c, t, a, NULL };
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const SegSegmentation *rules;
  gboolean header = FALSE, named = FALSE;
  double best = -1;
  guint best_i = 0;
  GtkDropDown *dropdown = NULL;

  seg_window_open_paths (window, paths);
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  g_assert_true (ui_wait_until (top_list_filled, window, 30));
  collect_labels (GTK_WIDGET (window), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *l = g_ptr_array_index (labels, i);
      header |= g_str_equal (l, "Customer (ID)");
      /* "1. Grace Reyes (C00001)": a name, then the id */
      named |= g_str_has_prefix (l, "1. ") && strstr (l, " (C") != NULL && g_str_has_suffix (l, ")");
    }
  g_assert_true (header);
  g_assert_true (named);

  rules = seg_result_get_rules (seg_window_get_result (window));
  for (guint i = 0; i < rules->n_segments; i++)
    if (rules->segments[i].customers > 0 && rules->segments[i].avg_spent > best)
      {
        best = rules->segments[i].avg_spent;
        best_i = i;
      }
  {
    GtkWidget *stack[256];
    guint top = 0;

    stack[top++] = GTK_WIDGET (window);
    while (top > 0 && dropdown == NULL)
      {
        GtkWidget *w = stack[--top];
        if (GTK_IS_DROP_DOWN (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), "Segment") == 0)
          dropdown = GTK_DROP_DOWN (w);
        for (GtkWidget *ch = gtk_widget_get_first_child (w); ch && top < G_N_ELEMENTS (stack); ch = gtk_widget_get_next_sibling (ch))
          stack[top++] = ch;
      }
  }
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, best_i);
  /* the box plot's metric reads as a display name */
  {
    GtkWidget *stack[256];
    guint top = 0;
    GtkDropDown *metric = NULL;
    GValue v = G_VALUE_INIT;

    stack[top++] = GTK_WIDGET (window);
    while (top > 0 && metric == NULL)
      {
        GtkWidget *w = stack[--top];
        if (GTK_IS_DROP_DOWN (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), "The metric to compare across segments") == 0)
          metric = GTK_DROP_DOWN (w);
        for (GtkWidget *ch = gtk_widget_get_first_child (w); ch && top < G_N_ELEMENTS (stack); ch = gtk_widget_get_next_sibling (ch))
          stack[top++] = ch;
      }
    g_assert_nonnull (metric);
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (metric)), ==, "total_spent");
    g_assert_true (gtk_expression_evaluate (gtk_drop_down_get_expression (metric),
                                            gtk_drop_down_get_selected_item (metric), &v));
    g_assert_cmpstr (g_value_get_string (&v), ==, "Total spend");
    g_value_unset (&v);
  }
  g_assert_cmpfloat (rules->segments[best_i].avg_spent, >, 0);
  /* the top spender's spend reads as the charts show money (47.8k), not
   * as 47,805.32 */
  {
    const SegColumn *spent = seg_table_find_column (seg_dataset_get_customers (seg_window_get_dataset (window)),
                                                    "total_spent");
    double top = -1;
    g_autofree char *expected = NULL;
    gboolean found = FALSE;

    for (guint64 r = 0; r < seg_table_get_n_rows (seg_dataset_get_customers (seg_window_get_dataset (window))); r++)
      if (rules->labels[r] == best_i && spent->num[r] > top)
        top = spent->num[r];
    expected = seg_format_compact (top);
    for (guint i = 0; i < labels->len; i++)
      found |= g_str_equal (g_ptr_array_index (labels, i), expected);
    g_assert_true (found);
  }
  ui_close_window (window, app);
}

typedef struct
{
  gboolean   done;
  GPtrArray *written;
  GError    *error;
} Wait;

static void
all_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      data)
{
  Wait *w = data;

  w->written = seg_window_export_finish (SEG_WINDOW (source), res, &w->error);
  w->done = TRUE;
}

static void
one_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      data)
{
  Wait *w = data;

  seg_chart_view_export_finish (SEG_CHART_VIEW (source), res, &w->error);
  w->done = TRUE;
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

static void
collect_cards (GtkWidget *widget,
               GPtrArray *out)
{
  if (SEG_IS_CHART_CARD (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_cards (c, out);
}

/* A card's ⋮ Export writes, on its worker and at its 1600 × 1000, the same
 * bytes as Export All at that size: one render path, one result (font
 * size, y range and wrapping included).  Personas (k-means) have the
 * longest names, so the cards are coloured by clusters. */
static void
test_export_paths_agree (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window_k (&app, 0);   /* "auto": the sweep's charts export too */
  g_autofree char *dir = g_build_filename (seg_test_source_root (), "data", "samples", "fintech", NULL);
  g_autofree char *c = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *t = g_build_filename (dir, "transactions.csv", NULL);
  g_autofree char *a = g_build_filename (dir, "activity.csv", NULL);
  const char *paths[] = { c, t, a, NULL };
  g_autofree char *out = seg_test_mkdtemp ();
  g_autofree char *all = g_build_filename (out, "all", NULL);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  Wait w = { 0 };
  guint compared = 0;

  seg_window_open_paths (window, paths);
  g_assert_true (ui_wait_analysed (window));
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  seg_window_set_colour_by (window, "kmeans");
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  seg_window_export_async (window, SEG_WINDOW_EXPORT_CHARTS, all, "png", 800, 500, NULL, all_done_cb, &w);
  g_assert_true (ui_wait_until (wait_done, &w, 90));
  g_assert_no_error (w.error);
  g_clear_pointer (&w.written, g_ptr_array_unref);

  collect_cards (GTK_WIDGET (window), cards);
  for (guint i = 0; i < cards->len; i++)
    {
      SegChartCard *card = g_ptr_array_index (cards, i);
      SegChartKind kind = seg_chart_card_get_kind (card);
      g_autofree char *name = g_strdup_printf ("%s.png", seg_chart_kind_id (kind));
      g_autofree char *from_all = g_build_filename (all, name, NULL);
      g_autofree char *one = g_build_filename (out, name, NULL);
      g_autofree char *x = NULL, *y = NULL;
      gsize nx, ny;
      Wait o = { 0 };

      if (kind != SEG_CHART_SEGMENT_SIZES && kind != SEG_CHART_PROFILE_HEATMAP && kind != SEG_CHART_SEGMENT_TABLE &&
          kind != SEG_CHART_SILHOUETTE_PLOT && kind != SEG_CHART_KPIS)
        continue;
      if (g_file_test (one, G_FILE_TEST_EXISTS) || !g_file_test (from_all, G_FILE_TEST_EXISTS))
        continue;   /* the first card of a kind is the one Export All follows */
      seg_chart_view_export_async (seg_chart_card_get_view (card), one, SEG_CHART_FORMAT_PNG, 800, 500, 0.0,
                                   NULL, one_done_cb, &o);
      g_assert_true (ui_wait_until (wait_done, &o, 60));
      g_assert_no_error (o.error);
      g_assert_true (g_file_get_contents (one, &x, &nx, NULL));
      g_assert_true (g_file_get_contents (from_all, &y, &ny, NULL));
      if (nx != ny || memcmp (x, y, nx) != 0)
        g_error ("%s differs from %s", one, from_all);
      compared++;
    }
  g_assert_cmpuint (compared, >=, 4);
  seg_test_rmdir_recursive (out);
  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/ui/reading/revenue-binding", test_revenue_binding);
  g_test_add_func ("/ui/reading/customer-lists", test_customer_lists);
  g_test_add_func ("/ui/reading/export-paths-agree", test_export_paths_agree);
  return g_test_run ();
}
