/* ui-test-helpers.c — shared by the ui test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include <adwaita.h>

#include "seg-chart-view.h"
#include "ui-test-helpers.h"

/* Every warning and critical is fatal in a test but two, which GTK 4.8
 * raises inside itself now and then on a busy machine: its tooltip code
 * asks GDK where the pointer is on a surface that is gone or not there
 * yet, then looks for the widget at that point, and GDK's and GTK's own
 * checks refuse and return.  Seen in /window-polish/rule-editor, while
 * the rule editor's column picker (a popover) opens and closes, in about 1
 * run of 6 with other builds beside it, and once under ThreadSanitizer.
 * Nothing of ours is on that path: no code in src/ or tests/ calls either
 * function (the second is private to GTK's tooltips).
 * GLib clears the handler before each test case, so ui_new_window ()
 * installs it for the test that opens a window.  /window-polish/fatal-filter
 * checks that these two messages pass and that any other still aborts. */
gboolean
ui_test_fatal_filter (const char     *domain,
                      GLogLevelFlags  level,
                      const char     *message,
                      gpointer        data)
{
  if ((level & G_LOG_LEVEL_CRITICAL) == 0 || message == NULL)
    return TRUE;
  if (g_strcmp0 (domain, "Gdk") == 0
      && g_str_equal (message, "gdk_surface_get_device_position: assertion 'GDK_IS_SURFACE (surface)' failed"))
    return FALSE;
  /* the same tooltip query goes on to look for the widget there */
  if (g_strcmp0 (domain, "Gtk") == 0
      && g_str_equal (message, "_gtk_widget_find_at_coords: assertion 'GDK_IS_SURFACE (surface)' failed"))
    return FALSE;
  return TRUE;
}

/* GLib's test log handler prints a message before the fatal filter above
 * is asked about it, and with --tap it prints a fatal one as "Bail out!",
 * which meson counts as an error even when the filter lets the test go on
 * and pass (seen once in /window-polish with the machine's load at 8).  So
 * GDK's and GTK's criticals go first through this handler, which drops the
 * two the filter lets pass and hands every other to GLib's. */
static GLogFunc ui_test_default_log;

static void
ui_test_gtk_log (const char     *domain,
                 GLogLevelFlags  level,
                 const char     *message,
                 gpointer        data)
{
  if (!ui_test_fatal_filter (domain, level, message, NULL))
    return;
  ui_test_default_log (domain, level, message, NULL);   /* GLib's takes no data */
}

gboolean
ui_test_init (int     *argc,
              char  ***argv)
{
  const GLogLevelFlags criticals = G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION;

  g_test_init (argc, argv, NULL);
  ui_test_default_log = g_log_set_default_handler (g_log_default_handler, NULL);
  g_log_set_default_handler (ui_test_default_log, NULL);
  g_log_set_handler ("Gdk", criticals, ui_test_gtk_log, NULL);
  g_log_set_handler ("Gtk", criticals, ui_test_gtk_log, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      /* Without a display no case is registered, and the program would
       * pass with nothing run ("1..0"): under CI that is a failure. */
      if (seg_test_in_ci ())
        {
          g_printerr ("Bail out! cannot open the display \"%s\", and CI=%s: the window's tests must run\n",
                      g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "", g_getenv ("CI"));
          exit (1);
        }
      g_test_skip ("no display");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

/* Spins the main loop until @cond holds or @timeout_s passes. */
gboolean
ui_wait_until (UiCondition cond,
               gpointer    data,
               double      timeout_s)
{
  const char *scale_env = g_getenv ("SEG_TEST_WAIT_SCALE");
  double scale = scale_env != NULL ? g_ascii_strtod (scale_env, NULL) : 1;
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * MAX (scale, 1) * G_USEC_PER_SEC);

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

void
ui_spin (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

gboolean
ui_window_ready (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

gboolean
ui_window_idle (gpointer data)
{
  return !seg_window_is_loading (data);
}

/* One registered application per test program (it stays exported on the bus
 * until the process ends), and a fresh presented main window per test. */
SegWindow *
ui_new_window (SegApplication **app_out)
{
  static SegApplication *app;
  SegWindow *window;

  g_test_log_set_fatal_handler (ui_test_fatal_filter, NULL);
  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;
      app = seg_application_new ();
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  window = seg_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (ui_window_ready, window, 10));
  *app_out = app;
  return window;
}

static gboolean
widget_mapped (GtkWidget *widget,
               gpointer   data)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
widget_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (widget));
}

void
ui_close_window (SegWindow      *window,
                 SegApplication *app)
{
  GtkWidget *popover;

  /* Popovers go first, as a user's click would close them: one still up
   * when its window goes made GTK 4.8, on a busy machine, look for the
   * pointer on the popover's destroyed surface (a critical, fatal here). */
  while ((popover = ui_find_widget (GTK_WIDGET (window), GTK_TYPE_POPOVER, widget_mapped, NULL)) != NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (popover));
      if (!ui_wait_until (widget_unmapped, popover, 10))
        break;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (0.05);
}

void
ui_set_k (guint k)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *mode = k > 0 ? g_strdup_printf ("%u", k) : g_strdup ("auto");

  g_assert_true (g_settings_set_string (settings, "k-mode", mode));
}

