/* seg-window-file.c — Save Analysis, Open of a .segmenta file, Apply to New Data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-analysis-apply.h"
#include "seg-analysis-file.h"
#include "seg-migration-window.h"
#include "seg-migration.h"
#include "seg-window-file.h"
#include "seg-window-private.h"

struct _SegWindowFile
{
  char            *analysis_path;   /* of the analysis in view, or NULL */
  SegAnalysisFile *opened;          /* as opened or last saved */
  gboolean         unsaved;
  gboolean         saving;
  gboolean         applying;
  guint            restoring;       /* 1: the next result gets @pending_view; 2: being applied */
  SegAnalysisView  pending_view;
  char           **result_paths;    /* inputs of the last result */
  SegResult       *seen_result;     /* the last result seen */
  char            *colour_by;       /* as last seen */
  gboolean         close_after_save;
  gboolean         close_confirmed;
  GtkFileChooserNative *chooser;
  GtkWindow       *migration;       /* weak */
};

static SegWindowFile *
file_of (SegWindow *self)
{
  return self->file;
}

static gboolean
is_analysis_path (const char *path)
{
  return path != NULL && g_str_has_suffix (path, ".segmenta");
}

static void
set_unsaved (SegWindow *self,
             gboolean   unsaved)
{
  SegWindowFile *f = file_of (self);

  if (f->unsaved == unsaved)
    return;
  f->unsaved = unsaved;
  seg_window_refresh_title (self);
}

/* The view as the window shows it now. */
static void
window_view (SegWindow       *self,
             SegAnalysisView *view)
{
  guint k = self->persona_names ? self->persona_names->len : 0;

  view->colour_by = g_strdup (self->colour_by);
  view->pane = g_strdup (seg_window_get_visible_pane (self));
  if (k == 0)
    return;
  view->persona_names = g_new0 (char *, k + 1);
  view->persona_actions = g_new0 (char *, k + 1);
  for (guint l = 0; l < k; l++)
    {
      const char *n = g_ptr_array_index (self->persona_names, l);
      const char *a = l < self->persona_actions->len ? g_ptr_array_index (self->persona_actions, l) : NULL;
      view->persona_names[l] = g_strdup (n ? n : "");
      view->persona_actions[l] = g_strdup (a ? a : "");
    }
}

static void
update_actions (SegWindow *self)
{
  SegWindowFile *f = file_of (self);
  gboolean has = self->result != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-analysis", has && !f->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-analysis-as", has && !f->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.apply-new-data", has && !f->applying);
}

/* --- saving ---------------------------------------------------------------- */

static void
save_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(SegWindow) self = user_data;
  SegWindowFile *f = file_of (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(SegAnalysisFile) file = seg_analysis_file_save_result_finish (res, &error);

  f->saving = FALSE;
  update_actions (self);
  if (file == NULL)
    {
      f->close_after_save = FALSE;
      seg_window_show_error (self, _("Could Not Save the Analysis"), error);
      return;
    }
  g_free (f->analysis_path);
  f->analysis_path = g_strdup (seg_analysis_file_get_path (file));
  g_clear_pointer (&f->opened, seg_analysis_file_unref);
  f->opened = g_steal_pointer (&file);
  {
    const char *paths[] = { f->analysis_path, NULL };
    g_autofree char *base = g_path_get_basename (f->analysis_path);
    g_autofree char *msg = g_strdup_printf (_("Saved “%s”"), base);
    seg_window_add_recent (self, paths);
    seg_window_add_toast (self, msg);
  }
  set_unsaved (self, FALSE);
  if (f->close_after_save)
    {
      f->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

void
seg_window_save_analysis_to (SegWindow  *self,
                             const char *path)
{
  SegWindowFile *f;
  g_auto(SegAnalysisView) view = { 0 };
  g_autofree char *file_path = NULL;

  g_return_if_fail (SEG_IS_WINDOW (self) && path != NULL);
  f = file_of (self);
  if (self->result == NULL || f->saving)
    return;
  window_view (self, &view);
  file_path = is_analysis_path (path) ? g_strdup (path) : g_strconcat (path, ".segmenta", NULL);
  f->saving = TRUE;
  update_actions (self);
  seg_analysis_file_save_result_async (self->result, &view, file_path, NULL, save_done_cb, g_object_ref (self));
}

static void
save_as_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SegWindow       *self)
{
  SegWindowFile *f = file_of (self);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        seg_window_save_analysis_to (self, path);
    }
  else
    f->close_after_save = FALSE;
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&f->chooser);
}

