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
  SegColumn *column;
  SegExpr   *expr;
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
char    *seg_key_of_cell      (const SegColumn *column,
                               guint64          row);

G_END_DECLS
