/* seg-migration-window.h — the Migration view of "Apply to New Data…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per method (rules, RFM, k-means) a page with the counts (stayed, moved,
 * new, gone, value moved), a flow chart and a from → to matrix of customers
 * and their spend; clicking a cell lists those customers, and Export… writes
 * them as CSV.  The header bar exports migration.csv.
 */
#pragma once

#include <adwaita.h>

#include "seg-migration.h"

G_BEGIN_DECLS

#define SEG_TYPE_MIGRATION_WINDOW (seg_migration_window_get_type ())
G_DECLARE_FINAL_TYPE (SegMigrationWindow, seg_migration_window, SEG, MIGRATION_WINDOW, AdwWindow)

/* Takes @migration. */
SegMigrationWindow *seg_migration_window_new (GtkWindow    *parent,
                                              const char   *subtitle,
                                              SegMigration *migration);
const SegMigration *seg_migration_window_get_migration (SegMigrationWindow *self);
/* What a click on a matrix cell does. */
void                seg_migration_window_select_cell   (SegMigrationWindow *self,
                                                        const char         *method,
                                                        guint               from,
                                                        guint               to);
/* Customers of the selected cell (the list shows at most 500 of them). */
guint               seg_migration_window_get_n_selected (SegMigrationWindow *self);
gboolean            seg_migration_window_export_selection (SegMigrationWindow *self,
                                                           const char         *path,
                                                           GError            **error);
gboolean            seg_migration_window_export_csv    (SegMigrationWindow *self,
                                                        const char         *path,
                                                        GError            **error);

G_END_DECLS
