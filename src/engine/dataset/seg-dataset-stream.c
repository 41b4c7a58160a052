/* seg-dataset-stream.c — a large log folded in one pass, or pushed down to a database
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
#include "seg-date-spread.h"
#include "seg-progress.h"
#include "seg-engine.h"
#include "seg-error.h"
#include "seg-hash.h"
#include "seg-parse.h"
#include "seg-source.h"
#include "seg-txn-stream.h"
#include "seg-dataset-build.h"
#include "seg-dataset-sets.h"

/* ------------------------------------------- streaming a large log */

/* A transaction log read as a preview can be streamed when every value the
 * metrics need is a plain column the preview typed: no filter, no
 * calculated column, no expression binding, and a date order that does not
 * depend on values further down the file. */
gboolean
seg_dataset_stream_eligible (Build *b)
{
  const SegTable *t = b->txns.table;
  gboolean amount = seg_table_find_role (t, SEG_FIELD_AMOUNT) != NULL;

  /* a database translates a filter to SQL itself, or says why not */
  if ((b->options->where != NULL && !seg_source_is_uri (seg_table_get_path (t))) || b->options->txn_derives->len > 0
      || b->options->read_options.column_types != NULL || !seg_stream_dialect_ok (t))
    return FALSE;
  for (guint i = 0; i < b->options->maps->len; i++)
    {
      const SegMapping *map = g_ptr_array_index (b->options->maps, i);

      if (map->role != SEG_FILE_ROLE_TRANSACTIONS)
        continue;
      if (seg_dataset_map_column (map, t) == NULL)
        return FALSE;
      if (map->field == SEG_FIELD_AMOUNT)
        amount = TRUE;
    }
  return amount;   /* without one the full path proposes quantity * price, or explains */
}

typedef struct
{
  Build     *b;
  TxnAgg    *agg;
  KeyTable   customers;
  IdSet      txns;
  IdSet      repeats;     /* (id, row) pairs seen after the first row of an id */
  gboolean   has_txn_id;
  GArray    *kept_customer;
  GArray    *kept_day;
  GArray    *kept_amount;
  double     latest;
  double     as_of;       /* explicit --as-of, else NAN */
  SegDateSpread *spread;  /* the dates, for placeholders such as 9999-12-31 */
  gboolean   overflow;    /* a customer's sum passed the largest double */
} StreamFold;

static void
stream_index_customer (StreamFold *f,
                       guint       index,
                       const char *key,
                       gsize       len,
                       guint64     hash)
{
  KeyTable *t = &f->customers;
  KeySlot slot = { hash, index, (guint32) len, { 0 } };

  if ((t->used + 1) * 4 > (t->mask + 1) * 3)
    {
      KeyTable old = *t;
      seg_dataset_keys_init (t, (old.mask + 1) * 3 / 2 + 1);
      for (gsize i = 0; i <= old.mask; i++)
        if (old.slots[i].hash != 0)
          keys_put (t, &old.slots[i]);
      g_free (old.slots);
    }
  memcpy (slot.prefix, key, MIN (len, sizeof slot.prefix));
  keys_put (t, &slot);
}

static guint
stream_customer (StreamFold         *f,
                 const SegStreamRow *row)
{
  KeyTable *t = &f->customers;
  guint64 h = nonzero (row->cid_hash);
  gsize j = h & t->mask;
  guint index;

  for (; t->slots[j].hash != 0; j = (j + 1) & t->mask)
    {
      const KeySlot *s = &t->slots[j];

      if (s->hash != h || s->len != row->cid_len)
        continue;
      if (s->len <= sizeof s->prefix ? memcmp (s->prefix, row->cid, s->len) == 0
                                     : memcmp (g_ptr_array_index (f->b->keys, s->index), row->cid, s->len) == 0)
        return s->index;
    }
  if (f->b->keys_from_table)
    return G_MAXUINT;
  index = seg_dataset_txn_customer_new (f->b, f->agg, row->cid);
  stream_index_customer (f, index, row->cid, row->cid_len, h);
  return index;
}

static inline guint64
mix_pair (guint64 a,
          guint64 b)
{
  return seg_hash_combine (a, b);
}

/* The id of a transaction: its customer and its txn_id (rows without one
 * share a per-customer id, so that only exact repeats are duplicates). */
static inline guint64
txn_slot_key (gboolean has_txn,
              guint64  txn_hash,
              guint64  cid_hash)
{
  return nonzero (mix_pair (has_txn ? txn_hash : G_GUINT64_CONSTANT (0x7f4a7c159e3779b9), cid_hash));
}

