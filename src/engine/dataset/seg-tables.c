/* seg-tables.c — reading several inputs for review, on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-tables"

#include "config.h"

#include "seg-csv-reader.h"
#include "seg-progress.h"
#include "seg-source.h"
#include "seg-tables.h"

typedef struct
{
  char            **paths;
  SegProgressRelay *relay;
} ReadJob;

typedef struct
{
  GPtrArray *tables;    /* SegTable* */
  GArray    *guesses;   /* SegRoleGuess */
} ReadResult;

static void
read_job_free (ReadJob *job)
{
  g_strfreev (job->paths);
  g_clear_pointer (&job->relay, seg_progress_relay_unref);
  g_free (job);
}

static void
read_result_free (ReadResult *result)
{
  for (guint i = 0; i < result->guesses->len; i++)
    seg_role_guess_clear (&g_array_index (result->guesses, SegRoleGuess, i));
  g_array_unref (result->guesses);
  g_ptr_array_unref (result->tables);
  g_free (result);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  SegProgressFunc progress = job->relay ? seg_progress_relay_report : NULL;
  ReadResult *result = g_new0 (ReadResult, 1);

  result->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_table_unref);
  result->guesses = g_array_new (FALSE, TRUE, sizeof (SegRoleGuess));
  for (guint i = 0; job->paths[i]; i++)
    {
      GError *error = NULL;
      SegRoleGuess guess = { 0 };
      SegTable *table = seg_source_is_uri (job->paths[i])
                        ? seg_source_read_uri (job->paths[i], 0, NULL, cancellable, progress, job->relay, &error)
                        : seg_csv_read (job->paths[i], NULL, cancellable, progress, job->relay, &error);

      if (table == NULL)
        {
          read_result_free (result);
          g_task_return_error (task, error);
          return;
        }
      /* not handed out yet: detection may still set its roles */
      seg_roles_detect (table, &guess);
      seg_table_set_role (table, guess.role);
      g_ptr_array_add (result->tables, table);
      g_array_append_val (result->guesses, guess);
    }
  g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

void
seg_tables_read_async (const char * const  *paths,
                       GCancellable        *cancellable,
                       SegProgressFunc      progress,
                       gpointer             progress_data,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job;

  g_return_if_fail (paths != NULL);

  job = g_new0 (ReadJob, 1);
  job->paths = g_strdupv ((char **) paths);
  if (progress != NULL)
    job->relay = seg_progress_relay_new (progress, progress_data);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_tables_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

GPtrArray *
seg_tables_read_finish (GAsyncResult *result,
                        GArray      **guesses,
                        GError      **error)
{
  ReadResult *read;
  GPtrArray *tables;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == seg_tables_read_async, NULL);

  read = g_task_propagate_pointer (G_TASK (result), error);
  if (read == NULL)
    return NULL;
  tables = g_steal_pointer (&read->tables);
  g_array_set_clear_func (read->guesses, (GDestroyNotify) seg_role_guess_clear);
  if (guesses != NULL)
    *guesses = g_steal_pointer (&read->guesses);
  else
    g_array_unref (read->guesses);
  g_free (read);
  return tables;
}
