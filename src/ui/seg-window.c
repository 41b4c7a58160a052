/* seg-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-window.h"

struct _SegWindow
{
  AdwApplicationWindow parent_instance;

  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (SegWindow, seg_window, ADW_TYPE_APPLICATION_WINDOW)

static void
seg_window_class_init (SegWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SegWindow, empty_page);
}

static void
seg_window_init (SegWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_status_page_set_icon_name (self->empty_page, APPLICATION_ID);
}

SegWindow *
seg_window_new (SegApplication *application)
{
  return g_object_new (SEG_TYPE_WINDOW, "application", application, NULL);
}

void
seg_window_open_files (SegWindow  *self,
                       GFile     **files,
                       guint       n_files)
{
  g_return_if_fail (SEG_IS_WINDOW (self));
}
