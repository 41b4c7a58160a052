/* seg-txn-stream.h — one streaming pass over a large transaction log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the engine.  A transaction log of millions of rows is not kept
 * as a table: the dataset reads a preview (the first rows) with the full
 * reader, which decides the dialect and the column types, and then streams
 * the whole file through this module.  Blocks of the file are split at row
 * ends and tokenised and converted on two threads; the rows are then handed
 * to a fold callback one by one, each customer's rows in file order (on two
 * threads, split by customer), so sums come out the same as
 * with the table path.
 *
 * The pass gives up (SEG_STREAM_FALLBACK) whenever the file does something
 * the preview did not promise — bytes that are not UTF-8, a NUL byte, a
 * malformed quote, too many cells that do not fit their column's type, too
 * many ragged rows — and the caller then reads the whole file with the full
 * reader, which produces the exact messages for those cases.
 */
#pragma once

#include <gio/gio.h>

#include "seg-csv.h"
#include "seg-table.h"

G_BEGIN_DECLS

typedef struct
{
  guint          n_columns;
  char           delimiter;
  gboolean       decimal_comma;
  SegColumnType *types;          /* per column, from the preview */
  SegDateFormat *date_formats;   /* per column (DATE columns only) */
  int            cid;            /* column index, or -1 */
  int            date;
  int            amount;
  int            txn_id;
  int           *extras;         /* numeric columns averaged per customer */
  guint          n_extras;
  gboolean       whole_table;    /* keep every cell (seg_txn_stream_table) */
} SegStreamLayout;

/* One accepted data row, converted.  Pointers are valid during the call. */
typedef struct
{
  const char   *cid;        /* the customer key, NULL when missing */
  gsize         cid_len;
  guint64       cid_hash;
  double        day;        /* floored date, NAN when missing or unreadable */
  double        amount;     /* NAN when missing, unreadable or not a number column */
  gboolean      has_txn;
  guint64       txn_hash;   /* hash of the transaction id's key */
  guint64       row_hash;   /* hash of every cell's text */
  const double *extras;     /* layout->n_extras values, NAN when missing */
  guint64       seq;        /* 0, 1, 2 … over the accepted rows, in file order */
} SegStreamRow;

/* Folds one row on worker @worker (0 or 1). */
typedef void (*SegStreamFold) (const SegStreamRow *row,
                               guint               worker,
                               gpointer            user_data);

/* Called a few rows ahead of @fold with that row's hashes (has_txn FALSE:
 * @txn_hash is 0), so the fold's tables can be brought into the cache. */
typedef void (*SegStreamPrefetch) (guint64  cid_hash,
                                   gboolean has_txn,
                                   guint64  txn_hash,
                                   guint    worker,
                                   gpointer user_data);

/* How the rows are folded.  With two workers, the rows of each block are
 * folded on two threads at once, each row by the worker that owns its
 * customer (the top bit of cid_hash; rows without a customer by worker 0),
 * so each worker sees all the rows of its customers in file order.  After
 * each block, @block_done runs on the calling thread. */
typedef struct
{
  SegStreamFold      fold;
  SegStreamPrefetch  prefetch;     /* or NULL */
  void             (*block_done) (gpointer user_data);   /* or NULL */
  gpointer           user_data;
  guint              n_workers;    /* 1 or 2 */
} SegStreamFolder;

/**
 * seg_txn_stream_worker_of:
 * @cid_hash: the hash of a customer key, seg_txn_stream_hash (key, len, 0)
 * @n_workers: 1 or 2
 *
 * Returns: the worker that folds the rows of that customer
 */
static inline guint
seg_txn_stream_worker_of (guint64 cid_hash,
                          guint   n_workers)
{
  return n_workers > 1 ? (guint) (cid_hash >> 63) : 0;
}

typedef enum
{
  SEG_STREAM_OK,
  SEG_STREAM_FALLBACK,       /* read the file with the full reader instead */
  SEG_STREAM_ERROR,          /* I/O error or cancelled: @error is set */
} SegStreamResult;

/**
 * seg_txn_stream_number_key_append:
 * @out: the text to append to
 * @v: a customer key that is a number
 *
 * Appends the key's text: whole numbers below 1e15 without decimals, others
 * with 15 significant digits (seg_dataset_key_of_cell () uses it too).
 */
void            seg_txn_stream_number_key_append (GString *out,
                                                  double   v);

/**
 * seg_txn_stream_hash:
 * @text: (array length=len): the bytes to hash
 * @len: their length
 * @seed: 0 for customer keys, 1 for transaction ids
 *
 * Returns: a 64-bit hash of the bytes, well mixed in every bit
 */
guint64         seg_txn_stream_hash   (const char *text,
                                       gsize       len,
                                       guint64     seed);

/**
 * seg_txn_stream:
 * @path: the file
 * @layout: its columns, from @preview
 * @preview: the table of its first rows, read with seg_csv_read ()
 * @cancellable: (nullable): checked between blocks
 * @progress: (nullable) (scope call): told of the fraction read
 * @progress_data: (closure progress): for @progress
 * @folder: what to call for each accepted row
 * @error: a #GError in %SEG_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Streams @path and calls @folder's fold for every accepted data row.  On
 * %SEG_STREAM_OK, @preview's report (rows, skipped, problems, notices) and
 * its columns' missing counts describe the whole file, as the full reader
 * would have.
 *
 * Returns: %SEG_STREAM_OK, %SEG_STREAM_FALLBACK when the full reader must
 *   read the file, or %SEG_STREAM_ERROR with @error set
 */
SegStreamResult seg_txn_stream    (const char            *path,
                                   const SegStreamLayout *layout,
                                   SegTable              *preview,
                                   GCancellable          *cancellable,
                                   SegProgressFunc        progress,
                                   gpointer               progress_data,
                                   const SegStreamFolder *folder,
                                   GError               **error);

/**
 * seg_txn_stream_dialect_ok:
 * @preview: the table of a file's first rows
 *
 * Returns: %TRUE when the delimiter, header, encoding and date formats of
 *   @preview allow a streaming pass
 */
gboolean        seg_txn_stream_dialect_ok (const SegTable *preview);

/**
 * seg_txn_stream_table:
 * @preview: the table of a file's first rows, read with seg_csv_read ()
 * @cancellable: (nullable): checked between blocks
 * @progress: (nullable) (scope call): told of the fraction read
 * @progress_data: (closure progress): for @progress
 * @result: (out): %SEG_STREAM_OK, %SEG_STREAM_FALLBACK when the full
 *   reader must read the file, or %SEG_STREAM_ERROR with @error set
 * @error: a #GError in %SEG_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Reads the whole file @preview was read from on two threads, as
 * seg_csv_read () would give it.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL as @result says
 */
SegTable       *seg_txn_stream_table  (SegTable        *preview,
                                       GCancellable    *cancellable,
                                       SegProgressFunc  progress,
                                       gpointer         progress_data,
                                       SegStreamResult *result,
                                       GError         **error);

G_END_DECLS
