/* seg-dataset-build-private.h — the build state shared by seg-dataset*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "seg-cohort.h"
#include "seg-dataset-private.h"
#include "seg-progress.h"

G_BEGIN_DECLS

#define CHECK_EVERY 65536

/* Resolves table columns first, then the derived columns defined so far. */
typedef struct
{
  const SegTable *table;
  GPtrArray      *names;    /* derived names */
  GArray         *kinds;    /* SegValueKind of each derived */
} ResolveCtx;

typedef struct
{
  SegTable      *table;
  SegInputInfo  *info;
  SegField       cid;
  SegField       date;
  SegField       amount;
  SegField       txn_id;
  SegExpr       *where;
  GPtrArray     *derive_names;   /* char* */
  GPtrArray     *derive_exprs;   /* SegExpr* */
  GArray        *derive_kinds;   /* SegValueKind */
  guint8        *status;         /* per row: 0 kept, else the reason it was dropped */
  double        *day;            /* per row: floored date */
} Source;

enum { ROW_KEPT, ROW_FILTERED, ROW_NO_ID, ROW_NO_DATE, ROW_AFTER, ROW_PLACEHOLDER };

typedef struct
{
  const SegDatasetOptions *options;
  GCancellable            *cancellable;
  SegProgressFunc          progress;
  gpointer                 progress_data;
  SegDataset              *dataset;
  Source                   customers;
  Source                   txns;
  Source                   activity;
  GHashTable              *index;     /* key → customer index + 1; NULL until the first look-up */
  GPtrArray               *keys;      /* char*, owned unless keys_lent */
  GArray                  *cust_rows; /* customers-table row of each customer */
  gboolean                 keys_from_table;
  gboolean                 keys_lent;   /* the keys are the customers table's own text cells */
  GStringChunk            *key_store;   /* or the customers table's other keys, when not NULL */
  gboolean                 read_whole;  /* the log's preview will not do: read it all, build again */
  guint8                  *act_placeholder;   /* per activity row: a placeholder date, or NULL */
  GPtrArray               *cust_placeholder;  /* per customers-table column: guint8 per row, or NULL */
} Build;

typedef struct
{
  guint64 count;
  guint64 n_amount;
  double  total;
  double  first;
  double  last;
  SegMonthSet months;   /* the calendar months bought in (cohorts) */
} Acc;

#define ACC_ZERO { 0, 0, 0.0, NAN, NAN, { 0, SEG_MONTH_NONE } }

typedef struct
{
  char      *name;       /* avg_<column> */
  const SegColumn *column;     /* a numeric column of the log, or NULL */
  guint      derived;    /* else: index of a numeric derived column */
  double    *sum;        /* per customer */
  guint64   *n;
} Extra;

typedef struct
{
  GArray       *acc;        /* Acc per customer */
  GPtrArray    *extras;     /* Extra* */
  guint         capacity;
  SegMonthWide *wide;       /* months of customers buying over more than 64 months */
} TxnAgg;

typedef struct
{
  double  *latest;    /* per customer, NAN when none */
  guint64 *rows;
  GPtrArray *means;   /* Extra* */
  guint64  max_rows;
  const SegColumn *date;
} ActAgg;

static inline gboolean
check_cancel (Build   *b,
              GError **error)
{
  return !g_cancellable_set_error_if_cancelled (b->cancellable, error);
}

static inline void
report (Build      *b,
        double      fraction,
        const char *message)
{
  if (b->progress)
    b->progress (fraction, message, b->progress_data);
}

