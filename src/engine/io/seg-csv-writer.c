/* seg-csv-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-csv-writer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-csv-writer.h"
#include "seg-matrix.h"
#include "seg-error.h"
#include "seg-parallel.h"

/* ---- shortest round-trip numbers ------------------------------------------
 *
 * The definition of the written form is format_number_slow(): %.15g, %.16g or
 * %.17g, whichever reads back first, and fixed notation instead of an
 * exponent for small values.  Printing and re-reading every value three
 * times was a quarter of the time spent writing a large table, so
 * format_number() reaches the same decisions with exact integer arithmetic
 * and hands only values outside its range (roughly 1.4e-14 to 1.7e44) to
 * the slow definition. */

__extension__ typedef unsigned __int128 u128;

#define FORMAT_BUF_SIZE 64

static const guint64 pow10_u64[20] = {
  G_GUINT64_CONSTANT (1), G_GUINT64_CONSTANT (10), G_GUINT64_CONSTANT (100),
  G_GUINT64_CONSTANT (1000), G_GUINT64_CONSTANT (10000), G_GUINT64_CONSTANT (100000),
  G_GUINT64_CONSTANT (1000000), G_GUINT64_CONSTANT (10000000),
  G_GUINT64_CONSTANT (100000000), G_GUINT64_CONSTANT (1000000000),
  G_GUINT64_CONSTANT (10000000000), G_GUINT64_CONSTANT (100000000000),
  G_GUINT64_CONSTANT (1000000000000), G_GUINT64_CONSTANT (10000000000000),
  G_GUINT64_CONSTANT (100000000000000), G_GUINT64_CONSTANT (1000000000000000),
  G_GUINT64_CONSTANT (10000000000000000), G_GUINT64_CONSTANT (100000000000000000),
  G_GUINT64_CONSTANT (1000000000000000000), G_GUINT64_CONSTANT (10000000000000000000),
};

