/* seg-rfm-pane.c — R×F grid, RFM segment sizes and the RFM settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-panes.h"

struct _SegRfmPane
{
  SegDashboardPane  parent_instance;

  GtkWidget        *status;     /* what RFM needs, when the result has none */
  SegChartCard     *grid;
  SegChartCard     *sizes;
  GtkDropDown      *bins;
  GtkDropDown      *method;
  GtkLabel         *summary;
};

G_DEFINE_FINAL_TYPE (SegRfmPane, seg_rfm_pane, SEG_TYPE_DASHBOARD_PANE)

static void
result_cb (SegRfmPane *self)
{
  SegResult *result = seg_dashboard_pane_get_result (SEG_DASHBOARD_PANE (self));
  const SegSegmentation *rfm = result ? seg_result_get_rfm (result) : NULL;
  g_autofree char *text = NULL;

  if (rfm)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u RFM segment in use.", "%u RFM segments in use.",
                                         rfm->n_segments), rfm->n_segments);
  else
    text = g_strdup (_("RFM needs a transaction log with dates and amounts."));
  gtk_label_set_label (self->summary, text);

  /* without RFM, the status page in place of the grid and the sizes */
  gtk_widget_set_visible (self->status, result != NULL && rfm == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->grid), result == NULL || rfm != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sizes), result == NULL || rfm != NULL);
}

static void
seg_rfm_pane_constructed (GObject *object)
{
  SegRfmPane *self = SEG_RFM_PANE (object);
  SegWindow *window;

  G_OBJECT_CLASS (seg_rfm_pane_parent_class)->constructed (object);
  window = seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self));
  g_return_if_fail (window != NULL);
  /* the dropdowns are the window's settings: a change analyses again */
  seg_pane_bind_rfm_bins (seg_window_get_settings (window), self->bins, "selected");
  seg_pane_bind_rfm_method (seg_window_get_settings (window), self->method, "selected");
  g_signal_connect (self, "notify::result", G_CALLBACK (result_cb), NULL);
  result_cb (self);
}

static void
seg_rfm_pane_dispose (GObject *object)
{
  SegRfmPane *self = SEG_RFM_PANE (object);

  if (self->bins != NULL)
    {
      seg_pane_unbind (self->bins, "selected");
      seg_pane_unbind (self->method, "selected");
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), SEG_TYPE_RFM_PANE);
  G_OBJECT_CLASS (seg_rfm_pane_parent_class)->dispose (object);
}

static void
seg_rfm_pane_class_init (SegRfmPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = seg_rfm_pane_constructed;
  object_class->dispose = seg_rfm_pane_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-rfm-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SegRfmPane, status);
  gtk_widget_class_bind_template_child (widget_class, SegRfmPane, grid);
  gtk_widget_class_bind_template_child (widget_class, SegRfmPane, sizes);
  gtk_widget_class_bind_template_child (widget_class, SegRfmPane, bins);
  gtk_widget_class_bind_template_child (widget_class, SegRfmPane, method);
  gtk_widget_class_bind_template_child (widget_class, SegRfmPane, summary);
}

static void
seg_rfm_pane_init (SegRfmPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
seg_rfm_pane_new (SegWindow *window)
{
  return g_object_new (SEG_TYPE_RFM_PANE, "window", window, NULL);
}
