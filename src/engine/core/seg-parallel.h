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

G_END_DECLS
