/* seg-txn-stream.c — one streaming pass over a large transaction log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read with read(2) in blocks of BLOCK_BYTES, never mapped
 * whole, so memory stays flat however long the log is.  Each block ends at a
 * row end; a block without quote characters is cut in two at a line break
 * near its middle and the halves are tokenised on two threads, a block with
 * quotes is tokenised on one (a line break may sit inside a quoted cell).
 * Tokenising follows what libcsv does for the full reader: unquoted cells
 * lose leading and trailing spaces and tabs, "" inside quotes is one quote,
 * blank lines are ignored, CR, LF and CRLF all end a row.  Each part turns
 * its rows into compact records (the converted values of the columns the
 * metrics need); the caller's fold then sees the records of the first part,
 * then of the second: file order.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seg-error.h"
#include "seg-hash.h"
#include "seg-parse.h"
#include "seg-source.h"
#include "seg-table-private.h"
#include "seg-txn-stream.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define BLOCK_BYTES       (8u << 20)
#define MAX_ROW_BYTES     (64u << 20)   /* a longer row is the full reader's to report */
#define KEPT_PER_KIND     100           /* problems kept per kind before the report's cap */
#define PREFETCH_AHEAD    8

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
} Part;

/* ---- hashing --------------------------------------------------------------- */

/* 64-bit hash of a short byte string, eight bytes at a time.  Collisions
 * matter only for duplicate detection: at 10M rows the chance that any two
 * different transactions share a hash is about 3 in a million. */
static inline guint64
hash_words (const char *text,
            gsize       len,
            guint64     h)
{
  h ^= len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  while (len >= 8)
    {
      guint64 w;
      memcpy (&w, text, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0x9fb21c651e98df25);
      h ^= h >> 29;
      text += 8;
      len -= 8;
    }
  if (len > 0)
    {
      guint64 w = 0;

      /* the bytes in memory order, as memcpy () into a zeroed word on a
       * little-endian machine, without a call for a variable length */
      for (gsize i = 0; i < len; i++)
        w |= (guint64) (guchar) text[i] << (8 * i);
      h = (h ^ w ^ (len << 56)) * G_GUINT64_CONSTANT (0x9fb21c651e98df25);
      h ^= h >> 29;
    }
  return h;
}

/* hash_words (@text, @len, 0) of a cell that has at least eight bytes of the
 * part at @text when it is shorter: its tail is one load, masked. */
static inline guint64
hash_cell (const char *text,
           gsize       len,
           const char *limit)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (len < 8 && limit - text >= 8)
    {
      guint64 w, h = len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

      if (len == 0)
        return h;
      memcpy (&w, text, 8);
      w &= G_MAXUINT64 >> (64 - 8 * len);
      h = (h ^ w ^ ((guint64) len << 56)) * G_GUINT64_CONSTANT (0x9fb21c651e98df25);
      return h ^ (h >> 29);
    }
#endif
  return hash_words (text, len, 0);
}

guint64
seg_stream_hash (const char *text,
                 gsize       len,
                 guint64     seed)
{
  return seg_hash_mix64 (hash_words (text, len, seed));
}

/* ---- parts ------------------------------------------------------------------- */

static void
part_init (Part                  *p,
           const SegStreamLayout *layout)
{
  guint n = layout->n_columns;

  memset (p, 0, sizeof *p);
  p->layout = layout;
  p->extras = g_array_new (FALSE, FALSE, sizeof (double));
  p->scratch = g_string_new (NULL);
  p->ragged = g_array_new (FALSE, FALSE, sizeof (Problem));
  p->good = g_new0 (guint64, n);
  p->bad = g_new0 (guint64, n);
  p->missing = g_new0 (guint64, n);
  p->text_seen = g_new0 (guint64, n);
  p->text_untyped = g_new0 (guint64, n);
  p->text_no_number = g_new0 (gboolean, n);
  p->bad_cells = g_new0 (GArray *, n);
  p->flags = g_new0 (guint, n);
  for (guint c = 0; c < n; c++)
    p->bad_cells[c] = g_array_new (FALSE, FALSE, sizeof (Problem));
  if (layout->whole_table)
    {
      p->cols = g_new0 (GArray *, n);
      for (guint c = 0; c < n; c++)
        p->cols[c] = g_array_new (FALSE, FALSE, layout->types[c] == SEG_COLUMN_TEXT ? sizeof (guint32)
                                                                                     : sizeof (double));
    }
  p->cells = g_new0 (const char *, n);
  p->cell_lens = g_new0 (gsize, n);
  p->values = g_new0 (double, n);
  p->absent = g_new0 (gboolean, n);
  p->memo = g_new0 (DateMemo *, n);
  for (guint c = 0; c < n; c++)
    if (layout->types[c] == SEG_COLUMN_DATE)
      p->memo[c] = g_new0 (DateMemo, MEMO_SLOTS);
}

static void
problems_clear (GArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_free (g_array_index (problems, Problem, i).message);
  g_array_set_size (problems, 0);
}

/* Empties the part for the next block, keeping the counters. */
static void
part_reset (Part *p)
{
  p->n_records = 0;
  g_array_set_size (p->extras, 0);
  for (guint c = 0; p->cols != NULL && c < p->layout->n_columns; c++)
    g_array_set_size (p->cols[c], 0);
  g_string_truncate (p->scratch, 0);
  p->lines = 0;
}

