/* seg-import-view.h — the files, their roles, dialects and problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "seg-dataset.h"
#include "seg-file-card.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_VIEW (seg_import_view_get_type ())

G_DECLARE_FINAL_TYPE (SegImportView, seg_import_view, SEG, IMPORT_VIEW, GtkWidget)

void         seg_import_view_clear       (SegImportView *self);
/* One card per input of @dataset (its tables stay untouched). */
void         seg_import_view_set_dataset (SegImportView *self,
                                          SegDataset    *dataset);
/* A table read for the import view (roles detected), owned by the view. */
void         seg_import_view_add_table   (SegImportView      *self,
                                          SegTable           *table,
                                          const SegRoleGuess *guess);
void         seg_import_view_set_busy    (SegImportView *self,
                                          gboolean       busy);
guint        seg_import_view_get_n_files (SegImportView *self);
/* Returns: (transfer full) (element-type SegImportFile) */
GPtrArray   *seg_import_view_dup_files   (SegImportView *self);
/* Returns: (transfer full) role bindings such as "transactions.amount=Quantity * UnitPrice" */
GStrv        seg_import_view_dup_maps    (SegImportView *self);

G_END_DECLS
