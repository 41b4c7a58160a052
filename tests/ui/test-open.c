/* test-open.c — opening files through win.open, the file chooser and the command-line path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "seg-customer-table.h"
#include "seg-dataset.h"
#include "ui-test-helpers.h"

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);
  return file != NULL;
}

static const SegInputInfo *
find_input (SegDataset *dataset,
            const char *name)
{
  for (guint i = 0; i < seg_dataset_get_n_inputs (dataset); i++)
    {
      const SegInputInfo *info = seg_dataset_get_input (dataset, i);
      if (g_strcmp0 (seg_table_get_name (info->table), name) == 0)
        return info;
    }
  return NULL;
}

/* win.open → GtkFileChooserNative (a GtkFileChooserDialog outside flatpak) → load. */
static void
test_open_through_chooser (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  g_auto(GStrv) paths = ui_fixture_paths ("transactions.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (paths[0]);
  GtkWindow *dialog;
  SegDataset *dataset;
  const SegInputInfo *info;

  g_assert_cmpstr (seg_window_get_state (window), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  g_assert_true (ui_wait_until (ui_chooser_shown, NULL, 10));
  dialog = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Open Customer Data");
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (dialog)));

  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, NULL));
  g_assert_true (ui_wait_until (chooser_has_file, dialog, 10));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);

  g_assert_true (ui_wait_until (ui_window_has_dataset, window, 30));
  g_assert_null (seg_window_get_error_message (window));
  g_assert_cmpstr (seg_window_get_state (window), ==, "content");
  dataset = seg_window_get_dataset (window);
  g_assert_cmpuint (seg_dataset_get_n_inputs (dataset), ==, 1);
  info = seg_dataset_get_input (dataset, 0);
  g_assert_cmpint (info->role, ==, SEG_FILE_ROLE_TRANSACTIONS);
  g_assert_cmpuint (info->rows, ==, 6);
  g_assert_cmpuint (info->skipped, ==, 0);
  /* without a customers table the customers are the ids in the log: C1, C2, C3 */
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (dataset)), ==, 3);
  g_assert_true (ui_wait_customer_rows (window, 3));

  ui_close_window (window, app);
}

/* The command-line path (SegApplication::open) with three files joined. */
static void
test_open_three_files (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  g_auto(GStrv) paths = ui_fixture_paths ("customers.csv", "transactions.csv", "activity.csv", NULL);
  GFile *files[3];
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GVariant) recent = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autofree const char **recent_paths = NULL;
  g_autofree char *title = NULL;
  SegDataset *dataset;
  const SegInputInfo *info;

  for (guint i = 0; i < 3; i++)
    files[i] = g_file_new_for_path (paths[i]);
  g_application_open (G_APPLICATION (app), files, 3, "");
  for (guint i = 0; i < 3; i++)
    g_object_unref (files[i]);
  g_assert_true (ui_wait_until (ui_window_has_dataset, window, 30));

  dataset = seg_window_get_dataset (window);
  g_assert_cmpuint (seg_dataset_get_n_inputs (dataset), ==, 3);
  info = find_input (dataset, "customers.csv");
  g_assert_nonnull (info);
  g_assert_cmpint (info->role, ==, SEG_FILE_ROLE_CUSTOMERS);
  g_assert_cmpuint (info->rows, ==, 4);
  info = find_input (dataset, "transactions.csv");
  g_assert_nonnull (info);
  g_assert_cmpint (info->role, ==, SEG_FILE_ROLE_TRANSACTIONS);
  g_assert_cmpuint (info->rows, ==, 6);
  info = find_input (dataset, "activity.csv");
  g_assert_nonnull (info);
  g_assert_cmpint (info->role, ==, SEG_FILE_ROLE_ACTIVITY);
  g_assert_cmpuint (info->rows, ==, 4);
  g_assert_true (seg_dataset_is_confident (dataset));

  /* customers come from the customers table, C4 has no transactions */
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (dataset)), ==, 4);
  g_assert_true (ui_wait_customer_rows (window, 4));
  /* as-of = latest transaction or activity date, T5 on 2025-09-14 */
  title = seg_window_dup_title (window);
  g_assert_cmpstr (title, ==, "ui · 4 customers · as of 14 Sep 2025");
  /* with every role detected confidently, the dashboard comes up once analysed */
  g_assert_true (ui_wait_analysed (window));
  g_assert_cmpstr (seg_window_get_visible_pane (window), ==, "overview");
  g_assert_cmpuint (seg_import_view_get_n_files (seg_window_get_import_view (window)), ==, 3);

  /* the set is remembered, newest first */
  recent = g_settings_get_value (settings, "recent-files");
  g_assert_cmpuint (g_variant_n_children (recent), >=, 1);
  first = g_variant_get_child_value (recent, 0);
  recent_paths = g_variant_get_strv (first, NULL);
  g_assert_true (g_strv_equal (recent_paths, (const char * const *) paths));

  ui_close_window (window, app);
}

