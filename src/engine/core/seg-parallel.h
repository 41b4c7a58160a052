/* seg-parallel.h — a fixed-block parallel loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * seg_parallel_blocks() splits rows into blocks of a fixed size and runs them
 * on the calling thread plus a shared pool of workers.  The split depends only
 * on the block size, never on the number of threads, so callers that keep one
 * partial result per block and add the partials in block order get
 * bit-identical results with 1 or many threads.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called for rows [start, end) of block number @block. */
typedef void (*SegBlockFunc) (guint    block,
                              guint    start,
                              guint    end,
                              gpointer user_data);

#define SEG_PARALLEL_BLOCK_ROWS 1024

/**
 * seg_parallel_n_blocks:
 * @n_rows: the rows to split
 * @block_rows: rows per block, more than 0
 *
 * Returns: the number of blocks of @block_rows (the last may be shorter)
 */
guint      seg_parallel_n_blocks (guint n_rows,
                                  guint block_rows);
/**
 * seg_parallel_blocks:
 * @n_rows: the rows to split
 * @block_rows: rows per block, more than 0
 * @func: (scope call): called once per block, on the caller's thread or
 *   one of the shared pool's, in any order
 * @user_data: (closure func): its data
 *
 * Runs @func over every block and returns when all are done.
 */
void       seg_parallel_blocks   (guint        n_rows,
                                  guint        block_rows,
                                  SegBlockFunc func,
                                  gpointer     user_data);
/**
 * seg_parallel_get_threads:
 *
 * Returns: the number of threads used (default: the number of processors,
 *   at most 8)
 */
guint      seg_parallel_get_threads (void);
/**
 * seg_parallel_set_threads:
 * @n_threads: the threads to use, clamped to 1 … 8; 1 runs everything on
 *   the calling thread (tests use it to check that results do not depend
 *   on threading)
 *
 * Call before any parallel work.
 */
void       seg_parallel_set_threads (guint n_threads);
/**
 * seg_parallel_set_worker_nice:
 * @increment: 0 … 19, added to the calling thread's nice value
 *
 * From now on, the threads of the shared pool and the threads that run
 * seg_job_run_async ()'s jobs run at the calling thread's nice value plus
 * @increment (Linux; elsewhere nothing changes).  The window calls it with
 * its main thread, so that the workers yield the cores to the main loop; a
 * thread never gets a lower nice value back.  0 (the default) changes
 * nothing.
 */
void       seg_parallel_set_worker_nice (int increment);
/**
 * seg_parallel_get_worker_nice:
 *
 * Returns: the nice value the workers are given, or %G_MININT when
 *   seg_parallel_set_worker_nice () was not called with more than 0
 */
int        seg_parallel_get_worker_nice (void);
/**
 * seg_parallel_worker_enter:
 *
 * Called by a worker thread of the engine before it runs work: gives the
 * thread the nice value set by seg_parallel_set_worker_nice ().  Cheap
 * when the thread already has it.
 */
void       seg_parallel_worker_enter (void);

G_END_DECLS
