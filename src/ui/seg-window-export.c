/* seg-window-export.c — SegWindow's exports: every chart, the customers, one
 * CSV per segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export reads the result shown (never another one) and writes on a
 * worker, one file at a time and each atomically, so the window keeps
 * responding; its progress shows in the header bar and Escape (or a newer
 * load) stops it between two files.  The synchronous functions run the same
 * code on the calling thread.
 *
 * Charts are exported with the parameters of the chart on screen (its
 * colour-by, box-plot feature, biplot, threshold) and the export style of
 * seg_dashboard_export (): Export All and a card's "Export" draw a chart
 * the same way, so they write the same file.
 */
#define G_LOG_DOMAIN "seg-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seg-chart-view.h"
#include "seg-csv-writer.h"
#include "seg-error.h"
#include "seg-job.h"
#include "seg-publish.h"
#include "seg-window-private.h"

static const struct
{
  int         width, height;
  const char *label;
} export_sizes[] = {
  { 1600, 1000, N_("1600 × 1000 (reports, slides)") },
  { 1920, 1080, N_("1920 × 1080 (full HD screen)") },
  { 1000,  625, N_("1000 × 625 (web page)") },
  { 3200, 2000, N_("3200 × 2000 (print)") },
};

static const char *const export_formats[] = { "png", "svg", "pdf" };

typedef struct
{
  SegWindowExport kind;
  SegResult      *result;
  char           *path;            /* a file (customers) or a folder */
  SegChartFormat  format;
  int             width, height;
  /* charts: the parameters of each kind (strings owned here) */
  SegChartParams  params[SEG_N_CHARTS];
  char           *colour_by[SEG_N_CHARTS];
  char           *feature[SEG_N_CHARTS];
  /* segments: the segmentation to split by */
  char           *method;
  GPtrArray      *written;         /* char* */
  /* progress, on the worker; NULL when run synchronously */
  SegProgressFunc progress;
  gpointer        progress_data;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->result, seg_result_unref);
  g_free (job->path);
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      g_free (job->colour_by[k]);
      g_free (job->feature[k]);
    }
  g_free (job->method);
  g_clear_pointer (&job->written, g_ptr_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

/* --- which chart, with which parameters --------------------------------------- */

static void
collect_views (GtkWidget   *widget,
               GHashTable  *seen,
               ExportJob   *job)
{
  if (SEG_IS_CHART_VIEW (widget))
    {
      SegChartView *view = SEG_CHART_VIEW (widget);
      SegChartKind kind = seg_chart_view_get_kind (view);
      SegChartParams p;

      /* the first view of a kind in the panes is the one a user reads */
      if (seg_chart_view_get_result (view) == job->result &&
          !g_hash_table_contains (seen, GUINT_TO_POINTER (kind)))
        {
          g_hash_table_add (seen, GUINT_TO_POINTER (kind));
          seg_chart_view_get_params (view, &p);
          g_free (job->colour_by[kind]);
          job->colour_by[kind] = g_strdup (p.colour_by);
          job->feature[kind] = g_strdup (p.feature);
          job->params[kind].biplot = p.biplot;
          job->params[kind].threshold = p.threshold;
        }
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_views (c, seen, job);
}

static void
chart_params_of_window (SegWindow *self,
                        ExportJob *job)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      seg_chart_params_init (&job->params[k]);
      job->colour_by[k] = g_strdup (seg_window_get_colour_by (self));
    }
  collect_views (GTK_WIDGET (self->pane_stack), seen, job);
  for (guint k = 0; k < SEG_N_CHARTS; k++)
    {
      job->params[k].colour_by = job->colour_by[k];
      job->params[k].feature = job->feature[k];
    }
}

/* --- the work (any thread) ---------------------------------------------------- */

/* Through the engine's progress relay (seg-job.h) when on a worker. */
static void
report (ExportJob  *job,
        double      fraction,
        const char *message)
{
  if (job->progress != NULL)
    job->progress (fraction, message, job->progress_data);
}