static const char digit_pairs[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

/* 5^0 … 5^30; 5^27 is the largest below 2^64. */
#define POW5_27 G_GUINT64_CONSTANT (7450580596923828125)
#define MAX_POW5 30
static const u128 pow5[MAX_POW5 + 1] = {
  G_GUINT64_CONSTANT (1), G_GUINT64_CONSTANT (5), G_GUINT64_CONSTANT (25),
  G_GUINT64_CONSTANT (125), G_GUINT64_CONSTANT (625), G_GUINT64_CONSTANT (3125),
  G_GUINT64_CONSTANT (15625), G_GUINT64_CONSTANT (78125), G_GUINT64_CONSTANT (390625),
  G_GUINT64_CONSTANT (1953125), G_GUINT64_CONSTANT (9765625),
  G_GUINT64_CONSTANT (48828125), G_GUINT64_CONSTANT (244140625),
  G_GUINT64_CONSTANT (1220703125), G_GUINT64_CONSTANT (6103515625),
  G_GUINT64_CONSTANT (30517578125), G_GUINT64_CONSTANT (152587890625),
  G_GUINT64_CONSTANT (762939453125), G_GUINT64_CONSTANT (3814697265625),
  G_GUINT64_CONSTANT (19073486328125), G_GUINT64_CONSTANT (95367431640625),
  G_GUINT64_CONSTANT (476837158203125), G_GUINT64_CONSTANT (2384185791015625),
  G_GUINT64_CONSTANT (11920928955078125), G_GUINT64_CONSTANT (59604644775390625),
  G_GUINT64_CONSTANT (298023223876953125), G_GUINT64_CONSTANT (1490116119384765625),
  POW5_27, (u128) POW5_27 * 5, (u128) POW5_27 * 25, (u128) POW5_27 * 125,
};

static int
count_digits (guint64 n)
{
  /* bits × log10 (2) is the digit count or one more */
  int guess = ((64 - __builtin_clzll (n | 1)) * 1233) >> 12;

  return guess + (n >= pow10_u64[guess]);
}

/* @n in decimal, zero-padded to at least @min_len digits; returns the length. */
static int
write_digits (char    *out,
              guint64  n,
              int      min_len)
{
  int len = MAX (count_digits (n), min_len), i = len;

  while (n >= 100)
    {
      guint d = (guint) (n % 100) * 2;
      n /= 100;
      out[--i] = digit_pairs[d + 1];
      out[--i] = digit_pairs[d];
    }
  if (n >= 10)
    {
      out[--i] = digit_pairs[n * 2 + 1];
      out[--i] = digit_pairs[n * 2];
    }
  else
    out[--i] = (char) ('0' + n);
  while (i > 0)
    out[--i] = '0';
  return len;
}

/* What was cut off below the integer part of |v| × 10^k, for rounding. */
enum { REST_ZERO, REST_BELOW_HALF, REST_HALF, REST_ABOVE_HALF };

/* |v| × 10^k = num / den exactly, with k chosen so that its integer part n
 * has 17 or 18 digits: every rounding printf does at up to 17 significant
 * digits is a rounding of n, and whether a candidate decimal reads back as v
 * is one comparison of integers of at most 127 bits. */
typedef struct
{
  guint64  n;
  int      n_digits;
  int      k;
  int      rest;
  u128     num;
  u128     den;
  u128     gap;      /* the distance to the next double up, × 10^k × den */
  gboolean even;     /* strtod rounds a decimal halfway to a neighbour to
                        the even mantissa: to v when v's is even */
  gboolean narrow;   /* |v| is a power of two: the gap below is half as wide */
} Scaled;

static int
classify_rest (u128 rest,
               u128 den)
{
  if (rest == 0)
    return REST_ZERO;
  if (rest < den - rest)
    return REST_BELOW_HALF;
  return rest == den - rest ? REST_HALF : REST_ABOVE_HALF;
}

static gboolean
scale_exactly (double  value,
               Scaled *s)
{
  guint64 bits, m;
  int biased, q, e10;
  u128 n;

  memcpy (&bits, &value, sizeof bits);
  biased = (int) ((bits >> 52) & 0x7ff);
  if (biased == 0 || biased == 0x7ff)
    return FALSE;
  m = (bits & ((G_GUINT64_CONSTANT (1) << 52) - 1)) | (G_GUINT64_CONSTANT (1) << 52);
  q = biased - 1075;   /* |v| = m × 2^q */
  /* floor (log10 (2^(q+52))) (gcc shifts negative numbers arithmetically),
   * so |v| lies in [10^e10, 10^(e10+2)); the range of n is checked below
   * anyway, so an estimate that was off could only cost speed. */
  e10 = ((q + 52) * 78913) >> 18;
  s->k = 16 - e10;
  /* up to 5^30 × m and m × 2^69 stay below 2^123, so that the candidates
   * times den (at most 10 × num) fit in 128 bits */
  if (s->k > MAX_POW5 || s->k < -27)
    return FALSE;
  s->even = (m & 1) == 0;
  s->narrow = m == G_GUINT64_CONSTANT (1) << 52 && biased > 1;
  if (s->k >= 0 && q + s->k >= 0)
    {
      /* |v| × 10^k is a whole number; n < 2^60 and m ≥ 2^52 allow a shift
       * of 8 at most (the guards here only keep a bad estimate harmless) */
      if (q + s->k > 8)
        return FALSE;
      s->num = pow5[s->k] * m << (q + s->k);
      s->den = 1;
      s->gap = pow5[s->k] << (q + s->k);
      s->rest = REST_ZERO;
      n = s->num;
    }
  else if (s->k >= 0)
    {
      int t = -(q + s->k);

      if (t > 120)
        return FALSE;
      s->num = pow5[s->k] * m;
      s->den = (u128) 1 << t;
      s->gap = pow5[s->k];
      s->rest = classify_rest (s->num & (s->den - 1), s->den);
      n = s->num >> t;
    }
  else
    {
      if (q < -s->k || q + s->k > 69)
        return FALSE;
      s->num = (u128) m << (q + s->k);
      s->den = pow5[-s->k];
      s->gap = (u128) 1 << (q + s->k);
      s->rest = classify_rest (s->num % s->den, s->den);
      n = s->num / s->den;
    }
  if (n < pow10_u64[16] || n >= pow10_u64[18])
    return FALSE;
  s->n = (guint64) n;
  s->n_digits = s->n >= pow10_u64[17] ? 18 : 17;
  return TRUE;
}

/* n rounded to a multiple of 10^r as printf rounds: to nearest, ties to an
 * even last digit.  Returns the multiplier of 10^r. */
static guint64
round_scaled (const Scaled *s,
              int           r)
{
  guint64 q, rest, half;

  switch (r)
    {
    case 0:
      return s->n + (s->rest == REST_ABOVE_HALF || (s->rest == REST_HALF && (s->n & 1)));
    /* the shortest forms cut 1…3 digits: constant divisors become multiplications */
    case 1:
      q = s->n / 10, rest = s->n % 10, half = 5;
      break;
    case 2:
      q = s->n / 100, rest = s->n % 100, half = 50;
      break;
    case 3:
      q = s->n / 1000, rest = s->n % 1000, half = 500;
      break;
    default:
      g_assert (r > 0);
      if (r >= 19)   /* n < 10^18 is less than half of 10^r */
        return 0;
      q = s->n / pow10_u64[r], rest = s->n % pow10_u64[r], half = pow10_u64[r] / 2;
      break;
    }
  if (rest > half || (rest == half && (s->rest != REST_ZERO || (q & 1))))
    q++;
  return q;
}

/* Whether the decimal @c × 10^-k reads back as v: it lies inside v's
 * rounding interval, or on its edge with v's mantissa even. */
static gboolean
scaled_round_trips (const Scaled *s,
                    guint64       c)
{
  u128 scaled = (u128) c * s->den;
  gboolean below = scaled < s->num;
  u128 dist = below ? s->num - scaled : scaled - s->num;

  if (dist > s->gap)
    return FALSE;
  dist *= below && s->narrow ? 4 : 2;
  return dist < s->gap || (dist == s->gap && s->even);
}

/* %.{p}g of the digits @d (p of them, or p + 1 after rounding up to 10^p)
 * whose first digit stands for 10^e10; sets *@exponent if it has one. */
static int
write_g (char     *out,
         guint64   d,
         int       p,
         int       e10,
         gboolean *exponent)
{
  char digits[24];
  int len, o = 0;

  if (d == pow10_u64[p])
    e10++;
  /* %g drops trailing zeros; most values have many (12.5 is 125 and twelve
   * zeros at %.15g), so drop them before converting, in big steps first */
  while (d % 10000 == 0)
    d /= 10000;
  while (d % 10 == 0)
    d /= 10;
  len = write_digits (digits, d, 1);
  *exponent = e10 < -4 || e10 >= p;
  if (*exponent)
    {
      out[o++] = digits[0];
      if (len > 1)
        {
          out[o++] = '.';
          memcpy (out + o, digits + 1, (gsize) len - 1);
          o += len - 1;
        }
      out[o++] = 'e';
      out[o++] = e10 < 0 ? '-' : '+';
      o += write_digits (out + o, (guint64) ABS (e10), 2);
    }
  else if (e10 < 0)
    {
      out[o++] = '0';
      out[o++] = '.';
      for (int i = 0; i < -e10 - 1; i++)
        out[o++] = '0';
      memcpy (out + o, digits, (gsize) len);
      o += len;
    }
  else
    {
      for (int i = 0; i <= e10; i++)
        out[o++] = i < len ? digits[i] : '0';
      if (len > e10 + 1)
        {
          out[o++] = '.';
          memcpy (out + o, digits + e10 + 1, (gsize) (len - e10 - 1));
          o += len - e10 - 1;
        }
    }
  return o;
}

/* The fewest decimals (1…24) whose %f form reads back; 0 when the answer
 * would need digits below n. */
static int
write_fixed (char         *out,
             const Scaled *s)
{
  for (int decimals = 1; decimals <= 24 && decimals <= s->k; decimals++)
    {
      int r = s->k - decimals;
      guint64 d = round_scaled (s, r);

      if (scaled_round_trips (s, d == 0 ? 0 : d * pow10_u64[r]))
        {
          int len = write_digits (out, d, decimals + 1);

          memmove (out + len - decimals + 1, out + len - decimals, (gsize) decimals);
          out[len - decimals] = '.';
          return len + 1;
        }
    }
  return 0;
}

/* The same text as format_number_slow() for values scale_exactly() takes;
 * 0 for the others. */
static int
format_number_fast (char   *out,
                    double  value)
{
  Scaled s;
  double magnitude = fabs (value);
  gboolean exponent;
  int o = 0, n, e10;

  if (!scale_exactly (value, &s))
    return 0;
  if (value < 0)
    out[o++] = '-';
  e10 = s.n_digits - 1 - s.k;
  for (int p = 15; p <= 17; p++)
    {
      int r = s.n_digits - p;
      guint64 d = round_scaled (&s, r);

      if (!scaled_round_trips (&s, d * pow10_u64[r]))
        continue;
      n = write_g (out + o, d, p, e10, &exponent);
      /* spreadsheets read 0.0001234 more kindly than 1.234e-04 */
      if (exponent && magnitude >= 1e-6 && magnitude < 1e15)
        {
          n = write_fixed (out + o, &s);
          if (n == 0)
            return 0;
        }
      return o + n;
    }
  return 0;
}

/* A decimal of at most four places and 15 digits that reads back as
 * @value: money amounts and averages with few places, most of the numbers
 * of a customers table.  Its text is what %.15g gives (|value| − the
 * decimal is at most half an ulp, far less than half a unit of the 15th
 * digit, and from 1e-4 up %g writes no exponent), which reads back: the
 * shortest form, without the search of format_number_fast ().  0 for the
 * other values. */
static int
format_short_decimal (char   *out,
                      double  value)
{
  static const double scale[] = { 1e1, 1e2, 1e3, 1e4 };
  double magnitude = fabs (value);
  int o = 0;

  if (!(magnitude >= 1e-4 && magnitude < 1e11))
    return 0;
  for (int k = 0; k < 4; k++)
    {
      guint64 m = (guint64) (magnitude * scale[k] + 0.5);
      guint64 whole, frac;
      int places = k + 1;

      if ((double) m / scale[k] != magnitude)
        continue;
      whole = m / pow10_u64[places];
      frac = m % pow10_u64[places];
      while (frac % 10 == 0)   /* frac > 0: whole numbers never come here */
        {
          frac /= 10;
          places--;
        }
      if (value < 0)
        out[o++] = '-';
      o += write_digits (out + o, whole, 1);
      out[o++] = '.';
      return o + write_digits (out + o, frac, places);
    }
  return 0;
}

static gboolean
round_trips (const char *text,
             double      value)
{
  return g_ascii_strtod (text, NULL) == value;
}

/* The definition, with printf and strtod.  Every decimal of up to 15
 * significant digits survives the trip through a double, and %g drops
 * trailing zeros, so when %.15g reads back exactly it is already the
 * shortest form; otherwise 16 or 17 digits are needed. */
static int
format_number_slow (char   *out,
                    double  value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (round_trips (buf, value))
        break;
    }
  /* spreadsheets read 0.0001234 more kindly than 1.234e-04 */
  if (strchr (buf, 'e') != NULL && fabs (value) >= 1e-6 && fabs (value) < 1e15)
    {
      char format[16];

      for (int decimals = 1; decimals <= 24; decimals++)
        {
          char fixed[FORMAT_BUF_SIZE];
          g_snprintf (format, sizeof format, "%%.%df", decimals);
          g_ascii_formatd (fixed, sizeof fixed, format, value);
          if (round_trips (fixed, value))
            return (int) g_strlcpy (out, fixed, FORMAT_BUF_SIZE);
        }
    }
  return (int) g_strlcpy (out, buf, FORMAT_BUF_SIZE);
}

