/* seg-source.h — tables that live in a database (PostgreSQL, SQLite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An input may name a database table or query instead of a file:
 *
 *   postgresql://[user@][host][:port]/db[?libpq params]#table=NAME
 *   postgresql://…#query=SQL            (SQL URL-encoded)
 *   sqlite:PATH#table=NAME   sqlite:PATH#query=SQL
 *
 * Credentials follow libpq's usual sources (PGPASSWORD, ~/.pgpass, service
 * files); a password written in the URI is accepted but never shown:
 * seg_source_redact () is what messages and summary.json print.
 *
 * A table or query is read into a SegTable through the same typing rules as
 * a CSV file (each value's text form, NULL as an empty cell), so roles,
 * bindings, filters, derived columns and every method treat it as they
 * treat a file.  A transaction log is read as a preview of its first rows
 * and its per-customer metrics are computed by the server in one GROUP BY
 * (seg_source_aggregate ()).
 *
 * A SegSource is one open connection: use it from one thread at a time.
 * Errors are SEG_ERROR_IO (connection, permission, lost connection) or
 * SEG_ERROR_PARSE (unknown table or column, bad SQL) and start with the
 * redacted source.  Cancelling @cancellable interrupts a running query.
 */
#pragma once

#include <gio/gio.h>

#include "seg-csv.h"
#include "seg-table.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_SOURCE_POSTGRESQL,
  SEG_SOURCE_SQLITE,
} SegSourceKind;

typedef struct _SegSource SegSource;

typedef struct
{
  char    *name;      /* schema-qualified for PostgreSQL outside "public" */
  gboolean view;
  gint64   rows;      /* -1 when unknown */
} SegSourceTable;

/**
 * seg_source_is_uri:
 * @text: (nullable): an input as the user gave it
 *
 * Returns: %TRUE when @text names a database input rather than a file
 */
gboolean        seg_source_is_uri       (const char *text);

/**
 * seg_source_redact:
 * @uri: an input
 *
 * Returns: (transfer full): @uri with any password removed
 *   (user:secret@ becomes user@, password=… is dropped)
 */
char           *seg_source_redact       (const char *uri);

/**
 * seg_source_remember:
 * @uri: a database input, maybe with a password
 *
 * Keeps @uri's password for this process only: opening the returned URI (or
 * any table of the same database) uses the password.  The app gives the
 * redacted form to settings, recent files and summaries.
 *
 * Returns: (transfer full): @uri without its password
 */
char           *seg_source_remember     (const char *uri);

/**
 * seg_source_display_name:
 * @uri: a database input (or a path)
 *
 * Returns: (transfer full): what a table read from @uri is called in
 *   messages: the table's name, "query", or the file's name
 */
char           *seg_source_display_name (const char *uri);

/**
 * seg_source_table_new:
 * @path: (nullable): the file or database input the table is read from
 *
 * Returns: (transfer full): a new empty table, named as
 *   seg_source_display_name () says for a database, by the file otherwise
 */
SegTable       *seg_source_table_new    (const char *path);

/**
 * seg_source_database_name:
 * @uri: a database input
 *
 * Returns: (transfer full): the database, for titles: PostgreSQL's database
 *   name ("PostgreSQL" when the URI has none), or the SQLite file's name
 *   without its extension
 */
char           *seg_source_database_name (const char *uri);

/**
 * seg_source_uri_with:
 * @base: a database input; its fragment, if any, is replaced
 * @table: (nullable): a table's name, or %NULL with @query
 * @query: (nullable): an SQL query, or %NULL with @table
 *
 * Returns: (transfer full): the input naming @table or @query in the
 *   database of @base
 */
char           *seg_source_uri_with     (const char *base,
                                         const char *table,
                                         const char *query);

/**
 * seg_source_open:
 * @uri: a database input
 * @cancellable: (nullable): interrupts connecting
 * @error: a #GError in %SEG_ERROR
 *
 * Connects (PostgreSQL: connect_timeout 10 s unless @uri sets one).
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with @error
 *   set
 */
SegSource      *seg_source_open         (const char   *uri,
                                         GCancellable *cancellable,
                                         GError      **error);
/**
 * seg_source_free:
 * @source: (nullable) (transfer full): a connection
 *
 * Closes the connection and frees it.
 */
void            seg_source_free         (SegSource *source);

/**
 * seg_source_list_tables:
 * @source: a connection
 * @cancellable: (nullable): interrupts the query
 * @error: a #GError in %SEG_ERROR
 *
 * Lists the tables and views with their row counts (exact for SQLite and
 * for PostgreSQL tables; views are counted too).
 *
 * Returns: (transfer full) (element-type SegSourceTable) (nullable): the
 *   tables, or %NULL with @error set
 */
GPtrArray      *seg_source_list_tables  (SegSource    *source,
                                         GCancellable *cancellable,
                                         GError      **error);
/**
 * seg_source_table_free:
 * @table: (nullable) (transfer full): an entry of seg_source_list_tables ()
 */
void            seg_source_table_free   (SegSourceTable *table);

