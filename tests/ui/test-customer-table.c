/* test-customer-table.c — sorting and searching the customer table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <gtk/gtk.h>

#include "seg-customer-table.h"
#include "seg-row-model.h"
#include "seg-ui-format.h"
#include "ui-test-helpers.h"

/* customer_id (text), income (number, one missing), joined (date) */
static SegTable *
make_table (void)
{
  SegTable *table = seg_table_new ("test.csv");
  char **ids = g_new0 (char *, 5);
  double *income = g_new (double, 5);
  double *joined = g_new (double, 5);
  const char *names[] = { "delta", "Alpha", "charlie", "bravo", "echo" };
  const double incomes[] = { 52000, 1200.5, NAN, 81000, 39000 };

  for (guint i = 0; i < 5; i++)
    {
      ids[i] = g_strdup (names[i]);
      income[i] = incomes[i];
      joined[i] = seg_date_from_ymd (2024, 1, 10 - (int) i);
    }
  seg_table_add_column (table, "customer_id", SEG_COLUMN_TEXT, 5, NULL, ids);
  seg_table_add_column (table, "income", SEG_COLUMN_NUMBER, 5, income, NULL);
  seg_table_add_column (table, "joined", SEG_COLUMN_DATE, 5, joined, NULL);
  return table;
}

typedef struct
{
  GListModel *model;
  guint       n;
} Expect;

/* The filter and sort models are incremental: wait for @n rows, sorted. */
static gboolean
model_settled (gpointer data)
{
  Expect *e = data;
  return !gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (e->model))
         && g_list_model_get_n_items (e->model) == e->n;
}

static void
wait_rows (SegCustomerTable *view,
           guint             n)
{
  Expect e = { seg_customer_table_get_model (view), n };

  g_assert_true (ui_wait_until (model_settled, &e, 5));
  ui_spin (0.05);
  g_assert_cmpuint (g_list_model_get_n_items (e.model), ==, n);
}

static char *
row_ids (SegCustomerTable *view)
{
  GListModel *model = seg_customer_table_get_model (view);
  const SegColumn *ids = seg_table_get_column (seg_customer_table_get_table (view), 0);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SegRowItem) item = g_list_model_get_item (model, i);
      g_string_append_printf (s, "%s%s", i ? " " : "", ids->text[seg_row_item_get_row (item)]);
    }
  return g_string_free (s, FALSE);
}

static void
sort_by (SegCustomerTable *view,
         guint             column,
         GtkSortType       order)
{
  GtkColumnView *cv = seg_customer_table_get_column_view (view);
  g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (gtk_column_view_get_columns (cv), column);

  gtk_column_view_sort_by_column (cv, col, order);
  wait_rows (view, 5);
}

