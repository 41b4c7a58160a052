/* seg-clusters-pane.c — choosing k, the cluster charts and editable personas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-panes.h"
#include "seg-ui-format.h"

struct _SegClustersPane
{
  SegDashboardPane  parent_instance;

  GtkLabel         *suggested;   /* the k in use: suggested, or chosen by hand */
  GtkLabel         *also;        /* beside a chosen k: the suggested one */
  GtkLabel         *reason;
  GtkCheckButton   *auto_k;
  GtkSpinButton    *spin;
  GtkFlowBox       *personas;
  SegChartCard     *pca;
  SegChartCard     *profiles;
  SegChartCard     *box;
  SegFeatureChooser *feature;   /* what the box plot shows */

  gboolean          updating;
};

G_DEFINE_FINAL_TYPE (SegClustersPane, seg_clusters_pane, SEG_TYPE_DASHBOARD_PANE)

static SegWindow *
window_of (SegClustersPane *self)
{
  return seg_dashboard_pane_get_window (SEG_DASHBOARD_PANE (self));
}

static void
persona_changed_cb (GtkEditable     *editable,
                    SegClustersPane *self)
{
  guint cluster = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "seg-cluster"));
  gboolean is_action = g_object_get_data (G_OBJECT (editable), "seg-action") != NULL;
  const char *text = gtk_editable_get_text (editable);

  if (!self->updating)
    seg_window_set_persona (window_of (self), cluster, is_action ? NULL : text, is_action ? text : NULL);
}

/* The whole text on hover: a long action does not fit the entry. */
static void
entry_tooltip_cb (GtkEditable *row)
{
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), gtk_editable_get_text (row));
}

static GtkWidget *
entry_row (SegClustersPane *self,
           const char      *title,
           const char      *text,
           guint            cluster,
           gboolean         is_action)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_object_set_data (G_OBJECT (row), "seg-cluster", GUINT_TO_POINTER (cluster));
  if (is_action)
    g_object_set_data (G_OBJECT (row), "seg-action", GINT_TO_POINTER (1));
  g_signal_connect (row, "changed", G_CALLBACK (persona_changed_cb), self);
  g_signal_connect (row, "changed", G_CALLBACK (entry_tooltip_cb), NULL);
  entry_tooltip_cb (GTK_EDITABLE (row));
  return row;
}

static GtkWidget *
persona_card (SegClustersPane       *self,
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
  gtk_list_box_append (GTK_LIST_BOX (list), entry_row (self, _("Persona"), seg_window_get_persona_name (window_of (self), i), i, FALSE));
  gtk_list_box_append (GTK_LIST_BOX (list), entry_row (self, _("Action"), seg_window_get_persona_action (window_of (self), i), i, TRUE));
  card = seg_dashboard_pane_card_new (title, list);
  gtk_widget_add_css_class (card, "persona-card");
  return card;
}

static void
result_cb (SegClustersPane *self)
{
  SegResult *result = seg_dashboard_pane_get_result (SEG_DASHBOARD_PANE (self));
  const SegClusters *clusters = result ? seg_result_get_clusters (result) : NULL;
  const SegSegmentation *kmeans = result ? seg_result_get_kmeans (result) : NULL;
  GtkWidget *child;

  self->updating = TRUE;
  /* one readable row per feature in the profile heat map */
  if (clusters)
    seg_chart_card_set_chart_height (self->profiles, MAX (400, 120 + 24 * (int) seg_clusters_get_n_features (clusters)));
  if (clusters && seg_clusters_get_k (clusters) > 0)
    gtk_spin_button_set_value (self->spin, seg_clusters_get_k (clusters));
  gtk_widget_set_visible (GTK_WIDGET (self->also), FALSE);
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
          gtk_label_set_label (self->suggested, chosen);
          gtk_label_set_label (self->also, text);
          gtk_widget_set_visible (GTK_WIDGET (self->also), TRUE);
        }
      else
        gtk_label_set_label (self->suggested, text);
      gtk_label_set_label (self->reason, sweep->reason ? sweep->reason : "");
    }
  else if (clusters && seg_clusters_get_k (clusters) > 0)
    {
      g_autofree char *chosen = g_strdup_printf (_("Chosen k = %u"), seg_clusters_get_k (clusters));
      gtk_label_set_label (self->suggested, chosen);
      gtk_label_set_label (self->reason, "");
    }
  else
    {
      gtk_label_set_label (self->suggested, clusters ? "" : _("No clusters"));
      gtk_label_set_label (self->reason, clusters ? "" : _("k-means needs numeric customer columns."));
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->personas))) != NULL)
    gtk_flow_box_remove (self->personas, child);
  for (guint i = 0; kmeans && i < kmeans->n_segments; i++)
    gtk_flow_box_append (self->personas, persona_card (self, kmeans, i));
  self->updating = FALSE;
}

static void
biplot_toggled_cb (SegClustersPane *self,
                   GtkToggleButton *button)
{
  seg_chart_view_set_biplot (seg_chart_card_get_view (self->pca), gtk_toggle_button_get_active (button));
}

static void
feature_cb (SegFeatureChooser *chooser,
            GParamSpec        *pspec,
            SegClustersPane   *self)
{
  seg_chart_view_set_feature (seg_chart_card_get_view (self->box), seg_feature_chooser_get_feature (chooser));
}

static void
seg_clusters_pane_constructed (GObject *object)
{
  SegClustersPane *self = SEG_CLUSTERS_PANE (object);
  SegWindow *window;

  G_OBJECT_CLASS (seg_clusters_pane_parent_class)->constructed (object);
  window = window_of (self);
  g_return_if_fail (window != NULL);
  /* "Automatic" and k are the window's k-mode setting: a change analyses again */
  seg_pane_bind_k (seg_window_get_settings (window), GTK_WIDGET (self->auto_k), self->spin);
  /* the box plot shows the column chosen in its header, of this result */
  g_signal_connect (self->feature, "notify::feature", G_CALLBACK (feature_cb), self);
  g_object_bind_property (self, "result", self->feature, "result", G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "notify::result", G_CALLBACK (result_cb), NULL);
  result_cb (self);
}

static void
seg_clusters_pane_dispose (GObject *object)
{
  SegClustersPane *self = SEG_CLUSTERS_PANE (object);

  if (self->spin != NULL)
    seg_pane_unbind_k (GTK_WIDGET (self->auto_k), self->spin);
  gtk_widget_dispose_template (GTK_WIDGET (object), SEG_TYPE_CLUSTERS_PANE);
  G_OBJECT_CLASS (seg_clusters_pane_parent_class)->dispose (object);
}

static void
seg_clusters_pane_class_init (SegClustersPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = seg_clusters_pane_constructed;
  object_class->dispose = seg_clusters_pane_dispose;
  g_type_ensure (SEG_TYPE_FEATURE_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-clusters-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, suggested);
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, also);
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, reason);
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, auto_k);
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, spin);
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, personas);
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, pca);
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, profiles);
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, box);
  gtk_widget_class_bind_template_child (widget_class, SegClustersPane, feature);
  gtk_widget_class_bind_template_callback (widget_class, biplot_toggled_cb);
}

static void
seg_clusters_pane_init (SegClustersPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
seg_clusters_pane_new (SegWindow *window)
{
  return g_object_new (SEG_TYPE_CLUSTERS_PANE, "window", window, NULL);
}
