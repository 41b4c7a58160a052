/* ui-test-helpers.h — shared by the ui test programs (ui-test-helpers.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "seg-application.h"
#include "seg-test-util.h"
#include "seg-window.h"

typedef gboolean (*UiCondition) (gpointer data);

/* g_test_init (), then GTK (keeping the C locale) and libadwaita.  FALSE,
 * with the program's tests marked skipped, when there is no display. */
gboolean   ui_test_init          (int        *argc,
                                  char     ***argv);
/* ui_new_window ()'s fatal-log handler: TRUE (abort) for every message but
 * two criticals GTK 4.8 raises inside itself (ui-test-helpers.c says which). */
gboolean   ui_test_fatal_filter  (const char     *domain,
                                  GLogLevelFlags  level,
                                  const char     *message,
                                  gpointer        data);

/* Spins the main loop until @cond holds or @timeout_s passes, times
 * SEG_TEST_WAIT_SCALE (tests/meson.build sets it to the build's timeout
 * multiplier: a sanitizer build's frames cost 3-15 times as much). */
gboolean   ui_wait_until         (UiCondition cond,
                                  gpointer    data,
                                  double      timeout_s);
void       ui_spin               (double      seconds);
gboolean   ui_window_ready       (gpointer    data);
/* Not loading. */
gboolean   ui_window_idle        (gpointer    data);
/* Neither loading nor analysing. */
gboolean   ui_window_settled     (gpointer    data);
/* One registered application per test program (it stays exported on the bus
 * until the process ends), and a fresh presented main window per test. */
SegWindow *ui_new_window         (SegApplication **app_out);
void       ui_close_window       (SegWindow      *window,
                                  SegApplication *app);
/* Sets the application's "k-mode" key: k clusters, or "auto" (the k sweep)
 * when @k is 0.  Windows opened after it analyse with it.  A test that does
 * not look at the choice of k fixes it: the sweep over k = 1…10 with ten
 * starts each is most of an analysis's CPU.  The key lives in the memory
 * backend, so every test sets it before its first window. */
void       ui_set_k              (guint       k);
/* ui_set_k (@k), then ui_new_window (). */
SegWindow *ui_new_window_k       (SegApplication **app_out,
                                  guint            k);
/* The fixtures in tests/data/ui, as a NULL-terminated path list. */
GStrv      ui_fixture_paths      (const char *first,
                                  ...) G_GNUC_NULL_TERMINATED;
/* The files of data/samples/<name>…, as a NULL-terminated path list. */
GStrv      ui_sample_paths       (const char *first,
                                  ...) G_GNUC_NULL_TERMINATED;
/* data/samples/fintech: customers, transactions and activity. */
GStrv      ui_fintech_paths      (void);
/* A fresh window (ui_new_window ()) with ui_fintech_paths () open and
 * analysed; at @width×@height when both are above 0. */
SegWindow *ui_fintech_window     (SegApplication **app_out,
                                  int              width,
                                  int              height);
/* A dataset is open and no load runs (@data: a SegWindow). */
gboolean   ui_window_has_dataset (gpointer    data);
gboolean   ui_window_analysed    (gpointer    data);
/* Waits until the analysis of the loaded dataset has finished. */
gboolean   ui_wait_analysed      (SegWindow  *window);
/* Opens @paths and waits until the load ends; returns FALSE on timeout. */
gboolean   ui_open_and_wait      (SegWindow          *window,
                                  const char * const *paths);
/* A visible toplevel of @type, or NULL. */
GtkWindow *ui_find_toplevel      (GType       type);
/* The customer table filters and sorts incrementally: wait for @n rows. */
gboolean   ui_wait_customer_rows (SegWindow  *window,
                                  guint       n);
/* The first widget under @root (itself included) of @type for which @match
 * (nullable) holds. */
GtkWidget *ui_find_widget        (GtkWidget  *root,
                                  GType       type,
                                  gboolean  (*match) (GtkWidget *, gpointer),
                                  gpointer    data);
/* A ui_find_widget () match: the widget's name (gtk_widget_get_name ()) is
 * the string @name. */
gboolean   ui_widget_named       (GtkWidget  *widget,
                                  gpointer    name);
/* The first widget under @root (itself included) named @name, or NULL. */
GtkWidget *ui_find_named         (GtkWidget  *root,
                                  const char *name);
gboolean   ui_chooser_shown      (gpointer    data);
/* Every mapped chart under @data (a widget) has drawn. */
gboolean   ui_charts_drawn       (gpointer    data);
/* With SEG_TEST_SHOT_DIR=dir set, a screenshot of the X screen to
 * dir/@name.png, to look at; the top-left @width×@height of it when both
 * are above 0.  Does nothing otherwise. */
void       ui_shoot              (const char *name,
                                  int         width,
                                  int         height);