/**
 * seg_source_read:
 * @source: a connection
 * @uri: (nullable): the input naming the table or query; %NULL for the
 *   connection's own
 * @limit: read only the first @limit rows, as a preview (report->preview
 *   set; the dataset then aggregates the rest in the server); 0 for all
 * @options: (nullable): how to type the columns; %NULL for the defaults
 * @cancellable: (nullable): interrupts the query
 * @progress: (nullable) (scope call): told of the rows fetched
 * @user_data: (closure progress): for @progress
 * @error: a #GError in %SEG_ERROR, starting with the redacted source
 *
 * Reads a table or query as a typed table, through the rules of the CSV
 * reader.  Rows are fetched through a server-side cursor in blocks.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
SegTable       *seg_source_read         (SegSource            *source,
                                         const char           *uri,
                                         guint64               limit,
                                         const SegReadOptions *options,
                                         GCancellable         *cancellable,
                                         SegProgressFunc       progress,
                                         gpointer              user_data,
                                         GError              **error);

/**
 * seg_source_read_uri:
 * @uri: a database input
 * @limit: read only the first @limit rows; 0 for all
 * @options: (nullable): how to type the columns; %NULL for the defaults
 * @cancellable: (nullable): interrupts the query
 * @progress: (nullable) (scope call): told of the rows fetched
 * @user_data: (closure progress): for @progress
 * @error: a #GError in %SEG_ERROR
 *
 * Opens @uri, reads it as seg_source_read () does and closes.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
SegTable       *seg_source_read_uri     (const char           *uri,
                                         guint64               limit,
                                         const SegReadOptions *options,
                                         GCancellable         *cancellable,
                                         SegProgressFunc       progress,
                                         gpointer              user_data,
                                         GError              **error);

/* ------------------------------------------------------------ push-down */

/* What the server must aggregate: column indices into @preview (-1 = none). */
typedef struct
{
  const SegTable *preview;
  int             cid;
  int             date;
  int             amount;
  int             txn_id;
  const int      *extras;       /* numeric columns averaged per customer */
  guint           n_extras;
  double          as_of;        /* explicit as-of day, or NAN */
  SegExpr        *where;        /* --where, bound to @preview's columns, or NULL */
  gboolean        days;         /* also deliver per customer and day sums */
} SegSourceAggSpec;

/* One customer's figures, as the dataset's row-by-row fold would have them. */
typedef struct
{
  const char   *key;          /* the customer key (seg_dataset_key_of_cell () form); NULL: rows without one */
  guint64       rows;         /* rows of this key */
  guint64       filtered;     /* dropped by the --where filter */
  guint64       no_date;
  guint64       after_as_of;
  guint64       kept;         /* rows kept, duplicates included */
  guint64       duplicates;   /* rows repeating an earlier row exactly */
  guint64       count;        /* txn_count */
  guint64       n_amount;
  double        total;
  double        first;        /* day, NAN when none */
  double        last;
  double        latest;       /* latest day of every dated row, NAN when none */
  const double *extra_sum;    /* spec->n_extras each */
  const guint64 *extra_n;
} SegSourceCustomer;

/* A day on which a customer bought (kept rows only).  What the CLV summary
 * needs of the amounts is their sum after the customer's first day, added
 * in (day, amount) order: one of the later days carries that sum, computed
 * by the server in that order, and every other day NAN. */
typedef struct
{
  const char *key;
  double      day;
  double      amount;
} SegSourceDay;

typedef void (*SegSourceCustomerFunc) (const SegSourceCustomer *customer,
                                       gpointer                 user_data);
typedef void (*SegSourceDayFunc)      (const SegSourceDay      *day,
                                       gpointer                 user_data);

/**
 * seg_source_can_aggregate:
 * @source: the connection the preview was read from
 * @spec: what to aggregate
 * @why: (out) (transfer full): when not, why, for a notice; it must point
 *   to %NULL
 *
 * Whether the server can compute the metrics of @spec exactly as the
 * row-by-row fold would (native date and number columns); when not, the
 * caller reads the table whole.
 *
 * Returns: %TRUE when seg_source_aggregate () can run
 */
gboolean        seg_source_can_aggregate (SegSource              *source,
                                          const SegSourceAggSpec *spec,
                                          char                  **why);

/**
 * seg_source_aggregate:
 * @source: the connection the preview was read from
 * @spec: what to aggregate
 * @customer: (scope call): called once per customer key
 * @day: (scope call) (nullable): called per customer and day when
 *   spec->days
 * @user_data: (closure): for @customer and @day
 * @cancellable: (nullable): interrupts the query
 * @error: a #GError in %SEG_ERROR
 *
 * Runs the GROUP BY of @spec in the server.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean        seg_source_aggregate    (SegSource              *source,
                                         const SegSourceAggSpec *spec,
                                         SegSourceCustomerFunc   customer,
                                         SegSourceDayFunc        day,
                                         gpointer                user_data,
                                         GCancellable           *cancellable,
                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegSource, seg_source_free)

G_END_DECLS
