/* seg-migration.c — how customers moved between segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-migration"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-analysis-apply.h"
#include "seg-analysis-file-private.h"
#include "seg-csv-writer.h"
#include "seg-error.h"
#include "seg-job.h"
#include "seg-migration.h"

static void
method_clear (SegMigrationMethod *m)
{
  g_free (m->method);
  g_strfreev (m->from_names);
  g_strfreev (m->to_names);
  g_free (m->counts);
  g_free (m->spent);
  for (gsize i = 0; i < m->n_moves; i++)
    g_free (m->moves[i].id);
  g_free (m->moves);
}

void
seg_migration_free (SegMigration *migration)
{
  if (migration == NULL)
    return;
  for (guint i = 0; i < migration->n_methods; i++)
    method_clear (&migration->methods[i]);
  g_free (migration->methods);
  g_free (migration);
}

const SegMigrationMethod *
seg_migration_get_method (const SegMigration *migration,
                          const char         *method)
{
  g_return_val_if_fail (migration != NULL, NULL);
  for (guint i = 0; i < migration->n_methods; i++)
    if (g_strcmp0 (migration->methods[i].method, method) == 0)
      return &migration->methods[i];
  return NULL;
}

static gboolean
damaged (SegAnalysisFile *file,
         const char      *member,
         GError         **error)
{
  const char *path = seg_analysis_file_get_path (file);

  g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
               _("%s: this analysis file is damaged: “%s” is missing or has the wrong kind of value"),
               path ? path : _("analysis file"), member);
  return FALSE;
}

static void
add_move (SegMigrationMethod *m,
          GArray             *moves,
          const char         *id,
          guint               from,
          guint               to,
          double              spent)
{
  SegMigrationMove mv = { g_strdup (id ? id : ""), from, to, spent };
  gsize cell = (gsize) from * m->n_to + to;

  g_array_append_val (moves, mv);
  m->counts[cell]++;
  if (isfinite (spent))
    m->spent[cell] += spent;
}

static gboolean
compute_method (SegMigrationMethod    *m,
                SegAnalysisFile       *file,
                JsonObject            *saved,
                char                 **saved_ids,
                const double          *saved_spent,
                gsize                  n_saved,
                GHashTable            *saved_row,   /* id → row + 1 */
                const SegSegmentation *seg,
                SegTable              *customers,
                GError               **error)
{
  g_auto(GStrv) from = seg_json_get_strv (saved, "names", NULL);
  g_autofree double *labels = NULL;
  guint64 n = seg_table_get_n_rows (customers);
  const SegColumn *ids = seg_table_find_column (customers, "customer_id");
  const SegColumn *spent = seg_table_find_column (customers, "total_spent");
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (n_saved, 1));
  GArray *moves = g_array_new (FALSE, FALSE, sizeof (SegMigrationMove));
  guint n_from_segments;

  if (from == NULL || (labels = seg_json_get_numbers (saved, "labels", n_saved, NULL)) == NULL || ids == NULL)
    {
      g_array_free (moves, TRUE);
      return damaged (file, "segments.methods", error);
    }
  n_from_segments = g_strv_length (from);
  m->method = g_strdup (seg->method);
  m->n_from = n_from_segments + 1;
  m->n_to = seg->n_segments + 1;
  m->from_names = g_new0 (char *, m->n_from + 1);
  for (guint s = 0; s < n_from_segments; s++)
    m->from_names[s] = g_strdup (from[s]);
  m->from_names[n_from_segments] = g_strdup (SEG_MIGRATION_NEW);
  m->to_names = g_new0 (char *, m->n_to + 1);
  for (guint s = 0; s < seg->n_segments; s++)
    m->to_names[s] = g_strdup (seg->segments[s].name);
  m->to_names[seg->n_segments] = g_strdup (SEG_MIGRATION_GONE);
  m->counts = g_new0 (guint, (gsize) m->n_from * m->n_to);
  m->spent = g_new0 (double, (gsize) m->n_from * m->n_to);

  for (guint64 i = 0; i < n; i++)
    {
      const char *id = ids->text[i];
      gpointer hit = id ? g_hash_table_lookup (saved_row, id) : NULL;
      guint to = seg->labels[i] < seg->n_segments ? seg->labels[i] : G_MAXUINT;
      guint f = n_from_segments;   /* new */
      double v = spent ? spent->num[i] : NAN;

      if (to == G_MAXUINT)
        continue;   /* in no segment now (e.g. not scored): nothing to say */
      if (hit != NULL)
        {
          gsize row = GPOINTER_TO_SIZE (hit) - 1;
          double l = labels[row];
          seen[row] = TRUE;
          if (!(l >= 0 && l < n_from_segments))
            continue;   /* was in no segment */
          f = (guint) l;
        }
      add_move (m, moves, id, f, to, v);
    }
  for (gsize row = 0; row < n_saved; row++)
    {
      double l = labels[row];
      if (seen[row] || !(l >= 0 && l < n_from_segments))
        continue;
      add_move (m, moves, saved_ids[row], (guint) l, m->n_to - 1, saved_spent ? saved_spent[row] : NAN);
    }
  for (guint a = 0; a < m->n_from; a++)
    for (guint b = 0; b < m->n_to; b++)
      {
        guint c = m->counts[(gsize) a * m->n_to + b];
        if (a == m->n_from - 1)
          m->added += c;
        else if (b == m->n_to - 1)
          m->lost += c;
        else if (g_str_equal (m->from_names[a], m->to_names[b]))
          m->stayed += c;
        else
          m->moved += c;
      }
  m->n_moves = moves->len;
  m->moves = (SegMigrationMove *) (void *) g_array_free (moves, FALSE);
  return TRUE;
}

