/* test-analysis-file.c — Save Analysis, Open of a .segmenta file and Apply to
 * New Data through the real window (issue 11 §1–2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "seg-migration-window.h"
#include "seg-window-file.h"
#include "ui-test-helpers.h"

static char *
sample_copy (const char *dir,
             const char *sub,
             gboolean    next_month)
{
  static const char *names[] = { "customers.csv", "transactions.csv", "activity.csv" };
  char *to = g_build_filename (dir, sub, NULL);

  g_mkdir_with_parents (to, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *src = g_build_filename (seg_test_source_root (), "data/samples/fintech", names[i], NULL);
      g_autofree char *dst = g_build_filename (to, names[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GString) out = NULL;

      g_assert_true (g_file_get_contents (src, &text, NULL, NULL));
      out = g_string_new (text);
      if (next_month && i == 0)
        {
          /* C00001 leaves, C90001 joins */
          g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
          g_string_truncate (out, 0);
          for (guint k = 0; lines[k] && *lines[k]; k++)
            if (!g_str_has_prefix (lines[k], "C00001,"))
              g_string_append_printf (out, "%s\n", lines[k]);
          g_string_append (out, "C90001,New Person,30,50000,Pune,India,2025-01-01,700,1,true\n");
        }
      g_assert_true (g_file_set_contents (dst, out->str, -1, NULL));
    }
  return to;
}

static GStrv
paths_in (const char *dir)
{
  GStrv paths = g_new0 (char *, 4);

  paths[0] = g_build_filename (dir, "customers.csv", NULL);
  paths[1] = g_build_filename (dir, "transactions.csv", NULL);
  paths[2] = g_build_filename (dir, "activity.csv", NULL);
  return paths;
}

static gboolean
chooser_gone (gpointer data)
{
  return ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL;
}

static char *expected_choice;

static gboolean
chooser_has (gpointer data)
{
  g_autoptr(GFile) f = gtk_file_chooser_get_file (data);
  g_autofree char *path = f ? g_file_get_path (f) : NULL;
  return g_strcmp0 (path, expected_choice) == 0;
}

static gboolean
saved (gpointer data)
{
  return !seg_window_is_saving (data) && seg_window_get_analysis_path (data) != NULL;
}

static gboolean
opened_analysis (gpointer data)
{
  return seg_window_get_analysis_path (data) != NULL && seg_window_get_result (data) != NULL &&
         !seg_window_is_analysing (data) && !seg_window_is_loading (data);
}

static gboolean
migration_shown (gpointer data)
{
  return seg_window_get_migration_window (data) != NULL && !seg_window_is_applying (data);
}

static gboolean
dialog_shown (gpointer data)
{
  return ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* @data: a weak pointer to a window */
static gboolean
window_closed (gpointer data)
{
  GtkWidget **w = data;
  return *w == NULL || !gtk_widget_get_visible (*w);
}

static gboolean
title_marked (SegWindow *window)
{
  g_autofree char *title = seg_window_dup_title (window);
  return g_str_has_prefix (title, "• ");
}

/* Finds the matrix button of cell @cell (row-major) in @widget's tree. */
static GtkWidget *
find_cell (GtkWidget *widget,
           gsize      cell)
{
  if (GTK_IS_BUTTON (widget) && GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "migration-cell")) == cell + 1 &&
      gtk_widget_is_drawable (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *hit = find_cell (c, cell);
      if (hit)
        return hit;
    }
  return NULL;
}

