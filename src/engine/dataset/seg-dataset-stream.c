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
#include "seg-dataset-build-private.h"
#include "seg-dataset-sets-private.h"

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
      || b->options->read_options.column_types != NULL || !seg_txn_stream_dialect_ok (t))
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

/* A row kept for CLV and churn, waiting for the end of its block to be put in
 * file order with the other worker's. */
typedef struct
{
  guint64 seq;
  guint32 cust;         /* the worker's customer index */
  double  day;
  double  amount;
} KeptRow;

#define MONTH_MEMO 1024
#define SPREAD_MEMO 1024

/* One of the two workers of the fold.  It owns the customers whose key hash
 * has its top bit (seg_txn_stream_worker_of ()), so it sees all of their rows,
 * in file order: each customer's sums are added in the same order as on one
 * thread.  Without a customers table, it numbers its customers itself, in
 * the order it meets them, and the two lists are merged by the row that
 * brought each customer once the pass is over (the first-appearance order
 * of one thread).  With a customers table, it adds into the table's
 * customers directly: the two workers never touch the same one. */
typedef struct
{
  KeyTable    customers;    /* own numbering: key → the worker's index */
  GPtrArray  *keys;         /* own numbering: each customer's key */
  GArray     *first_seq;    /* own numbering: guint64, the row that brought it */
  Acc        *acc;          /* per customer: own, or the TxnAgg's */
  double    **sum;          /* per extra, per customer: own, or the Extra's */
  guint64   **n;
  guint       capacity;     /* own numbering: customers allocated */
  SegMonthWide *wide;       /* months of its customers over more than 64 months */
  IdSet       txns;
  IdSet       repeats;      /* (id, row) pairs seen after the first row of an id */
  GArray     *kept;         /* KeptRow, the block's */
  double      memo_day[MONTH_MEMO];   /* day → calendar month, the last days met */
  gint32      memo_month[MONTH_MEMO];
  guint64     no_customer_id;
  guint64     no_date;
  guint64     after_as_of;
  guint64     unknown_customers;
  guint64     duplicate_ids;
  double      latest;
  SegDateSpread *spread;    /* its rows' dates, for placeholders such as 9999-12-31 */
  double      spread_day[SPREAD_MEMO];   /* rows per day, not yet in the spread */
  guint64     spread_n[SPREAD_MEMO];
  gboolean    overflow;     /* a customer's sum passed the largest double */
} FoldWorker;

/* The ids a first pass saw more than once (or may have: two ids can share
 * a bit), for a log whose id set would not fit its memory (see
 * seg_dataset_options_set_id_memory ()).  An id whose bit is not in `twice`
 * occurs once in the whole file. */
typedef struct
{
  guint64 *once;
  guint64 *twice;
  guint    shift;       /* 64 - log2 (bits) */
  guint64  marked;      /* rows that found their bit in `once` */
} IdFilter;

typedef struct
{
  Build     *b;
  TxnAgg    *agg;
  KeyTable   table;         /* customers of the customers table (read only during the pass) */
  gboolean   has_txn_id;
  gboolean   prescanned;    /* the id sets hold only the ids the filters marked */
  IdFilter   filter[2];     /* per worker: an id's rows all meet in one */
  guint      n_extras;
  GArray    *kept_customer; /* gsize: the worker in the top bit, its index below, until the end */
  GArray    *kept_day;
  GArray    *kept_amount;
  double     as_of;         /* explicit --as-of, else NAN */
  FoldWorker w[2];
} StreamFold;

#define KEPT_WORKER_BIT ((gsize) 1 << (sizeof (gsize) * 8 - 1))

static void
keys_insert (KeyTable   *t,
             guint       index,
             const char *key,
             gsize       len,
             guint64     hash)
{
  KeySlot slot = { hash, index, (guint32) len, { 0 } };

  if ((t->used + 1) * 4 > (t->mask + 1) * 3)
    {
      KeyTable old = *t;
      seg_dataset_keys_init (t, (old.mask + 1) * 3 / 2 + 1);
      for (gsize i = 0; i <= old.mask; i++)
        if (old.slots[i].hash != 0)
          keys_put (t, &old.slots[i]);
      seg_dataset_table_free (old.slots, (old.mask + 1) * sizeof (KeySlot));
    }
  memcpy (slot.prefix, key, MIN (len, sizeof slot.prefix));
  keys_put (t, &slot);
}

