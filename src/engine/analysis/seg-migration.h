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

/* Returns: (transfer full). */
SegMigration *seg_migration_compute     (SegAnalysisFile *saved,
                                         SegResult       *applied,
                                         GError         **error);
/* On a worker (seg-job.h): loads @paths with @saved's dataset options,
 * scores them with its models and compares.  @saved (nullable) is made from
 * @result and @view when NULL.  Finish returns: (transfer full) (nullable). */
void          seg_migration_compute_for_paths_async  (SegAnalysisFile        *saved,
                                                      SegResult              *result,
                                                      const SegAnalysisView  *view,
                                                      const char * const     *paths,
                                                      GCancellable           *cancellable,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
SegMigration *seg_migration_compute_for_paths_finish (GAsyncResult           *result,
                                                      GError                **error);
void          seg_migration_free        (SegMigration    *migration);
const SegMigrationMethod *seg_migration_get_method (const SegMigration *migration,
                                                    const char         *method);  /* nullable */

/* migration.csv: method,from_segment,to_segment,customers,total_spent, one
 * row per non-empty cell.  Returns: (transfer full). */
GBytes       *seg_migration_format_csv  (const SegMigration *migration);
/* The customers of one cell as CSV: customer_id,from_segment,to_segment,total_spent.
 * Returns: (transfer full). */
GBytes       *seg_migration_format_cell (const SegMigrationMethod *method,
                                         guint                     from,
                                         guint                     to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegMigration, seg_migration_free)

G_END_DECLS
