/* seg-window-dashboard.c — SegWindow's analysis, linked highlight, exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analysis runs on a worker like a load does: one job at a time, a newer
 * one cancels the older, and a result whose serial is no longer the newest is
 * dropped.  Each run passes the current result as `previous`, so a changed
 * rule or RFM setting does not re-run k-means and PCA.
 */
#define G_LOG_DOMAIN "seg-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "seg-csv-writer.h"
#include "seg-dashboard.h"
#include "seg-error.h"
#include "seg-panes.h"
#include "seg-rules.h"
#include "seg-expr.h"
#include "seg-window-private.h"
#include "seg-window-report.h"

static const struct
{
  const char *method;     /* in SegResult */
  const char *setting;    /* the colour-by GSettings choice */
  const char *label;
} colour_choices[] = {
  { "rules",  "rules",    N_("Rules") },
  { "rfm",    "rfm",      N_("RFM") },
  { "kmeans", "clusters", N_("Clusters") },
};

static gboolean
markers_wanted (void)
{
  return g_strcmp0 (g_getenv ("SEGMENTA_TEST_MARKERS"), "1") == 0;
}

static const char *
method_from_setting (const char *setting)
{
  for (guint i = 0; i < G_N_ELEMENTS (colour_choices); i++)
    if (g_strcmp0 (colour_choices[i].setting, setting) == 0 ||
        g_strcmp0 (colour_choices[i].method, setting) == 0)
      return colour_choices[i].method;
  return "rules";
}

/* --- analysis --------------------------------------------------------------- */

typedef struct
{
  SegWindow *self;   /* strong until the job ends */
  guint      serial;
} AnalysisJob;

static void
analysis_job_free (AnalysisJob *job)
{
  g_object_unref (job->self);
  g_free (job);
}

static void
analysis_progress_cb (double      fraction,
                      const char *message,
                      gpointer    user_data)
{
  AnalysisJob *job = user_data;

  if (job->serial == job->self->analysis_serial && job->self->analysis_cancellable != NULL &&
      job->self->cancellable == NULL)
    seg_window_set_progress (job->self, fraction, message ? message : _("Analysing"));
}

static void
end_analysis_ui (SegWindow *self)
{
  g_clear_object (&self->analysis_cancellable);
  if (self->cancellable == NULL)
    {
      gtk_spinner_stop (self->progress_spinner);
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
    }
}

/* The "Colour by" dropdown lists only the segmentations of this result, so
 * a row of it is a choice of the key through the result: these map the
 * key's choice to its row, and a row to its choice. */
static gboolean
has_colour_choice (SegWindow *self,
                   guint      i)
{
  return self->result != NULL && seg_result_get_segmentation (self->result, colour_choices[i].method) != NULL;
}

static gboolean
colour_row_get (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  SegWindow *self = user_data;
  const char *method = method_from_setting (g_variant_get_string (variant, NULL));
  guint row = GTK_INVALID_LIST_POSITION, n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (colour_choices); i++)
    if (has_colour_choice (self, i))
      {
        if (g_str_equal (colour_choices[i].method, method))
          row = n;
        n++;
      }
  /* a result without the chosen segmentation is coloured by its first one
   * (colour_segmentation ()): the key keeps the choice for the next result */
  if (row == GTK_INVALID_LIST_POSITION && n > 0)
    row = 0;
  g_value_set_uint (value, row);
  return TRUE;
}

static GVariant *
colour_row_set (const GValue       *value,
                const GVariantType *type,
                gpointer            user_data)
{
  SegWindow *self = user_data;
  guint row = g_value_get_uint (value), n = 0;

  /* rows that come and go with a new result are not the user's choice */
  if (self->updating_colour_model)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (colour_choices); i++)
    if (has_colour_choice (self, i) && n++ == row)
      return g_variant_new_string (colour_choices[i].setting);
  return NULL;
}

static void
bind_colour_dropdown (SegWindow *self)
{
  g_settings_bind_with_mapping (self->settings, "colour-by", self->colour_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY,
                                colour_row_get, colour_row_set, self, NULL);
}

