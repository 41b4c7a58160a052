/* seg-tables.h — reading several inputs for review, on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the roles of the inputs are not clear, the window reads every file
 * (or database table), guesses what each one is, and lets the user check
 * before the customer table is built.
 */
#pragma once

#include <gio/gio.h>

#include "seg-roles.h"
#include "seg-table.h"

G_BEGIN_DECLS

/**
 * seg_tables_read_async:
 * @paths: (array zero-terminated=1): files or database inputs (copied)
 * @cancellable: (nullable): cancels the reading
 * @progress: (nullable) (scope notified): called in the caller's
 *   thread-default main context, through one #SegProgressRelay
 * @progress_data: (closure progress): for @progress
 * @callback: (scope async): called in that context when done
 * @user_data: (closure callback): for @callback
 *
 * Reads each of @paths on a worker, detects its roles and sets them.
 */
void        seg_tables_read_async  (const char * const  *paths,
                                    GCancellable        *cancellable,
                                    SegProgressFunc      progress,
                                    gpointer             progress_data,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/**
 * seg_tables_read_finish:
 * @result: the result given to the callback of seg_tables_read_async ()
 * @guesses: (out) (optional) (transfer full) (element-type SegRoleGuess):
 *   one guess per table; the array clears them when it goes
 * @error: a #GError in %SEG_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (element-type SegTable) (nullable): the tables,
 *   in the order of the paths, or %NULL with @error set
 */
GPtrArray  *seg_tables_read_finish (GAsyncResult        *result,
                                    GArray             **guesses,
                                    GError             **error);

G_END_DECLS
