/* test-cancel.c — cancelling a load, a newer load replacing an older one, a failed load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In every case the window must stay exactly as it was: the same dataset, the
 * same title, and no error unless the load really failed.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>

#include "seg-dataset.h"
#include "ui-test-helpers.h"

#define BIG_ROWS 2500000

static char *tmpdir;
static char *big_path;

/* A transaction log big enough that reading it takes well over a second. */
static void
write_big_file (void)
{
  FILE *f;
  char line[128];

  tmpdir = seg_test_mkdtemp ();
  big_path = g_build_filename (tmpdir, "big-transactions.csv", NULL);
  f = fopen (big_path, "w");
  g_assert_nonnull (f);
  fputs ("txn_id,customer_id,txn_date,amount\n", f);
  for (guint i = 0; i < BIG_ROWS; i++)
    {
      int n = g_snprintf (line, sizeof line, "%u,C%u,2025-%02u-%02u,%u.%02u\n",
                          i + 1, i % 50000, 1 + i % 12, 1 + i % 28, 10 + i % 990, i % 100);
      fwrite (line, 1, (size_t) n, f);
    }
  g_assert_cmpint (fclose (f), ==, 0);
}

static gboolean
loading_and_progressed (gpointer data)
{
  return seg_window_is_loading (data);
}

static SegWindow *
window_with_fixture (SegApplication **app)
{
  SegWindow *window = ui_new_window (app);
  g_auto(GStrv) paths = ui_fixture_paths ("customers.csv", "transactions.csv", "activity.csv", NULL);

  g_assert_true (ui_open_and_wait (window, (const char * const *) paths));
  g_assert_nonnull (seg_window_get_dataset (window));
  return window;
}

static void
test_cancel_keeps_previous (void)
{
  SegApplication *app;
  SegWindow *window = window_with_fixture (&app);
  SegDataset *before = seg_window_get_dataset (window);
  g_autofree char *title_before = seg_window_dup_title (window);
  const char *big[] = { big_path, NULL };
  gint64 started;
  g_autofree char *title_after = NULL;

  g_assert_cmpstr (title_before, ==, "ui · 4 customers · as of 14 Sep 2025");
  started = g_get_monotonic_time ();
  seg_window_open_paths (window, big);
  g_assert_true (ui_wait_until (loading_and_progressed, window, 5));
  ui_spin (0.3);
  /* still running after 0.3 s: the file is big enough for this test to mean something */
  g_assert_true (seg_window_is_loading (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  g_assert_false (seg_window_is_loading (window));
  g_test_message ("cancelled after %.2f s", (g_get_monotonic_time () - started) / 1e6);

  /* let the cancelled worker finish; its result must be dropped */
  ui_spin (2.0);
  g_assert_true (seg_window_get_dataset (window) == before);
  title_after = seg_window_dup_title (window);
  g_assert_cmpstr (title_after, ==, title_before);
  g_assert_null (seg_window_get_error_message (window));
  g_assert_null (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (seg_window_get_state (window), ==, "content");
  g_assert_false (seg_window_is_loading (window));

  ui_close_window (window, app);
}

static void
test_cancel_from_empty (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  const char *big[] = { big_path, NULL };
  g_autofree char *title = NULL;

  seg_window_open_paths (window, big);
  ui_spin (0.2);
  g_assert_true (seg_window_is_loading (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  ui_spin (1.5);
  g_assert_null (seg_window_get_dataset (window));
  g_assert_cmpstr (seg_window_get_state (window), ==, "empty");
  title = seg_window_dup_title (window);
  g_assert_cmpstr (title, ==, "Segmenta");
  g_assert_null (seg_window_get_error_message (window));

  ui_close_window (window, app);
}

/* Opening again while a load runs cancels it; only the newer result shows. */
static void
test_newer_load_wins (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  const char *big[] = { big_path, NULL };
  g_auto(GStrv) small = ui_fixture_paths ("customers.csv", "transactions.csv", NULL);

  seg_window_open_paths (window, big);
  ui_spin (0.1);
  g_assert_true (ui_open_and_wait (window, (const char * const *) small));
  ui_spin (1.5);
  g_assert_nonnull (seg_window_get_dataset (window));
  g_assert_cmpuint (seg_dataset_get_n_inputs (seg_window_get_dataset (window)), ==, 2);
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (seg_window_get_dataset (window))), ==, 4);

  ui_close_window (window, app);
}

static void
test_failed_load_keeps_previous (void)
{
  SegApplication *app;
  SegWindow *window = window_with_fixture (&app);
  SegDataset *before = seg_window_get_dataset (window);
  g_autofree char *title_before = seg_window_dup_title (window);
  g_autofree char *title_after = NULL;
  g_auto(GStrv) broken = ui_fixture_paths ("broken.csv", NULL);
  GtkWindow *dialog;

  g_assert_true (ui_open_and_wait (window, (const char * const *) broken));
  g_assert_nonnull (seg_window_get_error_message (window));
  g_test_message ("error: %s", seg_window_get_error_message (window));
  /* the message names the file and where */
  g_assert_nonnull (strstr (seg_window_get_error_message (window), "broken.csv:"));
  dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   seg_window_get_error_message (window));
  gtk_window_destroy (dialog);

  g_assert_true (seg_window_get_dataset (window) == before);
  title_after = seg_window_dup_title (window);
  g_assert_cmpstr (title_after, ==, title_before);
  g_assert_cmpstr (seg_window_get_state (window), ==, "content");

  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  write_big_file ();
  g_test_add_func ("/ui/cancel/keeps-previous", test_cancel_keeps_previous);
  g_test_add_func ("/ui/cancel/from-empty", test_cancel_from_empty);
  g_test_add_func ("/ui/cancel/newer-load-wins", test_newer_load_wins);
  g_test_add_func ("/ui/cancel/failed-load", test_failed_load_keeps_previous);
  status = g_test_run ();
  seg_test_rmdir_recursive (tmpdir);
  g_free (tmpdir);
  g_free (big_path);
  return status;
}
