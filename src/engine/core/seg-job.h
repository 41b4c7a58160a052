/* seg-job.h — one way to run engine work on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every job the window starts runs through seg_job_run_async (): a worker
 * of one shared thread pool, a GTask that lives in the caller's thread with
 * the caller's GCancellable, and progress that reaches the
 * caller's main context through one SegProgressRelay (a mutex and at most
 * one pending idle; the latest fraction and message win).  The engine's
 * named pairs (seg_dataset_load_async (), seg_analysis_run_async (), …) are
 * built on it; a job made of several engine calls passes its own
 * SegJobFunc.  Parallel blocks inside a job use seg_parallel_blocks ()'s
 * shared thread pool.
 */
#pragma once

#include <gio/gio.h>

#include "seg-types.h"

G_BEGIN_DECLS

/* Runs on the worker.  @progress is NULL when the caller asked for none;
 * otherwise it may be called as often as the work likes, from this thread.
 * Returns: (transfer full) (nullable): the job's value, NULL with @error
 * set when it failed. */
typedef gpointer (*SegJobFunc) (gpointer         data,
                                GCancellable    *cancellable,
                                SegProgressFunc  progress,
                                gpointer         progress_data,
                                GError         **error);

/**
 * seg_job_run_async:
 * @func: (scope async): the work, run on a worker
 * @data: (closure func) (nullable): its data
 * @data_free: (destroy data) (nullable): frees @data once the job is over
 * @result_free: (nullable): frees a value nobody finished
 * @source_tag: identifies the job for seg_job_run_finish ()
 * @cancellable: (nullable): the caller's #GCancellable
 * @progress: (scope notified) (nullable): runs in the caller's
 *   thread-default main context, never after @callback
 * @progress_data: (closure progress): its data, alive until @callback
 * @callback: (scope async) (nullable): called when the job is over
 * @user_data: (closure callback): its data
 *
 * Runs @func (@data) on a worker.  @data_free and @result_free run in the
 * thread that started the job (its thread-default main context runs the
 * job's end).
 */
void     seg_job_run_async  (SegJobFunc           func,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             GDestroyNotify       result_free,
                             gpointer             source_tag,
                             GCancellable        *cancellable,
                             SegProgressFunc      progress,
                             gpointer             progress_data,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
/**
 * seg_job_run_lasting_async:
 * @func: (scope async): the work, run on a worker
 * @data: (closure func) (nullable): its data
 * @data_free: (destroy data) (nullable): frees @data once the job is over
 * @result_free: (nullable): frees a value nobody finished
 * @source_tag: identifies the job for seg_job_run_finish ()
 * @cancellable: (nullable): the caller's #GCancellable
 * @progress: (scope notified) (nullable): as for seg_job_run_async ()
 * @progress_data: (closure progress): its data, alive until @callback
 * @callback: (scope async) (nullable): called when the job is over
 * @user_data: (closure callback): its data
 *
 * The same as seg_job_run_async () for a job whose work cannot be taken
 * back, such as a file it writes: a cancel that comes after the job has
 * done its work leaves its value as it is, so that the caller says what was
 * really done ("Saved", with the file on disk) instead of "Cancelled"
 * beside a written file.  A job that sees the cancel in time still fails
 * with G_IO_ERROR_CANCELLED.  (seg_job_run_async () drops a late value: a
 * load cancelled at the last moment shows nothing new.)
 */
void     seg_job_run_lasting_async (SegJobFunc           func,
                                    gpointer             data,
                                    GDestroyNotify       data_free,
                                    GDestroyNotify       result_free,
                                    gpointer             source_tag,
                                    GCancellable        *cancellable,
                                    SegProgressFunc      progress,
                                    gpointer             progress_data,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/**
 * seg_job_run_finish:
 * @result: the #GAsyncResult the callback got
 * @source_tag: the tag the job was started with
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the job's value, %NULL with @error
 *   set when it failed or was cancelled
 */
gpointer seg_job_run_finish (GAsyncResult        *result,
                             gpointer             source_tag,
                             GError             **error);

G_END_DECLS
