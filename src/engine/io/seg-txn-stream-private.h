/* seg-txn-stream-private.h — the parts of a streaming pass, shared by
 * seg-txn-stream.c (the pass: blocks, the fold, the report) and
 * seg-txn-stream-part.c (tokenising and converting one part of a block)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-txn-stream.h"

G_BEGIN_DECLS

#define KEPT_PER_KIND     100           /* problems kept per kind before the report's cap */

typedef struct
{
  guint64 line;
  guint   column;        /* 1-based */
  char   *message;
} Problem;

typedef struct
{
  guint32 cid_off;      /* in the part's text: block buffer or scratch */
  guint32 cid_len;
  guint64 cid_hash;
  guint64 txn_hash;
  guint64 row_hash;
  double  day;
  double  amount;
  guint8  cid_state;    /* 0 missing, 1 in the block, 2 in scratch */
  guint8  has_txn;
} Record;

/* A date cell of up to 16 bytes and what seg_parse_date_full () made of it:
 * a log has a few thousand distinct days, each written thousands of times. */
typedef struct
{
  guint64 w0;           /* the first eight bytes, or all of a shorter cell */
  guint64 w1;           /* the last eight (overlapping w0 when shorter than 16) */
  guint8  len;          /* 0 = empty slot */
  guint8  ok;
  guint8  timed;
  double  value;
} DateMemo;

#define MEMO_SLOTS 4096

typedef struct
{
  const SegStreamLayout *layout;
  char      *text;          /* the part's bytes (inside the block buffer) */
  gsize      len;

  Record    *records;       /* the part's accepted rows */
  gsize      n_records;
  gsize      cap_records;
  GArray    *extras;        /* double, n_extras per record */
  GString   *scratch;       /* keys that are not a slice of the block */
  guint64    lines;         /* line breaks in the part */
  guint64    rows;
  guint64    skipped;
  GArray    *ragged;        /* Problem, the first KEPT_PER_KIND */
  guint64   *good;          /* per column: cells read */
  guint64   *bad;           /* per column: cells that did not fit */
  guint64   *missing;       /* per column */
  guint64   *text_seen;     /* per text column: cells that are not missing */
  guint64   *text_untyped;  /* per text column: of those, cells that no type reads (a lower bound) */
  gboolean  *text_no_number; /* per text column: a code or a leading zero was seen */
  GArray   **bad_cells;     /* per column: Problem, the first KEPT_PER_KIND */
  guint     *flags;         /* per column: SegNumberFlags seen, or 1 for a time of day */
  GArray   **cols;          /* whole-table mode: per column, double or guint32 text offsets */
  gboolean   give_up;       /* malformed quotes, NUL, bad UTF-8, a huge cell */
  gboolean   header;        /* the first row read is the header: skip it */
  const char **cells;       /* per column, the row being read */
  gsize      *cell_lens;
  double     *values;       /* per column, the row's converted cells */
  gboolean   *absent;       /* per column, the row's cell is a missing-value marker */
  DateMemo  **memo;         /* per DATE column, the last cells read and their values */
  guint8     *plan;         /* per column: what accept_row () does with its cells (PLAN_*) */
} Part;

void      seg_txn_stream_part_init (Part                  *p,
                                    const SegStreamLayout *layout);
/* Empties the part for the next block, keeping the counters. */
void      seg_txn_stream_part_reset (Part *p);
void      seg_txn_stream_part_clear (Part *p);
void      seg_txn_stream_problems_clear (GArray *problems);
/* Checks the part's bytes (no NUL, UTF-8), then tokenises and converts its
 * rows into records; sets give_up when the full reader must read the file.
 * A GThreadFunc: @data is the Part. */
gpointer  seg_txn_stream_part_read (gpointer data);

static inline const char *
seg_txn_record_text (const Part *p,
                     guint8      state,
                     guint32     off)
{
  return state == 1 ? p->text + off : p->scratch->str + off;
}

G_END_DECLS
