/* seg-dataset-aggregate.c — per-customer sums of a transaction log in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-dataset"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "seg-cohort.h"
#include "seg-dataset-private.h"
#include "seg-progress.h"
#include "seg-engine.h"
#include "seg-error.h"
#include "seg-hash.h"
#include "seg-parse.h"
#include "seg-source.h"
#include "seg-txn-stream.h"
#include "seg-dataset-build-private.h"

/* ------------------------------------------------------------ aggregation */

/* "<cust>\x1f<txn>" without printf: the key of a transaction id per customer. */
static char *
txn_key (guint       cust,
         const char *txn)
{
  char digits[16];
  int n = 0;
  gsize len = strlen (txn);
  char *key;

  do
    digits[n++] = (char) ('0' + cust % 10);
  while ((cust /= 10) > 0);
  key = g_malloc ((gsize) n + 2 + len);
  for (int i = 0; i < n; i++)
    key[i] = digits[n - 1 - i];
  key[n] = '\x1f';
  memcpy (key + n + 1, txn, len + 1);
  return key;
}

/* Every cell of row @r, mixed (seg-hash.h): numbers by their bits, which
 * FNV-style multiplication alone left out of the low 32 bits for
 * integer-valued doubles. */
guint64
seg_dataset_row_hash (const SegTable *t,
                      guint64         r)
{
  guint64 h = 1469598103934665603ull;

  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      guint64 v;

      if (col->type == SEG_COLUMN_TEXT)
        v = col->text[r] ? g_str_hash (col->text[r]) : 0x9e3779b97f4a7c15ull;
      else
        v = seg_hash_double_bits (col->num[r]);
      h = seg_hash_combine (h, v);
    }
  return h;
}

static gboolean
rows_equal (const SegTable *t,
            guint64         a,
            guint64         b)
{
  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);

      if (col->type == SEG_COLUMN_TEXT)
        {
          if (g_strcmp0 (col->text[a], col->text[b]) != 0)
            return FALSE;
        }
      else if (memcmp (&col->num[a], &col->num[b], sizeof (double)) != 0)
        return FALSE;
    }
  return TRUE;
}


void
seg_dataset_extra_free (Extra *extra)
{
  g_free (extra->name);
  g_free (extra->sum);
  g_free (extra->n);
  g_free (extra);
}

GPtrArray *
seg_dataset_collect_extras (Source *src)
{
  GPtrArray *extras = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_dataset_extra_free);

  for (guint c = 0; c < seg_table_get_n_columns (src->table); c++)
    {
      const SegColumn *col = seg_table_get_column (src->table, c);
      Extra *e;

      if (col->type != SEG_COLUMN_NUMBER || col == src->cid.column || col == src->txn_id.column ||
          col == src->amount.column || col->role == SEG_FIELD_CUSTOMER_ID || col->role == SEG_FIELD_TXN_ID)
        continue;
      e = g_new0 (Extra, 1);
      e->name = g_strdup_printf ("avg_%s", col->name);
      e->column = col;
      g_ptr_array_add (extras, e);
    }
  for (guint k = 0; src->derive_names && k < src->derive_names->len; k++)
    {
      Extra *e;

      if (g_array_index (src->derive_kinds, SegValueKind, k) != SEG_VALUE_NUMBER)
        continue;
      e = g_new0 (Extra, 1);
      e->name = g_strdup_printf ("avg_%s", (char *) g_ptr_array_index (src->derive_names, k));
      e->derived = k;
      g_ptr_array_add (extras, e);
    }
  return extras;
}

void
seg_dataset_extras_grow (GPtrArray *extras,
                         guint      n_customers)
{
  for (guint i = 0; i < extras->len; i++)
    {
      Extra *e = g_ptr_array_index (extras, i);
      e->sum = g_renew (double, e->sum, MAX (n_customers, 1));
      e->n = g_renew (guint64, e->n, MAX (n_customers, 1));
    }
}


/* A customer first seen in the log, with empty accumulators. */
guint
seg_dataset_txn_customer_take (Build  *b,
                               TxnAgg *agg,
                               char   *key)
{
  Acc zero = ACC_ZERO;
  guint found = seg_dataset_customer_take (b, key, 0);

  g_array_append_val (agg->acc, zero);
  if (found >= agg->capacity)
    {
      agg->capacity = MAX (64, agg->capacity * 2);
      seg_dataset_extras_grow (agg->extras, agg->capacity);
    }
  for (guint i = 0; i < agg->extras->len; i++)
    {
      Extra *e = g_ptr_array_index (agg->extras, i);
      e->sum[found] = 0;
      e->n[found] = 0;
    }
  return found;
}

guint
seg_dataset_txn_customer_new (Build      *b,
                              TxnAgg     *agg,
                              const char *key)
{
  return seg_dataset_txn_customer_take (b, agg, g_strdup (key));
}

static guint
txn_customer (Build      *b,
              TxnAgg     *agg,
              const char *key)
{
  int found = seg_dataset_customer_find (b, key);

  if (found >= 0)
    return (guint) found;
  if (b->keys_from_table)
    return G_MAXUINT;
  return seg_dataset_txn_customer_new (b, agg, key);
}

