/* seg-source.c — database inputs: URIs, opening a source, reading tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading goes through the CSV reader on purpose: the rows are written as
 * CSV text in memory (NULL as an empty cell) and typed by the same rules as
 * a file, so a table exported to CSV and the same table in a database give
 * the same columns, types and values.  The push-down, per-customer sums the
 * server computes, is in seg-source-pushdown.c.
 */
#define G_LOG_DOMAIN "seg-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seg-error.h"
#include "seg-parse.h"
#include "seg-source-private.h"

/* ------------------------------------------------------------ URIs */

gboolean
seg_source_is_uri (const char *text)
{
  return text != NULL && (g_str_has_prefix (text, "postgresql://") || g_str_has_prefix (text, "postgres://")
                          || g_str_has_prefix (text, "sqlite:"));
}

/* URIs given with a password, by their redacted form: tables carry the
 * redacted form as their path, and reopening one needs the original. */
static GMutex secrets_lock;

static const char *
fragment_of (const char *uri)
{
  const char *hash = strchr (uri, '#');
  return hash != NULL ? hash : uri + strlen (uri);
}
static GHashTable *secrets;

char *
seg_source_redact (const char *uri)
{
  GString *out;
  const char *p, *end, *rest, *at, *slash, *q;

  g_return_val_if_fail (uri != NULL, NULL);

  if (!g_str_has_prefix (uri, "postgres"))
    return g_strdup (uri);
  out = g_string_new (NULL);
  p = strstr (uri, "://");
  if (p == NULL)
    return g_strdup (uri);
  p += 3;
  g_string_append_len (out, uri, p - uri);
  end = fragment_of (uri);
  slash = p;
  while (slash < end && *slash != '/' && *slash != '?')
    slash++;
  at = NULL;
  for (q = p; q < slash; q++)
    if (*q == '@')
      at = q;
  if (at != NULL)
    {
      const char *colon = memchr (p, ':', at - p);
      g_string_append_len (out, p, (colon ? colon : at) - p);
      g_string_append_c (out, '@');
      p = at + 1;
    }
  q = memchr (p, '?', end - p);
  g_string_append_len (out, p, (q ? q : end) - p);
  if (q != NULL)
    {
      g_auto(GStrv) params = NULL;
      g_autofree char *query = g_strndup (q + 1, end - q - 1);
      gboolean first = TRUE;

      params = g_strsplit (query, "&", -1);
      for (guint i = 0; params[i] != NULL; i++)
        {
          if (g_ascii_strncasecmp (params[i], "password=", 9) == 0 || params[i][0] == '\0')
            continue;
          g_string_append_c (out, first ? '?' : '&');
          g_string_append (out, params[i]);
          first = FALSE;
        }
    }
  rest = end;
  g_string_append (out, rest);
  return g_string_free (out, FALSE);
}

/* Both without their fragment: every table of a database shares one entry. */
static void
remember_secret (const char *uri,
                 const char *redacted)
{
  if (strcmp (uri, redacted) == 0)
    return;
  g_mutex_lock (&secrets_lock);
  if (secrets == NULL)
    secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (secrets, g_strndup (redacted, fragment_of (redacted) - redacted),
                        g_strndup (uri, fragment_of (uri) - uri));
  g_mutex_unlock (&secrets_lock);
}

/* The URI a redacted one was made from (itself when it had no password). */
static char *
unredact (const char *uri)
{
  g_autofree char *head = g_strndup (uri, fragment_of (uri) - uri);
  char *full = NULL;

  g_mutex_lock (&secrets_lock);
  if (secrets != NULL && g_hash_table_lookup (secrets, head) != NULL)
    full = g_strconcat (g_hash_table_lookup (secrets, head), fragment_of (uri), NULL);
  g_mutex_unlock (&secrets_lock);
  return full != NULL ? full : g_strdup (uri);
}

char *
seg_source_remember (const char *uri)
{
  char *redacted;

  g_return_val_if_fail (uri != NULL, NULL);
  redacted = seg_source_redact (uri);
  remember_secret (uri, redacted);
  return redacted;
}

static char *
fragment_value (const char *uri,
                const char *key)
{
  const char *frag = fragment_of (uri);
  g_auto(GStrv) parts = NULL;
  gsize klen = strlen (key);

  if (*frag != '#')
    return NULL;
  parts = g_strsplit (frag + 1, "&", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strncmp (parts[i], key, klen) == 0 && parts[i][klen] == '=')
      return g_uri_unescape_string (parts[i] + klen + 1, NULL);
  return NULL;
}

char *
seg_source_display_name (const char *uri)
{
  char *table;

  g_return_val_if_fail (uri != NULL, NULL);
  table = fragment_value (uri, "table");
  if (table != NULL)
    return table;
  if (strstr (fragment_of (uri), "query=") != NULL)
    return g_strdup ("query");
  return g_path_get_basename (uri);
}

SegTable *
seg_source_table_new (const char *path)
{
  g_autofree char *name = NULL;

  if (path != NULL && seg_source_is_uri (path))
    name = seg_source_display_name (path);
  return seg_table_new_named (path, name);
}