static void
part_clear (Part *p)
{
  guint n = p->layout->n_columns;

  g_free (p->records);
  g_array_unref (p->extras);
  g_string_free (p->scratch, TRUE);
  problems_clear (p->ragged);
  g_array_unref (p->ragged);
  for (guint c = 0; c < n; c++)
    {
      problems_clear (p->bad_cells[c]);
      g_array_unref (p->bad_cells[c]);
    }
  g_free (p->bad_cells);
  for (guint c = 0; p->cols != NULL && c < n; c++)
    g_array_unref (p->cols[c]);
  g_free (p->cols);
  g_free (p->flags);
  g_free (p->good);
  g_free (p->bad);
  g_free (p->missing);
  g_free (p->text_seen);
  g_free (p->text_untyped);
  g_free (p->text_no_number);
  g_free (p->cells);
  g_free (p->cell_lens);
  g_free (p->values);
  g_free (p->absent);
  for (guint c = 0; c < n; c++)
    g_free (p->memo[c]);
  g_free (p->memo);
}

static void
add_problem (GArray     *problems,
             guint64     line,
             guint       column,
             char       *message)
{
  Problem pr = { line, column, message };

  if (problems->len < KEPT_PER_KIND)
    g_array_append_val (problems, pr);
  else
    g_free (message);
}

/* ---- converting one row ------------------------------------------------------ */

void
seg_number_key_append (GString *out,
                       double   v)
{
  if (v == floor (v) && fabs (v) < 1e15)
    {
      char digits[24];
      int n = 0;
      guint64 u = (guint64) fabs (v);

      do
        {
          digits[n++] = (char) ('0' + u % 10);
          u /= 10;
        }
      while (u > 0);
      if (v < 0)
        g_string_append_c (out, '-');
      while (n > 0)
        g_string_append_c (out, digits[--n]);
    }
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", v));
    }
}

/* seg_parse_is_missing (), answered at once for the cells that cannot be a
 * marker: every marker starts with a blank, '-', 'N', 'n', '#' or '<', and
 * "-" followed by a digit or '.' is a negative number. */
static inline gboolean
cell_absent (const char *cell,
             gsize       len)
{
  if (len == 0)
    return TRUE;
  switch (cell[0])
    {
    case '-':
      if (len > 1 && (g_ascii_isdigit (cell[1]) || cell[1] == '.'))
        return FALSE;
      break;
    case 'N': case 'n': case '#': case '<':
    case ' ': case '\t': case '\r': case '\n':
      break;
    default:
      return FALSE;
    }
  return seg_parse_is_missing (cell);
}

static const double pow10_small[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

/* "-123.45": an optional '-', digits, an optional '.' and digits, at most 15
 * digits in all and at least one, nothing else.  The value is the mantissa
 * divided by an exact power of ten, the one correctly rounded operation
 * seg_parse_number_full () also does for such a text (Clinger's fast path),
 * so the same double.  FALSE leaves the cell to the general parser. */
static inline gboolean
plain_decimal (const char *cell,
               gsize       len,
               double     *out,
               gboolean   *leading_zero)
{
  const char *p = cell, *end = cell + len;
  guint64 mantissa = 0;
  int digits = 0, frac = -1;
  gboolean neg = FALSE;

  if (p < end && *p == '-')
    {
      neg = TRUE;
      p++;
    }
  *leading_zero = end - p >= 2 && p[0] == '0' && g_ascii_isdigit (p[1]);
  for (; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          digits++;
          if (frac >= 0)
            frac++;
        }
      else if (*p == '.' && frac < 0)
        frac = 0;
      else
        return FALSE;
    }
  if (digits == 0 || digits > 15)
    return FALSE;
  *out = frac > 0 ? (double) mantissa / pow10_small[frac] : (double) mantissa;
  if (neg)
    *out = -*out;
  return TRUE;
}

/* seg_parse_date_full () of a cell, remembered for cells of up to 16 bytes. */
static gboolean
parse_date_memo (Part       *p,
                 guint       c,
                 const char *cell,
                 gsize       len,
                 double     *v,
                 gboolean   *timed)
{
  DateMemo *slot;
  guint64 w0 = 0, w1 = 0;
  gboolean ok;

  if (len > 16)
    return seg_parse_date_full (cell, p->layout->date_formats[c], v, timed);
  if (len >= 8)
    {
      memcpy (&w0, cell, 8);
      memcpy (&w1, cell + len - 8, 8);
    }
  else
    for (gsize i = 0; i < len; i++)
      w0 |= (guint64) (guchar) cell[i] << (8 * i);
  slot = &p->memo[c][seg_hash_mix64 (w0 ^ (w1 * 31) ^ len) & (MEMO_SLOTS - 1)];
  if (slot->len == len && slot->w0 == w0 && slot->w1 == w1)
    {
      *v = slot->value;
      *timed = slot->timed;
      return slot->ok;
    }
  *timed = FALSE;
  *v = NAN;
  ok = seg_parse_date_full (cell, p->layout->date_formats[c], v, timed);
  slot->w0 = w0;
  slot->w1 = w1;
  slot->len = (guint8) len;
  slot->ok = (guint8) ok;
  slot->timed = (guint8) (ok && *timed);
  slot->value = *v;
  return ok;
}

/* Cell @c of a column the preview typed as text, not missing.  The whole
 * reader would give the column a type if at most 1 in 100 of its cells
 * failed that type (seg-csv-typing.c): a column blank all through the
 * preview, or one whose first rows had a few odd values, can still become a
 * number, date or boolean column.  Counted here: the cells that no type
 * reads; while they are more than 1 in 100, the column surely stays text
 * and no cell needs a look, so a real text column costs a parse in about
 * one cell of a hundred. */
