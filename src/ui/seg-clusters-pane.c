/* seg-clusters-pane.c — choosing k, the cluster charts and editable personas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-chart-format.h"
#include "seg-panes.h"

typedef struct
{
  SegWindow      *window;
  GtkLabel       *suggested;   /* the k in use: suggested, or chosen by hand */
  GtkLabel       *also;        /* beside a chosen k: the suggested one */
  GtkLabel       *reason;
  GtkCheckButton *auto_k;
  GtkSpinButton  *spin;
  GtkFlowBox     *personas;
  SegChartCard   *profiles;
  gboolean        updating;
} Clusters;

static void
k_changed_cb (Clusters *c)
{
  gboolean automatic = gtk_check_button_get_active (c->auto_k);
  guint k = automatic ? 0 : (guint) gtk_spin_button_get_value_as_int (c->spin);

  gtk_widget_set_sensitive (GTK_WIDGET (c->spin), !automatic);
  if (c->updating || seg_window_get_analysis_options (c->window)->k == k)
    return;
  seg_window_set_k (c->window, k);
}

static GtkWidget *
choose_k_card (Clusters *c)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  c->suggested = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (c->suggested), "title-1");
  gtk_label_set_xalign (c->suggested, 0);
  c->also = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (c->also), "title-4");
  gtk_label_set_xalign (c->also, 0);
  gtk_widget_set_visible (GTK_WIDGET (c->also), FALSE);
  c->reason = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (c->reason, TRUE);
  gtk_label_set_max_width_chars (c->reason, 36);
  gtk_label_set_xalign (c->reason, 0);
  gtk_widget_add_css_class (GTK_WIDGET (c->reason), "dim-label");
  c->auto_k = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Automatic (the suggested k)")));
  c->spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 10, 1));
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Number of clusters"), -1);
  gtk_box_append (GTK_BOX (row), gtk_label_new (_("Clusters (k)")));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (c->spin));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->suggested));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->also));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->reason));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->auto_k));
  gtk_box_append (GTK_BOX (box), row);
  g_signal_connect_swapped (c->auto_k, "toggled", G_CALLBACK (k_changed_cb), c);
  g_signal_connect_swapped (c->spin, "value-changed", G_CALLBACK (k_changed_cb), c);
  return seg_dashboard_card_new (_("Choose k"), box);
}

static void
persona_changed_cb (GtkEditable *editable,
                    Clusters    *c)
{
  guint cluster = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "seg-cluster"));
  gboolean is_action = g_object_get_data (G_OBJECT (editable), "seg-action") != NULL;
  const char *text = gtk_editable_get_text (editable);

  if (!c->updating)
    seg_window_set_persona (c->window, cluster, is_action ? NULL : text, is_action ? text : NULL);
}

/* The whole text on hover: a long action does not fit the entry. */
static void
entry_tooltip_cb (GtkEditable *row)
{
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), gtk_editable_get_text (row));
}

static GtkWidget *
entry_row (Clusters   *c,
           const char *title,
           const char *text,
           guint       cluster,
           gboolean    is_action)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_object_set_data (G_OBJECT (row), "seg-cluster", GUINT_TO_POINTER (cluster));
  if (is_action)
    g_object_set_data (G_OBJECT (row), "seg-action", GINT_TO_POINTER (1));
  g_signal_connect (row, "changed", G_CALLBACK (persona_changed_cb), c);
  g_signal_connect (row, "changed", G_CALLBACK (entry_tooltip_cb), NULL);
  entry_tooltip_cb (GTK_EDITABLE (row));
  return row;
}

static GtkWidget *
persona_card (Clusters              *c,
              const SegSegmentation *kmeans,
              guint                  i)
{
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *count = seg_ui_format_count (kmeans->segments[i].customers);
  g_autofree char *share = seg_format_percent (kmeans->segments[i].share, 1);
  g_autofree char *title = g_strdup_printf (_("Cluster %u · %s customers (%s)"), i + 1, count, share);
  GtkWidget *card;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), entry_row (c, _("Persona"), seg_window_get_persona_name (c->window, i), i, FALSE));
  gtk_list_box_append (GTK_LIST_BOX (list), entry_row (c, _("Action"), seg_window_get_persona_action (c->window, i), i, TRUE));
  card = seg_dashboard_card_new (title, list);
  gtk_widget_add_css_class (card, "persona-card");
  return card;
}

