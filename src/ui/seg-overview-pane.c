/* seg-overview-pane.c — KPIs, segment sizes, PCA scatter, value by segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>

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

GtkWidget *
seg_overview_pane_new (SegWindow *window)
{
  GtkWidget *pane = seg_dashboard_pane_new (_("Overview"), NULL);
  SegDashboardPane *p = SEG_DASHBOARD_PANE (pane);
  GtkWidget *kpis = seg_pane_chart_card (window, SEG_CHART_KPIS, NULL);

  seg_chart_card_set_chart_height (SEG_CHART_CARD (kpis), 150);
  seg_dashboard_pane_add_top (p, kpis);
  seg_dashboard_pane_add_card (p, seg_pane_chart_card (window, SEG_CHART_SEGMENT_SIZES, NULL));
  seg_dashboard_pane_add_card (p, seg_pane_chart_card (window, SEG_CHART_PCA_SCATTER, NULL));
  seg_dashboard_pane_add_card (p, seg_pane_chart_card (window, SEG_CHART_SPEND_BY_SEGMENT, NULL));
  g_signal_connect_object (window, "notify::colour-by", G_CALLBACK (colour_by_cb), pane, 0);
  colour_by_cb (window, NULL, p);
  return pane;
}
