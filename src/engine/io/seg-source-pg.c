/* seg-source-pg.c — PostgreSQL through libpq
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection is made with PQconnectStartParams and polled, so that a
 * cancel and the connect timeout are ours to enforce (libpq honours
 * connect_timeout only in its blocking calls).  Rows come from a cursor,
 * FETCH by FETCH, inside a read-only transaction: memory stays bounded
 * however long the table is.  The session asks for ISO dates, UTC, exact
 * float output and no parallel or synchronised scans, so that sums are
 * added in the table's order.
 */
#define G_LOG_DOMAIN "seg-source"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <libpq-fe.h>
#include <poll.h>
#include <string.h>

#include "seg-error.h"
#include "seg-source-private.h"

/* ---- libpq, opened at the first connection ---------------------------------
 *
 * Linked in, libpq and the libraries it needs (TLS, Kerberos, LDAP, SASL …)
 * were a third of the dynamic linker's work at every start of segmenta-cli
 * and of the window, most of which never reach a database: it is opened
 * when the first connection is made, and its functions are called through
 * the table below under their own names. */

#ifndef SEG_LIBPQ_SONAME
#define SEG_LIBPQ_SONAME "libpq.so.5"
#endif

#define PQ_FUNCTIONS(X) \
  X (PQconnectStartParams) X (PQconnectPoll) X (PQstatus) X (PQfinish) X (PQsocket) \
  X (PQerrorMessage) X (PQconninfo) X (PQconninfoFree) X (PQexec) X (PQexecParams) \
  X (PQresultStatus) X (PQresultErrorField) X (PQclear) X (PQntuples) X (PQnfields) \
  X (PQfname) X (PQftype) X (PQgetvalue) X (PQgetisnull) X (PQgetCancel) X (PQcancel) \
  X (PQfreeCancel)

static struct
{
#define PQ_FIELD(name) __typeof__ (name) *name;
  PQ_FUNCTIONS (PQ_FIELD)
#undef PQ_FIELD
} pq;