static void
result_cb (SegWindow  *window,
           GParamSpec *pspec,
           GtkWidget  *pane)
{
  Clusters *c = g_object_get_data (G_OBJECT (pane), "seg-clusters");
  SegResult *result = seg_window_get_result (window);
  const SegClusters *clusters = result ? seg_result_get_clusters (result) : NULL;
  const SegSegmentation *kmeans = result ? seg_result_get_kmeans (result) : NULL;
  GtkWidget *child;

  c->updating = TRUE;
  /* one readable row per feature in the profile heat map */
  if (clusters)
    seg_chart_card_set_chart_height (c->profiles, MAX (400, 120 + 24 * (int) seg_clusters_get_n_features (clusters)));
  gtk_check_button_set_active (c->auto_k, seg_window_get_analysis_options (window)->k == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (c->spin), !gtk_check_button_get_active (c->auto_k));
  if (clusters && seg_clusters_get_k (clusters) > 0)
    gtk_spin_button_set_value (c->spin, seg_clusters_get_k (clusters));
  gtk_widget_set_visible (GTK_WIDGET (c->also), FALSE);
  if (clusters && seg_clusters_get_sweep (clusters))
    {
      const SegKSweep *sweep = seg_clusters_get_sweep (clusters);
      guint suggested = sweep->suggested_k;
      guint k = seg_clusters_get_k (clusters) > 0 ? seg_clusters_get_k (clusters) : suggested;
      g_autofree char *text = g_strdup_printf (_("Suggested k = %u"), suggested);

      /* a k set by hand is the headline; the suggestion stays beside it */
      if (k != suggested)
        {
          g_autofree char *chosen = g_strdup_printf (_("Chosen k = %u"), k);
          gtk_label_set_label (c->suggested, chosen);
          gtk_label_set_label (c->also, text);
          gtk_widget_set_visible (GTK_WIDGET (c->also), TRUE);
        }
      else
        gtk_label_set_label (c->suggested, text);
      gtk_label_set_label (c->reason, sweep->reason ? sweep->reason : "");
    }
  else if (clusters && seg_clusters_get_k (clusters) > 0)
    {
      g_autofree char *chosen = g_strdup_printf (_("Chosen k = %u"), seg_clusters_get_k (clusters));
      gtk_label_set_label (c->suggested, chosen);
      gtk_label_set_label (c->reason, "");
    }
  else
    {
      gtk_label_set_label (c->suggested, clusters ? "" : _("No clusters"));
      gtk_label_set_label (c->reason, clusters ? "" : _("k-means needs numeric customer columns."));
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (c->personas))) != NULL)
    gtk_flow_box_remove (c->personas, child);
  for (guint i = 0; kmeans && i < kmeans->n_segments; i++)
    gtk_flow_box_append (c->personas, persona_card (c, kmeans, i));
  c->updating = FALSE;
}

static void
biplot_toggled_cb (GtkToggleButton *button,
                   SegChartView    *view)
{
  seg_chart_view_set_biplot (view, gtk_toggle_button_get_active (button));
}

static GtkWidget *
flow_box (void)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_widget_set_valign (flow, GTK_ALIGN_START);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 18);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 18);
  return flow;
}

GtkWidget *
seg_clusters_pane_new (SegWindow *window)
{
  GtkWidget *pane = seg_dashboard_pane_new (_("Clusters"),
                                            _("k-means on the scaled customer features; names and actions are yours to edit."));
  SegDashboardPane *p = SEG_DASHBOARD_PANE (pane);
  Clusters *c = g_new0 (Clusters, 1);
  GtkWidget *top = flow_box ();
  GtkWidget *pca = seg_pane_chart_card (window, SEG_CHART_PCA_SCATTER, "kmeans");
  GtkWidget *box = seg_pane_chart_card (window, SEG_CHART_BOX, "kmeans");
  GtkWidget *biplot = gtk_toggle_button_new_with_label (_("Biplot"));
  GtkWidget *heading = gtk_label_new (_("Personas"));

  c->window = window;
  g_object_set_data_full (G_OBJECT (pane), "seg-clusters", c, g_free);
  gtk_flow_box_append (GTK_FLOW_BOX (top), seg_pane_chart_card (window, SEG_CHART_ELBOW, "kmeans"));
  gtk_flow_box_append (GTK_FLOW_BOX (top), seg_pane_chart_card (window, SEG_CHART_SILHOUETTE_K, "kmeans"));
  gtk_flow_box_append (GTK_FLOW_BOX (top), choose_k_card (c));
  seg_dashboard_pane_add_top (p, top);

  gtk_widget_set_tooltip_text (biplot, _("Show how each feature loads on the two components"));
  gtk_widget_add_css_class (biplot, "flat");
  g_signal_connect (biplot, "toggled", G_CALLBACK (biplot_toggled_cb), seg_chart_card_get_view (SEG_CHART_CARD (pca)));
  seg_chart_card_add_header_widget (SEG_CHART_CARD (pca), biplot);
  seg_dashboard_pane_add_card (p, pca);
  c->profiles = SEG_CHART_CARD (seg_pane_chart_card (window, SEG_CHART_PROFILE_HEATMAP, "kmeans"));
  seg_dashboard_pane_add_card (p, GTK_WIDGET (c->profiles));
  seg_dashboard_pane_add_card (p, seg_pane_chart_card (window, SEG_CHART_SILHOUETTE_PLOT, "kmeans"));
  seg_chart_card_add_header_widget (SEG_CHART_CARD (box),
                                    seg_pane_feature_dropdown (window, seg_chart_card_get_view (SEG_CHART_CARD (box))));
  seg_dashboard_pane_add_card (p, box);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  seg_dashboard_pane_add_bottom (p, heading);
  c->personas = GTK_FLOW_BOX (flow_box ());
  seg_dashboard_pane_add_bottom (p, GTK_WIDGET (c->personas));
  g_signal_connect_object (window, "notify::result", G_CALLBACK (result_cb), pane, 0);
  result_cb (window, NULL, pane);
  return pane;
}
