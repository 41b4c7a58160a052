/* seg-source-private.h — what a database backend provides to seg-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-source.h"

G_BEGIN_DECLS

/* How a column is stored, as far as the push-down cares. */
typedef enum
{
  SEG_NATIVE_OTHER,
  SEG_NATIVE_TEXT,
  SEG_NATIVE_NUMBER,
  SEG_NATIVE_BOOLEAN,
  SEG_NATIVE_DATE,
  SEG_NATIVE_TIMESTAMP,
  SEG_NATIVE_TIMESTAMPTZ,
} SegNativeType;

/* Called once per query before the rows, with the result's column names. */
typedef void     (*SegSourceColumnsFunc) (guint               n_columns,
                                          const char * const *names,
                                          gpointer            user_data);
/* One row; @cells[i] is NULL for SQL NULL.  FALSE stops the query. */
typedef gboolean (*SegSourceRowFunc)     (guint               n_columns,
                                          const char * const *cells,
                                          gpointer            user_data);

typedef struct
{
  SegSourceKind kind;
  gboolean   (*connect)     (SegSource     *source,
                             GCancellable  *cancellable,
                             GError       **error);
  void       (*close)       (SegSource     *source);
  GPtrArray *(*list_tables) (SegSource     *source,
                             GCancellable  *cancellable,
                             GError       **error);
  /* Runs @sql (parameters $1…/?1… given as text, NULL = SQL NULL; @types[i]
   * 't' binds text, anything else a number) and hands the rows over in
   * blocks from a cursor. */
  gboolean   (*query)       (SegSource          *source,
                             const char         *sql,
                             guint               n_params,
                             const char * const *params,
                             const char         *types,
                             SegSourceColumnsFunc columns,
                             SegSourceRowFunc    row,
                             gpointer            user_data,
                             GCancellable       *cancellable,
                             GError            **error);
  /* The stored type of each column of @relation (SQL of a FROM item). */
  GArray    *(*describe)    (SegSource     *source,
                             const char    *relation,
                             GPtrArray     *names,      /* out: char* */
                             GCancellable  *cancellable,
                             GError       **error);
} SegSourceBackend;

struct _SegSource
{
  const SegSourceBackend *backend;
  char     *uri;          /* as given */
  char     *display;      /* redacted */
  char     *conninfo;     /* PostgreSQL: the URI without its fragment */
  char     *path;         /* SQLite: the file */
  char     *table;        /* fragment table=, or NULL */
  char     *query;        /* fragment query=, or NULL */
  gpointer  handle;       /* PGconn* or sqlite3* */
};

extern const SegSourceBackend seg_source_pg_backend;
extern const SegSourceBackend seg_source_sqlite_backend;

/* "\"name\"" with embedded quotes doubled.  Returns: (transfer full). */
char *seg_source_quote_ident (const char *name);

/* The FROM item of @table ("schema"."name" when it has a dot and the
 * source is PostgreSQL) or, when @table is NULL, of @query.
 * Returns: (transfer full). */
char *seg_source_relation_sql (SegSource  *source,
                               const char *table,
                               const char *query);

/* Sets @error to "SOURCE: message". */
void  seg_source_set_error   (SegSource  *source,
                              GError    **error,
                              int         code,
                              const char *format,
                              ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