static void
note_text_cell (Part  *p,
                guint  c)
{
  const char *cell = p->cells[c];
  double v;
  guint flags = 0;
  gboolean timed;

  p->text_seen[c]++;
  if (p->text_untyped[c] * 100 > p->text_seen[c])
    return;
  if (!p->text_no_number[c])
    {
      if (seg_parse_number_full (cell, p->layout->decimal_comma, &v, &flags))
        {
          /* the whole reader keeps a column with "00123" as text */
          if (!seg_csv_has_leading_zero (cell))
            return;
          p->text_no_number[c] = TRUE;
        }
      else if (seg_csv_is_code_like (cell))
        p->text_no_number[c] = TRUE;
    }
  if (seg_parse_date_full (cell, SEG_DATE_ISO, &v, &timed) || seg_parse_date_full (cell, SEG_DATE_DMY, &v, &timed)
      || seg_parse_date_full (cell, SEG_DATE_MDY, &v, &timed) || seg_parse_boolean (cell, &v))
    return;
  p->text_untyped[c]++;
}

/* Converts cell @c of a typed column; NAN when missing or unreadable (the
 * cell's text is kept for the message while there are few). */
static double
convert_cell (Part    *p,
              guint    c,
              guint64  line)
{
  const SegStreamLayout *l = p->layout;
  const char *cell = p->cells[c];
  double v = NAN;
  gboolean ok, timed = FALSE, leading_zero;
  guint flags = 0;

  if (p->absent[c])
    {
      p->missing[c]++;
      return NAN;
    }
  switch (l->types[c])
    {
    case SEG_COLUMN_NUMBER:
      if (!l->decimal_comma && plain_decimal (cell, p->cell_lens[c], &v, &leading_zero))
        {
          /* the whole-file reader keeps such a column as text */
          if (leading_zero)
            p->give_up = TRUE;
          ok = TRUE;
          break;
        }
      ok = seg_parse_number_full (cell, l->decimal_comma, &v, &flags);
      /* the whole-file reader keeps such a column as text */
      if ((ok && seg_csv_has_leading_zero (cell)) || (!ok && seg_csv_is_code_like (cell)))
        p->give_up = TRUE;
      p->flags[c] |= flags;
      break;
    case SEG_COLUMN_DATE:
      ok = parse_date_memo (p, c, cell, p->cell_lens[c], &v, &timed);
      if (ok && timed)
        p->flags[c] |= 1;
      break;
    case SEG_COLUMN_BOOLEAN:
      ok = seg_parse_boolean (cell, &v);
      break;
    case SEG_COLUMN_TEXT:
    default:
      return NAN;
    }
  if (ok)
    {
      p->good[c]++;
      return v;
    }
  p->bad[c]++;
  if (p->bad_cells[c]->len < KEPT_PER_KIND)
    add_problem (p->bad_cells[c], line, c + 1, g_strdup (cell));
  return NAN;
}

/* The key of a text or number column's cell; state 0 when missing. */
static guint8
cell_key (Part    *p,
          guint    c,
          guint32 *off,
          guint32 *len)
{
  const char *cell = p->cells[c];

  if (p->layout->types[c] == SEG_COLUMN_TEXT)
    {
      if (p->absent[c])
        return 0;
      if (cell >= p->text && cell < p->text + p->len)
        {
          *off = (guint32) (cell - p->text);
          *len = (guint32) p->cell_lens[c];
          return 1;
        }
      *off = (guint32) p->scratch->len;
      *len = (guint32) p->cell_lens[c];
      g_string_append_len (p->scratch, cell, (gssize) p->cell_lens[c]);
      return 2;
    }
  if (isnan (p->values[c]))
    return 0;
  *off = (guint32) p->scratch->len;
  seg_number_key_append (p->scratch, p->values[c]);
  *len = (guint32) (p->scratch->len - *off);
  g_string_append_c (p->scratch, '\0');   /* keys are read as C strings too */
  return 2;
}

static const char *
record_text (const Part *p,
             guint8      state,
             guint32     off)
{
  return state == 1 ? p->text + off : p->scratch->str + off;
}

static void
ragged_row (Part   *p,
            guint64 line,
            guint   n)
{
  const SegStreamLayout *l = p->layout;

  p->skipped++;
  add_problem (p->ragged, line, MIN (n, l->n_columns) + 1,
               seg_csv_ragged_message (l->n_columns, n, p->cells[0], l->delimiter));
}