static void
test_sort_and_search (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = seg_customer_table_new ();
  g_autoptr(SegTable) table = make_table ();
  g_autofree char *by_name = NULL;
  g_autofree char *by_name_desc = NULL;
  g_autofree char *by_income = NULL;
  g_autofree char *by_date = NULL;
  g_autofree char *found = NULL;
  g_autofree char *found_number = NULL;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  seg_customer_table_set_table (SEG_CUSTOMER_TABLE (view), table);
  wait_rows (SEG_CUSTOMER_TABLE (view), 5);

  /* text: collation ignores case */
  sort_by (SEG_CUSTOMER_TABLE (view), 0, GTK_SORT_ASCENDING);
  by_name = row_ids (SEG_CUSTOMER_TABLE (view));
  g_assert_cmpstr (by_name, ==, "Alpha bravo charlie delta echo");
  sort_by (SEG_CUSTOMER_TABLE (view), 0, GTK_SORT_DESCENDING);
  by_name_desc = row_ids (SEG_CUSTOMER_TABLE (view));
  g_assert_cmpstr (by_name_desc, ==, "echo delta charlie bravo Alpha");
  /* numbers compare as numbers (1200.5 < 39000), the missing one last */
  sort_by (SEG_CUSTOMER_TABLE (view), 1, GTK_SORT_ASCENDING);
  by_income = row_ids (SEG_CUSTOMER_TABLE (view));
  g_assert_cmpstr (by_income, ==, "Alpha echo delta bravo charlie");
  /* dates: echo joined first (6 Jan) */
  sort_by (SEG_CUSTOMER_TABLE (view), 2, GTK_SORT_ASCENDING);
  by_date = row_ids (SEG_CUSTOMER_TABLE (view));
  g_assert_cmpstr (by_date, ==, "echo bravo charlie Alpha delta");

  /* search: any column, case-insensitive, as the cells are shown */
  seg_customer_table_set_search (SEG_CUSTOMER_TABLE (view), "ALPHA");
  wait_rows (SEG_CUSTOMER_TABLE (view), 1);
  found = row_ids (SEG_CUSTOMER_TABLE (view));
  g_assert_cmpstr (found, ==, "Alpha");
  seg_customer_table_set_search (SEG_CUSTOMER_TABLE (view), "81,000");
  wait_rows (SEG_CUSTOMER_TABLE (view), 1);
  found_number = row_ids (SEG_CUSTOMER_TABLE (view));
  g_assert_cmpstr (found_number, ==, "bravo");
  seg_customer_table_set_search (SEG_CUSTOMER_TABLE (view), "2024-01-08");
  wait_rows (SEG_CUSTOMER_TABLE (view), 1);
  seg_customer_table_set_search (SEG_CUSTOMER_TABLE (view), "");
  wait_rows (SEG_CUSTOMER_TABLE (view), 5);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A table of @n rows: id (text) and one number column named @name. */
static SegTable *
make_long_table (guint       n,
                 const char *name)
{
  SegTable *table = seg_table_new ("long.csv");
  char **ids = g_new0 (char *, n + 1);
  double *values = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      ids[i] = g_strdup_printf ("C%05u", i);
      values[i] = i * 1.5;
    }
  seg_table_add_column (table, "customer_id", SEG_COLUMN_TEXT, n, NULL, ids);
  seg_table_add_column (table, name, SEG_COLUMN_NUMBER, n, values, NULL);
  return table;
}

typedef struct
{
  GListModel *shown;          /* the rows the view makes widgets for */
  GArray     *sizes;          /* guint: the rows shown after each change */
  guint       rows_at_swap;   /* rows shown when the columns last changed */
  guint       column_changes;
} Watch;

static void
shown_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *w)
{
  guint n = g_list_model_get_n_items (model);
  g_array_append_val (w->sizes, n);
}

static void
columns_changed_cb (GListModel *columns,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Watch      *w)
{
  w->rows_at_swap = MAX (w->rows_at_swap, g_list_model_get_n_items (w->shown));
  w->column_changes++;
}

static gboolean
shown_are (gpointer data)
{
  Watch *w = data;
  return g_list_model_get_n_items (w->shown) == w->rows_at_swap;
}

static gboolean
not_changing (gpointer data)
{
  return !seg_customer_table_is_changing (data);
}

/* Fewer distinct steps than this and the rows came or went in one go. */
#define MIN_STEPS 3

/* A ramp takes one frame per step, up to 120 frames for a wide table: at
 * load 15 in the plain build one took more than 10 s (a frame's CPU is
 * shared with a dozen other processes), so the waits on a ramp give it a
 * minute, a third of meson's timeout for the ui suite. */
#define RAMP_WAIT_S 60

/* The rows of widgets come and go a few per main-loop turn: a new table
 * waits until the old rows are gone, its columns go in while the view shows
 * no rows, then its rows ramp up; a hidden table gives its rows up and makes
 * them again only when shown.  (What is checked is the mechanism, the
 * number of steps, never a time.) */
