/* seg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-application.h"
#include "seg-engine.h"
#include "seg-parallel.h"
#include "seg-window.h"

struct _SegApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SegApplication, seg_application, ADW_TYPE_APPLICATION)

static SegWindow *
get_window (SegApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (seg_window_new (self));
  return SEG_WINDOW (window);
}

static void
seg_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (SEG_APPLICATION (app))));
}

static void
seg_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  SegWindow *window = get_window (SEG_APPLICATION (app));

  seg_window_open_files (window, files, (guint) n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SegApplication *self = user_data;
  const char *developers[] = { "The Segmenta team", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Segmenta"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Segmenta team"),
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Customer segmentation for financial services"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated_cb },
  { .name = "about", .activate = about_activated_cb },
};

static void
seg_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (seg_application_parent_class)->startup (app);
  seg_engine_init ();   /* GSL reports errors instead of aborting the app */
  /* On two cores the analysis' threads would take the main loop's core
   * for a whole time slice at a time: they yield to it (as the chart
   * render thread does), so the window answers while they work. */
  seg_parallel_set_worker_nice (10);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
seg_application_class_init (SegApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = seg_application_activate;
  app_class->open = seg_application_open;
  app_class->startup = seg_application_startup;
}

static void
seg_application_init (SegApplication *self)
{
}

SegApplication *
seg_application_new (void)
{
  return g_object_new (SEG_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
