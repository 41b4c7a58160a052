/* seg-file-card.h — one input file in the import view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows what the reader and role detection found (role and why, dialect,
 * counts, problems, notices, a proposal) with a preview whose column headers
 * change a column's type (the file is read again) or meaning.
 */
#pragma once

#include <gtk/gtk.h>

#include "seg-dataset.h"

G_BEGIN_DECLS

/* What a card hands to the build: either @table as it is (roles already set
 * and owned by nobody else) or, when @table is NULL, the file read again with
 * @column_types and given @role and @column_roles.  Used on a worker thread. */
typedef struct
{
  char       *path;
  SegTable   *table;
  GHashTable *column_types;   /* name → GINT_TO_POINTER (SegColumnType + 1) */
  GHashTable *column_roles;   /* name → GINT_TO_POINTER (SegFieldRole + 1) */
  SegFileRole role;
} SegImportFile;

void      seg_import_file_free        (SegImportFile *file);
/* Returns: (transfer full) a table with roles set, ready for seg_dataset_build(). */
SegTable *seg_import_file_materialize (SegImportFile  *file,
                                       GCancellable   *cancellable,
                                       SegProgressFunc progress,
                                       gpointer        user_data,
                                       GError        **error);

#define SEG_TYPE_FILE_CARD (seg_file_card_get_type ())

G_DECLARE_FINAL_TYPE (SegFileCard, seg_file_card, SEG, FILE_CARD, GtkWidget)

/* @owned: the table is this card's alone (read for the import view), so roles
 * may be written into it; otherwise it belongs to a dataset and stays untouched. */
GtkWidget     *seg_file_card_new          (SegTable           *table,
                                           gboolean            owned,
                                           SegFileRole         role,
                                           const char         *reason,
                                           const char         *proposal,
                                           const SegInputInfo *info);   /* nullable */
SegFileRole    seg_file_card_get_role     (SegFileCard *self);
void           seg_file_card_set_column_role (SegFileCard *self,
                                              guint        column,
                                              SegFieldRole role);
/* Reads the file again with column @column typed as @type (asynchronous). */
void           seg_file_card_set_column_type (SegFileCard  *self,
                                              guint         column,
                                              SegColumnType type);
/* "transactions.amount=Quantity * UnitPrice" when a proposal is accepted, or NULL. */
char          *seg_file_card_dup_map      (SegFileCard *self);
/* Returns: (transfer full) */
SegImportFile *seg_file_card_dup_import_file (SegFileCard *self);

G_END_DECLS