static void
save_as (SegWindow *self)
{
  SegWindowFile *f = file_of (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (f->chooser != NULL || self->result == NULL)
    return;
  f->chooser = gtk_file_chooser_native_new (_("Save Analysis"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                            _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (f->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Segmenta analyses"));
  gtk_file_filter_add_mime_type (filter, "application/x-segmenta");
  gtk_file_filter_add_suffix (filter, "segmenta");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (f->chooser), filter);
  if (f->analysis_path != NULL)
    name = g_path_get_basename (f->analysis_path);
  else
    {
      stem = self->paths && self->paths[0] ? g_path_get_dirname (self->paths[0]) : NULL;
      name = g_strdup_printf ("%s.segmenta", stem ? g_path_get_basename (stem) : _("analysis"));
    }
  /* next to the analysis, else next to its data */
  {
    const char *near = f->analysis_path ? f->analysis_path : self->paths ? self->paths[0] : NULL;
    g_autofree char *dir = near ? g_path_get_dirname (near) : NULL;
    g_autoptr(GFile) folder = dir ? g_file_new_for_path (dir) : NULL;
    if (folder != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (f->chooser), folder, NULL);
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (f->chooser), name);
  g_signal_connect (f->chooser, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (f->chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);
  SegWindowFile *f = file_of (self);

  if (f->analysis_path != NULL)
    seg_window_save_analysis_to (self, f->analysis_path);
  else
    save_as (self);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (SEG_WINDOW (widget));
}

/* --- opening ------------------------------------------------------------------ */

static void check_inputs (SegWindow *self, SegAnalysisFile *file);

static void
proceed (SegWindow       *self,
         SegAnalysisFile *file)
{
  SegWindowFile *f = file_of (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDatasetOptions) options = seg_analysis_file_dataset_options (file, NULL, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  SegAnalysisOptions analysis;

  if (options == NULL || !seg_analysis_file_analysis_options (file, &analysis, &error))
    {
      seg_window_show_error (self, _("Could Not Open the Analysis"), error);
      return;
    }
  seg_dataset_options_set_streaming (options, SEG_DATASET_STREAM_MIN_BYTES);
  for (guint i = 0; i < seg_dataset_options_get_n_inputs (options); i++)
    g_strv_builder_add (builder, seg_dataset_options_get_input (options, i, NULL));
  paths = g_strv_builder_end (builder);
  seg_analysis_options_clear (&self->analysis_options);
  self->analysis_options = analysis;
  seg_analysis_view_clear (&f->pending_view);
  seg_analysis_view_copy (seg_analysis_file_get_view (file), &f->pending_view);
  f->restoring = TRUE;
  g_free (f->analysis_path);
  f->analysis_path = g_strdup (seg_analysis_file_get_path (file));
  g_clear_pointer (&f->opened, seg_analysis_file_unref);
  f->opened = seg_analysis_file_ref (file);
  {
    const char *recent[] = { f->analysis_path, NULL };
    seg_window_add_recent (self, recent);
  }
  seg_window_load_with_options (self, options, (const char * const *) paths);
}

typedef struct
{
  SegWindow       *self;
  SegAnalysisFile *file;
  guint            index;
} Locate;

static void
locate_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    Locate          *loc)
{
  SegWindowFile *f = file_of (loc->self);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        seg_analysis_file_relocate_input (loc->file, loc->index, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&f->chooser);
  if (response == GTK_RESPONSE_ACCEPT)
    check_inputs (loc->self, loc->file);
  seg_analysis_file_unref (loc->file);
  g_object_unref (loc->self);
  g_free (loc);
}

static void
locate (SegWindow       *self,
        SegAnalysisFile *file,
        guint            index)
{
  SegWindowFile *f = file_of (self);
  const SegSavedInput *in = seg_analysis_file_get_input (file, index);
  g_autofree char *base = g_path_get_basename (in->absolute_path ? in->absolute_path : in->stored_path);
  g_autofree char *title = g_strdup_printf (_("Locate “%s”"), base);
  Locate *loc;

  if (f->chooser != NULL)
    return;
  loc = g_new0 (Locate, 1);
  loc->self = g_object_ref (self);
  loc->file = seg_analysis_file_ref (file);
  loc->index = index;
  f->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                            _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (f->chooser), TRUE);
  g_signal_connect (f->chooser, "response", G_CALLBACK (locate_response_cb), loc);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (f->chooser));
}

static void
inputs_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SegWindow        *self)
{
  SegAnalysisFile *file = g_object_get_data (G_OBJECT (dialog), "analysis-file");

  if (g_str_equal (response, "rerun"))
    proceed (self, file);
  else if (g_str_equal (response, "locate"))
    for (guint i = 0; i < seg_analysis_file_get_n_inputs (file); i++)
      if (seg_analysis_file_get_input (file, i)->state == SEG_INPUT_MISSING)
        {
          locate (self, file, i);
          break;
        }
}

/* Changed and missing inputs are said, never passed over: re-run on the
 * changed data, or locate the missing files first. */
static void
check_inputs (SegWindow       *self,
              SegAnalysisFile *file)
{
  g_autoptr(GPtrArray) notes = seg_analysis_file_describe_inputs (file);
  g_autoptr(GString) body = g_string_new (NULL);
  gboolean missing = FALSE, changed = FALSE;
  GtkWidget *dialog;

  for (guint i = 0; i < seg_analysis_file_get_n_inputs (file); i++)
    {
      SegInputState s = seg_analysis_file_get_input (file, i)->state;
      missing |= s == SEG_INPUT_MISSING;
      changed |= s == SEG_INPUT_CHANGED;
    }
  if (!missing && !changed)
    {
      for (guint i = 0; i < notes->len; i++)
        seg_window_add_toast (self, g_ptr_array_index (notes, i));   /* moved: found elsewhere */
      proceed (self, file);
      return;
    }
  for (guint i = 0; i < notes->len; i++)
    g_string_append_printf (body, "%s• %s", i ? "\n" : "", (char *) g_ptr_array_index (notes, i));
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   missing ? _("Some Inputs Cannot Be Found") : _("Some Inputs Have Changed"),
                                   body->str);
  g_object_set_data_full (G_OBJECT (dialog), "analysis-file", seg_analysis_file_ref (file),
                          (GDestroyNotify) seg_analysis_file_unref);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (missing)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "locate", _("_Locate Files…"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "locate", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "locate");
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "rerun", _("_Re-run on Changed Data"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rerun", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rerun");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (inputs_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(SegWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SegAnalysisFile) file = seg_analysis_file_load_finish (res, &error);

  if (file == NULL)
    {
      seg_window_show_error (self, _("Could Not Open the Analysis"), error);
      return;
    }
  check_inputs (self, file);
}

void
seg_window_open_analysis (SegWindow  *self,
                          const char *path)
{
  g_return_if_fail (SEG_IS_WINDOW (self) && path != NULL);
  seg_analysis_file_load_async (path, NULL, load_done_cb, g_object_ref (self));
}

gboolean
seg_window_file_open_paths (SegWindow          *self,
                            const char * const *paths)
{
  for (guint i = 0; paths[i]; i++)
    if (is_analysis_path (paths[i]))
      {
        seg_window_open_analysis (self, paths[i]);
        return TRUE;
      }
  return FALSE;
}

/* --- apply to new data ---------------------------------------------------------- */

typedef struct
{
  SegWindow *self;     /* strong */
  char     **paths;
} ApplyJob;

static void
apply_job_free (ApplyJob *job)
{
  g_object_unref (job->self);
  g_strfreev (job->paths);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ApplyJob, apply_job_free)

static void
apply_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(ApplyJob) job = user_data;
  SegWindow *self = job->self;
  SegWindowFile *f = file_of (self);
  g_autoptr(GError) error = NULL;
  SegMigration *migration = seg_migration_compute_for_paths_finish (res, &error);
  g_autofree char *subtitle = NULL;
  SegMigrationWindow *window;

  f->applying = FALSE;
  update_actions (self);
  if (migration == NULL)
    {
      seg_window_show_error (self, _("Could Not Apply the Analysis to the New Data"), error);
      return;
    }
  subtitle = seg_window_describe_paths ((const char * const *) job->paths);
  window = seg_migration_window_new (GTK_WINDOW (self), subtitle, migration);
  if (f->migration != NULL)
    g_object_remove_weak_pointer (G_OBJECT (f->migration), (gpointer *) &f->migration);
  f->migration = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &f->migration);
  gtk_window_present (GTK_WINDOW (window));
}

