/* seg-settings.c — the analysis settings (⚙): as-of date, methods, features,
 * k, seed, RFM.  Each change re-runs the analysis, which reuses every part
 * whose own settings did not change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-settings"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "seg-format.h"
#include "seg-panes.h"

typedef struct
{
  SegWindow     *window;
  AdwEntryRow   *as_of;
  GtkSwitch     *methods[4];
  GtkSwitch     *auto_k;
  GtkSpinButton *k;
  GtkSpinButton *seed;
  AdwComboRow   *bins;
  AdwComboRow   *rfm_method;
  GPtrArray     *feature_checks;   /* GtkCheckButton*, name in "seg-feature" */
  gboolean       updating;
} Settings;

static const SegMethods method_flags[4] = { SEG_METHOD_RULES, SEG_METHOD_RFM, SEG_METHOD_KMEANS, SEG_METHOD_PCA };

static void
settings_free (Settings *s)
{
  g_ptr_array_unref (s->feature_checks);
  g_free (s);
}

static void
apply_changes (Settings *s)
{
  SegAnalysisOptions options;
  g_autoptr(GStrvBuilder) features = g_strv_builder_new ();
  gboolean all_features = TRUE;

  if (s->updating)
    return;
  seg_analysis_options_copy (seg_window_get_analysis_options (s->window), &options);
  options.methods &= ~(SEG_METHOD_RULES | SEG_METHOD_RFM | SEG_METHOD_KMEANS | SEG_METHOD_PCA);
  for (guint i = 0; i < G_N_ELEMENTS (method_flags); i++)
    if (gtk_switch_get_active (s->methods[i]))
      options.methods |= method_flags[i];
  options.k = gtk_switch_get_active (s->auto_k) ? 0 : (guint) gtk_spin_button_get_value_as_int (s->k);
  options.seed = (guint64) gtk_spin_button_get_value_as_int (s->seed);
  options.rfm_bins = adw_combo_row_get_selected (s->bins) == 0 ? 4 : 5;
  options.rfm_method = (SegRfmMethod) adw_combo_row_get_selected (s->rfm_method);
  for (guint i = 0; i < s->feature_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (s->feature_checks, i);
      if (gtk_check_button_get_active (check))
        g_strv_builder_add (features, g_object_get_data (G_OBJECT (check), "seg-feature"));
      else
        all_features = FALSE;
    }
  if (s->feature_checks->len > 0 && !all_features)
    {
      g_strfreev (options.features);
      g_clear_pointer (&options.log1p, g_free);
      options.features = g_strv_builder_end (features);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (s->k), !gtk_switch_get_active (s->auto_k));
  seg_window_set_analysis_options (s->window, &options);
  seg_analysis_options_clear (&options);
}

static void
as_of_apply_cb (AdwEntryRow *row,
                Settings    *s)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  int y, m, d;
  char end;

  if (*text == '\0')
    {
      seg_window_reload_as_of (s->window, NAN);
      return;
    }
  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  seg_window_reload_as_of (s->window, seg_date_from_ymd (y, m, d));
}

static GtkWidget *
switch_row (const char  *title,
            const char  *subtitle,
            GtkSwitch  **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  *out = GTK_SWITCH (sw);
  return row;
}

static GtkWidget *
spin_row (const char     *title,
          double          min,
          double          max,
          GtkSpinButton **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  *out = GTK_SPIN_BUTTON (spin);
  return row;
}

static GtkWidget *
combo_row (const char         *title,
           const char * const *items,
           AdwComboRow       **out)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (items)));
  *out = ADW_COMBO_ROW (row);
  return row;
}

static GtkWidget *
data_group (Settings *s)
{
  GtkWidget *group = adw_preferences_group_new ();
  SegDataset *dataset = seg_window_get_dataset (s->window);
  g_autofree char *as_of = dataset ? seg_date_format_iso (seg_dataset_get_as_of (dataset)) : NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Data"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Recency and tenure are counted up to the as-of date; later transactions are left out. Leave it empty for the latest date in the data."));
  s->as_of = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (s->as_of), _("As-of date (YYYY-MM-DD)"));
  adw_entry_row_set_show_apply_button (s->as_of, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (s->as_of), as_of ? as_of : "");
  g_signal_connect (s->as_of, "apply", G_CALLBACK (as_of_apply_cb), s);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (s->as_of));
  return group;
}