static void
test_save_open_apply (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *march = sample_copy (dir, "march", FALSE);
  g_autofree char *april = sample_copy (dir, "april", TRUE);
  g_autofree char *file = g_build_filename (march, "march.segmenta", NULL);
  g_autofree char *cell_csv = g_build_filename (dir, "cell.csv", NULL);
  g_autofree char *migration_csv = g_build_filename (dir, "migration.csv", NULL);
  g_autofree char *exported = NULL;
  g_auto(GStrv) paths = paths_in (march);
  g_auto(GStrv) next = paths_in (april);
  g_autoptr(GFile) gfile = g_file_new_for_path (file);
  g_autofree char *second_name = NULL;
  const SegMigrationMethod *km;
  SegMigrationWindow *mw;
  GtkWindow *dialog;
  GtkWidget *cell;

  /* analyse, rename a persona: the title says there are unsaved changes */
  g_assert_true (ui_open_and_wait (window, (const char * const *) paths));
  g_assert_true (ui_wait_analysed (window));
  g_assert_false (seg_window_has_unsaved_changes (window));
  g_assert_false (title_marked (window));
  second_name = g_strdup (seg_window_get_persona_name (window, 1));
  seg_window_set_persona (window, 0, "Big spenders", "Call them this week");
  g_assert_true (seg_window_has_unsaved_changes (window));
  g_assert_true (title_marked (window));

  /* Save Analysis (Ctrl+S) of a new analysis asks where, then saves */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-analysis", NULL));
  g_assert_true (ui_wait_until (ui_chooser_shown, NULL, 10));
  dialog = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Save Analysis");
  /* it proposes the data's folder and the folder's name */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "march.segmenta");
  expected_choice = file;
  g_assert_true (ui_wait_until (chooser_has, dialog, 10));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  if (!ui_wait_until (saved, window, 30))
    {
      GtkWindow *error = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_error ("not saved: %s", error ? adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (error)) : "no message");
    }
  g_assert_cmpstr (seg_window_get_analysis_path (window), ==, file);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  g_assert_false (seg_window_has_unsaved_changes (window));
  g_assert_false (title_marked (window));
  ui_close_window (window, app);

  /* Open accepts the .segmenta file; the persona names come back */
  window = ui_new_window (&app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  g_assert_true (ui_wait_until (ui_chooser_shown, NULL, 10));
  dialog = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), gfile, NULL));
  g_assert_true (ui_wait_until (chooser_has, dialog, 10));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (ui_wait_until (opened_analysis, window, 60));
  g_assert_cmpstr (seg_window_get_analysis_path (window), ==, file);
  g_assert_cmpstr (seg_window_get_persona_name (window, 0), ==, "Big spenders");
  g_assert_cmpstr (seg_window_get_persona_action (window, 0), ==, "Call them this week");
  g_assert_cmpstr (seg_window_get_persona_name (window, 1), ==, second_name);
  g_assert_false (seg_window_has_unsaved_changes (window));

  /* Apply to New Data…: its chooser, then the files; the Migration view opens */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-new-data", NULL));
  g_assert_true (ui_wait_until (ui_chooser_shown, NULL, 10));
  dialog = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Apply to New Data");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_true (ui_wait_until (chooser_gone, NULL, 10));
  seg_window_apply_to_paths (window, (const char * const *) next);
  g_assert_true (ui_wait_until (migration_shown, window, 60));
  mw = SEG_MIGRATION_WINDOW (seg_window_get_migration_window (window));
  g_assert_true (ui_wait_until (ui_window_ready, mw, 10));
  km = seg_migration_get_method (seg_migration_window_get_migration (mw), "kmeans");
  g_assert_nonnull (km);
  g_assert_cmpstr (km->from_names[0], ==, "Big spenders");
  g_assert_cmpuint (km->added, ==, 1);
  g_assert_cmpuint (km->lost, ==, 1);
  g_assert_cmpuint (km->stayed + km->moved, ==, 299);

  /* clicking a cell lists its customers, and they export */
  cell = find_cell (GTK_WIDGET (mw), 0);   /* Big spenders → Big spenders */
  g_assert_nonnull (cell);
  g_signal_emit_by_name (cell, "clicked");
  g_assert_cmpuint (seg_migration_window_get_n_selected (mw), ==, km->counts[0]);
  g_assert_cmpuint (seg_migration_window_get_n_selected (mw), >, 0);
  g_assert_true (seg_migration_window_export_selection (mw, cell_csv, NULL));
  g_assert_true (g_file_get_contents (cell_csv, &exported, NULL, NULL));
  g_assert_true (g_str_has_prefix (exported, "customer_id,from_segment,to_segment,total_spent\n"));
  g_assert_nonnull (strstr (exported, ",Big spenders,Big spenders,"));
  g_clear_pointer (&exported, g_free);
  g_assert_true (seg_migration_window_export_csv (mw, migration_csv, NULL));
  g_assert_true (g_file_get_contents (migration_csv, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "kmeans,(new),"));
  g_assert_nonnull (strstr (exported, ",(gone),"));
  ui_spin (0.3);
  gtk_window_destroy (GTK_WINDOW (mw));

  /* an unsaved change: closing asks first */
  seg_window_set_persona (window, 1, "Loyal core", NULL);
  g_assert_true (title_marked (window));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (dialog_shown, NULL, 10));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  {
    GtkWidget *weak = GTK_WIDGET (window);
    g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "discard");
    g_assert_true (ui_wait_until (window_closed, &weak, 10));
    if (weak != NULL)
      g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  }
  seg_test_rmdir_recursive (dir);
}

