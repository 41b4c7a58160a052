/* seg-dashboard-pane.c — a scrolling pane of cards that flow in 1–3 columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-dashboard-pane"

#include "config.h"

#include "seg-dashboard-pane.h"

struct _SegDashboardPane
{
  AdwBin      parent_instance;

  GtkWidget  *content;
  GtkLabel   *title_label;
  GtkLabel   *subtitle_label;
  GtkBox     *top_box;
  GtkFlowBox *flow;
  GtkBox     *bottom_box;
};

G_DEFINE_FINAL_TYPE (SegDashboardPane, seg_dashboard_pane, ADW_TYPE_BIN)

static void
seg_dashboard_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SEG_TYPE_DASHBOARD_PANE);
  G_OBJECT_CLASS (seg_dashboard_pane_parent_class)->dispose (object);
}

static void
seg_dashboard_pane_class_init (SegDashboardPaneClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = seg_dashboard_pane_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-dashboard-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SegDashboardPane, content);
  gtk_widget_class_bind_template_child (widget_class, SegDashboardPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, SegDashboardPane, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SegDashboardPane, top_box);
  gtk_widget_class_bind_template_child (widget_class, SegDashboardPane, flow);
  gtk_widget_class_bind_template_child (widget_class, SegDashboardPane, bottom_box);
}

static void
seg_dashboard_pane_init (SegDashboardPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
seg_dashboard_pane_new (const char *title,
                        const char *subtitle)
{
  SegDashboardPane *self = g_object_new (SEG_TYPE_DASHBOARD_PANE, NULL);

  gtk_label_set_label (self->title_label, title);
  seg_dashboard_pane_set_subtitle (self, subtitle);
  return GTK_WIDGET (self);
}

void
seg_dashboard_pane_set_subtitle (SegDashboardPane *self,
                                 const char       *subtitle)
{
  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));

  gtk_label_set_label (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle && *subtitle);
}

void
seg_dashboard_pane_add_top (SegDashboardPane *self,
                            GtkWidget        *widget)
{
  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));
  gtk_box_append (self->top_box, widget);
}

void
seg_dashboard_pane_add_card (SegDashboardPane *self,
                             GtkWidget        *card)
{
  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));

  gtk_flow_box_append (self->flow, card);
  /* Cards are not selectable items: keep the flow box out of the focus chain. */
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
}

void
seg_dashboard_pane_add_bottom (SegDashboardPane *self,
                               GtkWidget        *widget)
{
  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));
  gtk_box_append (self->bottom_box, widget);
}

GtkWidget *
seg_dashboard_card_new (const char *title,
                        GtkWidget  *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "control-card");
  gtk_widget_add_css_class (label, "control-card-title");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  if (child)
    gtk_box_append (GTK_BOX (box), child);
  return box;
}
