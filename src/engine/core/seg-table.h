/* seg-table.h — a typed, columnar table read from one CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SegTable is ref-counted and immutable once built; it may cross threads.
 * Build one with seg_table_new() + seg_table_add_column() and hand it out
 * only after the last column is added.
 *
 * Cell representation:
 *  - NUMBER:  double in column->num, NAN when missing
 *  - DATE:    days since 1970-01-01 (UTC, proleptic Gregorian) in column->num;
 *             the fraction is the time of day; NAN when missing.
 *             Day counts use floor() ("timestamps count by calendar day").
 *  - BOOLEAN: 0.0 or 1.0 in column->num, NAN when missing
 *  - TEXT:    UTF-8 string in column->text, NULL when missing
 */
#pragma once

#include <glib-object.h>

#include "seg-date.h"
#include "seg-types.h"

G_BEGIN_DECLS

#define SEG_TYPE_TABLE (seg_table_get_type ())

struct _SegColumn
{
  char         *name;
  SegColumnType type;
  /* What the column means, SEG_FIELD_NONE when unknown.  Read-only: a table
   * with other roles is a new table (seg_table_copy_with_roles ()). */
  const SegFieldRole role;
  double       *num;      /* NUMBER, DATE, BOOLEAN: n_rows values; NULL for TEXT */
  char        **text;     /* TEXT: n_rows strings (NULL = missing); NULL otherwise */
  guint64       n_missing;
  char         *format;   /* how values were read, for the user: "YYYY-MM-DD",
                             "DD/MM/YYYY", "decimal comma", "currency", … or NULL */
  gboolean      interned; /* TEXT cells come from seg_table_intern (): the table
                             frees them all at once, not one by one */
};

struct _SegProblem
{
  guint64 line;           /* 1-based physical line in the file, 0 if unknown */
  guint   column;         /* 1-based column (field number), 0 if unknown */
  char   *message;
};

/* What the reader found and did.  Owned by the table. */
struct _SegReadReport
{
  char      *path;             /* as given by the caller */
  char       delimiter;        /* ',', ';', '\t', '|', or ' ' for runs of spaces */
  char       quote;            /* '"' or 0 */
  gboolean   has_header;
  char      *encoding;         /* "UTF-8" or "Windows-1252" */
  gboolean   bom;
  gboolean   crlf;
  gboolean   decimal_comma;
  guint64    rows;             /* data rows accepted */
  guint64    skipped;          /* malformed data rows rejected */
  guint64    n_problems;       /* all row problems, including those not kept */
  GPtrArray *problems;         /* SegProblem*, the first ones (at most 100) */
  GPtrArray *notices;          /* char*, things the user should know (conversions, date order) */
  gboolean   preview;          /* the table holds the first rows of a long log only; the
                                  counts above are the whole file's once it was streamed */
  guint64    preview_bytes;    /* how many bytes of the file the preview holds */
  gboolean   sniffed_all;      /* the dialect was guessed from all of the text read: a
                                  preview of part of a file may guess otherwise than
                                  the whole file */
  gboolean   streamed;         /* a pass over the whole file has filled in the counts */
};

GType           seg_table_get_type      (void) G_GNUC_CONST;

/**
 * seg_table_new:
 * @path: (nullable): the file the table is read from
 *
 * Returns: (transfer full): a new table without columns
 */
SegTable       *seg_table_new           (const char *path);
/**
 * seg_table_new_named:
 * @path: (nullable): the file the table is read from
 * @name: (nullable): the name messages use (%NULL: the file's name)
 *
 * Returns: (transfer full): a new table without columns
 */
SegTable       *seg_table_new_named     (const char *path,
                                         const char *name);
/**
 * seg_table_ref:
 * @table: a table
 *
 * Returns: (transfer full): @table
 */
SegTable       *seg_table_ref           (SegTable   *table);
/**
 * seg_table_unref:
 * @table: (transfer full): a table
 */
void            seg_table_unref         (SegTable   *table);

/* Building (only before the table is shared).  @num, @text: (transfer full)
 * (nullable): the cells, which must hold seg_table_get_n_rows() values (or
 * define it for the first column); the table frees them.
 * Returns: (transfer none). */