typedef struct
{
  SegChartKind          kind;
  const SegResult      *result;
  const SegChartParams *params;
  int                   width, height;
} ChartDraw;

/* What seg_dashboard_export () draws: the export style at this size. */
static void
chart_draw_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  const ChartDraw *d = user_data;
  SegChartStyle style;

  seg_dashboard_export_style (&style, SEG_CHART_THEME_LIGHT, d->width, d->height);
  seg_dashboard_render (d->kind, cr, width, height, d->result, d->params, &style);
}

static gboolean
export_charts (ExportJob     *job,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(SegPublish) pub = NULL;
  GPtrArray *paths;
  guint kinds[SEG_N_CHARTS], n = 0;

  for (guint k = 0; k < SEG_N_CHARTS; k++)
    if (seg_dashboard_available ((SegChartKind) k, job->result, &job->params[k], NULL))
      kinds[n++] = k;
  /* one set: every chart replaces its old file, or none does (a stopped
   * export leaves the folder as it was) */
  pub = seg_publish_new (job->path);
  for (guint i = 0; i < n; i++)
    {
      SegChartKind k = (SegChartKind) kinds[i];
      g_autofree char *name = g_strdup_printf ("%s.%s", seg_chart_kind_id (k),
                                               seg_chart_format_to_string (job->format));
      g_autofree char *message = g_strdup_printf (_("Exporting “%s”"), seg_chart_kind_title (k));
      ChartDraw d = { k, job->result, &job->params[k], job->width, job->height };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report (job, (double) i / n, message);
      if (!seg_chart_export_publish (pub, name, job->format, job->width, job->height, chart_draw_cb, &d, error))
        return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !seg_publish_commit (pub, error))
    return FALSE;
  paths = seg_publish_get_paths (pub);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (job->written, g_strdup (g_ptr_array_index (paths, i)));
  return TRUE;
}

static gboolean
export_customers (ExportJob     *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(SegTable) table = NULL;
  g_autoptr(GBytes) bytes = NULL;

  report (job, 0.1, _("Exporting the customers"));
  table = seg_result_build_customer_table_for_reading (job->result);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  bytes = seg_csv_format_table (table, NULL, 0);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report (job, 0.8, _("Exporting the customers"));
  if (!seg_publish_file (job->path, bytes, error))
    return FALSE;
  g_ptr_array_add (job->written, g_strdup (job->path));
  return TRUE;
}

/* "High-Value Customer" → "high-value-customer" */
static char *
file_stem (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "segment");
  return g_string_free (out, FALSE);
}

static gboolean
export_segments (ExportJob     *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const SegSegmentation *seg = seg_result_get_segmentation (job->result, job->method);
  g_autoptr(SegTable) table = NULL;
  g_autoptr(SegPublish) pub = NULL;
  GPtrArray *paths;
  guint64 n;

  if (seg == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT, _("There are no segments to export yet."));
      return FALSE;
    }
  /* one set: every segment's file replaces the old ones, or none does */
  pub = seg_publish_new (job->path);
  table = seg_result_build_customer_table_for_reading (job->result);
  n = seg_table_get_n_rows (table);
  for (guint s = 0; s < seg->n_segments; s++)
    {
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_autofree char *stem = file_stem (seg->segments[s].name);
      g_autofree char *name = g_strdup_printf ("%s-%s.csv", seg->method, stem);
      g_autofree char *message = g_strdup_printf (_("Exporting “%s”"), seg->segments[s].name);
      g_autoptr(GBytes) bytes = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report (job, (double) s / seg->n_segments, message);
      for (guint64 r = 0; r < n; r++)
        if (seg->labels[r] == s)
          g_array_append_val (rows, r);
      bytes = seg_csv_format_table (table, (const guint64 *) (void *) rows->data, rows->len);
      if (!seg_publish_add (pub, name, bytes, error))
        return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !seg_publish_commit (pub, error))
    return FALSE;
  paths = seg_publish_get_paths (pub);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (job->written, g_strdup (g_ptr_array_index (paths, i)));
  return TRUE;
}