/* win.reopen with index 0 opens the newest recent set again. */
static void
test_reopen_recent (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  g_auto(GStrv) paths = ui_fixture_paths ("customers.csv", "transactions.csv", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GVariant *sets[1];

  sets[0] = g_variant_new_strv ((const char * const *) paths, -1);
  g_settings_set_value (settings, "recent-files", g_variant_new_array (G_VARIANT_TYPE_STRING_ARRAY, sets, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reopen", "i", 0));
  g_assert_true (ui_wait_until (ui_window_has_dataset, window, 30));
  g_assert_cmpuint (seg_dataset_get_n_inputs (seg_window_get_dataset (window)), ==, 2);
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (seg_window_get_dataset (window))), ==, 4);

  ui_close_window (window, app);
}

/* Issue 10 §3: three customers signed up after the as-of date; the window
 * says so once, with the count and the column, above the customer table in
 * the Data pane and in a toast, and no age is negative. */
static void
test_dates_after_as_of (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  g_autofree char *c = seg_test_fixture_path ("dataset/future-customers.csv");
  g_autofree char *t = seg_test_fixture_path ("dataset/future-transactions.csv");
  GFile *files[2] = { g_file_new_for_path (c), g_file_new_for_path (t) };
  SegCustomerTable *table;
  const SegColumn *days;
  const char *notes;
  SegTable *customers;

  g_application_open (G_APPLICATION (app), files, 2, "");
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_assert_true (ui_wait_until (ui_window_has_dataset, window, 30));
  g_assert_true (ui_wait_customer_rows (window, 5));

  table = seg_window_get_customer_table (window);
  notes = seg_customer_table_get_notes (table);
  g_assert_nonnull (notes);
  g_assert_nonnull (strstr (notes, "3 registration dates in “signup_date” are after the as-of date (2021-12-30)"));
  g_assert_cmpstr (seg_window_get_last_toast (window), ==,
                   "3 dates in “signup_date” are after the as-of date and were left out");
  customers = seg_dataset_get_customers (seg_window_get_dataset (window));
  days = seg_table_find_column (customers, "days_since_registration");
  for (guint64 r = 0; r < seg_table_get_n_rows (customers); r++)
    g_assert_true (isnan (days->num[r]) || days->num[r] >= 0);

  ui_close_window (window, app);
}

/* Issue 17: 9999-12-31 and 1900-01-01 in the log, 1900-01-01 as a sign-up
 * date.  The window says so once per column, with the count, the column and
 * the first line, above the customer table and in a toast, and the as-of
 * date is the last real purchase. */
static void
test_placeholder_dates (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  g_autofree char *c = seg_test_fixture_path ("dataset/placeholder-customers.csv");
  g_autofree char *t = seg_test_fixture_path ("dataset/placeholder-transactions.csv");
  GFile *files[2] = { g_file_new_for_path (c), g_file_new_for_path (t) };
  SegCustomerTable *table;
  const char *notes;

  g_application_open (G_APPLICATION (app), files, 2, "");
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_assert_true (ui_wait_until (ui_window_has_dataset, window, 30));
  g_assert_true (ui_wait_customer_rows (window, 4));

  g_assert_cmpfloat (seg_dataset_get_as_of (seg_window_get_dataset (window)), ==, seg_date_from_ymd (2021, 12, 30));
  table = seg_window_get_customer_table (window);
  notes = seg_customer_table_get_notes (table);
  g_assert_nonnull (notes);
  g_assert_nonnull (strstr (notes, "placeholder-customers.csv:3: 1 date in “signup_date” (1900-01-01) lies far "
                                   "outside the others"));
  g_assert_nonnull (strstr (notes, "placeholder-transactions.csv:5: 2 dates in “transaction_date” (the first: "
                                   "9999-12-31) lie far outside the others"));
  g_assert_cmpstr (seg_window_get_last_toast (window), ==,
                   "2 dates in “transaction_date” look like placeholders and were read as missing");

  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/ui/open/chooser", test_open_through_chooser);
  g_test_add_func ("/ui/open/three-files", test_open_three_files);
  g_test_add_func ("/ui/open/placeholder-dates", test_placeholder_dates);
  g_test_add_func ("/ui/open/reopen-recent", test_reopen_recent);
  g_test_add_func ("/ui/open/dates-after-as-of", test_dates_after_as_of);
  return g_test_run ();
}
