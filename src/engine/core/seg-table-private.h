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

/* The columns of a table the engine is still building (or a copy it made
 * and has not handed out).  Returns: (transfer none). */
SegColumn      *seg_table_get_column_mut  (SegTable   *table,
                                           guint       index);
/* Returns: (transfer none) (nullable). */
SegColumn      *seg_table_find_role_mut   (SegTable     *table,
                                           SegFieldRole  role);

G_END_DECLS
