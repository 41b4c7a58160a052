/* seg-migration.h — how customers moved between segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compares each customer's segment in a saved analysis with their segment
 * in a result scored with its models (seg_analysis_apply ()), per method,
 * matching customers by id.  Customers only in the new data come from
 * "(new)"; customers only in the saved analysis go to "(gone)".
 */
#pragma once

#include "seg-analysis-file.h"
#include "seg-analysis.h"

G_BEGIN_DECLS

#define SEG_MIGRATION_NEW  "(new)"
#define SEG_MIGRATION_GONE "(gone)"

typedef struct
{
  char    *id;
  guint    from;        /* row of the matrix (n_from − 1 = new) */
  guint    to;          /* column (n_to − 1 = gone) */
  double   total_spent; /* in the new data; the saved figure for gone customers */
} SegMigrationMove;

typedef struct
{
  char             *method;       /* "rules", "rfm", "kmeans" */
  guint             n_from;       /* saved segments + (new) */
  guint             n_to;         /* new segments + (gone) */
  char            **from_names;
  char            **to_names;
  guint            *counts;       /* n_from × n_to */
  double           *spent;        /* n_from × n_to, NAN-free sums */
  gsize             n_moves;
  SegMigrationMove *moves;        /* every customer, in customer order (new ones, then gone ones) */
  guint             stayed, moved, added, lost;
} SegMigrationMethod;

typedef struct
{
  guint               n_methods;
  SegMigrationMethod *methods;
} SegMigration;

/**
 * seg_migration_compute:
 * @saved: a saved analysis
 * @applied: its models applied to new data (seg_analysis_apply ())
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): how customers moved between the
 *   segments of each method, or %NULL with @error set
 */
SegMigration *seg_migration_compute     (SegAnalysisFile *saved,
                                         SegResult       *applied,
                                         GError         **error);
/**
 * seg_migration_compute_for_paths_async:
 * @saved: (nullable): a saved analysis (%NULL: made from @result and @view)
 * @result: the window's result
 * @view: what the window shows
 * @paths: (array zero-terminated=1): the new data, at least one file
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the migration is ready
 * @user_data: (closure callback): its data
 *
 * On a worker (seg-job.h): loads @paths with @saved's dataset options,
 * scores them with its models and compares.
 */
void          seg_migration_compute_for_paths_async  (SegAnalysisFile        *saved,
                                                      SegResult              *result,
                                                      const SegAnalysisView  *view,
                                                      const char * const     *paths,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
/**
 * seg_migration_compute_for_paths_finish:
 * @result: the #GAsyncResult the callback got
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the migration, or %NULL with @error
 *   set
 */
SegMigration *seg_migration_compute_for_paths_finish (GAsyncResult           *result,
                                                      GError                **error);
/**
 * seg_migration_free:
 * @migration: (transfer full) (nullable): a migration
 */
void          seg_migration_free        (SegMigration    *migration);
/**
 * seg_migration_get_method:
 * @migration: a migration
 * @method: "rules", "rfm" or "kmeans"
 *
 * Returns: (transfer none) (nullable): that method's moves, %NULL when it
 *   did not run in both
 */
const SegMigrationMethod *seg_migration_get_method (const SegMigration *migration,
                                                    const char         *method);

/**
 * seg_migration_format_csv:
 * @migration: a migration
 *
 * Returns: (transfer full): migration.csv: method, from_segment,
 *   to_segment, customers, total_spent, one row per non-empty cell
 */
GBytes       *seg_migration_format_csv  (const SegMigration *migration);
/**
 * seg_migration_format_cell:
 * @method: one method's moves
 * @from: a row of its matrix, below n_from
 * @to: a column of its matrix, below n_to
 *
 * Returns: (transfer full): the customers of that cell as CSV:
 *   customer_id, from_segment, to_segment, total_spent
 */
GBytes       *seg_migration_format_cell (const SegMigrationMethod *method,
                                         guint                     from,
                                         guint                     to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegMigration, seg_migration_free)

G_END_DECLS