/* A new result: its segmentations become the dropdown's rows, and binding
 * the key again puts the choice on its row of the new list. */
static void
update_colour_model (SegWindow *self)
{
  guint n = 0;
  const char *labels[G_N_ELEMENTS (colour_choices) + 1] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (colour_choices); i++)
    if (has_colour_choice (self, i))
      labels[n++] = _(colour_choices[i].label);
  g_settings_unbind (self->colour_dropdown, "selected");
  self->updating_colour_model = TRUE;
  gtk_string_list_splice (self->colour_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->colour_model)), labels);
  self->updating_colour_model = FALSE;
  bind_colour_dropdown (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->colour_dropdown), n > 1);
}

static void
reset_personas (SegWindow *self)
{
  const SegClusters *clusters = self->result ? seg_result_get_clusters (self->result) : NULL;
  guint k = clusters && seg_clusters_get_k (clusters) > 0 ? seg_clusters_get_k (clusters) : 0;

  if (self->persona_names->len == k)
    return;
  g_ptr_array_set_size (self->persona_names, 0);
  g_ptr_array_set_size (self->persona_actions, 0);
  g_ptr_array_set_size (self->persona_names, k);
  g_ptr_array_set_size (self->persona_actions, k);
}

/* The Data pane shows the customers with the analysis' columns (segments,
 * RFM scores, cluster and persona, churn probability, CLV), the table
 * "Export Customers with Segments" writes; built on a worker. */
typedef struct
{
  SegWindow *self;
  SegResult *result;
} TableJob;

static void
table_job_free (TableJob *job)
{
  g_object_unref (job->self);
  seg_result_unref (job->result);
  g_free (job);
}

static void
table_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  TableJob *job = user_data;
  g_autoptr(SegTable) table = seg_result_build_customer_table_finish (res, NULL);

  /* only while that result is still the one shown */
  if (table != NULL && job->self->result == job->result)
    seg_customer_table_set_table (job->self->customer_table, table);
  table_job_free (job);
}

static void
show_result_table (SegWindow *self)
{
  TableJob *job;

  if (self->result == NULL)
    {
      if (self->dataset != NULL)
        seg_customer_table_set_table (self->customer_table, seg_dataset_get_customers (self->dataset));
      return;
    }
  job = g_new0 (TableJob, 1);
  job->self = g_object_ref (self);
  job->result = seg_result_ref (self->result);
  seg_result_build_customer_table_async (self->result, NULL, table_done_cb, job);
}

static void
set_result (SegWindow *self,
            SegResult *result)
{
  g_clear_pointer (&self->result, seg_result_unref);
  self->result = result ? seg_result_ref (result) : NULL;
  reset_personas (self);
  show_result_table (self);
  update_colour_model (self);
  if (self->highlight >= 0 && (result == NULL || self->highlight_method == NULL ||
                               seg_result_get_segmentation (result, self->highlight_method) == NULL))
    seg_window_set_highlight (self, NULL, -1);
  seg_window_update_export_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", result != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), seg_window_properties[SEG_WINDOW_PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (self), seg_window_properties[SEG_WINDOW_PROP_COLOUR_BY]);
}