/* A saved analysis whose input changed or went missing says so. */
static void
test_changed_input (void)
{
  SegApplication *app;
  SegWindow *window = ui_new_window (&app);
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *march = sample_copy (dir, "march", FALSE);
  g_autofree char *file = g_build_filename (dir, "a.segmenta", NULL);
  g_auto(GStrv) paths = paths_in (march);
  g_autofree char *text = NULL;
  g_autofree char *more = NULL;
  const char *open[] = { file, NULL };
  AdwMessageDialog *dialog;

  g_assert_true (ui_open_and_wait (window, (const char * const *) paths));
  g_assert_true (ui_wait_analysed (window));
  seg_window_save_analysis_to (window, file);
  g_assert_true (ui_wait_until (saved, window, 30));
  ui_close_window (window, app);

  g_assert_true (g_file_get_contents (paths[0], &text, NULL, NULL));
  more = g_strconcat (text, "C99999,New Person,30,50000,Pune,India,2025-01-01,700,1,true\n", NULL);
  g_assert_true (g_file_set_contents (paths[0], more, -1, NULL));
  window = ui_new_window (&app);
  seg_window_open_paths (window, open);
  g_assert_true (ui_wait_until (dialog_shown, NULL, 20));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Some Inputs Have Changed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "customers.csv has changed"));
  g_assert_true (adw_message_dialog_has_response (dialog, "rerun"));
  adw_message_dialog_response (dialog, "rerun");
  g_assert_true (ui_wait_until (opened_analysis, window, 60));
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (seg_window_get_dataset (window))), ==, 301);
  ui_close_window (window, app);

  g_assert_cmpint (g_unlink (paths[2]), ==, 0);
  window = ui_new_window (&app);
  seg_window_open_paths (window, open);
  g_assert_true (ui_wait_until (dialog_shown, NULL, 20));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Some Inputs Cannot Be Found");
  g_assert_true (adw_message_dialog_has_response (dialog, "locate"));
  adw_message_dialog_response (dialog, "cancel");
  ui_spin (0.1);
  g_assert_null (seg_window_get_dataset (window));
  ui_close_window (window, app);
  seg_test_rmdir_recursive (dir);
}

/* With SEGMENTA_SHOT_DATA (a folder with march.segmenta and april/ with its CSV files) and
 * SEGMENTA_SCREENSHOT, the Migration view of the README is photographed
 * (needs xdotool and ImageMagick's import); skipped otherwise. */
static void
test_screenshot (void)
{
  const char *data = g_getenv ("SEGMENTA_SHOT_DATA");
  const char *out = g_getenv ("SEGMENTA_SCREENSHOT");
  SegApplication *app;
  SegWindow *window;
  g_autofree char *file = NULL, *april = NULL, *cmd = NULL;
  g_auto(GStrv) next = NULL;
  const char *open[] = { NULL, NULL };
  const SegMigrationMethod *km;
  SegMigrationWindow *mw;
  guint best = 0, best_cell = 0;
  GtkWidget *cell;

  if (data == NULL || out == NULL)
    {
      g_test_skip ("SEGMENTA_SHOT_DATA and SEGMENTA_SCREENSHOT are not set");
      return;
    }
  file = g_build_filename (data, "march.segmenta", NULL);
  april = g_build_filename (data, "april", NULL);
  next = paths_in (april);
  open[0] = file;
  window = ui_new_window (&app);
  seg_window_open_paths (window, open);
  g_assert_true (ui_wait_until (opened_analysis, window, 60));
  seg_window_apply_to_paths (window, (const char * const *) next);
  g_assert_true (ui_wait_until (migration_shown, window, 60));
  mw = SEG_MIGRATION_WINDOW (seg_window_get_migration_window (window));
  gtk_window_set_default_size (GTK_WINDOW (mw), 1280, 960);
  g_assert_true (ui_wait_until (ui_window_ready, mw, 10));
  km = seg_migration_get_method (seg_migration_window_get_migration (mw), "kmeans");
  for (guint a = 0; a + 1 < km->n_from; a++)
    for (guint b = 0; b + 1 < km->n_to; b++)
      if (!g_str_equal (km->from_names[a], km->to_names[b]) && km->counts[a * km->n_to + b] > best)
        {
          best = km->counts[a * km->n_to + b];
          best_cell = a * km->n_to + b;
        }
  ui_spin (1.0);
  cell = find_cell (GTK_WIDGET (mw), best_cell);
  if (cell != NULL)
    g_signal_emit_by_name (cell, "clicked");
  ui_spin (2.0);
  cmd = g_strdup_printf ("sh -c 'import -window \"$(xdotool search --name \"Segment Migration\" | tail -1)\" %s'", out);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  gtk_window_destroy (GTK_WINDOW (mw));
  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/ui/analysis-file/save-open-apply", test_save_open_apply);
  g_test_add_func ("/ui/analysis-file/changed-input", test_changed_input);
  g_test_add_func ("/ui/analysis-file/screenshot", test_screenshot);
  return g_test_run ();
}