static void
test_rows_in_steps (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = seg_customer_table_new ();
  SegCustomerTable *t = SEG_CUSTOMER_TABLE (view);
  g_autoptr(SegTable) first = make_long_table (1000, "income");
  g_autoptr(SegTable) second = make_long_table (600, "spend");
  GtkColumnView *cv = seg_customer_table_get_column_view (t);
  Watch w = { G_LIST_MODEL (gtk_column_view_get_model (cv)), g_array_new (FALSE, FALSE, sizeof (guint)), 0, 0 };
  guint steps = 0, last = G_MAXUINT;
  g_autoptr(GtkColumnViewColumn) col = NULL;
  g_autofree char *first_title = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  seg_customer_table_set_table (t, first);
  w.rows_at_swap = 1000;
  g_assert_true (ui_wait_until (shown_are, &w, RAMP_WAIT_S));
  g_assert_true (seg_customer_table_get_table (t) == first);
  col = g_list_model_get_item (gtk_column_view_get_columns (cv), 1);
  first_title = g_strdup (gtk_column_view_column_get_title (col));
  g_clear_object (&col);

  g_signal_connect (w.shown, "items-changed", G_CALLBACK (shown_changed_cb), &w);
  g_signal_connect (gtk_column_view_get_columns (cv), "items-changed", G_CALLBACK (columns_changed_cb), &w);
  w.rows_at_swap = 0;
  seg_customer_table_set_table (t, second);
  /* nothing was taken away yet: the view still shows the first table */
  g_assert_true (seg_customer_table_is_changing (t));
  g_assert_true (seg_customer_table_get_table (t) == first);
  g_assert_cmpuint (w.sizes->len, ==, 0);
  g_assert_true (ui_wait_until (not_changing, t, RAMP_WAIT_S));
  g_assert_true (seg_customer_table_get_table (t) == second);
  /* the columns changed while no row was shown, after several steps down */
  g_assert_cmpuint (w.column_changes, >, 0);
  g_assert_cmpuint (w.rows_at_swap, ==, 0);
  for (guint i = 0; i < w.sizes->len; i++)
    {
      guint n = g_array_index (w.sizes, guint, i);
      if (n != last && n > 0)
        steps++;
      last = n;
    }
  g_assert_cmpuint (steps, >=, MIN_STEPS);
  col = g_list_model_get_item (gtk_column_view_get_columns (cv), 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (col), !=, first_title);

  /* then its rows ramp up, again in steps */
  g_array_set_size (w.sizes, 0);
  w.rows_at_swap = 600;
  g_assert_true (ui_wait_until (shown_are, &w, RAMP_WAIT_S));
  g_assert_cmpuint (w.sizes->len, >=, MIN_STEPS);

  /* hidden: the rows go; shown again: they come back */
  gtk_widget_set_visible (view, FALSE);
  w.rows_at_swap = 0;
  g_assert_true (ui_wait_until (shown_are, &w, RAMP_WAIT_S));
  g_assert_cmpuint (g_list_model_get_n_items (seg_customer_table_get_model (t)), ==, 600);
  gtk_widget_set_visible (view, TRUE);
  w.rows_at_swap = 600;
  g_assert_true (ui_wait_until (shown_are, &w, RAMP_WAIT_S));

  g_signal_handlers_disconnect_by_data (w.shown, &w);
  g_signal_handlers_disconnect_by_data (gtk_column_view_get_columns (cv), &w);
  g_array_unref (w.sizes);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* @n rows of a customer id and @n_numbers number columns, as wide as the
 * analysis' customer table. */
static SegTable *
make_wide_table (guint n,
                 guint n_numbers)
{
  SegTable *table = seg_table_new ("wide.csv");
  char **ids = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup_printf ("C%05u", i);
  seg_table_add_column (table, "customer_id", SEG_COLUMN_TEXT, n, NULL, ids);
  for (guint c = 0; c < n_numbers; c++)
    {
      g_autofree char *name = g_strdup_printf ("f%02u", c);
      double *values = g_new (double, n);

      for (guint i = 0; i < n; i++)
        values[i] = i + c;
      seg_table_add_column (table, name, SEG_COLUMN_NUMBER, n, values, NULL);
    }
  return table;
}

/* The rows of @table ramp up in the view; returns the sizes it showed. */
static GArray *
ramp_sizes (SegTable *table)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = seg_customer_table_new ();
  SegCustomerTable *t = SEG_CUSTOMER_TABLE (view);
  GtkColumnView *cv = seg_customer_table_get_column_view (t);
  Watch w = { G_LIST_MODEL (gtk_column_view_get_model (cv)), g_array_new (FALSE, FALSE, sizeof (guint)), 0, 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (w.shown, "items-changed", G_CALLBACK (shown_changed_cb), &w);
  seg_customer_table_set_table (t, table);
  w.rows_at_swap = (guint) seg_table_get_n_rows (table);
  g_assert_true (ui_wait_until (shown_are, &w, RAMP_WAIT_S));
  g_signal_handlers_disconnect_by_data (w.shown, &w);
  gtk_window_destroy (GTK_WINDOW (window));
  return w.sizes;
}

/* The first size a ramp showed, the widest step after it (below the 240
 * rows a list view keeps widgets for) and the last size. */
static void
ramp_shape (GArray *sizes,
            guint  *first,
            guint  *widest_step,
            guint  *last)
{
  *first = *widest_step = *last = 0;
  for (guint i = 0; i < sizes->len; i++)
    {
      guint n = g_array_index (sizes, guint, i);

      if (*first == 0 && n > 0)
        *first = n;
      else if (n > *last && n < 240)
        *widest_step = MAX (*widest_step, n - *last);
      *last = n;
    }
}

/* Each step of the ramp makes about the same number of cells whatever the
 * table's width: a table of 24 columns (the analysis' customer table has
 * 23) shows 4 rows first and grows 2 rows at a time, one of 2 columns far
 * more per step.  A list view keeps at most 240 rows of widgets; past
 * that the ramp shows the whole model at once and makes no more cells. */
static void
test_steps_in_cells (void)
{
  g_autoptr(SegTable) wide = make_wide_table (300, 23);
  g_autoptr(SegTable) narrow = make_long_table (300, "income");
  g_autoptr(GArray) wide_sizes = ramp_sizes (wide);
  g_autoptr(GArray) narrow_sizes = ramp_sizes (narrow);
  guint first, widest_step, last;

  ramp_shape (wide_sizes, &first, &widest_step, &last);
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (first, <=, 4);
  g_assert_cmpuint (widest_step, >, 0);
  g_assert_cmpuint (widest_step, <=, 2);
  g_assert_cmpuint (last, ==, 300);

  ramp_shape (narrow_sizes, &first, &widest_step, &last);
  g_assert_cmpuint (first, >=, 12);
  g_assert_cmpuint (widest_step, >=, 8);
  g_assert_cmpuint (last, ==, 300);
}

/* @n rows: "spend" 1, 2, 3 … with @last_fraction as its last value, and
 * "visits" 1000, 1001 … (whole all through). */
static SegTable *
make_spend_table (guint  n,
                  double last_fraction)
{
  SegTable *table = seg_table_new ("spend.csv");
  double *spend = g_new (double, n);
  double *visits = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      spend[i] = i + 1;
      visits[i] = 1000 + i;
    }
  spend[n - 1] = last_fraction;
  seg_table_add_column (table, "spend", SEG_COLUMN_NUMBER, n, spend, NULL);
  seg_table_add_column (table, "visits", SEG_COLUMN_NUMBER, n, visits, NULL);
  return table;
}