static void
accept_row (Part   *p,
            guint64 line)
{
  const SegStreamLayout *l = p->layout;
  Record rec = { 0 };
  const char *limit = p->text + p->len;
  guint64 h = G_GUINT64_CONSTANT (0x51ed270b27c5b1a3);
  guint64 cid_cell = 0, txn_cell = 0;

  for (guint c = 0; c < l->n_columns; c++)
    {
      gboolean text = l->types[c] == SEG_COLUMN_TEXT;

      p->absent[c] = cell_absent (p->cells[c], p->cell_lens[c]);
      if (!text)
        p->values[c] = convert_cell (p, c, line);
      else if (p->absent[c])
        p->missing[c]++;
      else
        note_text_cell (p, c);
      /* each cell is hashed once: for the row's hash (rows that repeat an
       * id are compared by it) and for the customer and id keys.  The row's
       * hash takes what the whole-file path compares: a typed cell's value
       * ("1£" and "1", "100.50" and "100.5" are the same), a missing text
       * cell as one mark whatever its marker, other text as written. */
      if (l->txn_id >= 0 || (int) c == l->cid)
        {
          guint64 ch = 0, rh;

          if (text)   /* a typed key is hashed from its canonical text (cell_key) */
            ch = hash_cell (p->cells[c], p->cell_lens[c], limit);
          if (!text)
            rh = seg_hash_double_bits (p->values[c]);
          else if (p->absent[c])
            rh = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
          else
            rh = ch;
          h = (h ^ rh) * G_GUINT64_CONSTANT (0x9fb21c651e98df25);
          h ^= h >> 29;
          if ((int) c == l->cid)
            cid_cell = ch;
          if ((int) c == l->txn_id)
            txn_cell = ch;
        }
    }
  if (p->cols != NULL)
    {
      for (guint c = 0; c < l->n_columns; c++)
        if (l->types[c] == SEG_COLUMN_TEXT)
          {
            guint32 off = p->absent[c] ? G_MAXUINT32 : (guint32) (p->cells[c] - p->text);
            g_array_append_val (p->cols[c], off);
          }
        else
          g_array_append_val (p->cols[c], p->values[c]);
      p->rows++;
      return;
    }
  rec.row_hash = seg_hash_mix64 (h);
  rec.day = l->date >= 0 ? floor (p->values[l->date]) : NAN;
  rec.amount = l->amount >= 0 && l->types[l->amount] == SEG_COLUMN_NUMBER ? p->values[l->amount] : NAN;
  if (l->cid >= 0)
    {
      rec.cid_state = cell_key (p, (guint) l->cid, &rec.cid_off, &rec.cid_len);
      if (rec.cid_state == 1)
        rec.cid_hash = seg_hash_mix64 (cid_cell);   /* the key is the cell: seg_stream_hash (key, 0) */
      else if (rec.cid_state != 0)
        rec.cid_hash = seg_stream_hash (record_text (p, rec.cid_state, rec.cid_off), rec.cid_len, 0);
    }
  if (l->txn_id >= 0)
    {
      guint32 off = 0, len = 0;
      guint8 state = cell_key (p, (guint) l->txn_id, &off, &len);
      if (state != 0)
        {
          rec.has_txn = TRUE;
          rec.txn_hash = state == 1 ? seg_hash_mix64 (txn_cell ^ G_GUINT64_CONSTANT (0x2545f4914f6cdd1d))
                                    : seg_stream_hash (record_text (p, state, off), len, 1);
        }
    }
  for (guint k = 0; k < l->n_extras; k++)
    g_array_append_val (p->extras, p->values[l->extras[k]]);
  p->rows++;
  if (p->n_records == p->cap_records)
    {
      p->cap_records = MAX (4096, p->cap_records * 2);
      p->records = g_renew (Record, p->records, p->cap_records);
    }
  p->records[p->n_records++] = rec;
}

static void
end_row (Part    *p,
         guint64  line,
         guint    count,
         gboolean blank,
         gboolean extra_text)
{
  const SegStreamLayout *l = p->layout;

  if (count == 1 && blank)
    return;   /* a blank line: libcsv reports no field */
  if (p->header)
    {
      p->header = FALSE;
      return;
    }
  if (count == l->n_columns || (count > l->n_columns && !extra_text))
    accept_row (p, line);
  else
    ragged_row (p, line, count);
}

/* ---- tokenising ---------------------------------------------------------------- */

static inline gboolean
is_space (char c,
          char delimiter)
{
  return (c == ' ' || c == '\t') && c != delimiter;
}

static inline gboolean
is_row_end (char c)
{
  return c == '\n' || c == '\r';
}

/* The first delimiter, CR or LF at or after @cursor, or @end: eight bytes at
 * a time (a byte equal to the one looked for becomes zero after the XOR, and
 * the lowest zero byte of a word is found exactly). */
static inline char *
scan_plain (char       *cursor,
            const char *end,
            char        delim)
{
#ifdef __SSE2__
  const __m128i vd = _mm_set1_epi8 (delim), vlf = _mm_set1_epi8 ('\n'), vcr = _mm_set1_epi8 ('\r');

  while (end - cursor >= 16)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (gconstpointer) cursor);
      int hit = _mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (x, vd), _mm_cmpeq_epi8 (x, vlf)),
                                                 _mm_cmpeq_epi8 (x, vcr)));
      if (hit != 0)
        return cursor + __builtin_ctz ((unsigned) hit);
      cursor += 16;
    }
#endif
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  {
    const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
    const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
    const guint64 d = ones * (guchar) delim, lf = ones * '\n', cr = ones * '\r';

    while (end - cursor >= 8)
      {
        guint64 w, a, b, c, hit;

        memcpy (&w, cursor, 8);
        a = w ^ d;
        b = w ^ lf;
        c = w ^ cr;
        hit = (((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c)) & highs;
        if (hit != 0)
          return cursor + (__builtin_ctzll (hit) >> 3);
        cursor += 8;
      }
  }
#endif
  while (cursor < end && *cursor != delim && !is_row_end (*cursor))
    cursor++;
  return cursor;
}

/* Reads the part row by row.  A part always ends at the end of a row (the
 * caller cuts blocks after a line break outside quotes), so running out of
 * text inside a quoted cell means the quote is never closed.  The text must
 * be followed by one writable byte: cells are NUL-terminated in place. */
