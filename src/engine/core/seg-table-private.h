/* seg-table-private.h — building a SegTable inside the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the engine's readers and role detection only, on a table that has
 * not been handed out yet.  Anyone else changes roles with
 * seg_table_copy_with_roles (), which leaves the shared table alone.
 */
#pragma once

#include "seg-table.h"

G_BEGIN_DECLS

void            seg_column_set_role     (SegColumn    *column,
                                         SegFieldRole  role);

G_END_DECLS