SegMigration *
seg_migration_compute (SegAnalysisFile *file,
                       SegResult       *applied,
                       GError         **error)
{
  static const char *names[] = { "rules", "rfm", "kmeans" };
  JsonObject *segments, *methods;
  g_auto(GStrv) ids = NULL;
  g_autofree double *spent = NULL;
  g_autoptr(GHashTable) row_of = NULL;
  g_autoptr(SegMigration) migration = NULL;
  gsize n = 0;

  g_return_val_if_fail (file != NULL && applied != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  segments = seg_analysis_file_get_segments (file);
  methods = seg_json_get_object (segments, "methods");
  row_of = g_hash_table_new (g_str_hash, g_str_equal);
  migration = g_new0 (SegMigration, 1);
  ids = seg_json_get_strv (segments, "customer_ids", &n);
  if (ids == NULL || methods == NULL)
    {
      damaged (file, "segments", error);
      return NULL;
    }
  spent = seg_json_get_numbers (segments, "total_spent", n, NULL);
  for (gsize i = 0; i < n; i++)
    g_hash_table_insert (row_of, ids[i], GSIZE_TO_POINTER (i + 1));
  migration->methods = g_new0 (SegMigrationMethod, G_N_ELEMENTS (names));
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      JsonObject *saved = seg_json_get_object (methods, names[k]);
      const SegSegmentation *seg = seg_result_get_segmentation (applied, names[k]);

      if (saved == NULL || seg == NULL)
        continue;
      if (!compute_method (&migration->methods[migration->n_methods], file, saved, ids, spent, n, row_of,
                           seg, seg_result_get_customers (applied), error))
        return NULL;
      migration->n_methods++;
    }
  return g_steal_pointer (&migration);
}

GBytes *
seg_migration_format_csv (const SegMigration *migration)
{
  GString *out;

  g_return_val_if_fail (migration != NULL, NULL);
  out = g_string_new ("method,from_segment,to_segment,customers,total_spent\n");

  for (guint k = 0; k < migration->n_methods; k++)
    {
      const SegMigrationMethod *m = &migration->methods[k];
      for (guint a = 0; a < m->n_from; a++)
        for (guint b = 0; b < m->n_to; b++)
          {
            gsize cell = (gsize) a * m->n_to + b;
            if (m->counts[cell] == 0)
              continue;
            seg_csv_append_text (out, m->method);
            g_string_append_c (out, ',');
            seg_csv_append_text (out, m->from_names[a]);
            g_string_append_c (out, ',');
            seg_csv_append_text (out, m->to_names[b]);
            g_string_append_printf (out, ",%u,", m->counts[cell]);
            seg_csv_format_number_append (out, m->spent[cell]);
            g_string_append_c (out, '\n');
          }
    }
  return g_string_free_to_bytes (out);
}