SegColumn      *seg_table_add_column    (SegTable     *table,
                                         const char   *name,
                                         SegColumnType type,
                                         guint64       n_rows,
                                         double       *num,
                                         char        **text);
/* Returns: (transfer none). */
SegReadReport  *seg_table_get_report_mut (SegTable   *table);
void            seg_table_set_role      (SegTable   *table,
                                         SegFileRole role);

/* A new table with the file role @role and the column roles @roles (one per
 * column; NULL keeps them).  It shares the cells of @table, which it keeps
 * alive; @table itself does not change.  (transfer full) */
SegTable       *seg_table_copy_with_roles (const SegTable     *table,
                                           SegFileRole         role,
                                           const SegFieldRole *roles);

/* Reading.  The strings and the report belong to @table: (transfer none). */
const char     *seg_table_get_path      (const SegTable *table);
const char     *seg_table_get_name      (const SegTable *table);  /* basename of path */
SegFileRole     seg_table_get_role      (const SegTable *table);
guint64         seg_table_get_n_rows    (const SegTable *table);
guint           seg_table_get_n_columns (const SegTable *table);
/* A shared table is not changed: its columns are read-only.  The engine
 * changes a table it is still building through seg-table-private.h.
 * Returns: (transfer none). */
const SegColumn *seg_table_get_column   (const SegTable *table,
                                         guint           index);
/**
 * seg_table_find_column:
 * @table: a table
 * @name: a column's name
 *
 * Returns: (transfer none) (nullable): the column, %NULL when there is none
 */
const SegColumn *seg_table_find_column  (const SegTable *table,
                                         const char     *name);
/**
 * seg_table_find_column_index:
 * @table: a table
 * @name: a column's name
 *
 * Returns: the column's index, -1 when there is none
 */
int             seg_table_find_column_index (const SegTable *table,
                                             const char     *name);
/* Returns: (transfer none) (nullable). */
const SegColumn *seg_table_find_role    (const SegTable *table,
                                         SegFieldRole    role);
/* Returns: (transfer none): the problems and notices of reading @table. */
const SegReadReport *seg_table_get_report (const SegTable *table);

/* The physical line (1-based) each data row starts on, as the reader saw
 * it; stored as the places where rows stop following line by line, so a
 * plain file costs one entry. */
void            seg_table_set_row_lines (SegTable      *table,
                                         const guint64 *lines,
                                         guint64        n);
/* The line data row @row starts on, or 0 when the table does not know
 * (tables from a database, a workbook or the two-thread reader). */
guint64         seg_table_get_row_line  (const SegTable *table,
                                         guint64         row);

/**
 * seg_column_is_missing:
 * @column: a column
 * @row: a row of its table
 *
 * Returns: %TRUE when the cell is empty (a NULL text, a NAN number)
 */
gboolean        seg_column_is_missing   (const SegColumn *column,
                                         guint64          row);

/* A copy of @text kept by the table, identical strings stored once; for the
 * cells of a column that is then marked column->interned = TRUE.  Not
 * thread-safe: only while the table is being built.  Returns: (transfer
 * none): the table's copy, freed with the table. */
const char     *seg_table_intern        (SegTable   *table,
                                         const char *text);

/* Like seg_table_intern (), without looking for an equal string first: for
 * columns whose values are all different (ids), where the lookup is waste.
 * Returns: (transfer none). */
const char     *seg_table_store         (SegTable   *table,
                                         const char *text);
/* Keeps the text cells of @owner alive as long as @table: for text
 * columns of @table that point into @owner's cells instead of copying
 * them (mark them column->interned = TRUE, so that @table does not free
 * them one by one).  When @owner's text columns are all interned, only
 * their store is kept, not @owner's other columns.  Only while @table is
 * being built. */
void            seg_table_keep_cells_of (SegTable       *table,
                                         const SegTable *owner);
void            seg_table_add_problem   (SegTable   *table,
                                         guint64     line,
                                         guint       column,
                                         const char *message);
void            seg_table_add_notice    (SegTable   *table,
                                         const char *message);

/**
 * seg_problem_free:
 * @problem: (transfer full): a problem
 */
void            seg_problem_free        (SegProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegTable, seg_table_unref)

G_END_DECLS