static inline void
notice (Build      *b,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static inline void
notice (Build      *b,
        const char *format,
        ...)
{
  va_list args;
  va_start (args, format);
  g_ptr_array_add (b->dataset->notices, g_strdup_vprintf (format, args));
  va_end (args);
}

/* seg-dataset.c */
SegColumnType
seg_dataset_type_of_kind (SegValueKind kind);

char *
seg_dataset_field_key (const SegField *field,
                       SegRowCtx      *ctx);

/* seg-dataset-build.c */
void
seg_dataset_source_clear (Source *src);

gboolean
seg_dataset_prefix_error (GError    **error,
                          const char *what,
                          const char *text);

const SegColumn *
seg_dataset_map_column (const SegMapping *map,
                        const SegTable   *table);

void
seg_dataset_eval_derived (Source    *src,
                          SegRowCtx *ctx);

gboolean
seg_dataset_classify_transactions (Build   *b,
                                   double  *latest,
                                   GError **error);

guint
seg_dataset_customer_add (Build      *b,
                          const char *key,
                          guint64     table_row);

/* seg_dataset_customer_add (), taking @key (g_malloc ()ed) instead of a copy. */
guint
seg_dataset_customer_take (Build   *b,
                           char    *key,
                           guint64  table_row);

int
seg_dataset_customer_find (Build      *b,
                           const char *key);

gboolean
seg_dataset_assign_sources (Build     *b,
                            GPtrArray *tables,
                            GError   **error);

gboolean
seg_dataset_run_build (Build   *b,
                       GError **error);

/* seg-dataset-aggregate.c */
guint64
seg_dataset_row_hash (const SegTable *t,
                      guint64         r);

void
seg_dataset_extra_free (Extra *extra);

GPtrArray *
seg_dataset_collect_extras (Source *src);

void
seg_dataset_extras_grow (GPtrArray *extras,
                         guint      n_customers);

guint
seg_dataset_txn_customer_new (Build      *b,
                              TxnAgg     *agg,
                              const char *key);

/* seg_dataset_txn_customer_new (), taking @key (g_malloc ()ed). */
guint
seg_dataset_txn_customer_take (Build  *b,
                               TxnAgg *agg,
                               char   *key);

gboolean
seg_dataset_aggregate_transactions (Build   *b,
                                    TxnAgg  *agg,
                                    GError **error);

/* seg-dataset-stream.c */
gboolean
seg_dataset_stream_eligible (Build *b);

gboolean
seg_dataset_stream_transactions (Build   *b,
                                 TxnAgg  *agg,
                                 double  *latest,
                                 GError **error);

/* seg-dataset-customers.c */
void
seg_dataset_aggregate_activity (Build  *b,
                                ActAgg *act);

void
seg_dataset_act_agg_clear (ActAgg *act);

SegTable *
seg_dataset_assemble (Build   *b,
                      TxnAgg  *agg,
                      ActAgg  *act,
                      GError **error);

void
seg_dataset_future_dates_free (SegFutureDates *f);

static inline double
field_number (const SegField *field,
              SegRowCtx      *ctx)
{
  SegValue v;

  if (field->column != NULL)
    return field->column->type == SEG_COLUMN_TEXT ? NAN : field->column->num[ctx->row];
  if (field->expr == NULL)
    return NAN;
  seg_expr_eval (field->expr, seg_row_ctx_fetch, ctx, &v);
  if (v.kind == SEG_VALUE_NUMBER || v.kind == SEG_VALUE_DATE || v.kind == SEG_VALUE_BOOLEAN)
    return v.num;
  return NAN;
}

/* Like seg_dataset_field_key, but lent, not copied: a text cell as it
 * is, a number written into @scratch (when not NULL; valid until its next
 * use), and *owned holds the string to free when one had to be made.  The
 * hot loops call this per row, so ids that are text or numbers cost no
 * allocation. */
static inline const char *
field_key_lend (const SegField *field,
                SegRowCtx      *ctx,
                GString        *scratch,
                char          **owned)
{
  const SegColumn *column = field->column;

  *owned = NULL;
  if (column != NULL && column->type == SEG_COLUMN_TEXT)
    return column->text[ctx->row];
  if (column != NULL && column->type == SEG_COLUMN_NUMBER && scratch != NULL)
    {
      double v = column->num[ctx->row];

      if (isnan (v))
        return NULL;
      g_string_truncate (scratch, 0);
      seg_txn_stream_number_key_append (scratch, v);
      return scratch->str;
    }
  *owned = seg_dataset_field_key (field, ctx);
  return *owned;
}

G_END_DECLS