static void
accumulate (Source    *src,
            TxnAgg    *agg,
            guint      cust,
            SegRowCtx *ctx,
            double     amount,
            gboolean   new_txn)
{
  Acc *a = &g_array_index (agg->acc, Acc, cust);
  double day = src->day[ctx->row];
  gint32 month;

  if (new_txn)
    a->count++;
  if (!isnan (amount))
    {
      a->total += amount;
      a->n_amount++;
    }
  if (isnan (a->first) || day < a->first)
    a->first = day;
  if (isnan (a->last) || day > a->last)
    a->last = day;
  month = seg_cohort_month_of_day (day);
  if (month != SEG_MONTH_NONE)
    seg_month_set_add (&a->months, month, agg->wide, cust);
  for (guint i = 0; i < agg->extras->len; i++)
    {
      Extra *e = g_ptr_array_index (agg->extras, i);
      double v;

      if (e->column != NULL)
        v = e->column->num[ctx->row];
      else
        v = ctx->derived[e->derived].kind == SEG_VALUE_NUMBER ? ctx->derived[e->derived].num : NAN;
      if (!isnan (v))
        {
          e->sum[cust] += v;
          e->n[cust]++;
        }
    }
}

/* A customer's sums past the largest double are infinite, and every figure
 * made from them useless: stop at the row where one overflowed, naming it. */
static gboolean
sums_finite (Build   *b,
             TxnAgg  *agg,
             guint    cust,
             guint64  row,
             GError **error)
{
  Source *src = &b->txns;
  const char *key = g_ptr_array_index (b->keys, cust);

  if (isinf (g_array_index (agg->acc, Acc, cust).total))
    return seg_dataset_overflow_error (src->table, row, key,
                                       src->amount.column != NULL ? src->amount.column->name
                                                                  : seg_expr_get_text (src->amount.expr),
                                       TRUE, error);
  for (guint i = 0; i < agg->extras->len; i++)
    {
      Extra *e = g_ptr_array_index (agg->extras, i);

      if (isinf (e->sum[cust]))
        return seg_dataset_overflow_error (src->table, row, key,
                                           e->column != NULL ? e->column->name : e->name + strlen ("avg_"),
                                           FALSE, error);
    }
  return TRUE;
}

/* Pass 2: per-customer sums, counts and dates of the kept rows. */
gboolean
seg_dataset_aggregate_transactions (Build   *b,
                                    TxnAgg  *agg,
                                    GError **error)
{
  Source *src = &b->txns;
  guint64 n = seg_table_get_n_rows (src->table);
  g_autofree SegValue *derived = g_new0 (SegValue, MAX (src->derive_exprs->len, 1));
  SegRowCtx ctx = { src->table, 0, derived, seg_table_get_n_columns (src->table) };
  g_autoptr(GHashTable) seen_rows = NULL;
  g_autoptr(GHashTable) seen_txn = NULL;
  g_autoptr(GArray) kept_customer = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) kept_day = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) kept_amount = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean has_txn_id = src->txn_id.column != NULL || src->txn_id.expr != NULL;
  g_autoptr(GString) scratch = g_string_sized_new (32);      /* a numeric customer id */
  g_autoptr(GString) txn_scratch = g_string_sized_new (32);  /* a numeric transaction id */

  if (has_txn_id)
    {
      seen_rows = g_hash_table_new_full (seg_hash_int64_key, g_int64_equal, g_free, NULL);
      seen_txn = g_hash_table_new_full (seg_hash_str_key, g_str_equal, g_free, NULL);
    }

  for (guint64 r = 0; r < n; r++)
    {
      g_autofree char *key = NULL;
      const char *id;
      gboolean new_txn = TRUE;
      double amount;
      gsize kept_cust;
      guint cust;

      if (r % CHECK_EVERY == 0)
        {
          if (!check_cancel (b, error))
            return FALSE;
          report (b, 0.88 + 0.08 * (double) r / (double) n, _("Computing customer metrics"));
        }
      if (src->status[r] != ROW_KEPT)
        continue;
      if (src->day[r] > b->dataset->as_of)
        {
          src->status[r] = ROW_AFTER;
          src->info->after_as_of++;
          continue;
        }
      ctx.row = r;
      id = field_key_lend (&src->cid, &ctx, scratch, &key);
      cust = txn_customer (b, agg, id);
      if (cust == G_MAXUINT)
        {
          src->info->unknown_customers++;
          continue;
        }
      if (has_txn_id)
        {
          gint64 h = (gint64) seg_dataset_row_hash (src->table, r);
          gpointer first = g_hash_table_lookup (seen_rows, &h);
          g_autofree char *txn_owned = NULL;
          const char *txn = field_key_lend (&src->txn_id, &ctx, txn_scratch, &txn_owned);

          if (first != NULL && rows_equal (src->table, GPOINTER_TO_SIZE (first) - 1, r))
            {
              src->info->duplicate_ids++;
              continue;
            }
          if (first == NULL)
            g_hash_table_insert (seen_rows, g_memdup2 (&h, sizeof h), GSIZE_TO_POINTER (r + 1));
          if (txn != NULL)
            {
              new_txn = g_hash_table_add (seen_txn, txn_key (cust, txn));
            }
        }
      seg_dataset_eval_derived (src, &ctx);
      amount = field_number (&src->amount, &ctx);
      accumulate (src, agg, cust, &ctx, amount, new_txn);
      if (G_UNLIKELY (!sums_finite (b, agg, cust, r, error)))
        return FALSE;
      kept_cust = cust;
      g_array_append_val (kept_customer, kept_cust);
      g_array_append_val (kept_day, src->day[r]);
      g_array_append_val (kept_amount, amount);
    }
  b->dataset->kept = g_new0 (SegKeptTransactions, 1);
  b->dataset->kept->n = kept_day->len;
  b->dataset->kept->customer = (gsize *) (gpointer) g_array_free (g_steal_pointer (&kept_customer), FALSE);
  b->dataset->kept->day = (double *) (gpointer) g_array_free (g_steal_pointer (&kept_day), FALSE);
  b->dataset->kept->amount = (double *) (gpointer) g_array_free (g_steal_pointer (&kept_amount), FALSE);
  return TRUE;
}