/* Writes the shortest round-trip form of @value into @out, which holds
 * FORMAT_BUF_SIZE bytes, without a terminating NUL; returns its length. */
static int
format_number (char   *out,
               double  value)
{
  int n;

  if (isnan (value))
    return 0;
  if (isinf (value))
    {
      memcpy (out, value > 0 ? "inf" : "-inf", value > 0 ? 3 : 4);
      return value > 0 ? 3 : 4;
    }
  /* whole numbers below 10^15 print as integers ("%.0f"), -0 as "0" */
  if (fabs (value) < 1e15 && (double) (gint64) value == value)
    {
      gint64 i = (gint64) value;

      if (i >= 0)
        return write_digits (out, (guint64) i, 1);
      out[0] = '-';
      return 1 + write_digits (out + 1, (guint64) -i, 1);
    }
  n = format_short_decimal (out, value);
  if (n > 0)
    return n;
  n = format_number_fast (out, value);
  if (n > 0)
    return n;
  return format_number_slow (out, value);
}

char *
seg_csv_format_number (double value)
{
  char buf[FORMAT_BUF_SIZE];
  int n = format_number (buf, value);

  return g_strndup (buf, (gsize) n);
}

void
seg_csv_format_number_append (GString *out,
                              double   value)
{
  char buf[FORMAT_BUF_SIZE];
  int n;

  g_return_if_fail (out != NULL);
  n = format_number (buf, value);
  g_string_append_len (out, buf, n);
}