char *
seg_source_database_name (const char *uri)
{
  const char *end;
  g_autofree char *head = NULL;
  char *name, *q, *dot;

  g_return_val_if_fail (uri != NULL, NULL);
  end = fragment_of (uri);
  if (g_str_has_prefix (uri, "sqlite:"))
    {
      g_autofree char *path = g_uri_unescape_segment (uri + strlen ("sqlite:"), end, NULL);
      name = g_path_get_basename (path != NULL ? path : "");
      dot = strrchr (name, '.');
      if (dot != NULL && dot != name)
        *dot = '\0';
      return name;
    }
  head = g_strndup (uri, end - uri);
  q = strchr (head, '?');
  if (q != NULL)
    *q = '\0';
  q = strstr (head, "://");
  q = q != NULL ? strchr (q + 3, '/') : NULL;
  if (q == NULL || q[1] == '\0')
    return g_strdup ("PostgreSQL");
  name = g_uri_unescape_string (q + 1, NULL);
  return name != NULL ? name : g_strdup (q + 1);
}

char *
seg_source_uri_with (const char *base,
                     const char *table,
                     const char *query)
{
  g_autofree char *head = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail ((table == NULL) != (query == NULL), NULL);
  head = g_strndup (base, fragment_of (base) - base);
  escaped = g_uri_escape_string (table ? table : query, NULL, FALSE);
  return g_strdup_printf ("%s#%s=%s", head, table ? "table" : "query", escaped);
}

char *
seg_source_quote_ident (const char *name)
{
  GString *out = g_string_new ("\"");

  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

void
seg_source_set_error (SegSource  *source,
                      GError    **error,
                      int         code,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SEG_ERROR, code, "%s: %s", source->display, message);
}

/* ------------------------------------------------------- open, close */

SegSource *
seg_source_open (const char   *uri,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr(SegSource) source = NULL;
  g_autofree char *full = NULL;
  const char *frag;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = g_new0 (SegSource, 1);
  full = unredact (uri);
  frag = fragment_of (full);
  source->uri = g_strdup (full);
  source->display = seg_source_redact (full);
  remember_secret (full, source->display);
  source->table = fragment_value (full, "table");
  source->query = fragment_value (full, "query");
  if (g_str_has_prefix (full, "sqlite:"))
    {
      const char *p = full + strlen ("sqlite:");
      if (g_str_has_prefix (p, "//"))
        p += 2;
      source->backend = &seg_source_sqlite_backend;
      source->path = g_uri_unescape_segment (p, frag, NULL);
      if (source->path == NULL || source->path[0] == '\0')
        {
          seg_source_set_error (source, error, SEG_ERROR_USAGE, _("no database file is named"));
          return NULL;
        }
    }
  else if (seg_source_is_uri (full))
    {
      source->backend = &seg_source_pg_backend;
      source->conninfo = g_strndup (full, frag - full);
    }
  else
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("%s is not a database address (postgresql://… or sqlite:…)"), uri);
      g_clear_pointer (&source->display, g_free);
      return NULL;
    }
  if (!source->backend->connect (source, cancellable, error))
    return NULL;
  return g_steal_pointer (&source);
}

void
seg_source_free (SegSource *source)
{
  if (source == NULL)
    return;
  if (source->handle != NULL && source->backend != NULL)
    source->backend->close (source);
  g_free (source->uri);
  g_free (source->display);
  g_free (source->conninfo);
  g_free (source->path);
  g_free (source->table);
  g_free (source->query);
  g_free (source);
}

void
seg_source_table_free (SegSourceTable *table)
{
  if (table == NULL)
    return;
  g_free (table->name);
  g_free (table);
}

GPtrArray *
seg_source_list_tables (SegSource    *source,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return source->backend->list_tables (source, cancellable, error);
}

/* ------------------------------------------------------------ reading */

char *
seg_source_relation_sql (SegSource  *source,
                         const char *table,
                         const char *query)
{
  if (table != NULL)
    {
      const char *dot = strchr (table, '.');
      if (dot != NULL && source->backend->kind == SEG_SOURCE_POSTGRESQL)
        {
          g_autofree char *schema = g_strndup (table, dot - table);
          g_autofree char *qs = seg_source_quote_ident (schema);
          g_autofree char *qt = seg_source_quote_ident (dot + 1);
          return g_strdup_printf ("%s.%s", qs, qt);
        }
      return seg_source_quote_ident (table);
    }
  return g_strdup_printf ("(%s) AS seg_query", query);
}

typedef struct
{
  GString         *csv;
  guint64          rows;
  guint64          limit;
  GCancellable    *cancellable;
  SegProgressFunc  progress;
  gpointer         progress_data;
} CsvBuild;