static void
stream_prefetch (guint64  cid_hash,
                 gboolean has_txn,
                 guint64  txn_hash,
                 gpointer user_data)
{
  StreamFold *f = user_data;

  __builtin_prefetch (&f->customers.slots[nonzero (cid_hash) & f->customers.mask]);
  if (f->has_txn_id)
    {
      gsize j = txn_slot_key (has_txn, txn_hash, cid_hash) & f->txns.mask;
      __builtin_prefetch (&f->txns.keys[j]);
      __builtin_prefetch (&f->txns.tags[j]);
    }
}

static void
stream_fold (const SegStreamRow *row,
             gpointer            user_data)
{
  StreamFold *f = user_data;
  Source *src = &f->b->txns;
  Acc *a;
  guint cust;
  gboolean new_txn = TRUE;
  gsize kept_cust;
  gint32 month;

  if (row->cid == NULL || row->cid_len == 0)
    {
      src->info->no_customer_id++;
      return;
    }
  if (isnan (row->day))
    {
      src->info->no_date++;
      return;
    }
  seg_date_spread_add (f->spread, row->day);
  if (isnan (f->latest) || row->day > f->latest)
    f->latest = row->day;
  if (!isnan (f->as_of) && row->day > f->as_of)
    {
      src->info->after_as_of++;
      return;
    }
  cust = stream_customer (f, row);
  if (cust == G_MAXUINT)
    {
      src->info->unknown_customers++;
      return;
    }
  if (f->has_txn_id)
    {
      /* a row identical to an earlier one has its id: compare it with the
       * first row of the id, then with the later ones that differed */
      guint64 id = txn_slot_key (row->has_txn, row->txn_hash, row->cid_hash);
      guint32 first = (guint32) row->row_hash;

      if (ids_find_or_add (&f->txns, id, &first))
        {
          guint32 unused = 0;

          if (first == (guint32) row->row_hash
              || ids_find_or_add (&f->repeats, nonzero (mix_pair (id, row->row_hash)), &unused))
            {
              src->info->duplicate_ids++;
              return;
            }
          new_txn = !row->has_txn;
        }
    }
  a = &g_array_index (f->agg->acc, Acc, cust);
  if (new_txn)
    a->count++;
  if (!isnan (row->amount))
    {
      a->total += row->amount;
      a->n_amount++;
      f->overflow |= isinf (a->total);
    }
  if (isnan (a->first) || row->day < a->first)
    a->first = row->day;
  if (isnan (a->last) || row->day > a->last)
    a->last = row->day;
  month = seg_month_of_day (row->day);
  if (month != SEG_MONTH_NONE)
    seg_month_set_add (&a->months, month, f->agg->wide, cust);
  for (guint i = 0; i < f->agg->extras->len; i++)
    {
      Extra *e = g_ptr_array_index (f->agg->extras, i);
      double v = row->extras[i];
      if (!isnan (v))
        {
          e->sum[cust] += v;
          e->n[cust]++;
          f->overflow |= isinf (e->sum[cust]);
        }
    }
  if (f->kept_day != NULL)
    {
      kept_cust = cust;
      g_array_append_val (f->kept_customer, kept_cust);
      g_array_append_val (f->kept_day, row->day);
      g_array_append_val (f->kept_amount, row->amount);
    }
}

static int
column_index (const SegTable  *t,
              const SegColumn *column)
{
  return column != NULL ? seg_table_find_column_index (t, column->name) : -1;
}

static void
stream_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  Build *b = user_data;
  report (b, 0.05 + 0.9 * fraction, message);
}

/* ----------------------------------- a log in a database: push-down */

typedef struct
{
  Build   *b;
  TxnAgg  *agg;
  double   latest;
  guint64  rows;
  GArray  *kept_customer;
  GArray  *kept_day;
  GArray  *kept_amount;
} PushFold;

/* One customer's figures from the server, added as the row fold would. */
static void
push_customer (const SegSourceCustomer *c,
               gpointer                 user_data)
{
  PushFold *f = user_data;
  Source *src = &f->b->txns;
  int found;
  guint cust;
  Acc *a;

  f->rows += c->rows;
  src->info->filtered += c->filtered;
  if (c->key == NULL || c->key[0] == '\0')
    {
      src->info->no_customer_id += c->rows - c->filtered;
      return;
    }
  src->info->no_date += c->no_date;
  src->info->after_as_of += c->after_as_of;
  if (!isnan (c->latest) && (isnan (f->latest) || c->latest > f->latest))
    f->latest = c->latest;
  if (c->kept == 0)
    return;
  found = seg_dataset_customer_find (f->b, c->key);
  if (found < 0 && f->b->keys_from_table)
    {
      src->info->unknown_customers += c->kept;
      return;
    }
  cust = found >= 0 ? (guint) found : seg_dataset_txn_customer_new (f->b, f->agg, c->key);
  src->info->duplicate_ids += c->duplicates;
  a = &g_array_index (f->agg->acc, Acc, cust);
  a->count += c->count;
  a->total += c->total;
  a->n_amount += c->n_amount;
  if (!isnan (c->first) && (isnan (a->first) || c->first < a->first))
    a->first = c->first;
  if (!isnan (c->last) && (isnan (a->last) || c->last > a->last))
    a->last = c->last;
  for (guint i = 0; i < f->agg->extras->len; i++)
    {
      Extra *e = g_ptr_array_index (f->agg->extras, i);
      e->sum[cust] += c->extra_sum[i];
      e->n[cust] += c->extra_n[i];
    }
}

