/* seg-tables.c — reading several inputs for review, on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-tables"

#include "config.h"

#include "seg-csv.h"
#include "seg-job.h"
#include "seg-source.h"
#include "seg-tables.h"

typedef struct
{
  GPtrArray *tables;    /* SegTable* */
  GArray    *guesses;   /* SegRoleGuess */
} ReadResult;

static void
read_result_free (ReadResult *result)
{
  for (guint i = 0; i < result->guesses->len; i++)
    seg_role_guess_clear (&g_array_index (result->guesses, SegRoleGuess, i));
  g_array_unref (result->guesses);
  g_ptr_array_unref (result->tables);
  g_free (result);
}

static gpointer
read_job (gpointer         data,
          GCancellable    *cancellable,
          SegProgressFunc  progress,
          gpointer         progress_data,
          GError         **error)
{
  char **paths = data;
  ReadResult *result = g_new0 (ReadResult, 1);

  result->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_table_unref);
  result->guesses = g_array_new (FALSE, TRUE, sizeof (SegRoleGuess));
  for (guint i = 0; paths[i]; i++)
    {
      SegRoleGuess guess = { 0 };
      SegTable *table = seg_source_is_uri (paths[i])
                        ? seg_source_read_uri (paths[i], 0, NULL, cancellable, progress, progress_data, error)
                        : seg_csv_read (paths[i], NULL, cancellable, progress, progress_data, error);

      if (table == NULL)
        {
          read_result_free (result);
          return NULL;
        }
      /* not handed out yet: detection may still set its roles */
      seg_roles_detect (table, &guess);
      seg_table_set_role (table, guess.role);
      g_ptr_array_add (result->tables, table);
      g_array_append_val (result->guesses, guess);
    }
  return result;
}

void
seg_tables_read_async (const char * const  *paths,
                       GCancellable        *cancellable,
                       SegProgressFunc      progress,
                       gpointer             progress_data,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (paths != NULL);

  seg_job_run_async (read_job, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev,
                     (GDestroyNotify) read_result_free, seg_tables_read_async, cancellable,
                     progress, progress_data, callback, user_data);
}

GPtrArray *
seg_tables_read_finish (GAsyncResult *result,
                        GArray      **guesses,
                        GError      **error)
{
  ReadResult *read;
  GPtrArray *tables;

  read = seg_job_run_finish (result, seg_tables_read_async, error);
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
