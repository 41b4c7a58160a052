/* seg-dataset-private.h — internals shared by seg-dataset*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-dataset.h"
#include "seg-expr.h"

G_BEGIN_DECLS

typedef struct
{
  char       *path;
  SegFileRole role;
} SegInputSpec;

typedef struct
{
  SegFileRole  role;
  SegFieldRole field;
  char        *expr;
} SegMapping;

struct _SegDatasetOptions
{
  GPtrArray     *inputs;        /* SegInputSpec* */
  GPtrArray     *maps;          /* SegMapping* */
  char          *where;
  GPtrArray     *txn_derives;   /* char* */
  GPtrArray     *derives;       /* char* */
  double         as_of;
  SegTimeUnit    time_unit;
  SegReadOptions read_options;
  guint64        stream_min_bytes;  /* stream transaction logs this long; 0 = never */
  guint64        id_memory;         /* bytes for the txn-id set of a streamed log; 0 = default */
  gboolean       drop_transactions; /* no per-row copy for churn and CLV is needed */
};

struct _SegDataset
{
  gatomicrefcount    ref_count;
  SegDatasetOptions *options;
  SegTable          *customers;
  double             as_of;
  gboolean           has_transactions;
  gboolean           confident;
  GArray            *inputs;    /* SegInputInfo */
  GPtrArray         *notices;   /* char* */
  GPtrArray         *future_dates; /* SegFutureDates* */
  SegKeptTransactions *kept;    /* NULL without a transaction log */
  SegCohorts        *cohorts;   /* NULL without a dated transaction log */
};

/* A value of a transaction row: a column, or an expression over the row. */
typedef struct
{
  const SegColumn *column;
  SegExpr         *expr;
} SegField;

/* Evaluation context of one row of a table plus its derived values. */
typedef struct
{
  const SegTable *table;
  guint64         row;
  SegValue       *derived;
  guint           n_columns;
} SegRowCtx;

void     seg_row_ctx_fetch    (guint     index,
                               gpointer  row,
                               SegValue *out);
gboolean seg_row_ctx_resolve  (const char    *name,
                               guint         *index,
                               SegColumnType *type,
                               gpointer       user_data);

/* The customer key of a cell: text as is, whole numbers without decimals. */
char    *seg_dataset_key_of_cell (const SegColumn *column,
                                  guint64          row);

/* seg-dataset-checks.c (issue 17) */

/* Marks with @mark in @flags the placeholder dates (seg-date-spread.c) among
 * @days, counting only rows whose @status is @keep (@status NULL: every
 * row); returns how many, the first in *@first. */
guint64  seg_dataset_find_placeholders (const double *days,
                                        guint64       n,
                                        const guint8 *status,
                                        guint8        keep,
                                        guint8       *flags,
                                        guint8        mark,
                                        guint64      *first);

/* What happens to a row or cell with a placeholder date. */
typedef enum
{
  SEG_PLACEHOLDER_ROW_LEFT_OUT,   /* a transaction */
  SEG_PLACEHOLDER_ROW_UNDATED,    /* an activity row */
  SEG_PLACEHOLDER_CELL_MISSING,   /* a customer table's cell */
} SegPlaceholderEffect;

/* Says once (notices, and seg_dataset_get_future_dates () for the window)
 * that @count dates of @column are placeholders, from the first's line. */
void     seg_dataset_report_placeholders (SegDataset          *dataset,
                                          const SegTable      *table,
                                          const char          *column,
                                          guint64              count,
                                          guint64              first_row,
                                          double               first_day,
                                          SegPlaceholderEffect effect);

/* Adds a SegFutureDates (taking @message) and its notice. */
SegFutureDates *seg_dataset_add_date_note (SegDataset     *dataset,
                                           const char     *column,
                                           guint64         count,
                                           char           *message,
                                           SegDateNoteKind kind);

/* Sets @error: the sum of @column (the amount when @amount) for @customer
 * overflowed at data row @row of @table.  Returns FALSE. */
gboolean seg_dataset_overflow_error (const SegTable *table,
                                     guint64         row,
                                     const char     *customer,
                                     const char     *column,
                                     gboolean        amount,
                                     GError        **error);

G_END_DECLS