static gboolean
export_run (ExportJob     *job,
            GCancellable  *cancellable,
            GError       **error)
{
  switch (job->kind)
    {
    case SEG_WINDOW_EXPORT_CHARTS:
      return export_charts (job, cancellable, error);
    case SEG_WINDOW_EXPORT_CUSTOMERS:
      return export_customers (job, cancellable, error);
    case SEG_WINDOW_EXPORT_SEGMENTS:
      return export_segments (job, cancellable, error);
    default:
      g_assert_not_reached ();
    }
}

/* On the worker: the files written, or NULL with @error set. */
static gpointer
export_job (gpointer         data,
            GCancellable    *cancellable,
            SegProgressFunc  progress,
            gpointer         progress_data,
            GError         **error)
{
  ExportJob *job = data;

  job->progress = progress;
  job->progress_data = progress_data;
  if (!export_run (job, cancellable, error))
    return NULL;
  return g_ptr_array_ref (job->written);
}

/* --- jobs from the window (main thread) --------------------------------------- */

static ExportJob *
export_job_new (SegWindow       *self,
                SegWindowExport  kind,
                const char      *path,
                const char      *format,
                int              width,
                int              height,
                GError         **error)
{
  g_autoptr(ExportJob) job = g_new0 (ExportJob, 1);

  if (self->result == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT, _("There is no analysis to export yet."));
      return NULL;
    }
  job->kind = kind;
  job->result = seg_result_ref (self->result);
  job->path = g_strdup (path);
  job->width = width > 0 ? width : 1600;
  job->height = height > 0 ? height : 1000;
  job->written = g_ptr_array_new_with_free_func (g_free);
  if (!seg_chart_format_from_string (format ? format : "png", &job->format))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("Unknown chart format “%s”: use png, svg or pdf"), format);
      return NULL;
    }
  if (kind == SEG_WINDOW_EXPORT_CHARTS)
    chart_params_of_window (self, job);
  job->method = g_strdup (seg_window_get_colour_by (self));
  return g_steal_pointer (&job);
}

static gboolean
export_sync (SegWindow        *self,
             SegWindowExport   kind,
             const char       *path,
             const char       *format,
             int               width,
             int               height,
             GPtrArray        *written,
             GError          **error)
{
  g_autoptr(ExportJob) job = export_job_new (self, kind, path, format, width, height, error);
  gboolean ok;

  if (job == NULL)
    return FALSE;
  ok = export_run (job, NULL, error);
  for (guint i = 0; written && i < job->written->len; i++)
    g_ptr_array_add (written, g_strdup (g_ptr_array_index (job->written, i)));
  return ok;
}

gboolean
seg_window_export_customers_csv (SegWindow   *self,
                                 const char  *path,
                                 GError     **error)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_sync (self, SEG_WINDOW_EXPORT_CUSTOMERS, path, NULL, 0, 0, NULL, error);
}

gboolean
seg_window_export_segment_csvs (SegWindow   *self,
                                const char  *dir,
                                GPtrArray   *written,
                                GError     **error)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  return export_sync (self, SEG_WINDOW_EXPORT_SEGMENTS, dir, NULL, 0, 0, written, error);
}

static void
end_export_ui (SegWindow *self)
{
  g_clear_object (&self->export_cancellable);
  if (self->cancellable == NULL && self->analysis_cancellable == NULL)
    {
      gtk_spinner_stop (self->progress_spinner);
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
    }
  seg_window_update_export_actions (self);
}

