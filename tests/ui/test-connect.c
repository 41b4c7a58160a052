/* test-connect.c — Open ▸ Connect to Database… with an SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the dialog as a user would: win.connect-database, the SQLite page,
 * a file, Connect, the listed tables with their row counts, two ticks,
 * Open; then the window holds the dataset built from the database.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "seg-connect-dialog.h"
#include "seg-dataset.h"
#include "ui-test-helpers.h"

static const char *const fixture_sql =
  "CREATE TABLE customers (customer_id TEXT, name TEXT, age REAL, registration_date DATE);"
  "INSERT INTO customers VALUES ('C1', 'Ana', 34, '2024-01-05'), ('C2', 'Bo', 51, '2024-03-01'),"
  "  ('C3', 'Cy', 27, '2025-02-11');"
  "CREATE TABLE transactions (txn_id TEXT, customer_id TEXT, txn_date DATE, amount REAL);"
  "INSERT INTO transactions VALUES ('T1', 'C1', '2025-01-02', 10.5), ('T2', 'C1', '2025-02-03', 20),"
  "  ('T3', 'C2', '2025-02-04', 7.25), ('T4', 'C2', '2025-03-01', 100), ('T5', 'C2', '2025-03-02', 1),"
  "  ('T6', 'C3', '2025-03-03', 3);"
  "CREATE VIEW big_spenders AS SELECT * FROM transactions WHERE amount > 50;";

static gboolean
dialog_shown (gpointer data)
{
  return ui_find_toplevel (SEG_TYPE_CONNECT_DIALOG) != NULL;
}

static gboolean
tables_listed (gpointer data)
{
  return seg_connect_dialog_get_n_tables (data) > 0;
}

static void
test_connect_sqlite (void)
{
  g_autofree char *dir = g_dir_make_tmp ("segmenta-connect-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shop data.sqlite", NULL);
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  sqlite3 *db = NULL;
  GtkWidget *dialog, *list, *row, *open;
  SegDataset *dataset;
  guint n = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, fixture_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-database", NULL));
  g_assert_true (ui_wait_until (dialog_shown, NULL, 10));
  dialog = GTK_WIDGET (ui_find_toplevel (SEG_TYPE_CONNECT_DIALOG));
  gtk_stack_set_visible_child_name (GTK_STACK (ui_find_named (dialog, "kind-stack")), "sqlite");
  gtk_editable_set_text (GTK_EDITABLE (ui_find_named (dialog, "file-row")), path);
  open = ui_find_named (dialog, "open-button");
  g_assert_false (gtk_widget_get_sensitive (open));

  g_signal_emit_by_name (ui_find_named (dialog, "connect-button"), "clicked");
  g_assert_true (ui_wait_until (tables_listed, dialog, 20));
  g_assert_cmpuint (seg_connect_dialog_get_n_tables (SEG_CONNECT_DIALOG (dialog)), ==, 3);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_find_named (dialog, "status-label"))), ==,
                   "Connected: 3 tables and views.");

  /* the rows show name, kind and row count; tick the two tables */
  list = ui_find_named (dialog, "tables-list");
  for (row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row), n++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      if (g_str_equal (title, "big_spenders"))
        g_assert_cmpstr (subtitle, ==, "view · 1 row");
      else if (g_str_equal (title, "customers"))
        g_assert_cmpstr (subtitle, ==, "table · 3 rows");
      else
        {
          g_assert_cmpstr (title, ==, "transactions");
          g_assert_cmpstr (subtitle, ==, "table · 6 rows");
        }
      if (!g_str_equal (title, "big_spenders"))
        adw_action_row_activate (ADW_ACTION_ROW (row));
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (gtk_widget_get_sensitive (open));
  g_signal_emit_by_name (open, "clicked");

  g_assert_true (ui_wait_until (ui_window_has_dataset, window, 30));
  g_assert_null (seg_window_get_error_message (window));
  dataset = seg_window_get_dataset (window);
  g_assert_cmpuint (seg_dataset_get_n_inputs (dataset), ==, 2);
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (dataset)), ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      const SegInputInfo *info = seg_dataset_get_input (dataset, i);
      const char *name = seg_table_get_name (info->table);

      g_assert_true (g_str_has_prefix (seg_table_get_path (info->table), "sqlite:"));
      if (g_str_equal (name, "transactions"))
        {
          g_assert_cmpint (info->role, ==, SEG_FILE_ROLE_TRANSACTIONS);
          g_assert_cmpuint (info->rows, ==, 6);
        }
      else
        {
          g_assert_cmpstr (name, ==, "customers");
          g_assert_cmpint (info->role, ==, SEG_FILE_ROLE_CUSTOMERS);
        }
    }
  g_assert_true (ui_wait_customer_rows (window, 3));
  g_assert_null (ui_find_toplevel (SEG_TYPE_CONNECT_DIALOG));

  ui_close_window (window, app);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/connect/sqlite", test_connect_sqlite);
  return g_test_run ();
}