static void
push_day (const SegSourceDay *d,
          gpointer            user_data)
{
  PushFold *f = user_data;
  int cust = seg_dataset_customer_find (f->b, d->key);
  gsize kept_cust;

  if (cust < 0)
    return;
  kept_cust = (gsize) cust;
  g_array_append_val (f->kept_customer, kept_cust);
  g_array_append_val (f->kept_day, d->day);
  g_array_append_val (f->kept_amount, d->amount);
}

/* The metrics of a log that lives in a database, computed by the server
 * (one GROUP BY); FALSE with b->read_whole when it cannot be done there. */
static gboolean
pushdown_transactions (Build   *b,
                       TxnAgg  *agg,
                       double  *latest,
                       GError **error)
{
  Source *src = &b->txns;
  SegTable *t = src->table;
  SegReadReport *rep = seg_table_get_report_mut (t);
  g_autoptr(SegSource) source = NULL;
  g_autofree int *extras = g_new0 (int, MAX (agg->extras->len, 1));
  g_autofree char *why = NULL;
  SegSourceAggSpec spec = { 0 };
  PushFold f = { b, agg, NAN, 0, NULL, NULL, NULL };

  for (guint k = 0; k < agg->extras->len; k++)
    {
      Extra *e = g_ptr_array_index (agg->extras, k);
      extras[k] = e->column != NULL ? column_index (t, e->column) : -1;
    }
  spec.preview = t;
  spec.cid = column_index (t, src->cid.column);
  spec.date = column_index (t, src->date.column);
  spec.amount = column_index (t, src->amount.column);
  spec.txn_id = column_index (t, src->txn_id.column);
  spec.extras = extras;
  spec.n_extras = agg->extras->len;
  spec.as_of = isnan (b->options->as_of) ? NAN : floor (b->options->as_of);
  spec.days = !b->options->drop_transactions;
  spec.where = src->where;

  report (b, 0.1, _("Computing customer metrics in the database"));
  source = seg_source_open (rep->path, b->cancellable, error);
  if (source == NULL)
    return FALSE;
  if (!seg_source_can_aggregate (source, &spec, &why))
    {
      g_autofree char *note = g_strdup_printf (_("every row is read from the database: %s"), why);
      seg_table_add_notice (t, note);
      b->read_whole = TRUE;
      return FALSE;
    }
  if (spec.days)
    {
      f.kept_customer = g_array_new (FALSE, FALSE, sizeof (gsize));
      f.kept_day = g_array_new (FALSE, FALSE, sizeof (double));
      f.kept_amount = g_array_new (FALSE, FALSE, sizeof (double));
    }
  if (!seg_source_aggregate (source, &spec, push_customer, push_day, &f, b->cancellable, error))
    {
      if (f.kept_day != NULL)
        {
          g_array_unref (f.kept_customer);
          g_array_unref (f.kept_day);
          g_array_unref (f.kept_amount);
        }
      return FALSE;
    }
  rep->rows = f.rows;
  rep->streamed = TRUE;
  src->info->rows = f.rows;
  src->info->skipped = 0;
  *latest = f.latest;
  b->dataset->kept = g_new0 (SegKeptTransactions, 1);
  if (f.kept_day != NULL)
    {
      b->dataset->kept->n = f.kept_day->len;
      b->dataset->kept->customer = (gsize *) (gpointer) g_array_free (f.kept_customer, FALSE);
      b->dataset->kept->day = (double *) (gpointer) g_array_free (f.kept_day, FALSE);
      b->dataset->kept->amount = (double *) (gpointer) g_array_free (f.kept_amount, FALSE);
    }
  return TRUE;
}