GBytes *
seg_migration_format_cell (const SegMigrationMethod *m,
                           guint                     from,
                           guint                     to)
{
  GString *out;

  g_return_val_if_fail (m != NULL, NULL);
  g_return_val_if_fail (from < m->n_from && to < m->n_to, NULL);

  out = g_string_new ("customer_id,from_segment,to_segment,total_spent\n");
  for (gsize i = 0; i < m->n_moves; i++)
    {
      const SegMigrationMove *mv = &m->moves[i];
      if (mv->from != from || mv->to != to)
        continue;
      seg_csv_append_text (out, mv->id);
      g_string_append_c (out, ',');
      seg_csv_append_text (out, m->from_names[from]);
      g_string_append_c (out, ',');
      seg_csv_append_text (out, m->to_names[to]);
      g_string_append_c (out, ',');
      seg_csv_format_number_append (out, mv->total_spent);
      g_string_append_c (out, '\n');
    }
  return g_string_free_to_bytes (out);
}

/* --- on a worker ------------------------------------------------------------ */

typedef struct
{
  SegAnalysisFile *file;    /* nullable: made from @result */
  SegResult       *result;
  SegAnalysisView  view;
  char           **paths;
} PathsJob;

static void
paths_job_free (PathsJob *job)
{
  g_clear_pointer (&job->file, seg_analysis_file_unref);
  seg_result_unref (job->result);
  seg_analysis_view_clear (&job->view);
  g_strfreev (job->paths);
  g_free (job);
}

static gpointer
paths_job (gpointer         data,
           GCancellable    *cancellable,
           SegProgressFunc  progress,
           gpointer         progress_data,
           GError         **error)
{
  PathsJob *job = data;
  g_autoptr(SegAnalysisFile) file = job->file ? seg_analysis_file_ref (job->file) : NULL;
  g_autoptr(SegDatasetOptions) options = NULL;
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(SegResult) applied = NULL;

  if (file == NULL)
    file = seg_analysis_file_new_from_result (job->result, &job->view, cancellable, error);
  if (file == NULL ||
      (options = seg_analysis_file_dataset_options (file, (const char * const *) job->paths, error)) == NULL)
    return NULL;
  seg_dataset_options_set_streaming (options, SEG_DATASET_STREAM_MIN_BYTES);
  ds = seg_dataset_load (options, cancellable, NULL, NULL, error);
  if (ds == NULL || (applied = seg_analysis_apply (file, ds, cancellable, error)) == NULL)
    return NULL;
  return seg_migration_compute (file, applied, error);
}

void
seg_migration_compute_for_paths_async (SegAnalysisFile        *saved,
                                       SegResult              *result,
                                       const SegAnalysisView  *view,
                                       const char * const     *paths,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  PathsJob *job;

  g_return_if_fail (result != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  job = g_new0 (PathsJob, 1);
  job->file = saved ? seg_analysis_file_ref (saved) : NULL;
  job->result = seg_result_ref (result);
  seg_analysis_view_copy (view, &job->view);
  job->paths = g_strdupv ((char **) paths);
  seg_job_run_async (paths_job, job, (GDestroyNotify) paths_job_free, (GDestroyNotify) seg_migration_free,
                     seg_migration_compute_for_paths_async, cancellable, NULL, NULL, callback, user_data);
}

SegMigration *
seg_migration_compute_for_paths_finish (GAsyncResult  *result,
                                        GError       **error)
{
  return seg_job_run_finish (result, seg_migration_compute_for_paths_async, error);
}
