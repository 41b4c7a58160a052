/* seg-rfm-pane.c — R×F grid, RFM segment sizes and the RFM settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-panes.h"

typedef struct
{
  SegWindow   *window;
  GtkDropDown *bins;
  GtkDropDown *method;
  GtkLabel    *summary;
  gboolean     updating;
} RfmControls;

static void
rfm_changed_cb (RfmControls *c)
{
  guint bins = gtk_drop_down_get_selected (c->bins) == 0 ? 4 : 5;
  SegRfmMethod method = (SegRfmMethod) gtk_drop_down_get_selected (c->method);
  const SegAnalysisOptions *options = seg_window_get_analysis_options (c->window);

  if (c->updating || (options->rfm_bins == bins && options->rfm_method == method))
    return;
  seg_window_set_rfm (c->window, bins, method);
}

static void
rfm_result_cb (SegWindow   *window,
               GParamSpec  *pspec,
               GtkWidget   *card)
{
  RfmControls *c = g_object_get_data (G_OBJECT (card), "seg-rfm-controls");
  const SegAnalysisOptions *options = seg_window_get_analysis_options (window);
  SegResult *result = seg_window_get_result (window);
  const SegSegmentation *rfm = result ? seg_result_get_rfm (result) : NULL;
  g_autofree char *text = NULL;

  c->updating = TRUE;
  gtk_drop_down_set_selected (c->bins, options->rfm_bins == 4 ? 0 : 1);
  gtk_drop_down_set_selected (c->method, (guint) options->rfm_method);
  c->updating = FALSE;
  if (rfm)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u RFM segment in use.", "%u RFM segments in use.",
                                         rfm->n_segments), rfm->n_segments);
  else
    text = g_strdup (_("RFM needs a transaction log with dates and amounts."));
  gtk_label_set_label (c->summary, text);
}

static GtkWidget *
settings_card (SegWindow *window)
{
  const char *bins[] = { N_("4 bins"), N_("5 bins"), NULL };
  const char *methods[] = { N_("Rank (SQL NTILE)"), N_("Quantile edges (pandas qcut)"),
                            N_("qcut on first-order ranks"), NULL };
  const char *bins_t[] = { _(bins[0]), _(bins[1]), NULL };
  const char *methods_t[] = { _(methods[0]), _(methods[1]), _(methods[2]), NULL };
  RfmControls *c = g_new0 (RfmControls, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *card;

  c->window = window;
  c->bins = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (bins_t));
  c->method = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (methods_t));
  c->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (c->summary, TRUE);
  gtk_label_set_xalign (c->summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (c->summary), "dim-label");
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_attach (GTK_GRID (grid), gtk_label_new (_("Score bins")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (c->bins), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), gtk_label_new (_("Scoring method")), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (c->method), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (c->summary), 0, 2, 2, 1);
  gtk_widget_set_hexpand (GTK_WIDGET (c->method), TRUE);
  gtk_widget_set_valign (grid, GTK_ALIGN_START);
  card = seg_dashboard_card_new (_("RFM Settings"), grid);
  g_object_set_data_full (G_OBJECT (card), "seg-rfm-controls", c, g_free);
  g_signal_connect_swapped (c->bins, "notify::selected", G_CALLBACK (rfm_changed_cb), c);
  g_signal_connect_swapped (c->method, "notify::selected", G_CALLBACK (rfm_changed_cb), c);
  g_signal_connect_object (window, "notify::result", G_CALLBACK (rfm_result_cb), card, 0);
  rfm_result_cb (window, NULL, card);
  return card;
}

/* Without RFM the pane says what RFM needs and how to get it, in place
 * of an empty grid and an empty chart. */
static void
rfm_state_cb (SegWindow  *window,
              GParamSpec *pspec,
              GtkWidget  *status)
{
  SegResult *result = seg_window_get_result (window);
  gboolean has_rfm = result != NULL && seg_result_get_rfm (result) != NULL;
  GtkWidget *grid = g_object_get_data (G_OBJECT (status), "seg-rfm-grid");
  GtkWidget *sizes = g_object_get_data (G_OBJECT (status), "seg-rfm-sizes");

  gtk_widget_set_visible (status, result != NULL && !has_rfm);
  gtk_widget_set_visible (grid, result == NULL || has_rfm);
  gtk_widget_set_visible (sizes, result == NULL || has_rfm);
}

static GtkWidget *
rfm_status_page (void)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-app-grid-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No RFM Scores for This Data"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("RFM scores each customer by how recently, how often and how much "
                                     "they bought. It needs a purchase log: one row per purchase with a "
                                     "customer id, a date and an amount. Open the log together with the "
                                     "customer table (Ctrl+O), or bind its columns in the import view (Ctrl+I)."));
  gtk_widget_set_name (status, "rfm-empty");
  /* a status page scrolls its content: give it the room to show it */
  gtk_widget_set_size_request (status, -1, 420);
  gtk_widget_add_css_class (status, "card");
  return status;
}

GtkWidget *
seg_rfm_pane_new (SegWindow *window)
{
  GtkWidget *pane = seg_dashboard_pane_new (_("RFM"),
                                            _("Recency, frequency and monetary scores; recent customers score high."));
  SegDashboardPane *p = SEG_DASHBOARD_PANE (pane);

  GtkWidget *status = rfm_status_page ();
  GtkWidget *sizes = seg_pane_chart_card (window, SEG_CHART_RFM_SIZES, "rfm");

  seg_dashboard_pane_add_top (p, status);
  {
    /* the grid names a segment in each of its 25 cells: give it the width */
    GtkWidget *grid = seg_pane_chart_card (window, SEG_CHART_RFM_GRID, "rfm");
    seg_chart_card_set_chart_height (SEG_CHART_CARD (grid), 560);
    seg_dashboard_pane_add_top (p, grid);
    g_object_set_data (G_OBJECT (status), "seg-rfm-grid", grid);
  }
  seg_dashboard_pane_add_card (p, sizes);
  seg_dashboard_pane_add_card (p, settings_card (window));
  g_object_set_data (G_OBJECT (status), "seg-rfm-sizes", sizes);
  g_signal_connect_object (window, "notify::result", G_CALLBACK (rfm_state_cb), status, 0);
  rfm_state_cb (window, NULL, status);
  return pane;
}