/* NULL once libpq is open with all its functions; else why not. */
static const char *
pq_open (void)
{
  static gsize done = 0;
  static char *failure = NULL;

  if (g_once_init_enter (&done))
    {
      GModule *module = g_module_open (SEG_LIBPQ_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module == NULL)
        failure = g_strdup (g_module_error ());
#define PQ_SYMBOL(name) \
      if (failure == NULL && !g_module_symbol (module, #name, (gpointer *) &pq.name)) \
        failure = g_strdup (g_module_error ());
      PQ_FUNCTIONS (PQ_SYMBOL)
#undef PQ_SYMBOL
      g_once_init_leave (&done, 1);
    }
  return failure;
}

#define PQconnectStartParams (pq.PQconnectStartParams)
#define PQconnectPoll (pq.PQconnectPoll)
#define PQstatus (pq.PQstatus)
#define PQfinish (pq.PQfinish)
#define PQsocket (pq.PQsocket)
#define PQerrorMessage (pq.PQerrorMessage)
#define PQconninfo (pq.PQconninfo)
#define PQconninfoFree (pq.PQconninfoFree)
#define PQexec (pq.PQexec)
#define PQexecParams (pq.PQexecParams)
#define PQresultStatus (pq.PQresultStatus)
#define PQresultErrorField (pq.PQresultErrorField)
#define PQclear (pq.PQclear)
#define PQntuples (pq.PQntuples)
#define PQnfields (pq.PQnfields)
#define PQfname (pq.PQfname)
#define PQftype (pq.PQftype)
#define PQgetvalue (pq.PQgetvalue)
#define PQgetisnull (pq.PQgetisnull)
#define PQgetCancel (pq.PQgetCancel)
#define PQcancel (pq.PQcancel)
#define PQfreeCancel (pq.PQfreeCancel)

#define FETCH_ROWS 10000
#define DEFAULT_TIMEOUT_S 10

/* type OIDs of pg_type.h */
enum
{
  OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25, OID_OID = 26,
  OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_BPCHAR = 1042, OID_VARCHAR = 1043, OID_DATE = 1082,
  OID_TIMESTAMP = 1114, OID_TIMESTAMPTZ = 1184, OID_NUMERIC = 1700, OID_NAME = 19, OID_UUID = 2950,
};

static SegNativeType
native_of_oid (Oid oid)
{
  switch (oid)
    {
    case OID_INT8: case OID_INT2: case OID_INT4: case OID_FLOAT4: case OID_FLOAT8: case OID_NUMERIC: case OID_OID:
      return SEG_NATIVE_NUMBER;
    case OID_TEXT: case OID_BPCHAR: case OID_VARCHAR: case OID_NAME: case OID_UUID:
      return SEG_NATIVE_TEXT;
    case OID_BOOL:
      return SEG_NATIVE_BOOLEAN;
    case OID_DATE:
      return SEG_NATIVE_DATE;
    case OID_TIMESTAMP:
      return SEG_NATIVE_TIMESTAMP;
    case OID_TIMESTAMPTZ:
      return SEG_NATIVE_TIMESTAMPTZ;
    default:
      return SEG_NATIVE_OTHER;
    }
}

static const char *
conn_option (PGconn     *conn,
             const char *keyword)
{
  static GMutex lock;
  static GHashTable *seen;   /* interned values: PQconninfo's array is freed below */
  PQconninfoOption *opts = PQconninfo (conn);
  const char *value = NULL;

  for (PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++)
    if (strcmp (o->keyword, keyword) == 0 && o->val != NULL && o->val[0] != '\0')
      {
        g_mutex_lock (&lock);
        if (seen == NULL)
          seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        value = g_hash_table_lookup (seen, o->val);
        if (value == NULL)
          {
            char *copy = g_strdup (o->val);
            g_hash_table_add (seen, copy);
            value = copy;
          }
        g_mutex_unlock (&lock);
      }
  PQconninfoFree (opts);
  return value;
}

/* libpq's message, first line, without "FATAL:  " / "ERROR:  ". */
static char *
server_text (const char *message)
{
  const char *p = message != NULL ? message : "";
  const char *nl;

  for (const char *prefix = NULL; ; )
    {
      if (g_str_has_prefix (p, "FATAL:  "))
        prefix = "FATAL:  ";
      else if (g_str_has_prefix (p, "ERROR:  "))
        prefix = "ERROR:  ";
      else if (g_str_has_prefix (p, "connection to server "))
        {
          const char *colon = strstr (p, "failed: ");
          prefix = colon != NULL ? "" : NULL;
          if (colon != NULL)
            p = colon + strlen ("failed: ");
        }
      else
        prefix = NULL;
      if (prefix == NULL)
        break;
      p += strlen (prefix);
      if (*prefix == '\0')
        continue;
    }
  nl = strchr (p, '\n');
  return nl != NULL ? g_strndup (p, nl - p) : g_strdup (p);
}

/* A connection that could not be made, in the user's terms. */
static void
connect_error (SegSource *source,
               PGconn    *conn,
               GError   **error)
{
  const char *message = PQerrorMessage (conn);
  g_autofree char *text = server_text (message);
  const char *host = conn_option (conn, "host");
  const char *user = conn_option (conn, "user");

  if (strstr (message, "password authentication failed") != NULL
      || strstr (message, "no password supplied") != NULL
      || strstr (message, "password is missing") != NULL)
    seg_source_set_error (source, error, SEG_ERROR_IO,
                          _("the server did not accept the password of user “%s” (%s)"),
                          user ? user : "", text);
  else if (strstr (message, "could not translate host name") != NULL)
    seg_source_set_error (source, error, SEG_ERROR_IO,
                          _("unknown host “%s”: check the server's name (%s)"), host ? host : "", text);
  else if (strstr (message, "does not exist") != NULL)
    seg_source_set_error (source, error, SEG_ERROR_IO, _("%s"), text);
  else if (strstr (message, "permission denied") != NULL || strstr (message, "no pg_hba.conf entry") != NULL)
    seg_source_set_error (source, error, SEG_ERROR_IO, _("permission denied: %s"), text);
  else
    seg_source_set_error (source, error, SEG_ERROR_IO, _("could not connect: %s"), text);
}

static gboolean
wait_socket (PGconn       *conn,
             gboolean      write,
             gint64        deadline,
             GCancellable *cancellable,
             gboolean     *timed_out,
             GError      **error)
{
  struct pollfd fds[2];
  guint n = 1;

  fds[0].fd = PQsocket (conn);
  fds[0].events = write ? POLLOUT : POLLIN;
  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, (GPollFD *) (void *) &fds[1]))
    n = 2;
  while (TRUE)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      int r;

      if (left <= 0)
        {
          *timed_out = TRUE;
          break;
        }
      fds[0].revents = 0;
      if (n == 2)
        {
          fds[1].events = POLLIN;
          fds[1].revents = 0;
        }
      r = poll (fds, n, (int) MIN (left / 1000 + 1, 200));
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      if (r > 0 && fds[0].revents != 0)
        {
          if (n == 2)
            g_cancellable_release_fd (cancellable);
          return TRUE;
        }
    }
  if (n == 2)
    g_cancellable_release_fd (cancellable);
  return FALSE;
}