static GtkWidget *
methods_group (Settings *s)
{
  const char *titles[4] = { _("Rule segments"), _("RFM scores"), _("k-means clusters"), _("PCA map") };
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Methods"));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), switch_row (titles[i], NULL, &s->methods[i]));
  return group;
}

static GtkWidget *
clusters_group (Settings *s)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Clusters"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             switch_row (_("Choose k automatically"), _("Best silhouette among k ≥ 2"), &s->auto_k));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), spin_row (_("Number of clusters (k)"), 1, 10, &s->k));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), spin_row (_("Random seed"), 0, G_MAXINT, &s->seed));
  return group;
}

static GtkWidget *
rfm_group (Settings *s)
{
  const char *bins[] = { _("4 bins"), _("5 bins"), NULL };
  const char *methods[] = { _("Rank (SQL NTILE)"), _("Quantile edges (pandas qcut)"), _("qcut on first-order ranks"), NULL };
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("RFM"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo_row (_("Score bins"), bins, &s->bins));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo_row (_("Scoring method"), methods, &s->rfm_method));
  return group;
}

static GtkWidget *
features_group (Settings *s)
{
  GtkWidget *group = adw_preferences_group_new ();
  SegResult *result = seg_window_get_result (s->window);
  const SegClusters *clusters = result ? seg_result_get_clusters (result) : NULL;
  char **chosen = seg_window_get_analysis_options (s->window)->features;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Clustering Features"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Numeric customer columns for k-means and PCA; missing values are replaced by the column mean."));
  for (guint i = 0; result && i < seg_result_get_n_numeric (result); i++)
    {
      const char *name = seg_result_get_numeric_name (result, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean active = chosen ? g_strv_contains ((const char * const *) chosen, name)
                               : clusters && g_strv_contains ((const char * const *) seg_clusters_get_features (clusters), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "seg-feature", g_strdup (name), g_free);
      g_ptr_array_add (s->feature_checks, check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
load_values (Settings *s)
{
  const SegAnalysisOptions *o = seg_window_get_analysis_options (s->window);

  s->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (method_flags); i++)
    gtk_switch_set_active (s->methods[i], (o->methods & method_flags[i]) != 0);
  gtk_switch_set_active (s->auto_k, o->k == 0);
  gtk_spin_button_set_value (s->k, o->k ? o->k : 3);
  gtk_widget_set_sensitive (GTK_WIDGET (s->k), o->k != 0);
  gtk_spin_button_set_value (s->seed, (double) o->seed);
  adw_combo_row_set_selected (s->bins, o->rfm_bins == 4 ? 0 : 1);
  adw_combo_row_set_selected (s->rfm_method, (guint) o->rfm_method);
  s->updating = FALSE;
}

static void
connect_changes (Settings *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (method_flags); i++)
    g_signal_connect_swapped (s->methods[i], "notify::active", G_CALLBACK (apply_changes), s);
  g_signal_connect_swapped (s->auto_k, "notify::active", G_CALLBACK (apply_changes), s);
  g_signal_connect_swapped (s->k, "value-changed", G_CALLBACK (apply_changes), s);
  g_signal_connect_swapped (s->seed, "value-changed", G_CALLBACK (apply_changes), s);
  g_signal_connect_swapped (s->bins, "notify::selected", G_CALLBACK (apply_changes), s);
  g_signal_connect_swapped (s->rfm_method, "notify::selected", G_CALLBACK (apply_changes), s);
  for (guint i = 0; i < s->feature_checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (s->feature_checks, i), "toggled", G_CALLBACK (apply_changes), s);
}

GtkWidget *
seg_settings_window_new (SegWindow *window)
{
  GtkWidget *win = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *features_page = adw_preferences_page_new ();
  Settings *s = g_new0 (Settings, 1);

  s->window = window;
  s->feature_checks = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (win), "seg-settings", s, (GDestroyNotify) settings_free);
  gtk_window_set_title (GTK_WINDOW (win), _("Analysis Settings"));
  gtk_window_set_transient_for (GTK_WINDOW (win), GTK_WINDOW (window));
  gtk_window_set_modal (GTK_WINDOW (win), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (win), FALSE);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Analysis"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "emblem-system-symbolic");
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (data_group (s)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (methods_group (s)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (clusters_group (s)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (rfm_group (s)));
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (features_page), _("Features"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (features_page), "view-list-symbolic");
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (features_page), ADW_PREFERENCES_GROUP (features_group (s)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (win), ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (win), ADW_PREFERENCES_PAGE (features_page));
  load_values (s);
  connect_changes (s);
  return win;
}
