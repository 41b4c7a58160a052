/* seg-job.c — one way to run engine work on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-job"

#include "config.h"

#include "seg-job.h"
#include "seg-parallel.h"
#include "seg-progress.h"

/* The GTask lives in the caller's thread only: it is made, returned and
 * finalised there, so GIO never frees a source or a signal closure in a
 * thread other than the one that made it (g_task_run_in_thread () connects
 * to the cancellable's "cancelled" signal in the caller and disconnects in
 * the worker, and returns through an idle made in the worker).  The worker
 * gets the Job from a GThreadPool of our own and hands the value back
 * through one idle in the caller's context, where the task returns it. */
typedef struct
{
  SegJobFunc        func;
  gpointer          data;
  GDestroyNotify    data_free;
  GDestroyNotify    result_free;
  SegProgressRelay *relay;     /* NULL: no progress asked for */
  GAsyncReadyCallback callback;
  gpointer          user_data;
  GCancellable     *cancellable;
  GMainContext     *context;   /* the caller's */
  GTask            *task;      /* held until the worker's value is returned */
  /* set by the worker before it hands the job back */
  gpointer          value;
  GError           *error;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_pointer (&job->relay, seg_progress_relay_unref);
  g_clear_object (&job->cancellable);
  g_main_context_unref (job->context);
  g_free (job);
}

/* In the caller's context, once the worker is done with the job. */
static gboolean
job_return_cb (gpointer user_data)
{
  Job *job = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&job->task);

  if (job->error != NULL)
    {
      if (job->value != NULL && job->result_free != NULL)
        job->result_free (job->value);
      g_task_return_error (task, g_steal_pointer (&job->error));
    }
  else if (job->value == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", "job returned no value");
  else
    g_task_return_pointer (task, g_steal_pointer (&job->value), job->result_free);
  return G_SOURCE_REMOVE;
}

static void
job_thread (gpointer data,
            gpointer user_data)
{
  Job *job = data;
  g_autoptr(GSource) source = NULL;

  seg_parallel_worker_enter ();   /* the window's main loop comes first */
  job->value = job->func (job->data, job->cancellable, job->relay ? seg_progress_relay_report : NULL,
                          job->relay, &job->error);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[segmenta] job return");
  g_source_set_callback (source, job_return_cb, job, NULL);
  g_source_attach (source, job->context);
}

/* One pool for every job, with as many threads as jobs running: a job may
 * wait for another (GTask's own pool grows for the same reason). */
static GThreadPool *
get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (job_thread, NULL, -1, FALSE, NULL));
  return pool;
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
  GTask *task;
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
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->context = g_main_context_ref_thread_default ();
  task = g_task_new (NULL, cancellable, job_done_cb, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, !lasting);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  job->task = task;   /* the job's reference, dropped in job_return_cb () */
  g_thread_pool_push (get_pool (), job, NULL);
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