static gboolean
run_simple (SegSource  *source,
            const char *sql,
            GError    **error);

static gboolean
pg_connect (SegSource    *source,
            GCancellable *cancellable,
            GError      **error)
{
  const char *keys[] = { "connect_timeout", "application_name", "dbname", NULL };
  const char *values[] = { G_STRINGIFY (DEFAULT_TIMEOUT_S), "segmenta", source->conninfo, NULL };
  const char *missing = pq_open ();
  PGconn *conn;
  PostgresPollingStatusType state = PGRES_POLLING_WRITING;
  const char *timeout_text;
  gint64 deadline;
  int timeout_s;

  if (missing != NULL)
    {
      seg_source_set_error (source, error, SEG_ERROR_IO,
                            _("PostgreSQL cannot be used: its client library could not be loaded (%s)"), missing);
      return FALSE;
    }
  conn = PQconnectStartParams (keys, values, 1);
  if (conn == NULL)
    {
      seg_source_set_error (source, error, SEG_ERROR_IO, _("out of memory"));
      return FALSE;
    }
  if (PQstatus (conn) == CONNECTION_BAD)
    {
      connect_error (source, conn, error);
      PQfinish (conn);
      return FALSE;
    }
  timeout_text = conn_option (conn, "connect_timeout");
  timeout_s = timeout_text != NULL ? atoi (timeout_text) : DEFAULT_TIMEOUT_S;
  if (timeout_s <= 0)
    timeout_s = DEFAULT_TIMEOUT_S;
  deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  while (state != PGRES_POLLING_OK)
    {
      gboolean timed_out = FALSE;

      if (state == PGRES_POLLING_FAILED)
        {
          connect_error (source, conn, error);
          PQfinish (conn);
          return FALSE;
        }
      if (!wait_socket (conn, state == PGRES_POLLING_WRITING, deadline, cancellable, &timed_out, error))
        {
          if (timed_out)
            {
              const char *host = conn_option (conn, "host");
              seg_source_set_error (source, error, SEG_ERROR_IO,
                                    _("no answer from the server “%s” within %d seconds"),
                                    host ? host : "localhost", timeout_s);
            }
          PQfinish (conn);
          return FALSE;
        }
      state = PQconnectPoll (conn);
    }
  source->handle = conn;
  return run_simple (source,
                     "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET extra_float_digits = 1; "
                     "SET max_parallel_workers_per_gather = 0; SET synchronize_seqscans = off; "
                     "SET cursor_tuple_fraction = 1.0; SET client_encoding = 'UTF8'",
                     error);
}

