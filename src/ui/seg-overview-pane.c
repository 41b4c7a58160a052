/* seg-overview-pane.c — KPIs, segment sizes, PCA scatter, value by segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seg-panes.h"

static void
colour_by_cb (SegWindow        *window,
              GParamSpec       *pspec,
              SegDashboardPane *pane)
{
  static const struct { const char *method; const char *text; } texts[] = {
    { "rules",  N_("Coloured by the rule segments — change it with “Colour by” above.") },
    { "rfm",    N_("Coloured by the RFM segments — change it with “Colour by” above.") },
    { "kmeans", N_("Coloured by the k-means clusters — change it with “Colour by” above.") },
  };
  const char *method = seg_window_get_colour_by (window);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_strcmp0 (texts[i].method, method) == 0)
      seg_dashboard_pane_set_subtitle (pane, _(texts[i].text));
}

/* A customer table without a purchase log (CC GENERAL) leaves Revenue,
 * Average spend and CLV blank although a column may hold each customer's
 * spend: the user binds it here, and the file is read again with that
 * column as the spend (total_spent). */
typedef struct
{
  SegWindow   *window;
  GtkWidget   *box;
  GtkDropDown *columns;
  GStrv        names;     /* raw names, in the dropdown's order */
} RevenueChooser;

static void
revenue_chooser_free (gpointer data)
{
  RevenueChooser *r = data;

  g_strfreev (r->names);
  g_free (r);
}

static void
revenue_result_cb (RevenueChooser *r)
{
  SegResult *result = seg_window_get_result (r->window);
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
  g_strfreev (r->names);
  r->names = g_strv_builder_end (names);
  gtk_drop_down_set_model (r->columns, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (r->columns, best);
  gtk_widget_set_visible (r->box, result != NULL && !has_spend && n > 0);
}

static void
revenue_notify_cb (SegWindow  *window,
                   GParamSpec *pspec,
                   GtkWidget  *box)
{
  revenue_result_cb (g_object_get_data (G_OBJECT (box), "seg-revenue-chooser"));
}

static void
revenue_apply_cb (RevenueChooser *r)
{
  guint i = gtk_drop_down_get_selected (r->columns);

  if (r->names != NULL && i < g_strv_length (r->names))
    seg_window_bind_revenue (r->window, r->names[i]);
}

static GtkWidget *
revenue_chooser (SegWindow *window)
{
  RevenueChooser *r = g_new0 (RevenueChooser, 1);
  GtkWidget *label = gtk_label_new (_("There is no purchase log, so revenue, average spend and lifetime value "
                                      "are blank. If a column holds what each customer spent, use it:"));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Use as Revenue"));

  r->window = window;
  r->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  r->columns = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_drop_down_set_enable_search (r->columns, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (r->columns), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Revenue column"), -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (r->columns), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (r->box), label);
  gtk_box_append (GTK_BOX (r->box), GTK_WIDGET (r->columns));
  gtk_box_append (GTK_BOX (r->box), button);
  gtk_widget_add_css_class (r->box, "card");
  gtk_widget_set_margin_bottom (r->box, 6);
  gtk_widget_set_name (r->box, "revenue-chooser");
  g_object_set_data_full (G_OBJECT (r->box), "seg-revenue-chooser", r, revenue_chooser_free);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (revenue_apply_cb), r);
  g_signal_connect_object (window, "notify::result", G_CALLBACK (revenue_notify_cb), r->box, 0);
  revenue_result_cb (r);
  return r->box;
}

GtkWidget *
seg_overview_pane_new (SegWindow *window)
{
  GtkWidget *pane = seg_dashboard_pane_new (_("Overview"), NULL);
  SegDashboardPane *p = SEG_DASHBOARD_PANE (pane);
  GtkWidget *kpis = seg_pane_chart_card (window, SEG_CHART_KPIS, NULL);

  seg_chart_card_set_chart_height (SEG_CHART_CARD (kpis), 170);
  seg_dashboard_pane_add_top (p, revenue_chooser (window));
  seg_dashboard_pane_add_top (p, kpis);
  seg_dashboard_pane_add_card (p, seg_pane_chart_card (window, SEG_CHART_SEGMENT_SIZES, NULL));
  seg_dashboard_pane_add_card (p, seg_pane_chart_card (window, SEG_CHART_PCA_SCATTER, NULL));
  seg_dashboard_pane_add_card (p, seg_pane_chart_card (window, SEG_CHART_SPEND_BY_SEGMENT, NULL));
  g_signal_connect_object (window, "notify::colour-by", G_CALLBACK (colour_by_cb), pane, 0);
  colour_by_cb (window, NULL, p);
  return pane;
}