static gboolean
is_plain_number (const char *text)
{
  char *end = NULL;

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && end != text;
}

gboolean
seg_csv_needs_neutralising (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return (text[0] == '=' || text[0] == '+' || text[0] == '-' ||
          text[0] == '@' || text[0] == '\t' || text[0] == '\r') &&
         !is_plain_number (text);
}

void
seg_csv_append_text (GString    *out,
                     const char *text)
{
  gboolean neutralise, quote;
  const char *special;
  gsize len;

  g_return_if_fail (out != NULL && text != NULL);
  neutralise = seg_csv_needs_neutralising (text);
  len = strlen (text);
  special = strpbrk (text, ",\"\r\n");
  quote = special != NULL ||
          (len > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[len - 1])));
  if (quote)
    g_string_append_c (out, '"');
  if (neutralise)
    g_string_append_c (out, '\'');
  /* the text in runs up to each quote, which is doubled: a byte at a time
   * was most of writing a million 36-byte ids */
  for (const char *q; special != NULL && (q = memchr (text, '"', len)) != NULL;
       len -= (gsize) (q + 1 - text), text = q + 1)
    {
      g_string_append_len (out, text, q + 1 - text);
      g_string_append_c (out, '"');
    }
  g_string_append_len (out, text, (gssize) len);
  if (quote)
    g_string_append_c (out, '"');
}