static void
pg_close (SegSource *source)
{
  g_clear_pointer (&source->handle, PQfinish);
}

/* An error of a statement, with the server's words and what it means. */
static void
result_error (SegSource *source,
              PGresult  *res,
              GError   **error)
{
  PGconn *conn = source->handle;
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *text = primary != NULL ? g_strdup (primary) : server_text (PQerrorMessage (conn));

  if (PQstatus (conn) == CONNECTION_BAD)
    seg_source_set_error (source, error, SEG_ERROR_IO,
                          _("the connection to the server was lost (%s)"), text);
  else if (state != NULL && strcmp (state, "42P01") == 0)
    seg_source_set_error (source, error, SEG_ERROR_PARSE, _("no such table: %s"), text);
  else if (state != NULL && strcmp (state, "42703") == 0)
    seg_source_set_error (source, error, SEG_ERROR_PARSE, _("no such column: %s"), text);
  else if (state != NULL && strcmp (state, "42501") == 0)
    seg_source_set_error (source, error, SEG_ERROR_IO, _("permission denied: %s"), text);
  else if (state != NULL && strcmp (state, "57014") == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  else if (state != NULL && (g_str_has_prefix (state, "57P") || g_str_has_prefix (state, "08")))
    seg_source_set_error (source, error, SEG_ERROR_IO,
                          _("the connection to the server was lost (%s)"), text);
  else
    seg_source_set_error (source, error, SEG_ERROR_PARSE, "%s", text);
}

static gboolean
run_simple (SegSource  *source,
            const char *sql,
            GError    **error)
{
  PGresult *res = PQexec (source->handle, sql);
  gboolean ok = res != NULL && (PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK);

  if (!ok)
    result_error (source, res, error);
  PQclear (res);
  return ok;
}

static void
cancel_cb (GCancellable *cancellable,
           gpointer      user_data)
{
  PGcancel *cancel = user_data;
  char buf[256];

  PQcancel (cancel, buf, sizeof buf);
}

static gboolean
pg_query (SegSource           *source,
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
  PGconn *conn = source->handle;
  g_autofree char *declare = g_strdup_printf ("DECLARE seg_cursor NO SCROLL CURSOR FOR %s", sql);
  g_autofree const char **cells = NULL;
  g_autofree const char **names = NULL;
  PGcancel *cancel = PQgetCancel (conn);
  gulong handler = 0;
  gboolean ok = FALSE, more = TRUE, first = TRUE;
  PGresult *res;

  if (cancellable != NULL && cancel != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb), cancel, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (!run_simple (source, "BEGIN READ ONLY", error))
    goto out;
  res = PQexecParams (conn, declare, (int) n_params, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      result_error (source, res, error);
      PQclear (res);
      goto rollback;
    }
  PQclear (res);
  while (more)
    {
      int n_rows, n_cols;

      res = PQexec (conn, "FETCH FORWARD " G_STRINGIFY (FETCH_ROWS) " FROM seg_cursor");
      if (PQresultStatus (res) != PGRES_TUPLES_OK)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            ;
          else
            result_error (source, res, error);
          PQclear (res);
          goto rollback;
        }
      n_rows = PQntuples (res);
      n_cols = PQnfields (res);
      if (first)
        {
          names = g_new0 (const char *, n_cols + 1);
          cells = g_new0 (const char *, n_cols + 1);
          for (int c = 0; c < n_cols; c++)
            names[c] = PQfname (res, c);
          if (columns != NULL)
            columns ((guint) n_cols, names, user_data);
          first = FALSE;
        }
      for (int r = 0; r < n_rows && more; r++)
        {
          for (int c = 0; c < n_cols; c++)
            cells[c] = PQgetisnull (res, r, c) ? NULL : PQgetvalue (res, r, c);
          more = row ((guint) n_cols, cells, user_data);
        }
      if (n_rows < FETCH_ROWS)
        more = FALSE;
      PQclear (res);
      if (more && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;
    }
  ok = run_simple (source, "CLOSE seg_cursor; COMMIT", error);
  goto out;

rollback:
  if (PQstatus (conn) == CONNECTION_OK)
    PQclear (PQexec (conn, "ROLLBACK"));
out:
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  if (cancel != NULL)
    PQfreeCancel (cancel);
  return ok;
}

static GArray *
pg_describe (SegSource    *source,
             const char   *relation,
             GPtrArray    *names,
             GCancellable *cancellable,
             GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s LIMIT 0", relation);
  PGresult *res = PQexec (source->handle, sql);
  GArray *types;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      result_error (source, res, error);
      PQclear (res);
      return NULL;
    }
  types = g_array_new (FALSE, FALSE, sizeof (SegNativeType));
  for (int c = 0; c < PQnfields (res); c++)
    {
      SegNativeType t = native_of_oid (PQftype (res, c));
      g_ptr_array_add (names, g_strdup (PQfname (res, c)));
      g_array_append_val (types, t);
    }
  PQclear (res);
  return types;
}

