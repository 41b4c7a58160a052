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

/* Runs @func (@data) on a worker.  @data_free frees @data once the job is
 * over, and @result_free a value nobody finished, both in the thread that
 * started the job (its thread-default main context runs the job's end).
 * @progress (nullable) runs in the caller's thread-default main context,
 * never after @callback: @progress_data needs to live until then.
 * @source_tag identifies the job for seg_job_run_finish (). */
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
/* The same for a job whose work cannot be taken back, such as a file it
 * writes: a cancel that comes after the job has done its work leaves its
 * value as it is, so that the caller says what was really done ("Saved",
 * with the file on disk) instead of "Cancelled" beside a written file.  A
 * job that sees the cancel in time still fails with G_IO_ERROR_CANCELLED.
 * (seg_job_run_async () drops a late value: a load cancelled at the last
 * moment shows nothing new.) */
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
/* Returns: (transfer full) (nullable): the value of the job started with
 * @source_tag, NULL with @error set when it failed or was cancelled. */
gpointer seg_job_run_finish (GAsyncResult        *result,
                             gpointer             source_tag,
                             GError             **error);

G_END_DECLS
