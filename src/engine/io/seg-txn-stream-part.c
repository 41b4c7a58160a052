/* seg-txn-stream-part.c — one part of a streamed block: tokenising and converting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokenising follows what libcsv does for the full reader: unquoted cells
 * lose leading and trailing spaces and tabs, "" inside quotes is one quote,
 * blank lines are ignored, CR, LF and CRLF all end a row.  Each part turns
 * its rows into compact records (the converted values of the columns the
 * metrics need) and counts what the full reader would have said about its
 * cells; seg-txn-stream.c runs the parts and folds their records.
 */

#define G_LOG_DOMAIN "seg-txn-stream"

#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-hash.h"
#include "seg-parse.h"
#include "seg-txn-stream-private.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* What accept_row () does with a column's cells, decided once per part
 * (the low bits), and whether the cell goes into the row's hash. */
enum
{
  PLAN_TEXT   = 0,   /* text: missing or not, and whether it could be typed */
  PLAN_NUMBER = 1,   /* a number with a decimal point: plain decimals in place */
  PLAN_TYPED  = 2,   /* any other typed column: convert_cell () */
  PLAN_KIND   = 3,
  PLAN_HASH   = 4,
};

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
seg_txn_stream_hash (const char *text,
                     gsize       len,
                     guint64     seed)
{
  g_return_val_if_fail (text != NULL || len == 0, 0);
  return seg_hash_mix64 (hash_words (text, len, seed));
}

/* ---- parts ------------------------------------------------------------------- */