static void
analysis_done_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  AnalysisJob *job = user_data;
  SegWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(SegResult) result = seg_analysis_run_finish (res, &error);
  gboolean first;

  if (job->serial != self->analysis_serial)
    {
      analysis_job_free (job);
      return;   /* a newer run replaced this one */
    }
  end_analysis_ui (self);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_free (self->analysis_error);
          self->analysis_error = g_strdup (error->message);
          seg_window_show_error (self, _("Could Not Analyse the Customers"), error);
        }
      /* the charts say why they are empty */
      if (self->result == NULL)
        g_object_notify_by_pspec (G_OBJECT (self), seg_window_properties[SEG_WINDOW_PROP_RESULT]);
      analysis_job_free (job);
      return;
    }
  g_clear_pointer (&self->analysis_error, g_free);
  first = self->result == NULL || seg_result_get_dataset (self->result) != seg_result_get_dataset (result);
  set_result (self, result);
  if (first && g_strcmp0 (seg_window_get_visible_pane (self), "data") == 0 &&
      seg_dataset_is_confident (seg_result_get_dataset (result)))
    seg_window_show_pane (self, "overview");
  else if (first && g_strcmp0 (seg_window_get_visible_pane (self), "data") == 0)
    {
      AdwToast *toast = adw_toast_new (_("The dashboard is ready"));
      adw_toast_set_button_label (toast, _("Show _Overview"));
      adw_toast_set_action_name (toast, "win.show-pane");
      adw_toast_set_action_target_value (toast, g_variant_new_int32 (0));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  if (markers_wanted ())
    {
      printf ("ANALYSED\n");
      fflush (stdout);
    }
  analysis_job_free (job);
}

void
seg_window_start_analysis (SegWindow *self)
{
  AnalysisJob *job;

  if (self->dataset == NULL)
    return;
  if (self->analysis_cancellable)
    g_cancellable_cancel (self->analysis_cancellable);
  g_clear_object (&self->analysis_cancellable);
  self->analysis_cancellable = g_cancellable_new ();
  self->analysis_serial++;

  job = g_new0 (AnalysisJob, 1);
  job->self = g_object_ref (self);
  job->serial = self->analysis_serial;
  if (self->cancellable == NULL)
    seg_window_set_progress (self, 0.0, _("Analysing"));
  gtk_spinner_start (self->progress_spinner);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", TRUE);
  /* A result of another dataset is of no use to the engine, but harmless. */
  seg_analysis_run_async (self->dataset, &self->analysis_options, self->result,
                          self->analysis_cancellable, analysis_progress_cb, job,
                          analysis_done_cb, job);
  /* the charts' placeholders say "Analysing…" again */
  if (self->result == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), seg_window_properties[SEG_WINDOW_PROP_RESULT]);
}

void
seg_window_dashboard_dataset_changed (SegWindow *self,
                                      gboolean   same_files)
{
  if (!same_files)
    {
      /* clustering features name columns of the data they were chosen for */
      g_clear_pointer (&self->analysis_options.features, g_strfreev);
      g_clear_pointer (&self->analysis_options.log1p, g_free);
    }
  g_clear_pointer (&self->analysis_error, g_free);
  if (self->result != NULL)
    set_result (self, NULL);
}

void
seg_window_cancel_analysis (SegWindow *self)
{
  if (self->analysis_cancellable == NULL)
    return;
  g_cancellable_cancel (self->analysis_cancellable);
  self->analysis_serial++;
  end_analysis_ui (self);
  if (self->result == NULL && self->dataset != NULL && gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      AdwToast *toast = adw_toast_new (_("The analysis was stopped"));

      adw_toast_set_button_label (toast, _("_Analyse Again"));
      adw_toast_set_action_name (toast, "win.analyse-again");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  if (self->result == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), seg_window_properties[SEG_WINDOW_PROP_RESULT]);
}

/* --- properties ------------------------------------------------------------ */

