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

/* Reads each of @paths (files or database addresses), detects its roles and
 * sets them.  @progress runs in the caller's thread-default main context,
 * through one SegProgressRelay. */
void        seg_tables_read_async  (const char * const  *paths,
                                    GCancellable        *cancellable,
                                    SegProgressFunc      progress,
                                    gpointer             progress_data,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* The tables, in the order of the paths, and in @guesses one SegRoleGuess
 * each; the array clears them when it goes.  (transfer full) */
GPtrArray  *seg_tables_read_finish (GAsyncResult        *result,
                                    GArray             **guesses,
                                    GError             **error);

G_END_DECLS