void
seg_csv_append_cell (GString         *out,
                     const SegColumn *column,
                     guint64          row)
{
  double v;

  g_return_if_fail (out != NULL && column != NULL);
  if (seg_column_is_missing (column, row))
    return;
  switch (column->type)
    {
    case SEG_COLUMN_TEXT:
      seg_csv_append_text (out, column->text[row]);
      break;
    case SEG_COLUMN_BOOLEAN:
      g_string_append (out, column->num[row] != 0 ? "true" : "false");
      break;
    case SEG_COLUMN_DATE:
      {
        int y, m, d;
        v = column->num[row];
        if (seg_date_to_ymd (v, &y, &m, &d))
          {
            double secs = round ((v - floor (v)) * 86400.0);
            if (y >= 0 && y <= 9999)
              {
                /* "%04d-%02d-%02d" without printf: a million dates add up */
                char buf[10] = {
                  (char) ('0' + y / 1000), (char) ('0' + y / 100 % 10), (char) ('0' + y / 10 % 10),
                  (char) ('0' + y % 10), '-', (char) ('0' + m / 10), (char) ('0' + m % 10), '-',
                  (char) ('0' + d / 10), (char) ('0' + d % 10)
                };
                g_string_append_len (out, buf, sizeof buf);
              }
            else
              g_string_append_printf (out, "%04d-%02d-%02d", y, m, d);
            if (secs > 0 && secs < 86400)
              g_string_append_printf (out, " %02d:%02d:%02d", (int) secs / 3600,
                                      ((int) secs / 60) % 60, (int) secs % 60);
          }
      }
      break;
    case SEG_COLUMN_NUMBER:
    default:
      seg_csv_format_number_append (out, column->num[row]);
      break;
    }
}

/* Room for @need more bytes at the end of @out; the text is unchanged. */
static inline char *
reserve (GString *out,
         gsize    need)
{
  if (out->len + need >= out->allocated_len)
    {
      gsize len = out->len;

      g_string_set_size (out, len + need);
      g_string_truncate (out, len);
    }
  return out->str + out->len;
}

/* seg_csv_append_cell () for a whole table, written in place: a number is
 * formatted straight into the string and a date of the calendar without a
 * time straight from its parts, with no call per cell to grow the string;
 * every other cell goes through seg_csv_append_cell ().  The same bytes. */
