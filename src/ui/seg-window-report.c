/* seg-window-report.c — Export ▸ Report (PDF)… and Export ▸ Excel Workbook…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file chooser (with the paper size as a choice for the report), then
 * seg_report_write_async () or seg_xlsx_write_async () on a worker thread:
 * the window stays responsive, a toast shows the progress with a Cancel
 * button, and the persona names and actions edited in the window go into
 * the file.  The state lives on the window as object data, so SegWindow's
 * struct does not change for it.
 */
#define G_LOG_DOMAIN "seg-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "seg-report.h"
#include "seg-window-private.h"
#include "seg-window-report.h"
#include "seg-xlsx.h"

#define STATE_KEY "seg-window-report"

typedef struct
{
  GtkFileChooserNative *chooser;
  gboolean              xlsx;          /* what the chooser or the worker is for */
  GCancellable         *cancellable;   /* of the running export, NULL when idle */
  AdwToast             *toast;         /* its progress */
  gint64                toast_added;   /* when it was shown (monotonic µs) */
  AdwToast             *done_toast;    /* "Saved …", "Export cancelled" */
  gint64                done_added;    /* when it starts to show */
  char                 *path;
  char                 *last_export;
} ExportState;

static void
export_state_free (ExportState *s)
{
  if (s->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (s->chooser));
  g_clear_object (&s->chooser);
  if (s->cancellable)
    g_cancellable_cancel (s->cancellable);
  g_clear_object (&s->cancellable);
  g_clear_object (&s->toast);
  g_clear_object (&s->done_toast);
  g_free (s->path);
  g_free (s->last_export);
  g_free (s);
}

static ExportState *
state_of (SegWindow *self)
{
  ExportState *s = g_object_get_data (G_OBJECT (self), STATE_KEY);

  if (s == NULL)
    {
      s = g_new0 (ExportState, 1);
      g_object_set_data_full (G_OBJECT (self), STATE_KEY, s, (GDestroyNotify) export_state_free);
    }
  return s;
}

static void
update_actions (SegWindow *self)
{
  ExportState *s = state_of (self);
  gboolean can = seg_window_get_result (self) != NULL && s->cancellable == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-export", s->cancellable != NULL);
}

static void
result_changed_cb (SegWindow  *self,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  update_actions (self);
}

/* --- the worker ------------------------------------------------------------- */

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  SegWindow *self = user_data;
  ExportState *s = state_of (self);
  g_autofree char *title = NULL;

  if (s->toast == NULL || s->cancellable == NULL)
    return;
  title = g_strdup_printf (s->xlsx ? _("Writing the workbook — %d %%") : _("Writing the report — %d %%"),
                           (int) floor (CLAMP (fraction, 0.0, 1.0) * 100.0));
  adw_toast_set_title (s->toast, title);
}

/* libadwaita 1.2 frees a toast's state when its hide animation ends, but
 * leaves its show animation's "done" handler connected: a toast dismissed
 * before it has finished coming in (300 ms, 500 ms when it replaces one)
 * is read after it was freed when that animation ends or is skipped,
 * and the window crashes (fixed upstream in 1.3, commit 1674ebc9,
 * "toast-overlay: Prevent show_done from firing after hide_done").  A
 * small report is written in less time than that, so the toasts an export
 * dismisses go no sooner than this after they began to show.  Seen as a
 * crash of tests/ui/test-export-report.c in g_object_unref () under
 * adw_animation_skip (), with MALLOC_PERTURB_ and a busy machine. */
#define TOAST_SHOWN_US (800 * G_TIME_SPAN_MILLISECOND)

static gboolean
dismiss_cb (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

/* Dismisses @toast, shown since @shown, once it has been shown long
 * enough; returns when that is (monotonic µs): a toast queued behind it
 * starts coming in then. */
static gint64
dismiss_when_shown (AdwToast *toast,
                    gint64    shown)
{
  gint64 now = g_get_monotonic_time ();

  if (now - shown >= TOAST_SHOWN_US)
    {
      adw_toast_dismiss (toast);
      return now;
    }
  g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((shown + TOAST_SHOWN_US - now) / G_TIME_SPAN_MILLISECOND) + 1,
                      dismiss_cb, g_object_ref (toast), g_object_unref);
  return shown + TOAST_SHOWN_US;
}