static void
tokenise (Part *p)
{
  const SegStreamLayout *l = p->layout;
  char *const end = p->text + p->len;
  const char delim = l->delimiter;
  char *cursor = p->text;
  guint64 line = 0;

  while (cursor < end)
    {
      guint64 row_line = line;
      guint count = 0;
      gboolean blank = TRUE, extra_text = FALSE;
      char *last_end = NULL;

      for (;;)
        {
          char *cell, *cell_end;

          while (cursor < end && is_space (*cursor, delim))
            cursor++;
          if (cursor < end && *cursor == '"')
            {
              char *out;

              cell = out = ++cursor;
              for (;;)
                {
                  if (cursor >= end)
                    {
                      p->give_up = TRUE;   /* a quote that is never closed */
                      return;
                    }
                  if (*cursor == '"')
                    {
                      if (cursor + 1 < end && cursor[1] == '"')
                        {
                          *out++ = '"';
                          cursor += 2;
                          continue;
                        }
                      cursor++;
                      break;
                    }
                  if (*cursor == '\n' || (*cursor == '\r' && !(cursor + 1 < end && cursor[1] == '\n')))
                    line++;
                  *out++ = *cursor++;
                }
              cell_end = out;
              while (cursor < end && is_space (*cursor, delim))
                cursor++;
              if (cursor < end && *cursor != delim && !is_row_end (*cursor))
                {
                  p->give_up = TRUE;   /* text after a closing quote */
                  return;
                }
              blank = FALSE;
            }
          else
            {
              char *last;

              cell = cursor;
              cursor = last = scan_plain (cursor, end, delim);
              /* trailing spaces and tabs are not part of the cell */
              while (last > cell && is_space (last[-1], delim))
                last--;
              cell_end = last;
              if (cell_end > cell)
                blank = FALSE;
            }
          if (count < l->n_columns)
            {
              p->cells[count] = cell;
              p->cell_lens[count] = (gsize) (cell_end - cell);
            }
          else if (cell_end > cell)
            extra_text = TRUE;
          count++;
          last_end = cell_end;
          if (cursor < end && *cursor == delim)
            {
              *cell_end = '\0';   /* may be the delimiter itself */
              cursor++;
              continue;
            }
          break;
        }
      if (cursor < end)
        {
          if (*cursor == '\r' && cursor + 1 < end && cursor[1] == '\n')
            cursor += 2;
          else
            cursor++;
          line++;
        }
      *last_end = '\0';   /* the terminator has been read: now it may go */
      end_row (p, row_line, count, blank, extra_text);
    }
  p->lines = line;
}