static void
csv_cell (GString    *csv,
          const char *cell)
{
  if (cell == NULL)
    return;
  g_string_append_c (csv, '"');
  for (const char *p = cell; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
csv_columns_cb (guint               n,
                const char * const *names,
                gpointer            user_data)
{
  CsvBuild *cb = user_data;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (cb->csv, ',');
      csv_cell (cb->csv, names[i]);
    }
  g_string_append_c (cb->csv, '\n');
}

static gboolean
csv_row_cb (guint               n,
            const char * const *cells,
            gpointer            user_data)
{
  CsvBuild *cb = user_data;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (cb->csv, ',');
      csv_cell (cb->csv, cells[i]);
    }
  g_string_append_c (cb->csv, '\n');
  cb->rows++;
  if (cb->progress != NULL && cb->rows % 10000 == 0)
    cb->progress (0.0, _("Reading rows from the database"), cb->progress_data);
  return cb->limit == 0 || cb->rows < cb->limit;
}

/* The select list that gives each column's text the way a CSV export
 * would: ISO dates and times without a time zone. */
static char *
select_list (SegSource  *source,
             const char *relation,
             GError    **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) types = NULL;
  GString *out;

  if (source->backend->kind != SEG_SOURCE_POSTGRESQL)
    return g_strdup ("*");
  types = source->backend->describe (source, relation, names, NULL, error);
  if (types == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *q = seg_source_quote_ident (g_ptr_array_index (names, i));
      SegNativeType t = g_array_index (types, SegNativeType, i);

      if (i > 0)
        g_string_append (out, ", ");
      if (t == SEG_NATIVE_TIMESTAMP)
        g_string_append_printf (out, "to_char(%s, 'YYYY-MM-DD HH24:MI:SS') AS %s", q, q);
      else if (t == SEG_NATIVE_TIMESTAMPTZ)
        g_string_append_printf (out, "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS %s", q, q);
      else
        g_string_append (out, q);
    }
  return g_string_free (out, FALSE);
}

SegTable *
seg_source_read (SegSource            *source,
                 const char           *uri,
                 guint64               limit,
                 const SegReadOptions *options,
                 GCancellable         *cancellable,
                 SegProgressFunc       progress,
                 gpointer              user_data,
                 GError              **error)
{
  g_autofree char *table = NULL;
  g_autofree char *query = NULL;
  g_autofree char *relation = NULL;
  g_autofree char *select = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SegReadOptions read_options;
  CsvBuild cb = { 0 };
  SegTable *t;
  gsize len;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (uri == NULL)
    uri = source->uri;
  table = fragment_value (uri, "table");
  query = fragment_value (uri, "query");
  if (table == NULL && query == NULL)
    {
      seg_source_set_error (source, error, SEG_ERROR_USAGE,
                            _("name a table (#table=NAME) or a query (#query=SQL)"));
      return NULL;
    }
  relation = seg_source_relation_sql (source, table, query);
  select = select_list (source, relation, error);
  if (select == NULL)
    return NULL;
  if (limit > 0)
    sql = g_strdup_printf ("SELECT %s FROM %s LIMIT %" G_GUINT64_FORMAT, select, relation, limit);
  else
    sql = g_strdup_printf ("SELECT %s FROM %s", select, relation);

  cb.csv = g_string_sized_new (1 << 16);
  cb.limit = limit;
  cb.progress = progress;
  cb.progress_data = user_data;
  if (!source->backend->query (source, sql, 0, NULL, NULL, csv_columns_cb, csv_row_cb, &cb, cancellable, error))
    {
      g_string_free (cb.csv, TRUE);
      return NULL;
    }
  if (cb.rows == 0)
    {
      g_string_free (cb.csv, TRUE);
      g_set_error (error, SEG_ERROR, SEG_ERROR_PARSE, _("%s: the table has no rows"),
                   seg_source_redact (uri));
      return NULL;
    }
  len = cb.csv->len;
  bytes = g_string_free_to_bytes (cb.csv);
  if (options != NULL)
    read_options = *options;
  else
    seg_read_options_init (&read_options);
  read_options.delimiter = ',';
  read_options.has_header = 1;
  read_options.encoding = "UTF-8";
  read_options.preview = limit > 0;
  display = seg_source_redact (uri);
  remember_secret (uri, display);
  t = seg_csv_read_bytes (bytes, display, &read_options, cancellable, NULL, NULL, error);
  if (t == NULL)
    return NULL;
  if (limit > 0)
    {
      SegReadReport *rep = seg_table_get_report_mut (t);
      rep->preview = TRUE;
      rep->preview_bytes = len;
      /* the reader's places for per-column notices of a streaming pass:
       * the server's aggregation has none to put there */
      for (guint i = rep->notices->len; i > 0; i--)
        if (((char *) g_ptr_array_index (rep->notices, i - 1))[0] == SEG_CSV_NOTICE_MARK)
          g_ptr_array_remove_index (rep->notices, i - 1);
    }
  return t;
}

SegTable *
seg_source_read_uri (const char           *uri,
                     guint64               limit,
                     const SegReadOptions *options,
                     GCancellable         *cancellable,
                     SegProgressFunc       progress,
                     gpointer              user_data,
                     GError              **error)
{
  g_autoptr(SegSource) source = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  source = seg_source_open (uri, cancellable, error);
  if (source == NULL)
    return NULL;
  return seg_source_read (source, NULL, limit, options, cancellable, progress, user_data, error);
}