static void
written_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(SegWindow) self = user_data;
  ExportState *s = state_of (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = s->xlsx ? seg_xlsx_write_finish (res, &error) : seg_report_write_finish (res, &error);
  gint64 gone = g_get_monotonic_time ();

  if (s->toast != NULL)
    gone = dismiss_when_shown (s->toast, s->toast_added);
  g_clear_object (&s->toast);
  g_clear_object (&s->cancellable);
  update_actions (self);
  g_clear_object (&s->done_toast);
  if (ok)
    {
      g_autofree char *name = g_path_get_basename (s->path);
      g_autofree char *title = g_strdup_printf (_("Saved “%s”"), name);
      g_free (s->last_export);
      s->last_export = g_strdup (s->path);
      s->done_toast = adw_toast_new (title);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    s->done_toast = adw_toast_new (_("Export cancelled"));
  if (s->done_toast != NULL)
    {
      /* queued behind the progress toast until that one goes */
      adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (s->done_toast));
      s->done_added = gone;
    }
  else
    seg_window_show_error (self, s->xlsx ? _("Could not write the workbook") : _("Could not write the report"),
                           error);
}

static void
start_export (SegWindow  *self,
              const char *path,
              SegPaper    paper)
{
  ExportState *s = state_of (self);
  SegResult *result = seg_window_get_result (self);
  const SegSegmentation *kmeans = result ? seg_result_get_kmeans (result) : NULL;
  guint k = kmeans ? kmeans->n_segments : 0;
  g_autofree const char **names = g_new0 (const char *, MAX (k, 1));
  g_autofree const char **actions = g_new0 (const char *, MAX (k, 1));
  SegReportOptions options;
  gint64 shown = g_get_monotonic_time ();   /* when the progress toast comes in */

  if (result == NULL)
    return;
  seg_report_options_init (&options);
  options.paper = paper;
  for (guint i = 0; i < k; i++)
    {
      names[i] = seg_window_get_persona_name (self, i);
      actions[i] = seg_window_get_persona_action (self, i);
    }
  options.persona_names = names;
  options.persona_actions = actions;
  options.n_personas = k;

  g_free (s->path);
  s->path = g_strdup (path);
  s->cancellable = g_cancellable_new ();
  /* the last export's toast gives way (a toast shown twice trips libadwaita 1.2) */
  if (s->done_toast != NULL)
    shown = dismiss_when_shown (s->done_toast, s->done_added);
  g_clear_object (&s->done_toast);
  s->toast = adw_toast_new (s->xlsx ? _("Writing the workbook…") : _("Writing the report…"));
  adw_toast_set_timeout (s->toast, 0);
  adw_toast_set_button_label (s->toast, _("_Cancel"));
  adw_toast_set_action_name (s->toast, "win.cancel-export");
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (s->toast));
  s->toast_added = shown;
  update_actions (self);
  /* the callback holds the window, so progress never outlives it */
  if (s->xlsx)
    seg_xlsx_write_async (result, &options, path, s->cancellable, progress_cb, self, written_cb,
                          g_object_ref (self));
  else
    seg_report_write_async (result, &options, path, s->cancellable, progress_cb, self, written_cb,
                            g_object_ref (self));
}

/* --- the file chooser ------------------------------------------------------- */

/* The paper chosen in the file chooser.  The portal hands choices back to
 * the GtkFileChooserNative; GTK 4.8's own dialog (outside a sandbox) does
 * not, so the dialog, still open during the response, is asked first. */
static const char *
paper_choice (SegWindow            *self,
              GtkFileChooserNative *chooser)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_window_get_transient_for (GTK_WINDOW (w)) == GTK_WINDOW (self) &&
          gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (w), "paper") != NULL)
        return gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (w), "paper");
    }
  return gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "paper");
}

