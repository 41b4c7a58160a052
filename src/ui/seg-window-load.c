/* seg-window-load.c — SegWindow's loads: read, read for review, build
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "seg-error.h"
#include "seg-job.h"
#include "seg-source.h"
#include "seg-tables.h"
#include "seg-window-private.h"

typedef struct
{
  SegWindow *self;       /* strong: kept alive until the job ends */
  guint      serial;
  char     **paths;
  /* build jobs */
  GPtrArray *files;      /* SegImportFile* */
  SegDatasetOptions *options;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_strfreev (job->paths);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->options, seg_dataset_options_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static gboolean
markers_wanted (void)
{
  return g_strcmp0 (g_getenv ("SEGMENTA_TEST_MARKERS"), "1") == 0;
}

void
seg_window_set_progress (SegWindow  *self,
              double      fraction,
              const char *message)
{
  g_autofree char *text = NULL;
  int percent = (int) floor (CLAMP (fraction, 0.0, 1.0) * 100.0);

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  text = g_strdup_printf ("%s — %d %%", message ? message : _("Loading"), percent);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static Job *
begin_job (SegWindow          *self,
           const char * const *paths,
           const char         *message)
{
  Job *job = g_new0 (Job, 1);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->serial++;
  g_strfreev (self->loading_paths);
  self->loading_paths = g_strdupv ((char **) paths);

  job->self = g_object_ref (self);
  job->serial = self->serial;
  job->paths = g_strdupv ((char **) paths);

  seg_window_set_progress (self, 0.0, message);
  gtk_spinner_start (self->progress_spinner);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", TRUE);
  return job;
}

/* Is @job still the newest load?  If so it ends now. */
static gboolean
end_job (Job *job)
{
  SegWindow *self = job->self;

  if (job->serial != self->serial)
    return FALSE;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loading_paths, g_strfreev);
  gtk_spinner_stop (self->progress_spinner);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  seg_import_view_set_busy (self->import_view, FALSE);
  return TRUE;
}

/* --- progress from workers ------------------------------------------------- */

/* The engine's jobs report in the main context, never after they end. */
static void
load_progress_cb (double      fraction,
                  const char *message,
                  gpointer    user_data)
{
  SegWindow *self = user_data;

  if (self->cancellable != NULL)
    seg_window_set_progress (self, fraction, message);
}

static void
print_marker (const char *marker)
{
  if (markers_wanted ())
    {
      printf ("%s\n", marker);
      fflush (stdout);
    }
}

/* A cancelled job only says so; a failed one shows why. */
static void
report_failure (SegWindow    *self,
                const char   *title,
                const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    print_marker ("CANCELLED");
  else
    seg_window_show_error (self, title, error);
}

/* --- reading for review (when detection could not decide) ------------------ */

static void
read_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  SegWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) guesses = NULL;
  g_autoptr(GPtrArray) tables = seg_tables_read_finish (res, &guesses, &error);

  if (!end_job (job))
    return;
  if (tables == NULL)
    {
      report_failure (self, _("Could Not Open the Files"), error);
      return;
    }
  seg_import_view_clear (self->import_view);
  for (guint i = 0; i < tables->len; i++)
    seg_import_view_add_table (self->import_view, g_ptr_array_index (tables, i),
                               &g_array_index (guesses, SegRoleGuess, i));
  g_strfreev (self->import_paths);
  self->import_paths = g_strdupv (job->paths);
  seg_window_show_import (self);
  print_marker ("IMPORT");
}

static void
start_read_for_review (SegWindow          *self,
                       const char * const *paths)
{
  Job *job = begin_job (self, paths, _("Reading"));

  seg_tables_read_async (paths, self->cancellable, load_progress_cb, self, read_done_cb, job);
}

/* --- loading --------------------------------------------------------------- */

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  SegWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) dataset = seg_dataset_load_finish (result, &error);

  if (!end_job (job))
    return;   /* a newer load replaced this one */
  if (dataset == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        print_marker ("CANCELLED");
      else if (g_error_matches (error, SEG_ERROR, SEG_ERROR_ROLE))
        start_read_for_review (self, (const char * const *) job->paths);
      else
        seg_window_show_error (self, _("Could Not Open the Files"), error);
      return;
    }
  seg_import_view_set_dataset (self->import_view, dataset);
  seg_window_set_dataset (self, dataset, (const char * const *) job->paths);
  if (seg_dataset_is_confident (dataset))
    adw_view_stack_set_visible_child_name (self->data_stack, "customers");
  else
    seg_window_show_import (self);
}

