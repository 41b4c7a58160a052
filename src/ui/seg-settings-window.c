/* seg-settings-window.c — the analysis settings (⚙): as-of date, methods, features,
 * k, seed, RFM.  Each change re-runs the analysis, which reuses every part
 * whose own settings did not change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * k, the seed and the RFM scoring are the window's GSettings keys, bound
 * to their rows; the window analyses again when a key changes.  The as-of
 * date, the methods and the features belong to this dataset only, and go
 * to the window's analysis options directly.
 */
#define G_LOG_DOMAIN "seg-settings"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "seg-panes.h"
#include "seg-ui-format.h"

struct _SegSettingsWindow
{
  AdwPreferencesWindow  parent_instance;

  SegWindow            *window;   /* weak: the window this one is transient for */

  AdwEntryRow          *as_of;
  GtkSwitch            *rules_switch;
  GtkSwitch            *rfm_switch;
  GtkSwitch            *kmeans_switch;
  GtkSwitch            *pca_switch;
  GtkSwitch            *auto_k;
  GtkSpinButton        *k;
  GtkSpinButton        *seed;
  AdwComboRow          *bins;
  AdwComboRow          *rfm_method;
  AdwPreferencesGroup  *features_group;

  GPtrArray            *feature_checks;   /* GtkCheckButton*, name in "seg-feature" */
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (SegSettingsWindow, seg_settings_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_WINDOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SegMethods method_flags[4] = { SEG_METHOD_RULES, SEG_METHOD_RFM, SEG_METHOD_KMEANS, SEG_METHOD_PCA };

static GtkSwitch *
method_switch (SegSettingsWindow *self,
               guint              i)
{
  GtkSwitch *switches[4] = { self->rules_switch, self->rfm_switch, self->kmeans_switch, self->pca_switch };

  return switches[i];
}

/* The methods and the features: a new analysis of this dataset. */
static void
methods_changed_cb (SegSettingsWindow *self)
{
  SegAnalysisOptions options;
  g_autoptr(GStrvBuilder) features = g_strv_builder_new ();
  gboolean all_features = TRUE;

  if (self->updating || self->window == NULL)
    return;
  seg_analysis_options_copy (seg_window_get_analysis_options (self->window), &options);
  options.methods &= ~(SEG_METHOD_RULES | SEG_METHOD_RFM | SEG_METHOD_KMEANS | SEG_METHOD_PCA);
  for (guint i = 0; i < G_N_ELEMENTS (method_flags); i++)
    if (gtk_switch_get_active (method_switch (self, i)))
      options.methods |= method_flags[i];
  for (guint i = 0; i < self->feature_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->feature_checks, i);
      if (gtk_check_button_get_active (check))
        g_strv_builder_add (features, g_object_get_data (G_OBJECT (check), "seg-feature"));
      else
        all_features = FALSE;
    }
  if (self->feature_checks->len > 0 && !all_features)
    {
      g_strfreev (options.features);
      g_clear_pointer (&options.log1p, g_free);
      options.features = g_strv_builder_end (features);
    }
  seg_window_set_analysis_options (self->window, &options);
  seg_analysis_options_clear (&options);
}

static void
as_of_apply_cb (SegSettingsWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->as_of));
  int y, m, d;
  char end;

  if (self->window == NULL)
    return;
  if (*text == '\0')
    {
      seg_window_reload_as_of (self->window, NAN);
      return;
    }
  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->as_of), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->as_of), "error");
  seg_window_reload_as_of (self->window, seg_date_from_ymd (y, m, d));
}

/* One row per numeric customer column of the result, ticked when k-means
 * uses it. */
static void
add_feature_rows (SegSettingsWindow *self)
{
  SegResult *result = seg_window_get_result (self->window);
  const SegClusters *clusters = result ? seg_result_get_clusters (result) : NULL;
  char **chosen = seg_window_get_analysis_options (self->window)->features;

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
      g_ptr_array_add (self->feature_checks, check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (methods_changed_cb), self);
      adw_preferences_group_add (self->features_group, row);
    }
}

static void
seg_settings_window_constructed (GObject *object)
{
  SegSettingsWindow *self = SEG_SETTINGS_WINDOW (object);
  SegDataset *dataset;
  GSettings *settings;
  const SegAnalysisOptions *o;
  g_autofree char *as_of = NULL;

  G_OBJECT_CLASS (seg_settings_window_parent_class)->constructed (object);
  g_return_if_fail (self->window != NULL);

  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (self->window));
  dataset = seg_window_get_dataset (self->window);
  as_of = dataset ? seg_date_format_iso (seg_dataset_get_as_of (dataset)) : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->as_of), as_of ? as_of : "");

  o = seg_window_get_analysis_options (self->window);
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (method_flags); i++)
    gtk_switch_set_active (method_switch (self, i), (o->methods & method_flags[i]) != 0);
  self->updating = FALSE;
  add_feature_rows (self);

  settings = seg_window_get_settings (self->window);
  seg_pane_bind_k (settings, GTK_WIDGET (self->auto_k), self->k);
  seg_pane_bind_seed (settings, self->seed);
  seg_pane_bind_rfm_bins (settings, self->bins, "selected");
  seg_pane_bind_rfm_method (settings, self->rfm_method, "selected");
}

static void
seg_settings_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SegSettingsWindow *self = SEG_SETTINGS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_settings_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SegSettingsWindow *self = SEG_SETTINGS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_set_weak_pointer (&self->window, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_settings_window_dispose (GObject *object)
{
  SegSettingsWindow *self = SEG_SETTINGS_WINDOW (object);

  g_clear_weak_pointer (&self->window);
  if (self->seed != NULL)
    {
      seg_pane_unbind_k (GTK_WIDGET (self->auto_k), self->k);
      seg_pane_unbind (self->seed, "value");
      seg_pane_unbind (self->bins, "selected");
      seg_pane_unbind (self->rfm_method, "selected");
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), SEG_TYPE_SETTINGS_WINDOW);
  G_OBJECT_CLASS (seg_settings_window_parent_class)->dispose (object);
}

static void
seg_settings_window_finalize (GObject *object)
{
  g_ptr_array_unref (SEG_SETTINGS_WINDOW (object)->feature_checks);
  G_OBJECT_CLASS (seg_settings_window_parent_class)->finalize (object);
}

static void
seg_settings_window_class_init (SegSettingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = seg_settings_window_constructed;
  object_class->get_property = seg_settings_window_get_property;
  object_class->set_property = seg_settings_window_set_property;
  object_class->dispose = seg_settings_window_dispose;
  object_class->finalize = seg_settings_window_finalize;

  /* the main window whose analysis these are */
  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, SEG_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-settings-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, as_of);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, rules_switch);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, rfm_switch);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, kmeans_switch);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, pca_switch);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, auto_k);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, k);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, seed);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, bins);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, rfm_method);
  gtk_widget_class_bind_template_child (widget_class, SegSettingsWindow, features_group);
  gtk_widget_class_bind_template_callback (widget_class, methods_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, as_of_apply_cb);
}

static void
seg_settings_window_init (SegSettingsWindow *self)
{
  self->feature_checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
seg_settings_window_new (SegWindow *window)
{
  return g_object_new (SEG_TYPE_SETTINGS_WINDOW, "window", window, NULL);
}