static void
export_task_done_cb (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  SegWindow *self = g_task_get_source_object (outer);
  GError *error = NULL;
  GPtrArray *written = seg_job_run_finish (res, export_job, &error);

  end_export_ui (self);
  if (written != NULL)
    g_task_return_pointer (outer, written, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (outer, error);
}

/* In the main context, never after the export ends. */
static void
export_progress_cb (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  SegWindow *self = user_data;

  if (self->export_cancellable != NULL)
    seg_window_set_progress (self, fraction, message);
}

void
seg_window_export_async (SegWindow           *self,
                         SegWindowExport      kind,
                         const char          *path,
                         const char          *format,
                         int                  width,
                         int                  height,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  GError *error = NULL;
  ExportJob *job;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, seg_window_export_async);
  g_task_set_check_cancellable (outer, FALSE);   /* files written are reported as written */
  if (self->export_cancellable != NULL)
    {
      g_task_return_new_error (outer, SEG_ERROR, SEG_ERROR_USAGE, _("An export is already running."));
      return;
    }
  job = export_job_new (self, kind, path, format, width, height, &error);
  if (job == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  self->export_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                             self->export_cancellable, G_CONNECT_SWAPPED);
  seg_window_set_progress (self, 0.0, _("Exporting"));
  gtk_spinner_start (self->progress_spinner);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", TRUE);
  seg_window_update_export_actions (self);

  /* @outer keeps the window, the progress callback's data, until the end */
  seg_job_run_lasting_async (export_job, job, (GDestroyNotify) export_job_free, (GDestroyNotify) g_ptr_array_unref,
                             export_job, self->export_cancellable, export_progress_cb, self,
                             export_task_done_cb, g_steal_pointer (&outer));
}

GPtrArray *
seg_window_export_finish (SegWindow     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
seg_window_is_exporting (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  return self->export_cancellable != NULL;
}

gboolean
seg_window_can_export (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  return self->result != NULL && self->export_cancellable == NULL;
}

void
seg_window_cancel_export (SegWindow *self)
{
  g_return_if_fail (SEG_IS_WINDOW (self));

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/* --- the export actions ------------------------------------------------------- */

/* "Rules", "RFM" or "Clusters": the grouping "One CSV per Segment" follows. */
const char *
seg_window_grouping_label (SegWindow *self)
{
  const char *method = seg_window_get_colour_by (self);

  if (g_strcmp0 (method, "rfm") == 0)
    return _("RFM segments");
  if (g_strcmp0 (method, "kmeans") == 0)
    return _("clusters");
  return _("rule segments");
}

static void
exported_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  SegWindow *self = SEG_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = seg_window_export_finish (self, res, &error);
  g_autofree char *message = NULL;

  if (written == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    seg_window_add_toast (self, _("The export was stopped"));
  else if (written == NULL)
    seg_window_show_error (self, _("Could Not Export"), error);
  else
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u file", "Exported %u files",
                                              written->len), written->len);
      seg_window_add_toast (self, message);
    }
}

static void
export_chooser_response_cb (SegWindow            *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    seg_window_export_async (self, self->export_chooser_kind, path,
                             export_formats[self->export_format],
                             export_sizes[self->export_size].width, export_sizes[self->export_size].height,
                             NULL, exported_cb, NULL);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->export_chooser);
}