SegWindow *
ui_new_window_k (SegApplication **app_out,
                 guint            k)
{
  ui_set_k (k);
  return ui_new_window (app_out);
}

/* The fixtures in tests/data/ui, as a NULL-terminated path list. */
GStrv
ui_fixture_paths (const char *first,
                  ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *rel = g_build_filename ("ui", name, NULL);
      g_autofree char *path = seg_test_fixture_path (rel);
      g_strv_builder_add (builder, path);
    }
  va_end (args);
  return g_strv_builder_end (builder);
}

gboolean
ui_window_analysed (gpointer data)
{
  SegWindow *window = data;
  return seg_window_get_result (window) != NULL && !seg_window_is_analysing (window);
}

/* Waits until the analysis of the loaded dataset has finished. */
gboolean
ui_wait_analysed (SegWindow *window)
{
  return ui_wait_until (ui_window_analysed, window, 60);
}

/* Opens @paths and waits until the load ends; returns FALSE on timeout. */
gboolean
ui_open_and_wait (SegWindow          *window,
                  const char * const *paths)
{
  seg_window_open_paths (window, paths);
  return ui_wait_until (ui_window_idle, window, 30);
}

GtkWindow *
ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WINDOW (w);
    }
  return NULL;
}

typedef struct
{
  GListModel *model;
  guint       n;
} UiRowsExpected;

static gboolean
ui_rows_are (gpointer data)
{
  UiRowsExpected *e = data;
  return g_list_model_get_n_items (e->model) == e->n;
}

/* The customer table filters and sorts incrementally: wait for @n rows. */
gboolean
ui_wait_customer_rows (SegWindow *window,
                       guint      n)
{
  UiRowsExpected e = { seg_customer_table_get_model (seg_window_get_customer_table (window)), n };
  return ui_wait_until (ui_rows_are, &e, 30);
}

/* The files of data/samples/<name>…, as a NULL-terminated path list. */
GStrv
ui_sample_paths (const char *first,
                 ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *path = g_build_filename (seg_test_source_root (), "data", "samples", name, NULL);
      g_strv_builder_add (builder, path);
    }
  va_end (args);
  return g_strv_builder_end (builder);
}

GStrv
ui_fintech_paths (void)
{
  return ui_sample_paths ("fintech/customers.csv", "fintech/transactions.csv", "fintech/activity.csv", NULL);
}

SegWindow *
ui_fintech_window (SegApplication **app_out,
                   int              width,
                   int              height)
{
  SegWindow *window = ui_new_window (app_out);
  g_auto(GStrv) paths = ui_fintech_paths ();

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_assert_true (ui_open_and_wait (window, (const char * const *) paths));
  g_assert_true (ui_wait_analysed (window));
  return window;
}

gboolean
ui_window_has_dataset (gpointer data)
{
  return seg_window_get_dataset (data) != NULL && !seg_window_is_loading (data);
}

void
ui_shoot (const char *name,
          int         width,
          int         height)
{
  const char *dir = g_getenv ("SEG_TEST_SHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *crop = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  /* what is queued draws first */
  ui_spin (0.5);
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  builder = g_strv_builder_new ();
  g_strv_builder_add_many (builder, "import", "-window", "root", NULL);
  if (width > 0 && height > 0)
    {
      crop = g_strdup_printf ("%dx%d+0+0", width, height);
      g_strv_builder_add_many (builder, "-crop", crop, NULL);
    }
  g_strv_builder_add (builder, path);
  argv = g_strv_builder_end (builder);
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error))
    g_test_message ("no screenshot %s: %s", path, error->message);
}

gboolean
ui_window_settled (gpointer data)
{
  return !seg_window_is_loading (data) && !seg_window_is_analysing (data);
}

GtkWidget *
ui_find_widget (GtkWidget *root,
                GType      type,
                gboolean (*match) (GtkWidget *, gpointer),
                gpointer   data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ui_find_widget (c, type, match, data);
      if (found)
        return found;
    }
  return NULL;
}

gboolean
ui_widget_named (GtkWidget *widget,
                 gpointer   name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

GtkWidget *
ui_find_named (GtkWidget  *root,
               const char *name)
{
  return ui_find_widget (root, GTK_TYPE_WIDGET, ui_widget_named, (gpointer) name);
}

gboolean
ui_chooser_shown (gpointer data)
{
  return ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

gboolean
ui_charts_drawn (gpointer data)
{
  GtkWidget *widget = data;

  if (SEG_IS_CHART_VIEW (widget) && gtk_widget_get_mapped (widget) &&
      !seg_chart_view_is_drawn (SEG_CHART_VIEW (widget)))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (!ui_charts_drawn (c))
      return FALSE;
  return TRUE;
}