static void
format_rows (GString        *out,
             const SegTable *table,
             const guint64  *rows,
             guint64         from,
             guint64         to)
{
  guint n_cols = seg_table_get_n_columns (table);
  g_autofree const SegColumn **cols = g_new (const SegColumn *, MAX (n_cols, 1));

  for (guint c = 0; c < n_cols; c++)
    cols[c] = seg_table_get_column (table, c);
  for (guint64 i = from; i < to; i++)
    {
      guint64 r = rows ? rows[i] : i;

      for (guint c = 0; c < n_cols; c++)
        {
          const SegColumn *column = cols[c];
          char *at;
          double v;
          int y, m, d;

          if (c > 0)
            g_string_append_c (out, ',');
          if (column->type == SEG_COLUMN_NUMBER)
            {
              v = column->num[r];
              if (isnan (v))
                continue;
              at = reserve (out, FORMAT_BUF_SIZE);
              out->len += (gsize) format_number (at, v);
              out->str[out->len] = '\0';
              continue;
            }
          v = column->num != NULL ? column->num[r] : NAN;
          if (column->type == SEG_COLUMN_DATE && v == floor (v)
              && seg_date_to_ymd (v, &y, &m, &d) && y >= 0 && y <= 9999)
            {
              /* what seg_csv_append_cell () writes for a whole day */
              at = reserve (out, 10);
              at[0] = (char) ('0' + y / 1000);
              at[1] = (char) ('0' + y / 100 % 10);
              at[2] = (char) ('0' + y / 10 % 10);
              at[3] = (char) ('0' + y % 10);
              at[4] = '-';
              at[5] = (char) ('0' + m / 10);
              at[6] = (char) ('0' + m % 10);
              at[7] = '-';
              at[8] = (char) ('0' + d / 10);
              at[9] = (char) ('0' + d % 10);
              out->len += 10;
              out->str[out->len] = '\0';
              continue;
            }
          seg_csv_append_cell (out, column, r);
        }
      g_string_append_c (out, '\n');
    }
}

typedef struct
{
  const SegTable *table;
  const guint64  *rows;
  guint64         from;
  guint64         to;
  GString        *out;
} FormatPart;

static gpointer
format_part_thread (gpointer data)
{
  FormatPart *part = data;

  format_rows (part->out, part->table, part->rows, part->from, part->to);
  return NULL;
}

#define SAMPLE_ROWS 256

GBytes *
seg_csv_format_table (const SegTable *table,
                      const guint64  *rows,
                      guint64         n_rows)
{
  GString *out;
  guint n_cols;
  guint64 n;
  FormatPart part = { table, rows, 0, 0, NULL };
  GThread *worker = NULL;
  GString *sized;
  double per_row;
  guint64 mid;

  g_return_val_if_fail (table != NULL, NULL);
  out = g_string_sized_new (4096);
  n_cols = seg_table_get_n_columns (table);
  n = rows ? n_rows : seg_table_get_n_rows (table);

  for (guint c = 0; c < n_cols; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      seg_csv_append_text (out, seg_table_get_column (table, c)->name);
    }
  g_string_append_c (out, '\n');
  if (n <= 16 * SAMPLE_ROWS)
    {
      format_rows (out, table, rows, 0, n);
      return g_string_free_to_bytes (out);
    }

  /* Size the text from its first rows (growing a string of hundreds of
   * megabytes by doubling would hold the old and the new copy at once),
   * then write the second half on another thread into its own string and
   * append it: the same bytes as one pass, in half the time. */
  format_rows (out, table, rows, 0, SAMPLE_ROWS);
  per_row = (double) out->len / SAMPLE_ROWS;
  mid = SAMPLE_ROWS + (n - SAMPLE_ROWS) / 2;
  if (seg_parallel_get_threads () > 1)
    {
      part.from = mid;
      part.to = n;
      part.out = g_string_sized_new ((gsize) (per_row * (double) (n - mid) * 1.05) + 4096);
      worker = g_thread_new ("segmenta-csv", format_part_thread, &part);
    }
  sized = g_string_sized_new ((gsize) (per_row * (double) n * 1.05) + 4096);
  g_string_append_len (sized, out->str, (gssize) out->len);
  g_string_free (out, TRUE);
  out = sized;
  format_rows (out, table, rows, SAMPLE_ROWS, worker != NULL ? mid : n);
  if (worker != NULL)
    {
      g_thread_join (worker);
      g_string_append_len (out, part.out->str, (gssize) part.out->len);
      g_string_free (part.out, TRUE);
    }
  return g_string_free_to_bytes (out);
}