static void
run_export_chooser (SegWindow       *self,
                    SegWindowExport  kind,
                    const char      *title,
                    gboolean         folder)
{
  if (self->export_chooser || self->export_cancellable || self->result == NULL)
    return;
  self->export_chooser_kind = kind;
  self->export_chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                                      folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                             : GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  if (!folder)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), "customers.csv");
  g_signal_connect_swapped (self->export_chooser, "response", G_CALLBACK (export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
charts_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           SegWindow        *self)
{
  GtkDropDown *format = g_object_get_data (G_OBJECT (dialog), "seg-format");
  GtkDropDown *size = g_object_get_data (G_OBJECT (dialog), "seg-size");

  if (g_strcmp0 (response, "choose") != 0)
    return;
  self->export_format = MIN (gtk_drop_down_get_selected (format), G_N_ELEMENTS (export_formats) - 1);
  self->export_size = MIN (gtk_drop_down_get_selected (size), G_N_ELEMENTS (export_sizes) - 1);
  run_export_chooser (self, SEG_WINDOW_EXPORT_CHARTS, _("Export All Charts to a Folder"), TRUE);
}

static GtkWidget *
labelled (const char *mnemonic,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

/* Export All asks for the format and the size, then the folder. */
GtkWindow *
seg_window_export_charts_dialog (SegWindow *self)
{
  const char *formats[] = { _("PNG image"), _("SVG drawing"), _("PDF document"), NULL };
  const char *sizes[G_N_ELEMENTS (export_sizes) + 1] = { NULL };
  GtkWidget *dialog, *box, *format, *size;

  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);

  if (self->result == NULL || self->export_cancellable != NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (export_sizes); i++)
    sizes[i] = _(export_sizes[i].label);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export All Charts"),
                                   _("Every chart of the dashboard, as it is shown, one file each."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  format = gtk_drop_down_new_from_strings (formats);
  size = gtk_drop_down_new_from_strings (sizes);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (format), self->export_format);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (size), self->export_size);
  gtk_box_append (GTK_BOX (box), labelled (_("_Format"), format));
  gtk_box_append (GTK_BOX (box), labelled (_("_Size (pixels)"), size));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "choose", _("_Choose Folder…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "seg-format", format);
  g_object_set_data (G_OBJECT (dialog), "seg-size", size);
  g_signal_connect (dialog, "response", G_CALLBACK (charts_dialog_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
export_charts_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  seg_window_export_charts_dialog (SEG_WINDOW (widget));
}

static void
export_customers_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  run_export_chooser (SEG_WINDOW (widget), SEG_WINDOW_EXPORT_CUSTOMERS,
                      _("Export Customers with Segments"), FALSE);
}

static void
export_segments_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);
  /* Translators: %s is "rule segments", "RFM segments" or "clusters" */
  g_autofree char *title = g_strdup_printf (_("Export One CSV per Segment — by %s"),
                                            seg_window_grouping_label (self));

  run_export_chooser (self, SEG_WINDOW_EXPORT_SEGMENTS, title, TRUE);
}

/* The menu item names the grouping it follows. */
static void
relabel_segments_item (GMenuModel *menu,
                       const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *action = NULL;

      if (section != NULL)
        {
          relabel_segments_item (section, label);
          continue;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_strcmp0 (action, "win.export-segments") == 0 && G_IS_MENU (menu))
        {
          g_autoptr(GMenuItem) item = g_menu_item_new_from_model (menu, i);

          g_menu_item_set_label (item, label);
          g_menu_remove (G_MENU (menu), i);
          g_menu_insert_item (G_MENU (menu), i, item);
          return;
        }
    }
}

void
seg_window_update_export_actions (SegWindow *self)
{
  gboolean can = seg_window_can_export (self);
  /* Translators: %s is "rule segments", "RFM segments" or "clusters" */
  g_autofree char *label = g_strdup_printf (_("Export One CSV _per Segment — by %s…"),
                                            seg_window_grouping_label (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-charts", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-customers", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-segments", can);
  if (self->export_menu != NULL)
    relabel_segments_item (G_MENU_MODEL (self->export_menu), label);
}

void
seg_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SegWindow, export_menu);
  gtk_widget_class_install_action (widget_class, "win.export-charts", NULL, export_charts_action);
  gtk_widget_class_install_action (widget_class, "win.export-customers", NULL, export_customers_action);
  gtk_widget_class_install_action (widget_class, "win.export-segments", NULL, export_segments_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-charts", NULL);
}

void
seg_window_export_dispose (SegWindow *self)
{
  if (self->export_cancellable)
    g_cancellable_cancel (self->export_cancellable);
  if (self->export_chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
}