static void
collect_labels (GtkWidget  *widget,
                GHashTable *texts)
{
  if (GTK_IS_LABEL (widget))
    g_hash_table_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

typedef struct
{
  GtkWidget  *view;
  const char *text;
} LabelShown;

static gboolean
label_shown (gpointer data)
{
  LabelShown *l = data;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_labels (l->view, texts);
  return g_hash_table_contains (texts, l->text);
}

/* A number column lines up on decimals found from all its rows, on a
 * worker while the rows before go: a big table whose only fraction is in
 * its last row shows "1.00" in its first; a table set while the one
 * before is still being scanned is the one shown, with its own decimals. */
static void
test_decimals_of_whole_column (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = seg_customer_table_new ();
  SegCustomerTable *t = SEG_CUSTOMER_TABLE (view);
  g_autoptr(SegTable) whole = make_spend_table (200000, 200000);
  g_autoptr(SegTable) fraction = make_spend_table (200000, 0.5);
  LabelShown fixed = { view, "1.00" }, plain = { view, "1" }, visits = { view, "1,000" };
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  seg_customer_table_set_table (t, whole);
  seg_customer_table_set_table (t, fraction);
  g_assert_true (ui_wait_until (not_changing, t, RAMP_WAIT_S));
  g_assert_true (seg_customer_table_get_table (t) == fraction);
  g_assert_true (ui_wait_until (label_shown, &fixed, 10));
  g_assert_true (ui_wait_until (label_shown, &visits, 10));
  collect_labels (view, texts);
  g_assert_false (g_hash_table_contains (texts, "1"));
  g_assert_false (g_hash_table_contains (texts, "1,000.00"));

  seg_customer_table_set_table (t, whole);
  g_assert_true (ui_wait_until (not_changing, t, RAMP_WAIT_S));
  g_assert_true (seg_customer_table_get_table (t) == whole);
  g_assert_true (ui_wait_until (label_shown, &plain, 10));
  g_hash_table_remove_all (texts);
  collect_labels (view, texts);
  g_assert_false (g_hash_table_contains (texts, "1.00"));

  /* gone while a scan runs: the scan's end finds nothing to show */
  seg_customer_table_set_table (t, fraction);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (0.2);
}

static void
test_format (void)
{
  g_autofree char *a = seg_ui_format_number (1234567.891);
  g_autofree char *b = seg_ui_format_number (-1200);
  g_autofree char *c = seg_ui_format_number (0.5);
  g_autofree char *d = seg_ui_format_date_long (seg_date_from_ymd (2025, 9, 14));

  g_assert_cmpstr (a, ==, "1,234,567.89");
  g_assert_cmpstr (b, ==, "-1,200");
  g_assert_cmpstr (c, ==, "0.50");
  g_assert_cmpstr (d, ==, "14 Sep 2025");
  g_assert_null (seg_ui_format_number (NAN));

  /* a column lines up: CC GENERAL's purchases 95.4 and 1499 read
   * "95.40" and "1,499.00", balance frequency 1 and 0.818182 "1.00" and
   * "0.82"; a column of whole numbers keeps none */
  {
    g_autoptr(SegTable) t = seg_table_new ("cards.csv");
    double *spent = g_new (double, 4), *count = g_new (double, 4);
    const SegColumn *cs, *cc;
    const double spent_v[] = { 95.4, 1499, NAN, 0.004 };
    const double count_v[] = { 3, 12000, 0, NAN };
    const char *expected[] = { "95.40", "1,499.00", NULL, "0.004" };

    memcpy (spent, spent_v, sizeof spent_v);
    memcpy (count, count_v, sizeof count_v);
    cs = seg_table_add_column (t, "purchases", SEG_COLUMN_NUMBER, 4, spent, NULL);
    cc = seg_table_add_column (t, "count", SEG_COLUMN_NUMBER, 4, count, NULL);
    g_assert_cmpint (seg_ui_format_column_decimals (cs, 4), ==, 2);
    g_assert_cmpint (seg_ui_format_column_decimals (cc, 4), ==, 0);
    for (guint i = 0; i < 4; i++)
      {
        g_autofree char *text = seg_ui_format_fixed (cs->num[i], 2);
        g_assert_cmpstr (text, ==, expected[i]);
      }
    {
      g_autofree char *whole = seg_ui_format_fixed (12000, 0);
      g_autofree char *one = seg_ui_format_fixed (1, 2);
      g_autofree char *freq = seg_ui_format_fixed (0.818182, 2);
      g_assert_cmpstr (whole, ==, "12,000");
      g_assert_cmpstr (one, ==, "1.00");
      g_assert_cmpstr (freq, ==, "0.82");
    }
  }
}

/* The engine's notices write counts bare (the CLI's summary.json keeps
 * them so); the window groups them as everywhere else, and leaves years,
 * dates, times, decimals, file positions and quoted names alone. */
static void
test_counts_in_text (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "online_retail.csv: 135080 rows have no customer id and are left out",
      "online_retail.csv: 135,080 rows have no customer id and are left out" },
    { "1234 of 541909 rows", "1,234 of 541,909 rows" },
    { "7 rows are dated after 2011-12-09 10:30:00 and are left out",
      "7 rows are dated after 2011-12-09 10:30:00 and are left out" },
    { "in 2011, 12000 customers", "in 2011, 12,000 customers" },
    { "customer id “100234” appears 12345 times (first on line 10234 and line 20345)",
      "customer id “100234” appears 12,345 times (first on line 10,234 and line 20,345)" },
    { "cards.csv:135080:3: 12345.678 and C12345 and v2_10000",
      "cards.csv:135080:3: 12345.678 and C12345 and v2_10000" },
    { "rows are numbered 1 to 99999 as ids.", "rows are numbered 1 to 99,999 as ids." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = seg_ui_format_group_counts (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/ui/customer-table/format", test_format);
  g_test_add_func ("/ui/customer-table/counts-in-text", test_counts_in_text);
  g_test_add_func ("/ui/customer-table/sort-and-search", test_sort_and_search);
  g_test_add_func ("/ui/customer-table/rows-in-steps", test_rows_in_steps);
  g_test_add_func ("/ui/customer-table/steps-in-cells", test_steps_in_cells);
  g_test_add_func ("/ui/customer-table/decimals-of-whole-column", test_decimals_of_whole_column);
  return g_test_run ();
}