/* ---- a table written piece by piece ----------------------------------------
 *
 * A million customers are 90 MB of text: built whole in memory, it was a
 * fifth of a k-means run's CPU time in first touches of new pages on this
 * kind of machine.  Here each thread formats a block of rows into its own
 * buffer, which stays warm from block to block, and waits for its turn to
 * hand it on: one thread writes while the other formats the next block.
 * The blocks are taken in order and written in order, so the bytes are
 * those of seg_csv_format_table () whatever the threads do. */

#define WRITE_BLOCK_ROWS 4096

typedef struct
{
  const SegTable  *table;
  const guint64   *rows;
  guint64          n;
  guint64          n_blocks;
  SegCsvWriteFunc  write;
  gpointer         user_data;
  GMutex           lock;
  GCond            turn;
  guint64          next_block; /* the next block to format */
  guint64          next_write; /* the block whose turn it is to be written */
  GError          *error;      /* the first failure; then everyone stops */
} WriteStream;

static void
stream_blocks (WriteStream *s)
{
  g_autoptr(GString) buf = g_string_sized_new (WRITE_BLOCK_ROWS * 64);

  for (;;)
    {
      guint64 b;
      gboolean stop;

      g_mutex_lock (&s->lock);
      b = s->next_block++;
      stop = s->error != NULL || b >= s->n_blocks;
      g_mutex_unlock (&s->lock);
      if (stop)
        return;

      g_string_truncate (buf, 0);
      format_rows (buf, s->table, s->rows, b * WRITE_BLOCK_ROWS,
                   MIN (s->n, (b + 1) * WRITE_BLOCK_ROWS));

      g_mutex_lock (&s->lock);
      while (s->next_write != b && s->error == NULL)
        g_cond_wait (&s->turn, &s->lock);
      if (s->error == NULL)
        {
          GError *local = NULL;
          gboolean ok;

          /* only the block whose turn it is gets here: no lock needed to write */
          g_mutex_unlock (&s->lock);
          ok = s->write (s->user_data, buf->str, buf->len, &local);
          g_mutex_lock (&s->lock);
          if (!ok)
            s->error = local != NULL ? local : g_error_new_literal (SEG_ERROR, SEG_ERROR_IO, g_strerror (EIO));
          s->next_write++;
          g_cond_broadcast (&s->turn);
        }
      g_mutex_unlock (&s->lock);
    }
}

static gpointer
stream_thread (gpointer data)
{
  stream_blocks (data);
  return NULL;
}

gboolean
seg_csv_write_table (const SegTable  *table,
                     const guint64   *rows,
                     guint64          n_rows,
                     SegCsvWriteFunc  write,
                     gpointer         user_data,
                     GError         **error)
{
  g_autoptr(GString) header = g_string_new (NULL);
  WriteStream s = { 0 };
  GThread *worker = NULL;
  guint n_cols;

  g_return_val_if_fail (table != NULL && write != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_cols = seg_table_get_n_columns (table);
  for (guint c = 0; c < n_cols; c++)
    {
      if (c > 0)
        g_string_append_c (header, ',');
      seg_csv_append_text (header, seg_table_get_column (table, c)->name);
    }
  g_string_append_c (header, '\n');
  if (!write (user_data, header->str, header->len, error))
    return FALSE;

  s.table = table;
  s.rows = rows;
  s.n = rows ? n_rows : seg_table_get_n_rows (table);
  s.n_blocks = (s.n + WRITE_BLOCK_ROWS - 1) / WRITE_BLOCK_ROWS;
  s.write = write;
  s.user_data = user_data;
  g_mutex_init (&s.lock);
  g_cond_init (&s.turn);
  if (s.n_blocks > 1 && seg_parallel_get_threads () > 1)
    worker = g_thread_new ("segmenta-csv", stream_thread, &s);
  stream_blocks (&s);
  if (worker != NULL)
    g_thread_join (worker);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.turn);
  if (s.error != NULL)
    {
      g_propagate_error (error, s.error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_to_sink (gpointer     sink,
               const void  *data,
               gsize        len,
               GError     **error)
{
  return seg_publish_sink_write (sink, data, len, error);
}

gboolean
seg_csv_publish_table (SegPublishSink  *sink,
                       gpointer         table,
                       GError         **error)
{
  return seg_csv_write_table (table, NULL, 0, write_to_sink, sink, error);
}