void
seg_window_apply_to_paths (SegWindow          *self,
                           const char * const *paths)
{
  SegWindowFile *f;
  g_auto(SegAnalysisView) view = { 0 };
  SegAnalysisFile *saved = NULL;
  ApplyJob *job;

  g_return_if_fail (SEG_IS_WINDOW (self) && paths != NULL && paths[0] != NULL);
  f = file_of (self);
  if (self->result == NULL || f->applying)
    return;
  window_view (self, &view);
  /* the opened file's models are the ones in view unless something changed */
  if (f->opened != NULL && !f->unsaved)
    {
      saved = f->opened;
      seg_analysis_file_set_view (saved, &view);
    }
  job = g_new0 (ApplyJob, 1);
  job->self = g_object_ref (self);
  job->paths = g_strdupv ((char **) paths);
  f->applying = TRUE;
  update_actions (self);
  seg_window_add_toast (self, _("Scoring the new files with the saved models…"));
  seg_migration_compute_for_paths_async (saved, self->result, &view, paths, NULL, apply_done_cb, job);
}

static void
apply_response_cb (GtkNativeDialog *chooser,
                   int              response,
                   SegWindow       *self)
{
  SegWindowFile *f = file_of (self);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) paths = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);
          if (path != NULL)
            g_strv_builder_add (builder, path);
        }
      paths = g_strv_builder_end (builder);
      if (paths[0] != NULL)
        seg_window_apply_to_paths (self, (const char * const *) paths);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&f->chooser);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SegWindow *self = SEG_WINDOW (widget);
  SegWindowFile *f = file_of (self);
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();

  if (f->chooser != NULL || self->result == NULL)
    return;
  f->chooser = gtk_file_chooser_native_new (_("Apply to New Data"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                            _("_Apply"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (f->chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (f->chooser), TRUE);
  gtk_file_filter_set_name (tables, _("Tables (CSV, TSV, TXT)"));
  gtk_file_filter_add_mime_type (tables, "text/csv");
  gtk_file_filter_add_suffix (tables, "csv");
  gtk_file_filter_add_suffix (tables, "tsv");
  gtk_file_filter_add_suffix (tables, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (f->chooser), tables);
  g_signal_connect (f->chooser, "response", G_CALLBACK (apply_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (f->chooser));
}

/* --- unsaved changes ----------------------------------------------------------- */

static void
restore_view (SegWindow *self)
{
  SegWindowFile *f = file_of (self);
  SegAnalysisView *v = &f->pending_view;
  guint k = self->persona_names->len;
  guint n = v->persona_names ? g_strv_length (v->persona_names) : 0;
  guint na = v->persona_actions ? g_strv_length (v->persona_actions) : 0;

  for (guint l = 0; l < k; l++)
    {
      const char *name = l < n && *v->persona_names[l] ? v->persona_names[l] : NULL;
      const char *action = l < na && *v->persona_actions[l] ? v->persona_actions[l] : NULL;
      g_free (g_ptr_array_index (self->persona_names, l));
      g_ptr_array_index (self->persona_names, l) = g_strdup (name);
      g_free (g_ptr_array_index (self->persona_actions, l));
      g_ptr_array_index (self->persona_actions, l) = g_strdup (action);
    }
  if (v->colour_by != NULL)
    seg_window_set_colour_by (self, v->colour_by);
  if (v->pane != NULL)
    seg_window_show_pane (self, v->pane);
  /* panes that show persona names read them again */
  g_object_notify_by_pspec (G_OBJECT (self), seg_window_properties[SEG_WINDOW_PROP_RESULT]);
}

static void
result_changed_cb (SegWindow *self)
{
  SegWindowFile *f = file_of (self);

  update_actions (self);
  /* the same result notified again (e.g. by restore_view) is no change */
  if (self->result == NULL || self->result == f->seen_result)
    return;
  g_clear_pointer (&f->seen_result, seg_result_unref);
  f->seen_result = seg_result_ref (self->result);
  if (f->restoring)
    {
      f->restoring = 2;   /* restore_view notifies "result" again */
      restore_view (self);
      f->restoring = FALSE;
      seg_analysis_view_clear (&f->pending_view);
      set_unsaved (self, FALSE);
    }
  else if (f->result_paths != NULL && self->paths != NULL &&
           g_strv_equal ((const char * const *) f->result_paths, (const char * const *) self->paths))
    set_unsaved (self, TRUE);   /* the same data analysed again with other settings */
  else
    {
      /* other data: a new analysis, not yet saved anywhere */
      g_clear_pointer (&f->analysis_path, g_free);
      g_clear_pointer (&f->opened, seg_analysis_file_unref);
      set_unsaved (self, FALSE);
    }
  g_strfreev (f->result_paths);
  f->result_paths = g_strdupv (self->paths);
  g_free (f->colour_by);
  f->colour_by = g_strdup (self->colour_by);
}

static void
colour_by_changed_cb (SegWindow *self)
{
  SegWindowFile *f = file_of (self);

  if (self->result != NULL && !f->restoring && f->colour_by != NULL && g_strcmp0 (f->colour_by, self->colour_by) != 0)
    set_unsaved (self, TRUE);
  g_free (f->colour_by);
  f->colour_by = g_strdup (self->colour_by);
}

void
seg_window_file_changed (SegWindow *self)
{
  if (self->file != NULL && !self->file->restoring && self->result != NULL)
    set_unsaved (self, TRUE);
}

static gboolean
close_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SegWindow        *self)
{
  SegWindowFile *f = file_of (self);

  if (g_str_equal (response, "discard"))
    {
      /* after the dialog has finished with its parent */
      f->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    {
      f->close_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save-analysis", NULL);
    }
}

gboolean
seg_window_file_close_request (SegWindow *self)
{
  SegWindowFile *f = file_of (self);
  GtkWidget *dialog;

  if (!f->unsaved || f->close_confirmed || self->result == NULL)
    return FALSE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                   _("The analysis has changes that are not saved: persona names, settings or "
                                     "the colours. Save it to keep them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* --- public ---------------------------------------------------------------------- */

gboolean
seg_window_is_saving (SegWindow *self)
{
  return file_of (self)->saving;
}

gboolean
seg_window_is_applying (SegWindow *self)
{
  return file_of (self)->applying;
}

const char *
seg_window_get_analysis_path (SegWindow *self)
{
  return file_of (self)->analysis_path;
}

gboolean
seg_window_has_unsaved_changes (SegWindow *self)
{
  return self->file != NULL && self->file->unsaved;
}

GtkWindow *
seg_window_get_migration_window (SegWindow *self)
{
  return file_of (self)->migration;
}

void
seg_window_file_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-analysis", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-analysis-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.apply-new-data", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-analysis", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-analysis-as", NULL);
}

void
seg_window_file_init (SegWindow *self)
{
  self->file = g_new0 (SegWindowFile, 1);
  g_signal_connect (self, "notify::result", G_CALLBACK (result_changed_cb), NULL);
  g_signal_connect (self, "notify::colour-by", G_CALLBACK (colour_by_changed_cb), NULL);
  update_actions (self);
}

void
seg_window_file_dispose (SegWindow *self)
{
  SegWindowFile *f = self->file;

  if (f == NULL)
    return;
  if (f->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (f->chooser));
  g_clear_object (&f->chooser);
  if (f->migration != NULL)
    g_object_remove_weak_pointer (G_OBJECT (f->migration), (gpointer *) &f->migration);
  f->migration = NULL;
}

void
seg_window_file_finalize (SegWindow *self)
{
  SegWindowFile *f = self->file;

  if (f == NULL)
    return;
  g_free (f->analysis_path);
  g_clear_pointer (&f->opened, seg_analysis_file_unref);
  seg_analysis_view_clear (&f->pending_view);
  g_strfreev (f->result_paths);
  g_clear_pointer (&f->seen_result, seg_result_unref);
  g_free (f->colour_by);
  g_free (f);
  self->file = NULL;
}
