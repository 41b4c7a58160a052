/* seg-source-sqlite.c — SQLite files through libsqlite3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is opened read-only (never created).  Rows are stepped one at a
 * time, so memory does not grow with the table; a cancel interrupts a
 * running statement through the progress handler.  Real numbers are
 * written with 17 significant digits so that the reader gets the very same
 * double back (sqlite3_column_text would round them to 15).
 */
#define G_LOG_DOMAIN "seg-source"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>
#include <string.h>

#include "seg-error.h"
#include "seg-source-private.h"

static void
db_error (SegSource  *source,
          int         rc,
          GError    **error)
{
  const char *text = source->handle != NULL ? sqlite3_errmsg (source->handle) : sqlite3_errstr (rc);

  if (rc == SQLITE_INTERRUPT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  else if (strstr (text, "no such table") != NULL)
    seg_source_set_error (source, error, SEG_ERROR_PARSE, "%s", text);
  else if (strstr (text, "no such column") != NULL)
    seg_source_set_error (source, error, SEG_ERROR_PARSE, "%s", text);
  else if (rc == SQLITE_PERM || rc == SQLITE_AUTH || rc == SQLITE_READONLY)
    seg_source_set_error (source, error, SEG_ERROR_IO, _("permission denied: %s"), text);
  else if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    seg_source_set_error (source, error, SEG_ERROR_PARSE, _("not an SQLite database (%s)"), text);
  else if (rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR)
    seg_source_set_error (source, error, SEG_ERROR_IO, _("cannot open the database (%s)"), text);
  else
    seg_source_set_error (source, error, SEG_ERROR_PARSE, "%s", text);
}

static gboolean
sqlite_connect (SegSource    *source,
                GCancellable *cancellable,
                GError      **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (source->path, G_FILE_TEST_EXISTS))
    {
      seg_source_set_error (source, error, SEG_ERROR_IO, _("no such file"));
      return FALSE;
    }
  if (g_access (source->path, R_OK) != 0)
    {
      seg_source_set_error (source, error, SEG_ERROR_IO, _("permission denied: the file cannot be read"));
      return FALSE;
    }
  rc = sqlite3_open_v2 (source->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  source->handle = db;
  if (rc != SQLITE_OK)
    {
      db_error (source, rc, error);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 5000);
  /* a file that is not a database shows itself on the first read */
  rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      db_error (source, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
sqlite_close (SegSource *source)
{
  sqlite3_close_v2 (source->handle);
  source->handle = NULL;
}

static int
progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

static gboolean
sqlite_query (SegSource           *source,
              const char          *sql,
              guint                n_params,
              const char * const  *params,
              const char          *types,
              SegSourceColumnsFunc columns,
              SegSourceRowFunc     row,
              gpointer             user_data,
              GCancellable        *cancellable,
              GError             **error)
{
  sqlite3 *db = source->handle;
  sqlite3_stmt *stmt = NULL;
  g_autofree const char **cells = NULL;
  g_autofree const char **names = NULL;
  g_autofree char **owned = NULL;
  int rc, n;
  gboolean more = TRUE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      db_error (source, rc, error);
      return FALSE;
    }
  for (guint i = 0; i < n_params; i++)
    {
      if (params[i] == NULL)
        sqlite3_bind_null (stmt, (int) i + 1);
      else if (types != NULL && types[i] == 't')
        sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_double (stmt, (int) i + 1, g_ascii_strtod (params[i], NULL));
    }
  n = sqlite3_column_count (stmt);
  names = g_new0 (const char *, n + 1);
  cells = g_new0 (const char *, n + 1);
  owned = g_new0 (char *, n + 1);
  for (int c = 0; c < n; c++)
    names[c] = sqlite3_column_name (stmt, c);
  if (columns != NULL)
    columns ((guint) n, names, user_data);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, progress_cb, cancellable);
  while (more && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < n; c++)
        {
          g_clear_pointer (&owned[c], g_free);
          switch (sqlite3_column_type (stmt, c))
            {
            case SQLITE_NULL:
              cells[c] = NULL;
              break;
            case SQLITE_FLOAT:
              {
                char buf[G_ASCII_DTOSTR_BUF_SIZE];
                owned[c] = g_strdup (g_ascii_dtostr (buf, sizeof buf, sqlite3_column_double (stmt, c)));
                cells[c] = owned[c];
              }
              break;
            default:
              cells[c] = (const char *) sqlite3_column_text (stmt, c);
              break;
            }
        }
      more = row ((guint) n, cells, user_data);
    }
  for (int c = 0; c < n; c++)
    g_free (owned[c]);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (more && rc != SQLITE_DONE)
    {
      db_error (source, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static SegNativeType
native_of_decl (const char *decl)
{
  g_autofree char *up = g_ascii_strup (decl != NULL ? decl : "", -1);

  if (strstr (up, "DATETIME") || strstr (up, "TIMESTAMP"))
    return SEG_NATIVE_TIMESTAMP;
  if (strstr (up, "DATE"))
    return SEG_NATIVE_DATE;
  if (strstr (up, "BOOL"))
    return SEG_NATIVE_BOOLEAN;
  if (strstr (up, "INT") || strstr (up, "REAL") || strstr (up, "FLOA") || strstr (up, "DOUB")
      || strstr (up, "NUM") || strstr (up, "DEC"))
    return SEG_NATIVE_NUMBER;
  if (strstr (up, "CHAR") || strstr (up, "CLOB") || strstr (up, "TEXT"))
    return SEG_NATIVE_TEXT;
  return SEG_NATIVE_OTHER;
}

static GArray *
sqlite_describe (SegSource    *source,
                 const char   *relation,
                 GPtrArray    *names,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s LIMIT 0", relation);
  sqlite3_stmt *stmt = NULL;
  GArray *types;
  int rc = sqlite3_prepare_v2 (source->handle, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      db_error (source, rc, error);
      return NULL;
    }
  types = g_array_new (FALSE, FALSE, sizeof (SegNativeType));
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      SegNativeType t = native_of_decl (sqlite3_column_decltype (stmt, c));
      g_ptr_array_add (names, g_strdup (sqlite3_column_name (stmt, c)));
      g_array_append_val (types, t);
    }
  sqlite3_finalize (stmt);
  return types;
}

static gboolean
list_row_cb (guint               n,
             const char * const *cells,
             gpointer            user_data)
{
  GPtrArray *tables = user_data;
  SegSourceTable *t = g_new0 (SegSourceTable, 1);

  t->name = g_strdup (cells[0]);
  t->view = g_strcmp0 (cells[1], "view") == 0;
  t->rows = -1;
  g_ptr_array_add (tables, t);
  return TRUE;
}

static gboolean
count_row_cb (guint               n,
              const char * const *cells,
              gpointer            user_data)
{
  *(gint64 *) user_data = cells[0] != NULL ? g_ascii_strtoll (cells[0], NULL, 10) : -1;
  return FALSE;
}

static GPtrArray *
sqlite_list_tables (SegSource    *source,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_source_table_free);

  if (!sqlite_query (source,
                     "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') "
                     "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                     0, NULL, NULL, NULL, list_row_cb, tables, cancellable, error))
    return NULL;
  for (guint i = 0; i < tables->len; i++)
    {
      SegSourceTable *t = g_ptr_array_index (tables, i);
      g_autofree char *q = seg_source_quote_ident (t->name);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", q);
      g_autoptr(GError) local = NULL;

      if (!sqlite_query (source, sql, 0, NULL, NULL, NULL, count_row_cb, &t->rows, cancellable, &local)
          && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  return g_steal_pointer (&tables);
}

const SegSourceBackend seg_source_sqlite_backend = {
  SEG_SOURCE_SQLITE,
  sqlite_connect,
  sqlite_close,
  sqlite_list_tables,
  sqlite_query,
  sqlite_describe,
};