/* The streaming counterpart of classify_transactions + aggregate_transactions. */
gboolean
seg_dataset_stream_transactions (Build   *b,
                                 TxnAgg  *agg,
                                 double  *latest,
                                 GError **error)
{
  Source *src = &b->txns;
  SegTable *t = src->table;
  const SegReadReport *rep = seg_table_get_report (t);
  guint n = seg_table_get_n_columns (t);
  g_autofree SegColumnType *types = g_new0 (SegColumnType, n);
  g_autofree SegDateFormat *formats = g_new0 (SegDateFormat, n);
  g_autofree int *extras = g_new0 (int, MAX (agg->extras->len, 1));
  SegStreamLayout layout = { 0 };
  StreamFold f = { 0 };
  SegStreamResult result;
  GStatBuf st;
  gsize expected = 1024;

  if (seg_source_is_uri (rep->path))
    return pushdown_transactions (b, agg, latest, error);
  for (guint c = 0; c < n; c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      types[c] = col->type;
      formats[c] = col->format != NULL && strcmp (col->format, "YYYYMMDD") == 0 ? SEG_DATE_COMPACT : SEG_DATE_ISO;
    }
  for (guint k = 0; k < agg->extras->len; k++)
    extras[k] = column_index (t, ((Extra *) g_ptr_array_index (agg->extras, k))->column);
  layout.n_columns = n;
  layout.delimiter = rep->delimiter;
  layout.decimal_comma = rep->decimal_comma;
  layout.types = types;
  layout.date_formats = formats;
  layout.cid = column_index (t, src->cid.column);
  layout.date = column_index (t, src->date.column);
  layout.amount = column_index (t, src->amount.column);
  layout.txn_id = column_index (t, src->txn_id.column);
  layout.extras = extras;
  layout.n_extras = agg->extras->len;

  /* size the id table for the whole file at once: growing it doubles the peak */
  if (g_stat (rep->path, &st) == 0 && seg_table_get_n_rows (t) > 0)
    expected = (gsize) ((double) st.st_size / ((double) seg_table_get_report (t)->preview_bytes / (double) seg_table_get_n_rows (t)));
  f.b = b;
  f.agg = agg;
  f.latest = NAN;
  f.as_of = isnan (b->options->as_of) ? NAN : floor (b->options->as_of);
  f.has_txn_id = layout.txn_id >= 0;
  f.spread = seg_date_spread_new ();
  seg_dataset_keys_init (&f.customers, MAX (b->keys->len, 1024));
  for (guint i = 0; i < b->keys->len; i++)
    {
      const char *key = g_ptr_array_index (b->keys, i);
      gsize len = strlen (key);
      stream_index_customer (&f, i, key, len, nonzero (seg_stream_hash (key, len, 0)));
    }
  if (f.has_txn_id)
    {
      seg_dataset_ids_init (&f.txns, expected);
      seg_dataset_ids_init (&f.repeats, 1024);
    }
  if (!b->options->drop_transactions)
    {
      f.kept_customer = g_array_new (FALSE, FALSE, sizeof (gsize));
      f.kept_day = g_array_new (FALSE, FALSE, sizeof (double));
      f.kept_amount = g_array_new (FALSE, FALSE, sizeof (double));
    }

  result = seg_txn_stream (rep->path, &layout, t, b->cancellable, b->progress ? stream_progress : NULL, b,
                           stream_fold, stream_prefetch, &f, error);

  g_free (f.customers.slots);
  if (f.has_txn_id)
    {
      seg_dataset_ids_clear (&f.txns);
      seg_dataset_ids_clear (&f.repeats);
    }
  /* placeholder dates (which are only known at the end) or a sum that
   * overflowed: the log is read whole, and the table path leaves those rows
   * out or stops, naming their lines */
  if (result == SEG_STREAM_OK && (f.overflow || seg_date_spread_finish (f.spread) > 0))
    result = SEG_STREAM_FALLBACK;
  seg_date_spread_free (f.spread);
  if (result == SEG_STREAM_OK)
    {
      src->info->rows = rep->rows;
      src->info->skipped = rep->skipped;
      *latest = f.latest;
      b->dataset->kept = g_new0 (SegKeptTransactions, 1);
      if (f.kept_day != NULL)
        {
          b->dataset->kept->n = f.kept_day->len;
          b->dataset->kept->customer = (gsize *) (gpointer) g_array_free (f.kept_customer, FALSE);
          b->dataset->kept->day = (double *) (gpointer) g_array_free (f.kept_day, FALSE);
          b->dataset->kept->amount = (double *) (gpointer) g_array_free (f.kept_amount, FALSE);
        }
      return TRUE;
    }
  if (f.kept_day != NULL)
    {
      g_array_unref (f.kept_customer);
      g_array_unref (f.kept_day);
      g_array_unref (f.kept_amount);
    }
  if (result == SEG_STREAM_FALLBACK)
    b->read_whole = TRUE;
  return FALSE;
}