/* NUL bytes and text that is not UTF-8 are the full reader's to handle. */
static gboolean
plain_utf8 (const char *text,
            gsize       len)
{
  gsize i = 0;

  if (memchr (text, '\0', len) != NULL)
    return FALSE;
  for (; i + 8 <= len; i += 8)
    {
      guint64 w;
      memcpy (&w, text + i, 8);
      if (w & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  return i >= len || g_utf8_validate_len (text + i, len - i, NULL);
}

static gpointer
part_thread (gpointer data)
{
  Part *p = data;

  if (!plain_utf8 (p->text, p->len))
    p->give_up = TRUE;
  else
    tokenise (p);
  return NULL;
}

/* ---- the pass ------------------------------------------------------------------ */

typedef struct
{
  const SegStreamLayout *layout;
  const SegStreamFolder *folder;  /* NULL in whole-table mode */
  guint64        seq;         /* accepted rows before the block being folded */
  guint64        line;        /* physical line of the next part's first byte */
  GArray        *ragged;      /* Problem, absolute lines, in file order */
  GArray       **bad_cells;   /* per column */
  SegTable      *out;         /* whole-table mode: the table being filled */
  GArray       **out_cols;    /* whole-table mode: double, or char* (interned) */
  gboolean      *unique;      /* whole-table mode: a text column whose preview values all differ */
  Part           a;           /* the two halves of each block, b on a second thread */
  Part           b;
} Pass;

static void
move_problems (GArray  *to,
               GArray  *from,
               guint64  first_line)
{
  for (guint i = 0; i < from->len; i++)
    {
      Problem pr = g_array_index (from, Problem, i);
      pr.line += first_line;
      if (to->len < KEPT_PER_KIND)
        g_array_append_val (to, pr);
      else
        g_free (pr.message);
    }
  g_array_set_size (from, 0);
}

/* The worker that folds a row: customers are split by the top bit of their
 * hash, rows without a customer go to the first. */
static inline guint
owner (const Record *rec,
       guint         n_workers)
{
  return rec->cid_state != 0 ? seg_stream_worker_of (rec->cid_hash, n_workers) : 0;
}

/* Folds the rows of @p that belong to @worker, in file order. */
static void
fold_records (Pass *pass,
              Part *p,
              guint64 seq,
              guint worker)
{
  const SegStreamLayout *l = pass->layout;
  const SegStreamFolder *folder = pass->folder;
  guint n_workers = MAX (folder->n_workers, 1);
  SegStreamRow row = { 0 };

  for (gsize i = 0; i < p->n_records; i++)
    {
      const Record *rec = &p->records[i];

      /* the fold's lookups miss the cache: ask for a later row's lines now */
      if (folder->prefetch != NULL && i + PREFETCH_AHEAD < p->n_records)
        {
          const Record *ahead = rec + PREFETCH_AHEAD;
          if (owner (ahead, n_workers) == worker)
            folder->prefetch (ahead->cid_hash, ahead->has_txn, ahead->txn_hash, worker, folder->user_data);
        }
      if (owner (rec, n_workers) != worker)
        continue;

      row.cid = rec->cid_state != 0 ? record_text (p, rec->cid_state, rec->cid_off) : NULL;
      row.cid_len = rec->cid_len;
      row.cid_hash = rec->cid_hash;
      row.day = rec->day;
      row.amount = rec->amount;
      row.has_txn = rec->has_txn;
      row.txn_hash = rec->txn_hash;
      row.row_hash = rec->row_hash;
      row.seq = seq + i;
      row.extras = l->n_extras > 0 ? &g_array_index (p->extras, double, (gsize) i * l->n_extras) : NULL;
      folder->fold (&row, worker, folder->user_data);
    }
}

typedef struct
{
  Pass  *pass;
  guint  worker;
} FoldJob;

static gpointer
fold_thread (gpointer data)
{
  FoldJob *job = data;

  fold_records (job->pass, &job->pass->a, job->pass->seq, job->worker);
  fold_records (job->pass, &job->pass->b, job->pass->seq + job->pass->a.n_records, job->worker);
  return NULL;
}

/* The rows of both parts of a block, each folded by the worker that owns
 * its customer: with two workers, the second on a thread of its own. */
static void
fold_block (Pass *pass)
{
  const SegStreamFolder *folder = pass->folder;
  FoldJob second = { pass, 1 };
  FoldJob first = { pass, 0 };
  GThread *thread = NULL;

  if (folder == NULL)
    return;
  if (folder->n_workers > 1 && pass->a.n_records + pass->b.n_records > 0)
    thread = g_thread_new ("segmenta-fold", fold_thread, &second);
  fold_thread (&first);
  if (thread != NULL)
    g_thread_join (thread);
  if (folder->block_done != NULL)
    folder->block_done (folder->user_data);
  pass->seq += pass->a.n_records + pass->b.n_records;
}

static void
fold_part (Pass *pass,
           Part *p)
{
  const SegStreamLayout *l = pass->layout;

  for (guint c = 0; pass->out_cols != NULL && c < l->n_columns; c++)
    {
      GArray *from = p->cols[c];

      if (l->types[c] != SEG_COLUMN_TEXT)
        g_array_append_vals (pass->out_cols[c], from->data, from->len);
      else
        for (guint i = 0; i < from->len; i++)
          {
            guint32 off = g_array_index (from, guint32, i);
            const char *text = off == G_MAXUINT32 ? NULL
                               : pass->unique[c] ? seg_table_store (pass->out, p->text + off)
                               : seg_table_intern (pass->out, p->text + off);
            g_array_append_val (pass->out_cols[c], text);
          }
    }
  move_problems (pass->ragged, p->ragged, pass->line);
  for (guint c = 0; c < l->n_columns; c++)
    move_problems (pass->bad_cells[c], p->bad_cells[c], pass->line);
  pass->line += p->lines;
  part_reset (p);
}

/* The report of @target now speaks for the whole file: counts, problems in
 * the whole reader's order (ragged rows, then each column's cells), the
 * notices of @notices with each column's mark replaced, column formats and
 * missing counts.  FALSE when the whole reader would have typed a column
 * differently or refused the file: the caller falls back to it. */
static gboolean
finish_report (Pass      *pass,
               SegTable  *target,
               GPtrArray *notices,
               Part      *a,
               Part      *b)
{
  const SegStreamLayout *l = pass->layout;
  SegReadReport *report = seg_table_get_report_mut (target);
  guint64 rows = a->rows + b->rows, skipped = a->skipped + b->skipped;
  guint64 n_problems = skipped;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  if (rows == 0 || skipped * 2 > rows + skipped)
    return FALSE;
  for (guint c = 0; c < l->n_columns; c++)
    if (l->types[c] != SEG_COLUMN_TEXT && !seg_csv_few_bad (a->good[c] + b->good[c], a->bad[c] + b->bad[c]))
      return FALSE;
  /* a text column stays text only when more than 1 in 100 of its cells
   * cannot be read as anything else (or it is blank all through) */
  for (guint c = 0; c < l->n_columns; c++)
    {
      guint64 seen = a->text_seen[c] + b->text_seen[c];
      guint64 untyped = a->text_untyped[c] + b->text_untyped[c];

      if (l->types[c] == SEG_COLUMN_TEXT && seen > 0 && untyped * 100 <= seen)
        return FALSE;
    }
  /* a preview streamed before (the import view builds again from it) may be
   * on screen: it already says all this, and must not change under the UI */
  if (report->streamed)
    return TRUE;
  report->streamed = TRUE;

  for (guint c = 0; c < l->n_columns; c++)
    {
      SegColumn *column = seg_table_get_column_mut (target, c);
      guint flags = a->flags[c] | b->flags[c];

      column->n_missing = a->missing[c] + b->missing[c] + a->bad[c] + b->bad[c];
      if (column->type == SEG_COLUMN_NUMBER)
        {
          g_free (column->format);
          column->format = seg_csv_number_format (flags);
        }
      else if (column->type == SEG_COLUMN_DATE && l->date_formats[c] == SEG_DATE_ISO)
        {
          g_free (column->format);
          column->format = g_strdup ((flags & 1) ? "YYYY-MM-DD HH:MM:SS" : "YYYY-MM-DD");
        }
    }
  for (guint i = 0; i < notices->len; i++)
    {
      const char *notice = g_ptr_array_index (notices, i);
      guint c;

      if (notice[0] != SEG_CSV_NOTICE_MARK)
        {
          g_ptr_array_add (kept, g_strdup (notice));
          continue;
        }
      c = (guint) g_ascii_strtoull (notice + 1, NULL, 10);
      if (c < l->n_columns && a->bad[c] + b->bad[c] > 0)
        g_ptr_array_add (kept, seg_csv_bad_cells_notice (l->types[c], seg_table_get_column (target, c)->name,
                                                         a->bad[c] + b->bad[c]));
    }

  report->rows = rows;
  report->skipped = skipped;
  g_ptr_array_set_size (report->problems, 0);
  report->n_problems = 0;
  for (guint i = 0; i < pass->ragged->len; i++)
    {
      Problem *pr = &g_array_index (pass->ragged, Problem, i);
      seg_table_add_problem (target, pr->line + 1, pr->column, pr->message);
    }
  for (guint c = 0; c < l->n_columns; c++)
    {
      SegColumn *column = seg_table_get_column_mut (target, c);

      for (guint i = 0; i < pass->bad_cells[c]->len; i++)
        {
          Problem *pr = &g_array_index (pass->bad_cells[c], Problem, i);
          g_autofree char *msg = seg_csv_bad_cell_message (column->type, column->format, pr->message);
          seg_table_add_problem (target, pr->line + 1, pr->column, msg);
        }
      n_problems += a->bad[c] + b->bad[c];
    }
  report->n_problems = n_problems;
  g_ptr_array_set_size (report->notices, 0);
  for (guint i = 0; i < kept->len; i++)
    seg_table_add_notice (target, g_ptr_array_index (kept, i));
  return TRUE;
}

static gboolean
fill (int      fd,
      char    *buffer,
      gsize    capacity,
      gsize   *len,
      gboolean *eof,
      GError **error,
      const char *path)
{
  while (*len < capacity && !*eof)
    {
      gssize got = read (fd, buffer + *len, capacity - *len);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          seg_set_error_at (error, SEG_ERROR_IO, path, 0, 0, _("cannot read the file: %s"),
                            g_strerror (saved));
          return FALSE;
        }
      if (got == 0)
        *eof = TRUE;
      *len += (gsize) got;
    }
  return TRUE;
}

/* Where to cut the buffer: after the last line break outside quotes (0 when
 * there is none), and near the middle for the second thread.  A quote that
 * sits inside an unquoted cell throws the count off; the tokeniser then meets
 * an unclosed quote at the end of its part and the pass falls back. */
static void
find_cuts (const char *text,
           gsize       len,
           gboolean    quotes,
           gsize      *mid,
           gsize      *cut)
{
  gboolean inside = FALSE;
  gsize half = len / 2;

  *mid = 0;
  *cut = 0;
  if (!quotes)
    {
      const char *nl;
      gsize i = len;

      while (i > 0 && text[i - 1] != '\n')
        i--;
      *cut = i;
      nl = *cut > half ? memchr (text + half, '\n', *cut - half) : NULL;
      *mid = nl != NULL ? (gsize) (nl - text) + 1 : *cut;
      return;
    }
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        inside = !inside;
      else if (text[i] == '\n' && !inside)
        {
          *cut = i + 1;
          if (*mid == 0 && i >= half)
            *mid = i + 1;
        }
    }
  if (*mid == 0 || *mid > *cut)
    *mid = *cut;
}