static void
chooser_response_cb (SegWindow            *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  ExportState *s = state_of (self);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  SegPaper paper = seg_paper_from_locale ();

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    {
      const char *ext = s->xlsx ? ".xlsx" : ".pdf";

      if (!s->xlsx)
        seg_paper_parse (paper_choice (self, chooser), &paper);
      if (!g_str_has_suffix (path, ext))
        {
          char *with = g_strconcat (path, ext, NULL);
          g_free (path);
          path = with;
        }
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&s->chooser);
  if (path != NULL)
    start_export (self, path, paper);
}

static char *
suggested_name (SegWindow *self,
                gboolean   xlsx)
{
  SegResult *result = seg_window_get_result (self);
  SegDataset *ds = result ? seg_result_get_dataset (result) : NULL;
  g_autofree char *dataset = NULL;

  if (ds != NULL && seg_dataset_get_n_inputs (ds) > 0)
    {
      g_autofree char *dir = g_path_get_dirname (seg_table_get_path (seg_dataset_get_input (ds, 0)->table));
      g_autofree char *abs = g_canonicalize_filename (dir, NULL);
      dataset = g_path_get_basename (abs);
    }
  /* the file name a user would type: "fintech report.pdf", "fintech.xlsx" */
  if (dataset == NULL || g_str_equal (dataset, "/") || g_str_equal (dataset, "."))
    return g_strdup (xlsx ? _("Segments.xlsx") : _("Segmentation report.pdf"));
  return g_strdup_printf (xlsx ? _("%s segments.xlsx") : _("%s report.pdf"), dataset);
}

static void
run_chooser (SegWindow *self,
             gboolean   xlsx)
{
  ExportState *s = state_of (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (s->chooser != NULL || s->cancellable != NULL || seg_window_get_result (self) == NULL)
    return;
  s->xlsx = xlsx;
  s->chooser = gtk_file_chooser_native_new (xlsx ? _("Export Excel Workbook") : _("Export Report"),
                                            GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                            _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (s->chooser), TRUE);
  gtk_file_filter_set_name (filter, xlsx ? _("Excel workbooks") : _("PDF documents"));
  gtk_file_filter_add_suffix (filter, xlsx ? "xlsx" : "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (s->chooser), filter);
  name = suggested_name (self, xlsx);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (s->chooser), name);
  if (!xlsx)
    {
      const char *ids[] = { "a4", "letter", NULL };
      const char *labels[] = { _("A4"), _("Letter"), NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (s->chooser), "paper", _("Paper"), ids, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (s->chooser), "paper",
                                   seg_paper_to_string (seg_paper_from_locale ()));
    }
  g_signal_connect_swapped (s->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (s->chooser));
}

static void
export_report_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  run_chooser (SEG_WINDOW (widget), FALSE);
}

static void
export_xlsx_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  run_chooser (SEG_WINDOW (widget), TRUE);
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  ExportState *s = state_of (SEG_WINDOW (widget));

  if (s->cancellable != NULL)
    g_cancellable_cancel (s->cancellable);
}

/* --- public ------------------------------------------------------------------- */

void
seg_window_report_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-xlsx", NULL, export_xlsx_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-export", NULL, cancel_export_action);
}

void
seg_window_report_init (SegWindow *self)
{
  state_of (self);
  g_signal_connect (self, "notify::result", G_CALLBACK (result_changed_cb), NULL);
  update_actions (self);
}

void
seg_window_report_dispose (SegWindow *self)
{
  ExportState *s = g_object_get_data (G_OBJECT (self), STATE_KEY);

  if (s == NULL)
    return;
  if (s->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (s->chooser));
  g_clear_object (&s->chooser);
  if (s->cancellable)
    g_cancellable_cancel (s->cancellable);
}

gboolean
seg_window_report_is_running (SegWindow *self)
{
  ExportState *s = g_object_get_data (G_OBJECT (self), STATE_KEY);

  return s != NULL && s->cancellable != NULL;
}

const char *
seg_window_report_get_last_path (SegWindow *self)
{
  ExportState *s = g_object_get_data (G_OBJECT (self), STATE_KEY);

  return s != NULL ? s->last_export : NULL;
}
