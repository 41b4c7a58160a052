/* seg-test-dbload.c — put CSV files into a database for the database tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   seg-test-dbload sqlite DB.sqlite NAME=FILE.csv…   creates the tables
 *   seg-test-dbload pgsql NAME=FILE.csv…              SQL for psql on stdout
 *
 * Each column gets the type Segmenta's reader gives it in the file (number:
 * double precision / REAL, date: date or timestamp, boolean, text), cells it
 * reads as missing or cannot read become NULL: what a database loaded from
 * these exports by an ETL job would hold.
 */
#include "config.h"

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "seg-csv.h"
#include "seg-source-private.h"

static gboolean
has_time (const SegColumn *col,
          guint64          n)
{
  for (guint64 r = 0; r < n; r++)
    if (!isnan (col->num[r]) && col->num[r] != floor (col->num[r]))
      return TRUE;
  return FALSE;
}

/* The text of a cell as the database should store it, or NULL. */
static char *
cell_text (const SegColumn *col,
           guint64          r,
           gboolean         sqlite)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double v;

  if (col->type == SEG_COLUMN_TEXT)
    return g_strdup (col->text[r]);
  v = col->num[r];
  if (isnan (v))
    return NULL;
  if (col->type == SEG_COLUMN_BOOLEAN)
    return g_strdup (v != 0 ? "true" : "false");
  if (col->type == SEG_COLUMN_DATE)
    {
      g_autofree char *day = seg_date_format_iso (floor (v));
      long secs = lround ((v - floor (v)) * 86400.0);
      if (secs == 0 && !sqlite)
        return g_strdup (day);
      return g_strdup_printf ("%s %02ld:%02ld:%02ld", day, secs / 3600, secs / 60 % 60, secs % 60);
    }
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, v));
}

static const char *
sql_type (const SegColumn *col,
          guint64          n,
          gboolean         sqlite)
{
  switch (col->type)
    {
    case SEG_COLUMN_NUMBER:
      return sqlite ? "REAL" : "double precision";
    case SEG_COLUMN_DATE:
      return has_time (col, n) ? (sqlite ? "DATETIME" : "timestamp") : "date";
    case SEG_COLUMN_BOOLEAN:
      return sqlite ? "TEXT" : "boolean";
    default:
      return "text";
    }
}

static char *
create_sql (const char     *name,
            const SegTable *t,
            gboolean        sqlite)
{
  g_autofree char *qn = seg_source_quote_ident (name);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "CREATE TABLE %s (", qn);
  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      g_autofree char *qc = seg_source_quote_ident (col->name);
      g_string_append_printf (s, "%s%s %s", c ? ", " : "", qc,
                              sql_type (col, seg_table_get_n_rows (t), sqlite));
    }
  g_string_append (s, ")");
  return g_string_free (s, FALSE);
}

static gboolean
load_sqlite (sqlite3        *db,
             const char     *name,
             const SegTable *t)
{
  g_autofree char *create = create_sql (name, t, TRUE);
  g_autofree char *qn = seg_source_quote_ident (name);
  GString *ins = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint n = seg_table_get_n_columns (t);

  if (sqlite3_exec (db, create, NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;
  g_string_append_printf (ins, "INSERT INTO %s VALUES (", qn);
  for (guint c = 0; c < n; c++)
    g_string_append (ins, c ? ", ?" : "?");
  g_string_append (ins, ")");
  if (sqlite3_prepare_v2 (db, ins->str, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  g_string_free (ins, TRUE);
  for (guint64 r = 0; r < seg_table_get_n_rows (t); r++)
    {
      for (guint c = 0; c < n; c++)
        {
          const SegColumn *col = seg_table_get_column (t, c);
          if (col->type == SEG_COLUMN_NUMBER && !isnan (col->num[r]))
            sqlite3_bind_double (stmt, (int) c + 1, col->num[r]);
          else
            {
              char *text = cell_text (col, r, TRUE);
              if (text == NULL)
                sqlite3_bind_null (stmt, (int) c + 1);
              else
                sqlite3_bind_text (stmt, (int) c + 1, text, -1, g_free);
            }
        }
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return FALSE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* COPY text format: \N for NULL, backslash escapes. */
static void
print_pgsql (const char     *name,
             const SegTable *t)
{
  g_autofree char *create = create_sql (name, t, FALSE);
  g_autofree char *qn = seg_source_quote_ident (name);
  guint n = seg_table_get_n_columns (t);

  printf ("DROP TABLE IF EXISTS %s;\n%s;\nCOPY %s FROM STDIN;\n", qn, create, qn);
  for (guint64 r = 0; r < seg_table_get_n_rows (t); r++)
    {
      for (guint c = 0; c < n; c++)
        {
          g_autofree char *text = cell_text (seg_table_get_column (t, c), r, FALSE);
          if (c > 0)
            putchar ('\t');
          if (text == NULL)
            {
              fputs ("\\N", stdout);
              continue;
            }
          for (const char *p = text; *p; p++)
            {
              if (*p == '\\' || *p == '\t' || *p == '\n' || *p == '\r')
                printf ("\\%c", *p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ? 'r' : '\\');
              else
                putchar (*p);
            }
        }
      putchar ('\n');
    }
  printf ("\\.\n");
}

/* A TCP port that accepts connections and never answers: the connect
 * timeout's test.  Prints the port, then waits until stdin closes. */
static int
listen_silently (void)
{
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  char buf[64];

  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) != 0 || listen (fd, 8) != 0
      || getsockname (fd, (struct sockaddr *) &addr, &len) != 0)
    return 1;
  printf ("%d\n", ntohs (addr.sin_port));
  fflush (stdout);
  while (fread (buf, 1, sizeof buf, stdin) > 0)
    ;
  close (fd);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  gboolean sqlite;
  sqlite3 *db = NULL;
  int first = 2;

  if (argc == 2 && strcmp (argv[1], "listen") == 0)
    return listen_silently ();
  if (argc < 3 || (strcmp (argv[1], "sqlite") != 0 && strcmp (argv[1], "pgsql") != 0))
    {
      g_printerr ("usage: %s sqlite DB NAME=FILE… | pgsql NAME=FILE…\n", argv[0]);
      return 2;
    }
  sqlite = strcmp (argv[1], "sqlite") == 0;
  if (sqlite)
    {
      if (sqlite3_open (argv[2], &db) != SQLITE_OK)
        return 1;
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      first = 3;
    }
  for (int i = first; i < argc; i++)
    {
      const char *eq = strchr (argv[i], '=');
      g_autofree char *name = eq ? g_strndup (argv[i], eq - argv[i]) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SegTable) t = NULL;

      if (name == NULL)
        return 2;
      t = seg_csv_read (eq + 1, NULL, NULL, NULL, NULL, &error);
      if (t == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (sqlite ? !load_sqlite (db, name, t) : (print_pgsql (name, t), FALSE))
        {
          g_printerr ("%s: %s\n", name, sqlite3_errmsg (db));
          return 1;
        }
    }
  if (sqlite)
    {
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      sqlite3_close (db);
    }
  return 0;
}