/* The index of @row's customer in @t (keys longer than a slot's prefix are
 * compared with @keys), or G_MAXUINT. */
static inline guint
keys_lookup (const KeyTable     *t,
             GPtrArray          *keys,
             const SegStreamRow *row)
{
  guint64 h = nonzero (row->cid_hash);

  for (gsize j = h & t->mask; t->slots[j].hash != 0; j = (j + 1) & t->mask)
    {
      const KeySlot *s = &t->slots[j];

      if (s->hash != h || s->len != row->cid_len)
        continue;
      if (s->len <= sizeof s->prefix ? memcmp (s->prefix, row->cid, s->len) == 0
                                     : memcmp (g_ptr_array_index (keys, s->index), row->cid, s->len) == 0)
        return s->index;
    }
  return G_MAXUINT;
}

/* A customer first met by worker @w, with empty sums. */
static guint
worker_customer_new (StreamFold         *f,
                     FoldWorker         *w,
                     const SegStreamRow *row)
{
  Acc zero = ACC_ZERO;
  guint index = w->keys->len;

  if (index == w->capacity)
    {
      w->capacity = MAX (1024, w->capacity * 2);
      w->acc = g_renew (Acc, w->acc, w->capacity);
      for (guint k = 0; k < f->n_extras; k++)
        {
          w->sum[k] = g_renew (double, w->sum[k], w->capacity);
          w->n[k] = g_renew (guint64, w->n[k], w->capacity);
        }
    }
  w->acc[index] = zero;
  for (guint k = 0; k < f->n_extras; k++)
    {
      w->sum[k][index] = 0;
      w->n[k][index] = 0;
    }
  g_ptr_array_add (w->keys, g_strndup (row->cid, row->cid_len));
  g_array_append_val (w->first_seq, row->seq);
  keys_insert (&w->customers, index, row->cid, row->cid_len, nonzero (row->cid_hash));
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

/* The filter's bit of an id (its high bits: the id set uses the low ones). */
static inline gsize
filter_bit (const IdFilter *flt,
            guint64         id)
{
  return (gsize) ((id * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> flt->shift);
}

static inline gboolean
filter_twice (const IdFilter *flt,
              guint64         id)
{
  gsize bit = filter_bit (flt, id);
  return (flt->twice[bit >> 6] >> (bit & 63)) & 1;
}

static void
filter_init (IdFilter *flt,
             guint64   bytes)   /* for both of its bit arrays */
{
  guint bits_log2 = 12;   /* at least 4,096 bits each */

  while (bits_log2 < 40 && ((guint64) 1 << (bits_log2 + 1)) / 8 * 2 <= bytes)
    bits_log2++;
  flt->once = g_new0 (guint64, ((gsize) 1 << bits_log2) / 64);
  flt->twice = g_new0 (guint64, ((gsize) 1 << bits_log2) / 64);
  flt->shift = 64 - bits_log2;
  flt->marked = 0;
}

static void
filter_clear (IdFilter *flt)
{
  g_clear_pointer (&flt->once, g_free);
  g_clear_pointer (&flt->twice, g_free);
}

/* The first pass: each row's id sets its bit in `once`, or in `twice` when
 * it was set.  It sees every row the fold will look up (more, even: the
 * fold leaves out rows without a date, which can only mark more). */
static void
prescan_fold (const SegStreamRow *row,
              guint               worker,
              gpointer            user_data)
{
  StreamFold *f = user_data;
  IdFilter *flt = &f->filter[worker];
  guint64 id, mask;
  gsize bit;

  if (row->cid == NULL || row->cid_len == 0)
    return;
  id = txn_slot_key (row->has_txn, row->txn_hash, row->cid_hash);
  bit = filter_bit (flt, id);
  mask = (guint64) 1 << (bit & 63);
  if (flt->once[bit >> 6] & mask)
    {
      flt->twice[bit >> 6] |= mask;
      flt->marked++;
    }
  else
    flt->once[bit >> 6] |= mask;
}

static void
prescan_prefetch (guint64  cid_hash,
                  gboolean has_txn,
                  guint64  txn_hash,
                  guint    worker,
                  gpointer user_data)
{
  StreamFold *f = user_data;
  const IdFilter *flt = &f->filter[worker];

  __builtin_prefetch (&flt->once[filter_bit (flt, txn_slot_key (has_txn, txn_hash, cid_hash)) >> 6]);
}

static void
stream_prefetch (guint64  cid_hash,
                 gboolean has_txn,
                 guint64  txn_hash,
                 guint    worker,
                 gpointer user_data)
{
  StreamFold *f = user_data;
  FoldWorker *w = &f->w[worker];
  const KeyTable *t = f->b->keys_from_table ? &f->table : &w->customers;

  __builtin_prefetch (&t->slots[nonzero (cid_hash) & t->mask]);
  if (f->prescanned)
    {
      const IdFilter *flt = &f->filter[worker];
      __builtin_prefetch (&flt->twice[filter_bit (flt, txn_slot_key (has_txn, txn_hash, cid_hash)) >> 6]);
    }
  else if (f->has_txn_id)
    {
      gsize j = txn_slot_key (has_txn, txn_hash, cid_hash) & w->txns.mask;
      __builtin_prefetch (&w->txns.keys[j]);
      __builtin_prefetch (&w->txns.tags[j]);
    }
}

/* seg_date_spread_add (), counted per day first: a log has a few thousand
 * days, each on hundreds of rows, and the counts do not depend on the order. */
static inline void
spread_add (FoldWorker *w,
            double      day)
{
  guint slot;

  if (!(fabs (day) < 1e7))
    {
      seg_date_spread_add (w->spread, day);
      return;
    }
  slot = (guint) ((gint64) day & (SPREAD_MEMO - 1));
  if (w->spread_day[slot] != day)
    {
      seg_date_spread_add_n (w->spread, w->spread_day[slot], w->spread_n[slot]);
      w->spread_day[slot] = day;
      w->spread_n[slot] = 0;
    }
  w->spread_n[slot]++;
}

static void
spread_flush (FoldWorker *w)
{
  for (guint i = 0; i < SPREAD_MEMO; i++)
    {
      seg_date_spread_add_n (w->spread, w->spread_day[i], w->spread_n[i]);
      w->spread_n[i] = 0;
    }
}

/* seg_cohort_month_of_day () of a whole day, remembered. */
static inline gint32
month_of (FoldWorker *w,
          double      day)
{
  guint slot;

  if (!(fabs (day) < 1e7))
    return seg_cohort_month_of_day (day);
  slot = (guint) ((gint64) day & (MONTH_MEMO - 1));
  if (w->memo_day[slot] != day)
    {
      w->memo_day[slot] = day;
      w->memo_month[slot] = seg_cohort_month_of_day (day);
    }
  return w->memo_month[slot];
}

static void
stream_fold (const SegStreamRow *row,
             guint               worker,
             gpointer            user_data)
{
  StreamFold *f = user_data;
  FoldWorker *w = &f->w[worker];
  Acc *a;
  guint cust;
  gboolean new_txn = TRUE;
  gint32 month;

  if (row->cid == NULL || row->cid_len == 0)
    {
      w->no_customer_id++;
      return;
    }
  if (isnan (row->day))
    {
      w->no_date++;
      return;
    }
  spread_add (w, row->day);
  if (isnan (w->latest) || row->day > w->latest)
    w->latest = row->day;
  if (!isnan (f->as_of) && row->day > f->as_of)
    {
      w->after_as_of++;
      return;
    }
  if (f->b->keys_from_table)
    {
      cust = keys_lookup (&f->table, f->b->keys, row);
      if (cust == G_MAXUINT)
        {
          w->unknown_customers++;
          return;
        }
    }
  else if ((cust = keys_lookup (&w->customers, w->keys, row)) == G_MAXUINT)
    cust = worker_customer_new (f, w, row);
  if (f->has_txn_id)
    {
      /* a row identical to an earlier one has its id: compare it with the
       * first row of the id, then with the later ones that differed */
      guint64 id = txn_slot_key (row->has_txn, row->txn_hash, row->cid_hash);
      guint32 first = (guint32) row->row_hash;

      /* an id the first pass saw once is new, and nothing needs it again */
      if (f->prescanned && !filter_twice (&f->filter[worker], id))
        ;
      else if (ids_find_or_add (&w->txns, id, &first))
        {
          guint32 unused = 0;

          if (first == (guint32) row->row_hash
              || ids_find_or_add (&w->repeats, nonzero (mix_pair (id, row->row_hash)), &unused))
            {
              w->duplicate_ids++;
              return;
            }
          new_txn = !row->has_txn;
        }
    }
  a = &w->acc[cust];
  if (new_txn)
    a->count++;
  if (!isnan (row->amount))
    {
      a->total += row->amount;
      a->n_amount++;
      w->overflow |= isinf (a->total);
    }
  if (isnan (a->first) || row->day < a->first)
    a->first = row->day;
  if (isnan (a->last) || row->day > a->last)
    a->last = row->day;
  month = month_of (w, row->day);
  if (month != SEG_MONTH_NONE)
    seg_month_set_add (&a->months, month, w->wide, cust);
  for (guint i = 0; i < f->n_extras; i++)
    {
      double v = row->extras[i];
      if (!isnan (v))
        {
          w->sum[i][cust] += v;
          w->n[i][cust]++;
          w->overflow |= isinf (w->sum[i][cust]);
        }
    }
  if (f->kept_day != NULL)
    {
      KeptRow kept = { row->seq, cust, row->day, row->amount };
      g_array_append_val (w->kept, kept);
    }
}

/* After each block: the rows both workers kept, back in file order. */
static void
stream_block_done (gpointer user_data)
{
  StreamFold *f = user_data;
  GArray *k0 = f->w[0].kept, *k1 = f->w[1].kept;
  guint i = 0, j = 0;
  gsize tag = f->b->keys_from_table ? 0 : KEPT_WORKER_BIT;

  if (f->kept_day == NULL)
    return;
  while (i < k0->len || j < k1->len)
    {
      gboolean first = j >= k1->len
                       || (i < k0->len && g_array_index (k0, KeptRow, i).seq < g_array_index (k1, KeptRow, j).seq);
      const KeptRow *r = first ? &g_array_index (k0, KeptRow, i++) : &g_array_index (k1, KeptRow, j++);
      gsize cust = first ? r->cust : r->cust | tag;

      g_array_append_val (f->kept_customer, cust);
      g_array_append_val (f->kept_day, r->day);
      g_array_append_val (f->kept_amount, r->amount);
    }
  g_array_set_size (k0, 0);
  g_array_set_size (k1, 0);
}

static void
worker_init (StreamFold *f,
             FoldWorker *w,
             gsize       expected_ids)
{
  w->keys = g_ptr_array_new_with_free_func (g_free);
  w->first_seq = g_array_new (FALSE, FALSE, sizeof (guint64));
  w->sum = g_new0 (double *, MAX (f->n_extras, 1));
  w->n = g_new0 (guint64 *, MAX (f->n_extras, 1));
  w->wide = seg_month_wide_new ();
  w->kept = g_array_new (FALSE, FALSE, sizeof (KeptRow));
  w->latest = NAN;
  w->spread = seg_date_spread_new ();
  for (guint i = 0; i < MONTH_MEMO; i++)
    w->memo_day[i] = NAN;
  for (guint i = 0; i < SPREAD_MEMO; i++)
    w->spread_day[i] = NAN;
  if (f->b->keys_from_table)
    {
      /* the table's customers, shared: each worker adds into its own */
      w->acc = (Acc *) (gpointer) f->agg->acc->data;
      for (guint k = 0; k < f->n_extras; k++)
        {
          Extra *e = g_ptr_array_index (f->agg->extras, k);
          w->sum[k] = e->sum;
          w->n[k] = e->n;
        }
    }
  else
    seg_dataset_keys_init (&w->customers, 1024);
  if (f->has_txn_id)
    {
      seg_dataset_ids_init (&w->txns, expected_ids);
      seg_dataset_ids_init (&w->repeats, 1024);
    }
}

static void
worker_clear (StreamFold *f,
              FoldWorker *w)
{
  if (!f->b->keys_from_table)
    {
      seg_dataset_table_free (w->customers.slots, (w->customers.mask + 1) * sizeof (KeySlot));
      g_free (w->acc);
      for (guint k = 0; k < f->n_extras; k++)
        {
          g_free (w->sum[k]);
          g_free (w->n[k]);
        }
    }
  g_free (w->sum);
  g_free (w->n);
  g_ptr_array_unref (w->keys);
  g_array_unref (w->first_seq);
  g_hash_table_unref (w->wide);
  g_array_unref (w->kept);
  seg_date_spread_free (w->spread);
  if (f->has_txn_id)
    {
      seg_dataset_ids_clear (&w->txns);
      seg_dataset_ids_clear (&w->repeats);
    }
}

/* Moves the long month lists of worker @w's customer @from to the TxnAgg's
 * customer @to. */
static void
move_wide (StreamFold *f,
           FoldWorker *w,
           guint       from,
           guint       to)
{
  gpointer months;

  if (g_hash_table_steal_extended (w->wide, GUINT_TO_POINTER (from), NULL, &months))
    g_hash_table_insert (f->agg->wide, GUINT_TO_POINTER (to), months);
}

/* After the pass: the workers' counts, and their customers in the order of
 * one thread (by the row that brought each), with their sums. */
static void
stream_merge (StreamFold *f)
{
  Source *src = &f->b->txns;
  g_autofree guint *map0 = NULL, *map1 = NULL;

  for (guint k = 0; k < 2; k++)
    {
      FoldWorker *w = &f->w[k];

      src->info->no_customer_id += w->no_customer_id;
      src->info->no_date += w->no_date;
      src->info->after_as_of += w->after_as_of;
      src->info->unknown_customers += w->unknown_customers;
      src->info->duplicate_ids += w->duplicate_ids;
    }
  if (f->b->keys_from_table)
    {
      for (guint k = 0; k < 2; k++)
        {
          GHashTableIter iter;
          gpointer key, months;

          g_hash_table_iter_init (&iter, f->w[k].wide);
          while (g_hash_table_iter_next (&iter, &key, &months))
            {
              g_hash_table_iter_steal (&iter);
              g_hash_table_insert (f->agg->wide, key, months);
            }
        }
      return;
    }

  map0 = g_new (guint, MAX (f->w[0].keys->len, 1));
  map1 = g_new (guint, MAX (f->w[1].keys->len, 1));
  for (guint i = 0, j = 0; i < f->w[0].keys->len || j < f->w[1].keys->len;)
    {
      gboolean first = j >= f->w[1].keys->len
                       || (i < f->w[0].keys->len
                           && g_array_index (f->w[0].first_seq, guint64, i) < g_array_index (f->w[1].first_seq, guint64, j));
      FoldWorker *w = first ? &f->w[0] : &f->w[1];
      guint local = first ? i++ : j++;
      /* the worker's copy of the key moves to the dataset: no second copy */
      guint cust = seg_dataset_txn_customer_take (f->b, f->agg, g_steal_pointer (&g_ptr_array_index (w->keys, local)));

      g_array_index (f->agg->acc, Acc, cust) = w->acc[local];
      move_wide (f, w, local, cust);
      for (guint k = 0; k < f->n_extras; k++)
        {
          Extra *e = g_ptr_array_index (f->agg->extras, k);
          e->sum[cust] = w->sum[k][local];
          e->n[cust] = w->n[k][local];
        }
      (first ? map0 : map1)[local] = cust;
    }
  for (guint i = 0; f->kept_customer != NULL && i < f->kept_customer->len; i++)
    {
      gsize *c = &g_array_index (f->kept_customer, gsize, i);
      *c = (*c & KEPT_WORKER_BIT) ? map1[*c & ~KEPT_WORKER_BIT] : map0[*c];
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
  StreamFold *f = user_data;

  /* a log read twice: the first pass is the first third */
  if (f->prescanned)
    report (f->b, 0.35 + 0.6 * fraction, message);
  else
    report (f->b, 0.05 + 0.9 * fraction, message);
}

static void
prescan_progress (double      fraction,
                  const char *message,
                  gpointer    user_data)
{
  StreamFold *f = user_data;
  report (f->b, 0.05 + 0.3 * fraction, message);
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

/* Whether two id sets of @per_worker ids each take more than @budget bytes
 * (0: the default); the sets are what seg_dataset_ids_init () makes. */
static gboolean
ids_too_big (gsize   per_worker,
             guint64 budget)
{
  gsize slots = 1024;

  while (slots * 3 < per_worker * 4)
    slots *= 2;
  return 2 * (guint64) slots * (sizeof (guint64) + sizeof (guint32)) > (budget ? budget : SEG_DATASET_ID_MEMORY);
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
  SegStreamFolder folder = { stream_fold, stream_prefetch, stream_block_done, &f, 2 };
  SegStreamResult result;
  GStatBuf st;
  gsize expected = 1024, per_worker;

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
  /* without a customers table the workers number the customers they meet */
  g_return_val_if_fail (b->keys_from_table || b->keys->len == 0, FALSE);
  f.b = b;
  f.agg = agg;
  f.as_of = isnan (b->options->as_of) ? NAN : floor (b->options->as_of);
  f.has_txn_id = layout.txn_id >= 0;
  f.n_extras = agg->extras->len;
  seg_dataset_keys_init (&f.table, b->keys_from_table ? MAX (b->keys->len, 1024) : 1);
  for (guint i = 0; i < b->keys->len; i++)
    {
      const char *key = g_ptr_array_index (b->keys, i);
      gsize len = strlen (key);
      keys_insert (&f.table, i, key, len, nonzero (seg_txn_stream_hash (key, len, 0)));
    }
  if (!b->options->drop_transactions)
    {
      f.kept_customer = g_array_new (FALSE, FALSE, sizeof (gsize));
      f.kept_day = g_array_new (FALSE, FALSE, sizeof (double));
      f.kept_amount = g_array_new (FALSE, FALSE, sizeof (double));
    }
  /* each worker holds about half of the ids (the split is by customer) */
  per_worker = expected / 2 + expected / 16;
  result = SEG_STREAM_OK;
  if (f.has_txn_id && ids_too_big (per_worker, b->options->id_memory))
    {
      /* the set would outgrow its memory: a first pass finds the ids that
       * may repeat, and only those are kept */
      SegStreamFolder scan = { prescan_fold, prescan_prefetch, NULL, &f, 2 };
      guint64 budget = b->options->id_memory ? b->options->id_memory : SEG_DATASET_ID_MEMORY;

      filter_init (&f.filter[0], budget / 2);
      filter_init (&f.filter[1], budget / 2);
      result = seg_txn_stream (rep->path, &layout, t, b->cancellable, b->progress ? prescan_progress : NULL, &f,
                               &scan, error);
      f.prescanned = TRUE;
    }
  /* two ids sharing a bit are both marked by one row */
  worker_init (&f, &f.w[0], f.prescanned ? f.filter[0].marked * 3 / 2 : per_worker);
  worker_init (&f, &f.w[1], f.prescanned ? f.filter[1].marked * 3 / 2 : per_worker);

  if (result == SEG_STREAM_OK)
    result = seg_txn_stream (rep->path, &layout, t, b->cancellable, b->progress ? stream_progress : NULL, &f,
                             &folder, error);

  /* placeholder dates (which are only known at the end) or a sum that
   * overflowed: the log is read whole, and the table path leaves those rows
   * out or stops, naming their lines */
  if (result == SEG_STREAM_OK)
    {
      spread_flush (&f.w[0]);
      spread_flush (&f.w[1]);
      seg_date_spread_merge (f.w[0].spread, f.w[1].spread);
      if (f.w[0].overflow || f.w[1].overflow || seg_date_spread_finish (f.w[0].spread) > 0)
        result = SEG_STREAM_FALLBACK;
    }
  if (result == SEG_STREAM_OK)
    stream_merge (&f);
  seg_dataset_table_free (f.table.slots, (f.table.mask + 1) * sizeof (KeySlot));
  worker_clear (&f, &f.w[0]);
  worker_clear (&f, &f.w[1]);
  filter_clear (&f.filter[0]);
  filter_clear (&f.filter[1]);
  if (result == SEG_STREAM_OK)
    {
      src->info->id_passes = f.has_txn_id ? (f.prescanned ? 2 : 1) : 0;
      src->info->rows = rep->rows;
      src->info->skipped = rep->skipped;
      *latest = isnan (f.w[1].latest) || f.w[0].latest >= f.w[1].latest ? f.w[0].latest : f.w[1].latest;
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