void
seg_txn_stream_part_init (Part                  *p,
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
  p->plan = g_new0 (guint8, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    {
      SegColumnType type = layout->types[c];

      p->plan[c] = type == SEG_COLUMN_TEXT ? PLAN_TEXT
                   : type == SEG_COLUMN_NUMBER && !layout->decimal_comma ? PLAN_NUMBER
                   : PLAN_TYPED;
      if (layout->txn_id >= 0 || (int) c == layout->cid)
        p->plan[c] |= PLAN_HASH;
    }
}

void
seg_txn_stream_problems_clear (GArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_free (g_array_index (problems, Problem, i).message);
  g_array_set_size (problems, 0);
}

void
seg_txn_stream_part_reset (Part *p)
{
  p->n_records = 0;
  g_array_set_size (p->extras, 0);
  for (guint c = 0; p->cols != NULL && c < p->layout->n_columns; c++)
    g_array_set_size (p->cols[c], 0);
  g_string_truncate (p->scratch, 0);
  p->lines = 0;
}

void
seg_txn_stream_part_clear (Part *p)
{
  guint n = p->layout->n_columns;

  g_free (p->records);
  g_array_unref (p->extras);
  g_string_free (p->scratch, TRUE);
  seg_txn_stream_problems_clear (p->ragged);
  g_array_unref (p->ragged);
  for (guint c = 0; c < n; c++)
    {
      seg_txn_stream_problems_clear (p->bad_cells[c]);
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
  g_free (p->plan);
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
seg_txn_stream_number_key_append (GString *out,
                                  double   v)
{
  g_return_if_fail (out != NULL);
  /* a whole number: its digits written backwards into a buffer and
   * appended once (fabs () first: NaN and the infinities go below) */
  if (fabs (v) < 1e15 && v == (double) (gint64) v)
    {
      char digits[24];
      int n = (int) sizeof digits;
      guint64 u = (guint64) fabs (v);
      gsize at;

      do
        {
          digits[--n] = (char) ('0' + u % 10);
          u /= 10;
        }
      while (u > 0);
      if (v < 0)
        digits[--n] = '-';
      at = out->len;
      g_string_set_size (out, at + (sizeof digits - (gsize) n));
      memcpy (out->str + at, digits + n, sizeof digits - (gsize) n);
    }
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", v));
    }
}

/* The first bytes a missing-value marker can start with: a blank, 'N',
 * 'n', '#', '<' (1), and '-' (2: "-", "-NaN", but not a negative number). */
static const guint8 marker_start[256] = {
  [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1,
  ['N'] = 1, ['n'] = 1, ['#'] = 1, ['<'] = 1, ['-'] = 2,
};

/* seg_parse_is_missing (), answered at once for the cells that cannot be a
 * marker: "-" followed by a digit or '.' is a negative number. */
static inline gboolean
cell_absent (const char *cell,
             gsize       len)
{
  guint8 start;

  if (len == 0)
    return TRUE;
  start = marker_start[(guchar) cell[0]];
  if (G_LIKELY (start == 0))
    return FALSE;
  if (start == 2 && len > 1 && (g_ascii_isdigit (cell[1]) || cell[1] == '.'))
    return FALSE;
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
  const char *p = cell, *end = cell + len, *start;
  guint64 mantissa = 0;
  gsize digits, frac = 0;
  gboolean neg = FALSE;

  if (p < end && *p == '-')
    {
      neg = TRUE;
      p++;
    }
  *leading_zero = end - p >= 2 && p[0] == '0' && g_ascii_isdigit (p[1]);
  /* the whole part, then the fraction: no test per digit of where it is */
  for (start = p; p < end && (guint) (*p - '0') < 10; p++)
    mantissa = mantissa * 10 + (guint64) (*p - '0');
  digits = (gsize) (p - start);
  if (p < end && *p == '.')
    {
      for (start = ++p; p < end && (guint) (*p - '0') < 10; p++)
        mantissa = mantissa * 10 + (guint64) (*p - '0');
      frac = (gsize) (p - start);
      digits += frac;
    }
  if (p != end || digits == 0 || digits > 15)
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

/* Cell @c of a column the preview typed as text, not missing (its count is
 * kept by note_text_cell () below).  The whole
 * reader would give the column a type if at most 1 in 100 of its cells
 * failed that type (seg-csv-typing.c): a column blank all through the
 * preview, or one whose first rows had a few odd values, can still become a
 * number, date or boolean column.  Counted here: the cells that no type
 * reads; while they are more than 1 in 100, the column surely stays text
 * and no cell needs a look, so a real text column costs a parse in about
 * one cell of a hundred. */
static void
check_text_cell (Part  *p,
                 guint  c)
{
  const char *cell = p->cells[c];
  double v;
  guint flags = 0;
  gboolean timed;

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

static inline void
note_text_cell (Part  *p,
                guint  c)
{
  p->text_seen[c]++;
  if (p->text_untyped[c] * 100 <= p->text_seen[c])
    check_text_cell (p, c);
}

/* floor (@v), without a call: the days of a log are whole numbers or a
 * fraction of a day after one (the time), never beyond ±2^52. */
static inline double
floor_day (double v)
{
  double t;

  if (!(fabs (v) < 4503599627370496.0))   /* NaN, infinities, huge values */
    return floor (v);
  t = (double) (gint64) v;                  /* towards zero */
  if (t == v)
    return v;                               /* keeps -0.0 as floor () does */
  return t > v ? t - 1.0 : t;
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
cell_key_slow (Part    *p,
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
  seg_txn_stream_number_key_append (p->scratch, p->values[c]);
  *len = (guint32) (p->scratch->len - *off);
  g_string_append_c (p->scratch, '\0');   /* keys are read as C strings too */
  return 2;
}

/* cell_key_slow (), answered at once for a text cell that is a slice of
 * the part (every cell of a block without quotes). */
static inline guint8
cell_key (Part    *p,
          guint    c,
          guint32 *off,
          guint32 *len)
{
  const char *cell = p->cells[c];

  if ((p->plan[c] & PLAN_KIND) == PLAN_TEXT && !p->absent[c] && cell >= p->text && cell < p->text + p->len)
    {
      *off = (guint32) (cell - p->text);
      *len = (guint32) p->cell_lens[c];
      return 1;
    }
  return cell_key_slow (p, c, off, len);
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
  const guint n = l->n_columns;
  const guint8 *plan = p->plan;
  const char *const *cells = p->cells;
  const gsize *lens = p->cell_lens;
  double *values = p->values;
  gboolean *absent = p->absent;
  const guint cid = (guint) l->cid, txn = (guint) l->txn_id;   /* G_MAXUINT when there is none */
  guint64 h = G_GUINT64_CONSTANT (0x51ed270b27c5b1a3);
  guint64 cid_cell = 0, txn_cell = 0;

  for (guint c = 0; c < n; c++)
    {
      const char *cell = cells[c];
      gsize len = lens[c];
      guint8 what = plan[c];
      gboolean leading_zero;
      guint64 rh;

      switch (what & PLAN_KIND)
        {
        case PLAN_NUMBER:
          if (plain_decimal (cell, len, &values[c], &leading_zero))
            {
              /* a plain decimal has a digit where every missing-value marker
               * has a blank, '-', a letter, '#' or '<': the cell is not
               * missing, and convert_cell () would read it the same way */
              absent[c] = FALSE;
              p->good[c]++;
              if (leading_zero)
                p->give_up = TRUE;   /* the whole-file reader keeps such a column as text */
              break;
            }
          G_GNUC_FALLTHROUGH;
        case PLAN_TYPED:
          absent[c] = cell_absent (cell, len);
          values[c] = convert_cell (p, c, line);
          break;
        default:
          absent[c] = cell_absent (cell, len);
          if (absent[c])
            p->missing[c]++;
          else
            note_text_cell (p, c);
          break;
        }
      if (!(what & PLAN_HASH))
        continue;
      /* each cell is hashed once: for the row's hash (rows that repeat an
       * id are compared by it) and for the customer and id keys.  The row's
       * hash takes what the whole-file path compares: a typed cell's value
       * ("1£" and "1", "100.50" and "100.5" are the same), a missing text
       * cell as one mark whatever its marker, other text as written.  A
       * typed key is hashed from its canonical text (cell_key). */
      if ((what & PLAN_KIND) != PLAN_TEXT)
        rh = seg_hash_double_bits (values[c]);
      else if (absent[c])
        rh = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      else
        {
          rh = hash_cell (cell, len, limit);
          if (c == cid)
            cid_cell = rh;
          if (c == txn)
            txn_cell = rh;
        }
      h = (h ^ rh) * G_GUINT64_CONSTANT (0x9fb21c651e98df25);
      h ^= h >> 29;
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
  rec.day = l->date >= 0 ? floor_day (p->values[l->date]) : NAN;
  rec.amount = l->amount >= 0 && l->types[l->amount] == SEG_COLUMN_NUMBER ? p->values[l->amount] : NAN;
  if (l->cid >= 0)
    {
      rec.cid_state = cell_key (p, (guint) l->cid, &rec.cid_off, &rec.cid_len);
      if (rec.cid_state == 1)
        rec.cid_hash = seg_hash_mix64 (cid_cell);   /* the key is the cell: seg_txn_stream_hash (key, 0) */
      else if (rec.cid_state != 0)
        rec.cid_hash = seg_txn_stream_hash (seg_txn_record_text (p, rec.cid_state, rec.cid_off), rec.cid_len, 0);
    }
  if (l->txn_id >= 0)
    {
      guint32 off = 0, len = 0;
      guint8 state = cell_key (p, (guint) l->txn_id, &off, &len);
      if (state != 0)
        {
          rec.has_txn = TRUE;
          rec.txn_hash = state == 1 ? seg_hash_mix64 (txn_cell ^ G_GUINT64_CONSTANT (0x2545f4914f6cdd1d))
                                    : seg_txn_stream_hash (seg_txn_record_text (p, state, off), len, 1);
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

/* Byte classes of the tokeniser: a blank that is not the delimiter (it
 * pads a cell), and the quote.  Most cells start with neither, which one
 * look-up answers. */
enum
{
  BYTE_SPACE = 1,
  BYTE_QUOTE = 2,
};

static void
byte_classes (guint8 classes[256],
              char   delimiter)
{
  memset (classes, 0, 256);
  classes[(guchar) ' '] = BYTE_SPACE;
  classes[(guchar) '\t'] = BYTE_SPACE;
  classes[(guchar) delimiter] = 0;
  classes[(guchar) '"'] = BYTE_QUOTE;
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
  guint8 classes[256];

  byte_classes (classes, delim);

  while (cursor < end)
    {
      guint64 row_line = line;
      guint count = 0;
      gboolean blank = TRUE, extra_text = FALSE;
      char *last_end = NULL;

      for (;;)
        {
          char *cell, *cell_end;
          guint8 first = cursor < end ? classes[(guchar) *cursor] : 0;

          if (first & BYTE_SPACE)
            {
              while (cursor < end && (classes[(guchar) *cursor] & BYTE_SPACE))
                cursor++;
              first = cursor < end ? classes[(guchar) *cursor] : 0;
            }
          if (first & BYTE_QUOTE)
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
              while (cursor < end && (classes[(guchar) *cursor] & BYTE_SPACE))
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
              while (last > cell && (classes[(guchar) last[-1]] & BYTE_SPACE))
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

/* NUL bytes and text that is not UTF-8 are the full reader's to handle.
 * Plain ASCII without NUL is passed over 16 bytes at a time (SSE2) or 8
 * (a word with no high bit and no zero byte); the rest is checked from the
 * first block that has either. */
static gboolean
plain_utf8 (const char *text,
            gsize       len)
{
  gsize i = 0;

#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128 ();

  for (; i + 16 <= len; i += 16)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (text + i));
      if (_mm_movemask_epi8 (_mm_or_si128 (x, _mm_cmpeq_epi8 (x, zero))) != 0)
        break;
    }
#else
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;
      memcpy (&w, text + i, 8);
      if ((w & highs) != 0 || ((w - ones) & ~w & highs) != 0)
        break;
    }
#endif
  /* every byte before i is ASCII and not NUL: i is a character boundary */
  if (memchr (text + i, '\0', len - i) != NULL)
    return FALSE;
  return i >= len || g_utf8_validate_len (text + i, len - i, NULL);
}

gpointer
seg_txn_stream_part_read (gpointer data)
{
  Part *p = data;

  if (!plain_utf8 (p->text, p->len))
    p->give_up = TRUE;
  else
    tokenise (p);
  return NULL;
}