static SegStreamResult
run_pass (const char            *path,
          Pass                  *pass,
          GCancellable          *cancellable,
          SegProgressFunc        progress,
          gpointer               progress_data,
          GError               **error)
{
  const SegStreamLayout *layout = pass->layout;
  g_autofree char *progress_message = NULL;
  g_autofree char *base = g_path_get_basename (path);
  SegStreamResult result = SEG_STREAM_FALLBACK;
  Part *a = &pass->a, *b = &pass->b;
  gsize capacity = BLOCK_BYTES, len = 0, total = 0;
  gboolean eof = FALSE, first = TRUE;
  char *buffer;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      int saved = errno;
      seg_set_error_at (error, SEG_ERROR_IO, path, 0, 0, _("cannot open the file: %s"), g_strerror (saved));
      return SEG_STREAM_ERROR;
    }
  if (fstat (fd, &st) != 0)
    st.st_size = 0;
  progress_message = g_strdup_printf (_("Reading %s…"), base);
  buffer = g_malloc (capacity + 1);
  part_init (a, layout);
  part_init (b, layout);
  a->header = TRUE;
  pass->ragged = g_array_new (FALSE, FALSE, sizeof (Problem));
  pass->bad_cells = g_new0 (GArray *, layout->n_columns);
  for (guint c = 0; c < layout->n_columns; c++)
    pass->bad_cells[c] = g_array_new (FALSE, FALSE, sizeof (Problem));

  for (;;)
    {
      gsize start = 0, consumed;
      gboolean quotes;

      if (!fill (fd, buffer, capacity, &len, &eof, error, path))
        {
          result = SEG_STREAM_ERROR;
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          result = SEG_STREAM_ERROR;
          break;
        }
      if (first && len >= 3 && memcmp (buffer, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
      first = FALSE;
      if (len == start)
        {
          result = SEG_STREAM_OK;
          break;
        }
      quotes = memchr (buffer + start, '"', len - start) != NULL;
      {
        gsize mid, cut;
        GThread *worker = NULL;

        find_cuts (buffer + start, len - start, quotes, &mid, &cut);
        if (eof)
          {
            cut = len - start;
            mid = MIN (mid, cut);
            if (mid == 0)
              mid = cut;
          }
        consumed = start + cut;
        if (cut > 0)
          {
            a->text = buffer + start;
            a->len = mid;
            b->text = buffer + start + mid;
            b->len = cut - mid;
            if (b->len > 0)
              worker = g_thread_new ("segmenta-stream", part_thread, b);
            part_thread (a);
            if (worker != NULL)
              g_thread_join (worker);
            if (a->give_up || b->give_up)
              break;
            fold_block (pass);
            fold_part (pass, a);
            fold_part (pass, b);
          }
      }
      total += consumed;
      if (progress != NULL && st.st_size > 0)
        progress (MIN (1.0, (double) total / (double) st.st_size), progress_message, progress_data);
      if (eof && consumed >= len)
        {
          result = SEG_STREAM_OK;
          break;
        }
      if (consumed == 0 || (eof && consumed < len))
        {
          /* a row longer than the buffer */
          if (eof || capacity >= MAX_ROW_BYTES)
            break;
          capacity *= 2;
          buffer = g_realloc (buffer, capacity + 1);
          continue;
        }
      memmove (buffer, buffer + consumed, len - consumed);
      len -= consumed;
    }

  close (fd);
  g_free (buffer);
  return result;
}

static void
pass_clear (Pass *pass)
{
  part_clear (&pass->a);
  part_clear (&pass->b);
  problems_clear (pass->ragged);
  g_array_unref (pass->ragged);
  for (guint c = 0; c < pass->layout->n_columns; c++)
    {
      problems_clear (pass->bad_cells[c]);
      g_array_unref (pass->bad_cells[c]);
    }
  g_free (pass->bad_cells);
}

SegStreamResult
seg_txn_stream (const char            *path,
                const SegStreamLayout *layout,
                SegTable              *preview,
                GCancellable          *cancellable,
                SegProgressFunc        progress,
                gpointer               progress_data,
                const SegStreamFolder *folder,
                GError               **error)
{
  Pass pass = { layout, folder, 0, 0, NULL, NULL, NULL, NULL, NULL };
  const GPtrArray *own = seg_table_get_report (preview)->notices;
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
  SegStreamResult result;

  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (notices, g_strdup (g_ptr_array_index (own, i)));
  result = run_pass (path, &pass, cancellable, progress, progress_data, error);
  if (result == SEG_STREAM_OK && !finish_report (&pass, preview, notices, &pass.a, &pass.b))
    result = SEG_STREAM_FALLBACK;
  pass_clear (&pass);
  return result;
}

/* Dates are streamed only in the orders that do not depend on the values. */
static gboolean
streamable_dates (const SegTable *t)
{
  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      if (col->type == SEG_COLUMN_DATE && col->format != NULL
          && !g_str_has_prefix (col->format, "YYYY-MM-DD") && strcmp (col->format, "YYYYMMDD") != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
seg_stream_dialect_ok (const SegTable *preview)
{
  const SegReadReport *rep = seg_table_get_report (preview);

  return rep->delimiter != ' ' && rep->has_header
         && (rep->encoding == NULL || strcmp (rep->encoding, "UTF-8") == 0)
         && streamable_dates (preview);
}

SegTable *
seg_csv_stream_table (SegTable        *preview,
                      GCancellable    *cancellable,
                      SegProgressFunc  progress,
                      gpointer         progress_data,
                      SegStreamResult *result,
                      GError         **error)
{
  const SegReadReport *rep = seg_table_get_report (preview);
  guint n = seg_table_get_n_columns (preview);
  g_autofree SegColumnType *types = g_new0 (SegColumnType, MAX (n, 1));
  g_autofree SegDateFormat *formats = g_new0 (SegDateFormat, MAX (n, 1));
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SegTable) out = NULL;
  SegStreamLayout layout = { 0 };
  Pass pass = { &layout, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL };
  SegReadReport *out_rep;

  *result = SEG_STREAM_FALLBACK;
  if (!seg_stream_dialect_ok (preview))
    return NULL;
  for (guint c = 0; c < n; c++)
    {
      const SegColumn *col = seg_table_get_column (preview, c);
      types[c] = col->type;
      formats[c] = col->format != NULL && strcmp (col->format, "YYYYMMDD") == 0 ? SEG_DATE_COMPACT : SEG_DATE_ISO;
    }
  for (guint i = 0; i < rep->notices->len; i++)
    g_ptr_array_add (notices, g_strdup (g_ptr_array_index (rep->notices, i)));
  layout.n_columns = n;
  layout.delimiter = rep->delimiter;
  layout.decimal_comma = rep->decimal_comma;
  layout.types = types;
  layout.date_formats = formats;
  layout.cid = layout.date = layout.amount = layout.txn_id = -1;
  layout.whole_table = TRUE;

  out = seg_source_table_new (rep->path);
  out_rep = seg_table_get_report_mut (out);
  out_rep->delimiter = rep->delimiter;
  out_rep->quote = rep->quote;
  out_rep->has_header = rep->has_header;
  g_free (out_rep->encoding);
  out_rep->encoding = g_strdup (rep->encoding);
  out_rep->bom = rep->bom;
  out_rep->crlf = rep->crlf;
  out_rep->decimal_comma = rep->decimal_comma;
  pass.out = out;
  pass.unique = g_new0 (gboolean, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    {
      /* ids: every value different in the preview; interning them would only
       * look each one up in vain */
      const SegColumn *col = seg_table_get_column (preview, c);
      g_autoptr(GHashTable) seen = NULL;
      guint64 rows = seg_table_get_n_rows (preview), r;

      if (col->type != SEG_COLUMN_TEXT)
        continue;
      seen = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (r = 0; r < rows; r++)
        if (col->text[r] != NULL && !g_hash_table_add (seen, col->text[r]))
          break;
      pass.unique[c] = r == rows && rows > 0;
    }
  pass.out_cols = g_new0 (GArray *, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    pass.out_cols[c] = g_array_new (FALSE, FALSE, types[c] == SEG_COLUMN_TEXT ? sizeof (char *) : sizeof (double));

  /* the table's columns exist before the pass so that its report can be
   * finished in place; their cells are attached afterwards */
  *result = run_pass (rep->path, &pass, cancellable, progress, progress_data, error);
  if (*result == SEG_STREAM_OK)
    {
      guint64 rows = pass.out_cols[0]->len;
      for (guint c = 0; c < n; c++)
        {
          const SegColumn *was = seg_table_get_column (preview, c);
          GArray *cells = pass.out_cols[c];
          SegColumn *col = seg_table_add_column (out, was->name, was->type, rows,
                                                 was->type == SEG_COLUMN_TEXT ? NULL : (double *) (gpointer) g_array_free (cells, FALSE),
                                                 was->type == SEG_COLUMN_TEXT ? (char **) (gpointer) g_array_free (cells, FALSE) : NULL);
          col->format = g_strdup (was->format);
          col->interned = was->type == SEG_COLUMN_TEXT;
          pass.out_cols[c] = NULL;
        }
      if (!finish_report (&pass, out, notices, &pass.a, &pass.b))
        *result = SEG_STREAM_FALLBACK;
    }
  for (guint c = 0; c < n; c++)
    if (pass.out_cols[c] != NULL)
      g_array_unref (pass.out_cols[c]);
  g_free (pass.out_cols);
  g_free (pass.unique);
  pass_clear (&pass);
  return *result == SEG_STREAM_OK ? g_steal_pointer (&out) : NULL;
}
