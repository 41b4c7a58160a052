/* seg-row-model.h — a GListModel of the row indices of a SegTable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One small SegRowItem per row, created the first time it is asked for, so a
 * table of 100k+ rows costs nothing until rows are shown, sorted or filtered.
 */
#pragma once

#include <gio/gio.h>

#include "seg-table.h"

G_BEGIN_DECLS

#define SEG_TYPE_ROW_ITEM (seg_row_item_get_type ())
G_DECLARE_FINAL_TYPE (SegRowItem, seg_row_item, SEG, ROW_ITEM, GObject)

#define SEG_TYPE_ROW_MODEL (seg_row_model_get_type ())
G_DECLARE_FINAL_TYPE (SegRowModel, seg_row_model, SEG, ROW_MODEL, GObject)

guint        seg_row_item_get_row   (SegRowItem *item);

SegRowModel *seg_row_model_new      (SegTable    *table,
                                     guint        max_rows);   /* 0 = all */

G_END_DECLS
