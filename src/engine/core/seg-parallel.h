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

guint      seg_parallel_n_blocks (guint n_rows,
                                  guint block_rows);
void       seg_parallel_blocks   (guint        n_rows,
                                  guint        block_rows,
                                  SegBlockFunc func,
                                  gpointer     user_data);

/* The number of threads used (default: the number of processors, at most 8).
 * Setting 1 runs everything on the calling thread (used by tests to check
 * that results do not depend on threading).  Call before any parallel work. */
guint      seg_parallel_get_threads (void);
void       seg_parallel_set_threads (guint n_threads);

G_END_DECLS
