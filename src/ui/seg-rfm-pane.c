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

  gboolean          updating;
};

G_DEFINE_FINAL_TYPE (SegRfmPane, seg_rfm_pane, SEG_TYPE_DASHBOARD_PANE)

static void
rfm_changed_cb (SegRfmPane *self)
{
  SegWindow *window = seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self));
  guint bins = gtk_drop_down_get_selected (self->bins) == 0 ? 4 : 5;
  SegRfmMethod method = (SegRfmMethod) gtk_drop_down_get_selected (self->method);
  const SegAnalysisOptions *options;

  if (self->updating || window == NULL)
    return;
  options = seg_window_get_analysis_options (window);
  if (options->rfm_bins == bins && options->rfm_method == method)
    return;
  seg_window_set_rfm (window, bins, method);
}

static void
result_cb (SegRfmPane *self)
{
  SegWindow *window = seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self));
  const SegAnalysisOptions *options = seg_window_get_analysis_options (window);
  SegResult *result = seg_dashboard_pane_get_result (SEG_DASHBOARD_PANE (self));
  const SegSegmentation *rfm = result ? seg_result_get_rfm (result) : NULL;
  g_autofree char *text = NULL;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->bins, options->rfm_bins == 4 ? 0 : 1);
  gtk_drop_down_set_selected (self->method, (guint) options->rfm_method);
  self->updating = FALSE;
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

  G_OBJECT_CLASS (seg_rfm_pane_parent_class)->constructed (object);
  g_return_if_fail (seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self)) != NULL);
  g_signal_connect (self, "notify::result", G_CALLBACK (result_cb), NULL);
  result_cb (self);
}

static void
seg_rfm_pane_dispose (GObject *object)
{
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
  gtk_widget_class_bind_template_callback (widget_class, rfm_changed_cb);
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
