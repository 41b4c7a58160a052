/* seg-job.c — one way to run engine work on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-job"

#include "config.h"

#include "seg-job.h"
#include "seg-progress.h"

typedef struct
{
  SegJobFunc        func;
  gpointer          data;
  GDestroyNotify    data_free;
  GDestroyNotify    result_free;
  SegProgressRelay *relay;     /* NULL: no progress asked for */
  GAsyncReadyCallback callback;
  gpointer          user_data;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_pointer (&job->relay, seg_progress_relay_unref);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gpointer value = job->func (job->data, cancellable, job->relay ? seg_progress_relay_report : NULL,
                              job->relay, &error);

  if (error != NULL)
    {
      if (value != NULL && job->result_free != NULL)
        job->result_free (value);
      g_task_return_error (task, error);
    }
  else if (value == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", "job returned no value");
  else
    g_task_return_pointer (task, value, job->result_free);
}

/* In the caller's context: no progress after the job is over, then the
 * caller's callback. */
static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  if (job->relay != NULL)
    seg_progress_relay_close (job->relay);
  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
}

static void
run (SegJobFunc           func,
     gpointer             data,
     GDestroyNotify       data_free,
     GDestroyNotify       result_free,
     gpointer             source_tag,
     gboolean             lasting,
     GCancellable        *cancellable,
     SegProgressFunc      progress,
     gpointer             progress_data,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  if (progress != NULL)
    job->relay = seg_progress_relay_new (progress, progress_data);
  job->callback = callback;
  job->user_data = user_data;
  task = g_task_new (NULL, cancellable, job_done_cb, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, !lasting);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

void
seg_job_run_async (SegJobFunc           func,
                   gpointer             data,
                   GDestroyNotify       data_free,
                   GDestroyNotify       result_free,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   SegProgressFunc      progress,
                   gpointer             progress_data,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run (func, data, data_free, result_free, source_tag, FALSE, cancellable, progress, progress_data,
       callback, user_data);
}

void
seg_job_run_lasting_async (SegJobFunc           func,
                           gpointer             data,
                           GDestroyNotify       data_free,
                           GDestroyNotify       result_free,
                           gpointer             source_tag,
                           GCancellable        *cancellable,
                           SegProgressFunc      progress,
                           gpointer             progress_data,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run (func, data, data_free, result_free, source_tag, TRUE, cancellable, progress, progress_data,
       callback, user_data);
}

gpointer
seg_job_run_finish (GAsyncResult  *result,
                    gpointer       source_tag,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