void
seg_window_dashboard_install_properties (GParamSpec **properties)
{
  properties[SEG_WINDOW_PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL, SEG_TYPE_RESULT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[SEG_WINDOW_PROP_COLOUR_BY] =
    g_param_spec_string ("colour-by", NULL, NULL, "rules",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[SEG_WINDOW_PROP_HIGHLIGHT] =
    g_param_spec_int ("highlight", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

void
seg_window_dashboard_get_property (SegWindow *self,
                                   guint      prop_id,
                                   GValue    *value)
{
  switch (prop_id)
    {
    case SEG_WINDOW_PROP_RESULT:
      g_value_set_boxed (value, self->result);
      break;
    case SEG_WINDOW_PROP_COLOUR_BY:
      g_value_set_string (value, seg_window_get_colour_by (self));
      break;
    case SEG_WINDOW_PROP_HIGHLIGHT:
      g_value_set_int (value, self->highlight);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* --- exports --------------------------------------------------------------- */

static const SegSegmentation *
colour_segmentation (SegWindow *self)
{
  const SegSegmentation *seg = seg_result_get_segmentation (self->result, self->colour_by);

  for (guint i = 0; seg == NULL && i < G_N_ELEMENTS (colour_choices); i++)
    seg = seg_result_get_segmentation (self->result, colour_choices[i].method);
  return seg;
}

/* --- actions --------------------------------------------------------------- */

static void
highlight_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);
  const char *method;
  int group;

  g_variant_get (parameter, "(&si)", &method, &group);
  if (group == self->highlight && g_strcmp0 (method, self->highlight_method) == 0)
    group = -1;   /* a second click clears it */
  seg_window_set_highlight (self, method, group);
}

static void
set_k_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  seg_window_set_k (SEG_WINDOW (widget), (guint) MAX (0, g_variant_get_int32 (parameter)));
}

static void
colour_by_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  seg_window_set_colour_by (SEG_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
analyse_again_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);

  if (self->dataset != NULL && self->cancellable == NULL)
    seg_window_start_analysis (self);
}

static void
present_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  seg_window_present_dashboard (SEG_WINDOW (widget));
}

static void
settings_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);

  if (self->settings_window == NULL)
    {
      self->settings_window = seg_settings_window_new (self);
      g_object_add_weak_pointer (G_OBJECT (self->settings_window), (gpointer *) &self->settings_window);
    }
  gtk_window_present (GTK_WINDOW (self->settings_window));
}

void
seg_window_dashboard_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SegWindow, colour_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, colour_model);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, present_button);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, settings_button);
  seg_window_export_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "win.highlight", "(si)", highlight_action);
  gtk_widget_class_install_action (widget_class, "win.set-k", "i", set_k_action);
  gtk_widget_class_install_action (widget_class, "win.colour-by", "s", colour_by_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.analyse-again", NULL, analyse_again_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.analyse-again", NULL);
  gtk_widget_class_install_action (widget_class, "win.analysis-settings", NULL, settings_action);

  seg_window_report_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.analysis-settings", NULL);
}

/* --- init -------------------------------------------------------------------- */

static SegRfmMethod
rfm_method_from_setting (const char *setting)
{
  return g_strcmp0 (setting, "qcut") == 0 ? SEG_RFM_METHOD_QCUT
         : g_strcmp0 (setting, "rank-first") == 0 ? SEG_RFM_METHOD_RANK_FIRST
         : SEG_RFM_METHOD_NTILE;
}

/* 0 (the suggested k) for "auto" */
static guint
k_from_setting (const char *k_mode)
{
  guint64 k = 0;

  if (g_strcmp0 (k_mode, "auto") != 0 && g_ascii_string_to_unsigned (k_mode, 10, 1, 50, &k, NULL))
    return (guint) k;
  return 0;
}

/* Reads the analysis key @key into @options; TRUE when that changed them. */
static gboolean
read_analysis_setting (GSettings          *settings,
                       const char         *key,
                       SegAnalysisOptions *options)
{
  if (g_str_equal (key, "k-mode"))
    {
      g_autofree char *k_mode = g_settings_get_string (settings, key);
      guint k = k_from_setting (k_mode);

      if (options->k == k)
        return FALSE;
      options->k = k;
    }
  else if (g_str_equal (key, "seed"))
    {
      guint64 seed = (guint64) MAX (0, g_settings_get_int (settings, key));

      if (options->seed == seed)
        return FALSE;
      options->seed = seed;
    }
  else if (g_str_equal (key, "rfm-bins"))
    {
      guint bins = (guint) g_settings_get_int (settings, key);

      if (options->rfm_bins == bins)
        return FALSE;
      options->rfm_bins = bins;
      g_clear_pointer (&options->rfm_map, seg_rfm_map_free);   /* the default map fits the bins */
    }
  else if (g_str_equal (key, "rfm-method"))
    {
      g_autofree char *setting = g_settings_get_string (settings, key);
      SegRfmMethod method = rfm_method_from_setting (setting);

      if (options->rfm_method == method)
        return FALSE;
      options->rfm_method = method;
      g_clear_pointer (&options->rfm_map, seg_rfm_map_free);
    }
  else
    return FALSE;
  return TRUE;
}

