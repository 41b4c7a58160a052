/* test-i18n.c — the window in German
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window with the de_DE.UTF-8 locale and the catalogue of this
 * build: the start page, the panes and the numbers on screen must be German.
 * Without the locale the test skips, except under CI, where it fails.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ui-test-helpers.h"

static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "%s\n", adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

static char *
window_texts (SegWindow *window)
{
  GString *out = g_string_new (NULL);

  collect_texts (GTK_WIDGET (window), out);
  return g_string_free (out, FALSE);
}

static void
test_window_german (void)
{
  SegApplication *app = NULL;
  SegWindow *window = ui_new_window (&app);
  g_autofree char *start = window_texts (window);
  g_autofree char *loaded = NULL;
  g_auto(GStrv) paths = NULL;
  g_autofree char *c = g_build_filename (seg_test_source_root (), "data/samples/fintech/customers.csv", NULL);
  g_autofree char *t = g_build_filename (seg_test_source_root (), "data/samples/fintech/transactions.csv", NULL);
  const char *files[] = { c, t, NULL };

  if (g_test_verbose ())
    g_printerr ("%s", start);
  g_assert_nonnull (strstr (start, "Segmentieren Sie Ihre Kunden"));
  g_assert_null (strstr (start, "Segment Your Customers"));

  paths = g_strdupv ((char **) files);
  g_assert_true (ui_open_and_wait (window, (const char * const *) paths));
  g_assert_true (ui_wait_analysed (window));
  ui_spin (0.3);
  loaded = window_texts (window);
  if (g_test_verbose ())
    g_printerr ("%s", loaded);
  g_assert_nonnull (strstr (loaded, "Übersicht"));
  g_assert_nonnull (strstr (loaded, "Segmente"));
  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *podir = NULL;

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      if (g_getenv ("CI") != NULL)
        g_test_add_func ("/ui/i18n/locale-missing", (GTestFunc) g_test_fail);
      else
        g_test_skip ("the de_DE.UTF-8 locale is not generated");
      return g_test_run ();
    }
  podir = g_build_filename (g_getenv ("SEG_BUILD_ROOT"), "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();
  g_test_add_func ("/ui/i18n/window", test_window_german);
  return g_test_run ();
}
