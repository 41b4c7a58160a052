/* seg-pane-helpers.c — small pieces the dashboard panes share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-panes"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-dashboard.h"
#include "seg-panes.h"

GtkWidget *
seg_pane_chart_card (SegWindow    *window,
                     SegChartKind  kind,
                     const char   *colour_by)
{
  GtkWidget *card = seg_chart_card_new (kind, NULL);
  SegChartView *view = seg_chart_card_get_view (SEG_CHART_CARD (card));

  seg_chart_view_set_colour_by (view, colour_by);
  seg_chart_view_bind_window (view, window, colour_by == NULL);
  return card;
}

typedef struct
{
  SegWindow     *window;
  SegChartView  *view;
  GtkDropDown   *dropdown;
  GtkStringList *model;
  gboolean       updating;
} FeatureChooser;

static void
feature_selected_cb (FeatureChooser *chooser)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (chooser->dropdown);

  if (!chooser->updating && item != NULL)
    seg_chart_view_set_feature (chooser->view, gtk_string_object_get_string (item));
}

static void
feature_result_cb (FeatureChooser *chooser)
{
  SegResult *result = seg_window_get_result (chooser->window);
  GtkStringObject *item = gtk_drop_down_get_selected_item (chooser->dropdown);
  g_autofree char *current = g_strdup (item ? gtk_string_object_get_string (item) : "total_spent");
  guint n = result ? seg_result_get_n_numeric (result) : 0;
  guint selected = 0;
  g_autofree const char **names = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      names[i] = seg_result_get_numeric_name (result, i);
      if (g_strcmp0 (names[i], current) == 0)
        selected = i;
    }
  chooser->updating = TRUE;
  gtk_string_list_splice (chooser->model, 0, g_list_model_get_n_items (G_LIST_MODEL (chooser->model)), names);
  gtk_drop_down_set_selected (chooser->dropdown, selected);
  chooser->updating = FALSE;
  seg_chart_view_set_feature (chooser->view, n > 0 ? names[selected] : NULL);
}

static void
feature_notify_cb (SegWindow   *window,
                   GParamSpec  *pspec,
                   GtkDropDown *dropdown)
{
  feature_result_cb (g_object_get_data (G_OBJECT (dropdown), "seg-feature-chooser"));
}

/* The dropdown lists raw names (what the chart takes) and shows display
 * names ("Total spend", not total_spent). */
static char *
feature_label_cb (gpointer    item,
                  const char *name,
                  gpointer    user_data)
{
  return name != NULL ? seg_dashboard_column_label (name) : NULL;
}

GtkWidget *
seg_pane_feature_dropdown (SegWindow    *window,
                           SegChartView *view)
{
  FeatureChooser *chooser = g_new0 (FeatureChooser, 1);

  chooser->window = window;
  chooser->view = view;
  chooser->model = gtk_string_list_new (NULL);
  chooser->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (chooser->model), NULL));
  {
    GtkExpression *name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    GtkExpression *label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &name,
                                                        G_CALLBACK (feature_label_cb), NULL, NULL);
    gtk_drop_down_set_expression (chooser->dropdown, label);
    gtk_expression_unref (label);
  }
  gtk_drop_down_set_enable_search (chooser->dropdown, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (chooser->dropdown), _("The metric to compare across segments"));
  g_object_set_data_full (G_OBJECT (chooser->dropdown), "seg-feature-chooser", chooser, g_free);
  g_signal_connect_swapped (chooser->dropdown, "notify::selected", G_CALLBACK (feature_selected_cb), chooser);
  g_signal_connect_object (window, "notify::result", G_CALLBACK (feature_notify_cb), chooser->dropdown, 0);
  feature_result_cb (chooser);
  return GTK_WIDGET (chooser->dropdown);
}

void
seg_pane_clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

GtkWidget *
seg_pane_value_row (const char *label,
                    const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *l = gtk_label_new (label);
  GtkWidget *v = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  /* a long label wraps at words rather than lose them */
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (l), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (l, TRUE);
  gtk_widget_add_css_class (v, "numeric");
  gtk_box_append (GTK_BOX (box), l);
  gtk_box_append (GTK_BOX (box), v);
  gtk_widget_add_css_class (box, "value-row");
  return box;
}