/* A key changed, through a bound widget or from outside: analyse again
 * when the analysis differs.  seg_window_set_analysis_options () writes
 * every key back, which changes nothing more. */
static void
analysis_setting_changed_cb (SegWindow  *self,
                             const char *key)
{
  SegAnalysisOptions options;

  if (g_str_equal (key, "colour-by"))
    {
      g_autofree char *colour_by = g_settings_get_string (self->settings, key);

      seg_window_set_colour_by (self, colour_by);
      return;
    }
  seg_analysis_options_copy (&self->analysis_options, &options);
  if (read_analysis_setting (self->settings, key, &options))
    seg_window_set_analysis_options (self, &options);
  seg_analysis_options_clear (&options);
}

static void
load_analysis_settings (SegWindow *self)
{
  static const char *const keys[] = { "k-mode", "seed", "rfm-bins", "rfm-method" };
  g_autofree char *colour_by = g_settings_get_string (self->settings, "colour-by");

  seg_analysis_options_init (&self->analysis_options);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    read_analysis_setting (self->settings, keys[i], &self->analysis_options);
  self->colour_by = g_strdup (method_from_setting (colour_by));
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (analysis_setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
seg_window_dashboard_init (SegWindow *self)
{
  self->highlight = -1;
  self->persona_names = g_ptr_array_new_with_free_func (g_free);
  self->persona_actions = g_ptr_array_new_with_free_func (g_free);
  load_analysis_settings (self);

  seg_window_add_pane (self, "overview", _("Overview"), "view-grid-symbolic", seg_overview_pane_new (self));
  seg_window_add_pane (self, "segments", _("Segments"), "view-list-bullet-symbolic", seg_segments_pane_new (self));
  seg_window_add_pane (self, "rfm", _("RFM"), "view-app-grid-symbolic", seg_rfm_pane_new (self));
  seg_window_add_pane (self, "clusters", _("Clusters"), "emblem-shared-symbolic", seg_clusters_pane_new (self));
  seg_window_add_pane (self, "churn", _("Churn & value"), "emblem-important-symbolic", seg_churn_pane_new (self));

  update_colour_model (self);
  set_result (self, NULL);
  seg_window_report_init (self);
}

void
seg_window_dashboard_dispose (SegWindow *self)
{
  /* the settings outlive a closed window while its widgets' bindings hold them */
  if (self->settings)
    g_signal_handlers_disconnect_by_func (self->settings, analysis_setting_changed_cb, self);
  /* the binding's mapping reads the window */
  if (self->colour_dropdown)
    g_settings_unbind (self->colour_dropdown, "selected");
  if (self->analysis_cancellable)
    g_cancellable_cancel (self->analysis_cancellable);
  g_clear_object (&self->analysis_cancellable);
  seg_window_export_dispose (self);
  seg_window_report_dispose (self);
  if (self->presentation)
    gtk_window_destroy (GTK_WINDOW (self->presentation));
  if (self->settings_window)
    gtk_window_destroy (GTK_WINDOW (self->settings_window));
}

void
seg_window_dashboard_finalize (SegWindow *self)
{
  g_clear_pointer (&self->result, seg_result_unref);
  seg_analysis_options_clear (&self->analysis_options);
  g_clear_pointer (&self->analysis_error, g_free);
  g_clear_pointer (&self->colour_by, g_free);
  g_clear_pointer (&self->highlight_method, g_free);
  g_clear_pointer (&self->persona_names, g_ptr_array_unref);
  g_clear_pointer (&self->persona_actions, g_ptr_array_unref);
}

/* --- public ------------------------------------------------------------------ */

SegResult *
seg_window_get_result (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->result;
}

gboolean
seg_window_is_analysing (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  return self->analysis_cancellable != NULL;
}

const char *
seg_window_get_analysis_error (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->analysis_error;
}

GSettings *
seg_window_get_settings (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->settings;
}

const SegAnalysisOptions *
seg_window_get_analysis_options (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return &self->analysis_options;
}

void
seg_window_set_analysis_options (SegWindow                *self,
                                 const SegAnalysisOptions *options)
{
  SegAnalysisOptions copy;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (options != NULL);

  seg_analysis_options_copy (options, &copy);
  seg_analysis_options_clear (&self->analysis_options);
  self->analysis_options = copy;
  g_settings_set_int (self->settings, "seed", (int) MIN (options->seed, G_MAXINT));
  g_settings_set_int (self->settings, "rfm-bins", options->rfm_bins == 4 ? 4 : 5);
  g_settings_set_string (self->settings, "rfm-method",
                         options->rfm_method == SEG_RFM_METHOD_QCUT ? "qcut"
                         : options->rfm_method == SEG_RFM_METHOD_RANK_FIRST ? "rank-first" : "ntile");
  if (options->k == 0)
    g_settings_set_string (self->settings, "k-mode", "auto");
  else
    {
      g_autofree char *k = g_strdup_printf ("%u", options->k);
      g_settings_set_string (self->settings, "k-mode", k);
    }
  seg_window_start_analysis (self);
}

void
seg_window_set_rules (SegWindow        *self,
                      const SegRuleSet *rules)
{
  SegAnalysisOptions options;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (rules != NULL);

  seg_analysis_options_copy (&self->analysis_options, &options);
  g_clear_pointer (&options.rules, seg_rule_set_unref);
  options.rules = seg_rule_set_copy (rules);
  seg_window_set_analysis_options (self, &options);
  seg_analysis_options_clear (&options);
}

void
seg_window_set_k (SegWindow *self,
                  guint      k)
{
  SegAnalysisOptions options;

  g_return_if_fail (SEG_IS_WINDOW (self));

  seg_analysis_options_copy (&self->analysis_options, &options);
  options.k = k;
  seg_window_set_analysis_options (self, &options);
  seg_analysis_options_clear (&options);
}

void
seg_window_reload_as_of (SegWindow *self,
                         double     as_of)
{
  g_autoptr(SegDatasetOptions) options = NULL;

  g_return_if_fail (SEG_IS_WINDOW (self));

  if (self->dataset == NULL || self->paths == NULL)
    return;
  options = seg_dataset_options_copy (seg_dataset_get_options (self->dataset));
  seg_dataset_options_set_as_of (options, as_of);
  seg_window_load_with_options (self, options, (const char * const *) self->paths);
}

void
seg_window_bind_revenue (SegWindow  *self,
                         const char *column)
{
  g_autoptr(SegDatasetOptions) options = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *assignment = NULL;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (column != NULL);

  if (self->dataset == NULL || self->paths == NULL)
    return;
  options = seg_dataset_options_copy (seg_dataset_get_options (self->dataset));
  quoted = seg_expr_quote_name (column);
  assignment = g_strdup_printf ("total_spent = %s", quoted);
  seg_dataset_options_add_derive (options, assignment);
  seg_window_load_with_options (self, options, (const char * const *) self->paths);
}

const char *
seg_window_get_colour_by (SegWindow *self)
{
  const SegSegmentation *seg;

  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);

  /* The preference, unless this result lacks it: then what the charts use. */
  if (self->result == NULL || (seg = colour_segmentation (self)) == NULL)
    return self->colour_by;
  return seg->method;
}

void
seg_window_set_colour_by (SegWindow  *self,
                          const char *method)
{
  const char *m;

  g_return_if_fail (SEG_IS_WINDOW (self));

  m = method_from_setting (method);
  if (g_strcmp0 (self->colour_by, m) == 0)
    return;
  g_free (self->colour_by);
  self->colour_by = g_strdup (m);
  /* the key moves the dropdown (bind_colour_dropdown ()) */
  for (guint i = 0; i < G_N_ELEMENTS (colour_choices); i++)
    if (g_strcmp0 (colour_choices[i].method, m) == 0)
      g_settings_set_string (self->settings, "colour-by", colour_choices[i].setting);
  seg_window_update_export_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), seg_window_properties[SEG_WINDOW_PROP_COLOUR_BY]);
}