void
seg_window_open_paths (SegWindow          *self,
                       const char * const *paths)
{
  g_autoptr(SegDatasetOptions) options = NULL;
  Job *job;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  if (seg_window_file_open_paths (self, paths))
    return;   /* a .segmenta analysis file */
  options = seg_dataset_options_new ();
  /* a log of millions of rows is streamed, not kept: the import view shows its first rows */
  seg_dataset_options_set_streaming (options, SEG_DATASET_STREAM_MIN_BYTES);
  for (guint i = 0; paths[i]; i++)
    seg_dataset_options_add_input (options, paths[i], SEG_FILE_ROLE_UNKNOWN);
  job = begin_job (self, paths, _("Reading"));
  seg_dataset_load_async (options, self->cancellable, load_progress_cb, self, load_done_cb, job);
}

void
seg_window_cancel_load (SegWindow *self)
{
  g_return_if_fail (SEG_IS_WINDOW (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  /* Forget the load now: the window is back where it was at once, and the
   * cancelled result, when it comes, is stale and dropped. */
  self->serial++;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loading_paths, g_strfreev);
  gtk_spinner_stop (self->progress_spinner);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  seg_import_view_set_busy (self->import_view, FALSE);
  print_marker ("CANCELLED");
}

/* --- building from the import view ------------------------------------------ */

/* On the worker: the files as the import view has them, then the dataset. */
static gpointer
build_job (gpointer         data,
           GCancellable    *cancellable,
           SegProgressFunc  progress,
           gpointer         progress_data,
           GError         **error)
{
  Job *job = data;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_table_unref);

  for (guint i = 0; i < job->files->len; i++)
    {
      SegTable *table = seg_import_file_materialize (g_ptr_array_index (job->files, i), cancellable,
                                                     progress, progress_data, error);
      if (table == NULL)
        return NULL;
      g_ptr_array_add (tables, table);
    }
  return seg_dataset_build (tables, job->options, cancellable, progress, progress_data, error);
}

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  SegWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) dataset = seg_job_run_finish (result, build_job, &error);

  if (!end_job (job))
    return;
  if (dataset == NULL)
    {
      report_failure (self, _("Could Not Build the Customer Table"), error);
      return;
    }
  seg_window_set_dataset (self, dataset, (const char * const *) job->paths);
  adw_view_stack_set_visible_child_name (self->data_stack, "customers");
}

void
seg_window_start_build (SegWindow *self)
{
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_auto(GStrv) path_list = NULL;
  g_auto(GStrv) maps = NULL;
  g_autoptr(GPtrArray) files = seg_import_view_dup_files (self->import_view);
  SegDatasetOptions *options;
  Job *job;

  if (files->len == 0)
    return;
  options = self->dataset ? seg_dataset_options_copy (seg_dataset_get_options (self->dataset))
                          : seg_dataset_options_new ();
  maps = seg_import_view_dup_maps (self->import_view);
  for (guint i = 0; maps[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      if (!seg_dataset_options_add_map (options, maps[i], &error))
        g_warning ("%s", error->message);
    }
  for (guint i = 0; i < files->len; i++)
    g_strv_builder_add (paths, ((SegImportFile *) g_ptr_array_index (files, i))->path);
  path_list = g_strv_builder_end (paths);

  job = begin_job (self, (const char * const *) path_list, _("Building the customer table"));
  job->files = g_steal_pointer (&files);
  job->options = options;
  seg_import_view_set_busy (self->import_view, TRUE);
  /* the job outlives the worker: build_done_cb frees it */
  seg_job_run_async (build_job, job, NULL, (GDestroyNotify) seg_dataset_unref, build_job, self->cancellable,
                     load_progress_cb, self, build_done_cb, job);
}

/* Loads @paths again with @options (e.g. another as-of date). */
void
seg_window_load_with_options (SegWindow               *self,
                              const SegDatasetOptions *options,
                              const char * const      *paths)
{
  g_autoptr(SegDatasetOptions) copy = NULL;
  Job *job;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (options != NULL && paths != NULL && paths[0] != NULL);

  copy = seg_dataset_options_copy (options);
  job = begin_job (self, paths, _("Reading"));
  seg_dataset_load_async (copy, self->cancellable, load_progress_cb, self, load_done_cb, job);
}