typedef struct
{
  GPtrArray *tables;
} ListRun;

static gboolean
list_row_cb (guint               n,
             const char * const *cells,
             gpointer            user_data)
{
  ListRun *run = user_data;
  SegSourceTable *t = g_new0 (SegSourceTable, 1);

  t->name = strcmp (cells[0], "public") == 0 ? g_strdup (cells[1]) : g_strdup_printf ("%s.%s", cells[0], cells[1]);
  t->view = cells[2][0] == 'v' || cells[2][0] == 'm';
  t->rows = -1;
  g_ptr_array_add (run->tables, t);
  return TRUE;
}

static GPtrArray *
pg_list_tables (SegSource    *source,
                GCancellable *cancellable,
                GError      **error)
{
  ListRun run = { g_ptr_array_new_with_free_func ((GDestroyNotify) seg_source_table_free) };

  if (!pg_query (source,
                 "SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c "
                 "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') "
                 "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                 "AND n.nspname NOT LIKE 'pg_toast%' "
                 "AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1, 2",
                 0, NULL, NULL, NULL, list_row_cb, &run, cancellable, error))
    {
      g_ptr_array_unref (run.tables);
      return NULL;
    }
  for (guint i = 0; i < run.tables->len; i++)
    {
      SegSourceTable *t = g_ptr_array_index (run.tables, i);
      const char *dot = strchr (t->name, '.');
      g_autofree char *rel = NULL;
      g_autofree char *sql = NULL;
      PGresult *res;

      if (dot != NULL)
        {
          g_autofree char *schema = g_strndup (t->name, dot - t->name);
          g_autofree char *qs = seg_source_quote_ident (schema);
          g_autofree char *qt = seg_source_quote_ident (dot + 1);
          rel = g_strdup_printf ("%s.%s", qs, qt);
        }
      else
        rel = seg_source_quote_ident (t->name);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_ptr_array_unref (run.tables);
          return NULL;
        }
      sql = g_strdup_printf ("SELECT count(*) FROM %s", rel);
      res = PQexec (source->handle, sql);
      if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
        t->rows = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      PQclear (res);
      if (PQstatus (source->handle) != CONNECTION_OK)
        {
          result_error (source, NULL, error);
          g_ptr_array_unref (run.tables);
          return NULL;
        }
    }
  return run.tables;
}

const SegSourceBackend seg_source_pg_backend = {
  SEG_SOURCE_POSTGRESQL,
  pg_connect,
  pg_close,
  pg_list_tables,
  pg_query,
  pg_describe,
};