int
seg_window_get_highlight (SegWindow   *self,
                          const char **method)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), -1);

  if (method)
    *method = self->highlight_method;
  return self->highlight;
}

void
seg_window_set_highlight (SegWindow  *self,
                          const char *method,
                          int         group)
{
  g_return_if_fail (SEG_IS_WINDOW (self));

  if (group < 0)
    method = NULL;
  if (group == self->highlight && g_strcmp0 (method, self->highlight_method) == 0)
    return;
  self->highlight = group < 0 ? -1 : group;
  g_free (self->highlight_method);
  self->highlight_method = g_strdup (method);
  g_object_notify_by_pspec (G_OBJECT (self), seg_window_properties[SEG_WINDOW_PROP_HIGHLIGHT]);
}

const char *
seg_window_get_persona_name (SegWindow *self,
                             guint      cluster)
{
  const SegClusters *clusters;

  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);

  if (cluster < self->persona_names->len && g_ptr_array_index (self->persona_names, cluster))
    return g_ptr_array_index (self->persona_names, cluster);
  clusters = self->result ? seg_result_get_clusters (self->result) : NULL;
  if (clusters && seg_clusters_get_names (clusters) && cluster < seg_clusters_get_k (clusters))
    return seg_clusters_get_names (clusters)[cluster];
  return NULL;
}

