/* seg-overview-pane.c — KPIs, segment sizes, PCA scatter, value by segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seg-panes.h"

struct _SegOverviewPane
{
  SegDashboardPane  parent_instance;

  GtkWidget        *revenue_box;
  SegChartCard     *kpis;
  GtkDropDown      *revenue_columns;

  GStrv             revenue_names;   /* raw names, in the dropdown's order */
};

G_DEFINE_FINAL_TYPE (SegOverviewPane, seg_overview_pane, SEG_TYPE_DASHBOARD_PANE)

static void
colour_by_cb (SegOverviewPane *self)
{
  static const struct { const char *method; const char *text; } texts[] = {
    { "rules",  N_("Coloured by the rule segments — change it with “Colour by” above.") },
    { "rfm",    N_("Coloured by the RFM segments — change it with “Colour by” above.") },
    { "kmeans", N_("Coloured by the k-means clusters — change it with “Colour by” above.") },
  };
  SegWindow *window = seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self));
  const char *method = seg_window_get_colour_by (window);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_strcmp0 (texts[i].method, method) == 0)
      seg_dashboard_pane_set_subtitle (SEG_DASHBOARD_PANE (self), _(texts[i].text));
}

/* The revenue chooser offers the numeric customer columns, a spend-like
 * one first, while the result has no spend (total_spent); the file is
 * then read again with the chosen column as the spend. */
static void
result_cb (SegOverviewPane *self)
{
  SegResult *result = seg_dashboard_pane_get_result (SEG_DASHBOARD_PANE (self));
  guint n = result ? seg_result_get_n_numeric (result) : 0, best = 0;
  gboolean has_spend = FALSE, found = FALSE;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *name = seg_result_get_numeric_name (result, i);
      g_autofree char *lower = g_ascii_strdown (name, -1);
      g_autofree char *label = NULL;

      if (g_str_equal (name, "total_spent"))
        has_spend = TRUE;
      /* a spend-like column first: purchases, spend, revenue, amount */
      if (!found && (strstr (lower, "purchase") || strstr (lower, "spen") ||
                     strstr (lower, "revenue") || strstr (lower, "amount")))
        {
          best = i;
          found = TRUE;
        }
      label = seg_dashboard_column_label (name);
      gtk_string_list_append (labels, label);
      g_strv_builder_add (names, name);
    }
  g_strfreev (self->revenue_names);
  self->revenue_names = g_strv_builder_end (names);
  gtk_drop_down_set_model (self->revenue_columns, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->revenue_columns, best);
  gtk_widget_set_visible (self->revenue_box, result != NULL && !has_spend && n > 0);
}

static void
revenue_apply_cb (SegOverviewPane *self)
{
  guint i = gtk_drop_down_get_selected (self->revenue_columns);
  SegWindow *window = seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self));

  if (window != NULL && self->revenue_names != NULL && i < g_strv_length (self->revenue_names))
    seg_window_bind_revenue (window, self->revenue_names[i]);
}

static void
seg_overview_pane_constructed (GObject *object)
{
  SegOverviewPane *self = SEG_OVERVIEW_PANE (object);
  SegWindow *window;

  G_OBJECT_CLASS (seg_overview_pane_parent_class)->constructed (object);
  window = seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self));
  g_signal_connect (self, "notify::result", G_CALLBACK (result_cb), NULL);
  result_cb (self);
  if (window != NULL)
    {
      g_signal_connect_object (window, "notify::colour-by", G_CALLBACK (colour_by_cb), self, G_CONNECT_SWAPPED);
      colour_by_cb (self);
    }
}

static void
seg_overview_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SEG_TYPE_OVERVIEW_PANE);
  G_OBJECT_CLASS (seg_overview_pane_parent_class)->dispose (object);
}

static void
seg_overview_pane_finalize (GObject *object)
{
  g_strfreev (SEG_OVERVIEW_PANE (object)->revenue_names);
  G_OBJECT_CLASS (seg_overview_pane_parent_class)->finalize (object);
}

static void
seg_overview_pane_class_init (SegOverviewPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = seg_overview_pane_constructed;
  object_class->dispose = seg_overview_pane_dispose;
  object_class->finalize = seg_overview_pane_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-overview-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPane, revenue_box);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPane, revenue_columns);
  gtk_widget_class_bind_template_child (widget_class, SegOverviewPane, kpis);
  gtk_widget_class_bind_template_callback (widget_class, revenue_apply_cb);
}

static void
seg_overview_pane_init (SegOverviewPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the key figures' chart is as tall as its rows of figures need */
  seg_chart_view_set_fit_width (seg_chart_card_get_view (self->kpis), TRUE);
  /* the first screen ends below the first row of charts */
  seg_dashboard_pane_set_fit_first_row (SEG_DASHBOARD_PANE (self), TRUE);
}

GtkWidget *
seg_overview_pane_new (SegWindow *window)
{
  return g_object_new (SEG_TYPE_OVERVIEW_PANE, "window", window, NULL);
}