const char *
seg_window_get_persona_action (SegWindow *self,
                               guint      cluster)
{
  const SegClusters *clusters;

  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);

  if (cluster < self->persona_actions->len && g_ptr_array_index (self->persona_actions, cluster))
    return g_ptr_array_index (self->persona_actions, cluster);
  clusters = self->result ? seg_result_get_clusters (self->result) : NULL;
  if (clusters && seg_clusters_get_actions (clusters) && cluster < seg_clusters_get_k (clusters))
    return seg_clusters_get_actions (clusters)[cluster];
  return NULL;
}

void
seg_window_set_persona (SegWindow  *self,
                        guint       cluster,
                        const char *name,
                        const char *action)
{
  g_return_if_fail (SEG_IS_WINDOW (self));

  if (cluster >= self->persona_names->len)
    return;
  /* an entry filled with the name it already shows changes nothing */
  if ((name == NULL || g_strcmp0 (name, seg_window_get_persona_name (self, cluster)) == 0) &&
      (action == NULL || g_strcmp0 (action, seg_window_get_persona_action (self, cluster)) == 0))
    return;
  if (name)
    {
      g_free (g_ptr_array_index (self->persona_names, cluster));
      g_ptr_array_index (self->persona_names, cluster) = g_strdup (name);
    }
  if (action)
    {
      g_free (g_ptr_array_index (self->persona_actions, cluster));
      g_ptr_array_index (self->persona_actions, cluster) = g_strdup (action);
    }
  seg_window_file_changed (self);
}

void
seg_window_present_dashboard (SegWindow *self)
{
  g_return_if_fail (SEG_IS_WINDOW (self));

  if (self->result == NULL)
    return;
  if (self->presentation == NULL)
    {
      self->presentation = seg_presentation_new (self);
      g_object_add_weak_pointer (G_OBJECT (self->presentation), (gpointer *) &self->presentation);
    }
  gtk_window_present (GTK_WINDOW (self->presentation));
}

GtkWindow *
seg_window_get_presentation (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  return self->presentation ? GTK_WINDOW (self->presentation) : NULL;
}
