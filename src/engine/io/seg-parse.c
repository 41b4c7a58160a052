/* seg-parse.c — number, date, boolean and missing-value cell parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers: an exact fast path (Clinger's: a mantissa below 2^53 times or
 * divided by an exact power of ten is one correctly rounded IEEE operation)
 * and g_ascii_strtod() on a normalised copy otherwise, so every result equals
 * the correctly rounded value of the decimal text, in any locale.
 */
#define G_LOG_DOMAIN "seg-parse"

#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-parse.h"
#include "seg-table.h"

#define MAX_DIGITS 100

static const double pow10_exact[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static const char *currency_symbols[] = {
  "US$", "R$", "$", "\xe2\x82\xac" /* € */, "\xc2\xa3" /* £ */,
  "\xc2\xa5" /* ¥ */, "\xe2\x82\xb9" /* ₹ */,
};

static const char currency_codes[] =
  "USD EUR GBP JPY CNY INR CHF CAD AUD NZD SEK NOK DKK PLN CZK HUF BRL MXN "
  "ZAR RUB TRY KRW SGD HKD AED SAR NGN KES GHS PHP IDR MYR THB VND PKR BDT "
  "EGP ILS RON BGN ARS CLP COP PEN UAH";

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips ASCII blanks and no-break spaces (U+00A0, U+202F). */
static const char *
skip_space (const char *p,
            const char *end)
{
  for (;;)
    {
      if (p < end && is_blank (*p))
        p++;
      else if (end - p >= 2 && (guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0)
        p += 2;
      else if (end - p >= 3 && (guchar) p[0] == 0xe2 && (guchar) p[1] == 0x80
               && (guchar) p[2] == 0xaf)
        p += 3;
      else
        return p;
    }
}

static const char *
rskip_space (const char *start,
             const char *end)
{
  for (;;)
    {
      if (end > start && is_blank (end[-1]))
        end--;
      else if (end - start >= 2 && (guchar) end[-2] == 0xc2 && (guchar) end[-1] == 0xa0)
        end -= 2;
      else if (end - start >= 3 && (guchar) end[-3] == 0xe2 && (guchar) end[-2] == 0x80
               && (guchar) end[-1] == 0xaf)
        end -= 3;
      else
        return end;
    }
}

static gboolean
is_currency_code (const char *p)
{
  char code[4];

  if (!g_ascii_isupper (p[0]) || !g_ascii_isupper (p[1]) || !g_ascii_isupper (p[2]))
    return FALSE;
  memcpy (code, p, 3);
  code[3] = '\0';
  return strstr (currency_codes, code) != NULL;
}

/* Length of a currency sign or code at @p, 0 if none. */
static gsize
currency_prefix (const char *p,
                 const char *end)
{
  if (p == end || g_ascii_isdigit (*p) || *p == '.' || *p == ',')
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    {
      gsize n = strlen (currency_symbols[i]);
      if ((gsize) (end - p) >= n && memcmp (p, currency_symbols[i], n) == 0)
        return n;
    }
  if (end - p >= 4 && is_currency_code (p) && !g_ascii_isalpha (p[3]))
    return 3;
  return 0;
}

/* Length of a currency sign or code ending at @end, 0 if none. */
static gsize
currency_suffix (const char *p,
                 const char *end)
{
  if (p == end || g_ascii_isdigit (end[-1]))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    {
      gsize n = strlen (currency_symbols[i]);
      if ((gsize) (end - p) > n && memcmp (end - n, currency_symbols[i], n) == 0)
        return n;
    }
  if (end - p >= 4 && is_currency_code (end - 3) && !g_ascii_isalpha (end[-4]))
    return 3;
  return 0;
}

/* Length of a thousands separator at @p in decimal-comma mode, 0 if none. */
static gsize
comma_mode_group_sep (const char *p,
                      const char *end)
{
  if (*p == '.' || *p == ' ' || *p == '\'')
    return 1;
  if (end - p >= 2 && (guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0)
    return 2;
  if (end - p >= 3 && (guchar) p[0] == 0xe2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0xaf)
    return 3;
  return 0;
}

typedef struct
{
  char    digits[MAX_DIGITS + 1];
  int     n_digits;      /* all digits kept, leading zeros dropped */
  guint64 mantissa;      /* valid while n_digits <= 19 */
  int     exp10;         /* value = digits × 10^exp10 */
  guint   flags;
} Decimal;

static gboolean
push_digit (Decimal *d,
            char     c)
{
  if (d->n_digits == 0 && c == '0')
    return TRUE;
  if (d->n_digits >= MAX_DIGITS)
    return FALSE;
  d->digits[d->n_digits++] = c;
  if (d->n_digits <= 19)
    d->mantissa = d->mantissa * 10 + (guint64) (c - '0');
  return TRUE;
}

/* Integer part with optional, well-formed thousands grouping. */
static const char *
parse_integer_part (const char *p,
                    const char *end,
                    gboolean    decimal_comma,
                    Decimal    *d,
                    int        *n_seen)
{
  int group = 0, n_groups = 0;
  char sep_kind = 0;

  while (p < end)
    {
      gsize sep = 0;
      if (g_ascii_isdigit (*p))
        {
          if (!push_digit (d, *p))
            return NULL;
          group++;
          (*n_seen)++;
          p++;
          continue;
        }
      sep = decimal_comma ? comma_mode_group_sep (p, end) : (*p == ',' ? 1 : 0);
      if (sep == 0 || end - p <= (gssize) sep || !g_ascii_isdigit (p[sep]))
        break;
      if ((sep_kind != 0 && sep_kind != *p) || group == 0 || group > 3
          || (n_groups > 0 && group != 3))
        return NULL;
      sep_kind = *p;
      n_groups++;
      group = 0;
      p += sep;
    }
  if (n_groups > 0)
    {
      if (group != 3)
        return NULL;
      d->flags |= SEG_NUMBER_THOUSANDS;
    }
  return p;
}

static const char *
parse_exponent (const char *p,
                const char *end,
                int        *exp)
{
  gboolean neg = FALSE;
  int e = 0;

  if (p < end && (*p == '+' || *p == '-'))
    neg = *p++ == '-';
  if (p == end || !g_ascii_isdigit (*p))
    return NULL;
  for (; p < end && g_ascii_isdigit (*p); p++)
    if (e < 100000)
      e = e * 10 + (*p - '0');
  *exp = neg ? -e : e;
  return p;
}

/* Digits, grouping, decimal mark and exponent between @p and @end. */
static gboolean
parse_decimal (const char *p,
               const char *end,
               gboolean    decimal_comma,
               Decimal    *d)
{
  int n_seen = 0;
  char mark = decimal_comma ? ',' : '.';

  p = parse_integer_part (p, end, decimal_comma, d, &n_seen);
  if (p == NULL)
    return FALSE;
  if (p < end && *p == mark)
    {
      p++;
      if (decimal_comma && p < end && g_ascii_isdigit (*p))
        d->flags |= SEG_NUMBER_DECIMAL_COMMA;
      for (; p < end && g_ascii_isdigit (*p); p++)
        {
          if (!push_digit (d, *p))
            return FALSE;
          d->exp10--;
          n_seen++;
        }
    }
  if (n_seen == 0)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      int e = 0;
      p = parse_exponent (p + 1, end, &e);
      if (p == NULL)
        return FALSE;
      d->exp10 += e;
    }
  return p == end;
}

static double
decimal_to_double (const Decimal *d)
{
  char buf[MAX_DIGITS + 16];

  if (d->n_digits == 0)
    return 0.0;
  if (d->n_digits <= 19 && d->mantissa <= (G_GUINT64_CONSTANT (1) << 53)
      && d->exp10 >= -22 && d->exp10 <= 22)
    {
      if (d->exp10 < 0)
        return (double) d->mantissa / pow10_exact[-d->exp10];
      return (double) d->mantissa * pow10_exact[d->exp10];
    }
  memcpy (buf, d->digits, (gsize) d->n_digits);
  g_snprintf (buf + d->n_digits, sizeof buf - (gsize) d->n_digits, "e%d", d->exp10);
  return g_ascii_strtod (buf, NULL);
}

/* Sign, currency and parentheses around the digits; narrows [*pp, *pe). */
static gboolean
strip_affixes (const char **pp,
               const char **pe,
               gboolean    *neg,
               guint       *flags)
{
  const char *p = *pp, *end = *pe;
  gboolean have_sign = FALSE, have_cur = FALSE, percent = FALSE;
  gsize n;

  if (end - p >= 2 && *p == '(' && end[-1] == ')')
    {
      *flags |= SEG_NUMBER_ACCOUNTING;
      p = skip_space (p + 1, end - 1);
      end = rskip_space (p, end - 1);
    }
  for (;;)
    {
      if (!have_sign && p < end && (*p == '-' || *p == '+'))
        {
          *neg = *p == '-';
          have_sign = TRUE;
          p = skip_space (p + 1, end);
        }
      else if (!have_cur && (n = currency_prefix (p, end)) > 0)
        {
          have_cur = TRUE;
          p = skip_space (p + n, end);
        }
      else
        break;
    }
  for (;;)
    {
      if (!percent && end > p && end[-1] == '%')
        {
          percent = TRUE;
          end = rskip_space (p, end - 1);
        }
      else if (!have_cur && (n = currency_suffix (p, end)) > 0)
        {
          have_cur = TRUE;
          end = rskip_space (p, end - n);
        }
      else
        break;
    }
  if ((*flags & SEG_NUMBER_ACCOUNTING) && have_sign)
    return FALSE;
  if (have_cur)
    *flags |= SEG_NUMBER_CURRENCY;
  if (percent)
    *flags |= SEG_NUMBER_PERCENT;
  *pp = p;
  *pe = end;
  return p < end;
}

/* One significant digit into a mantissa of at most 19 digits, as
 * push_digit() counts them (leading zeros dropped). */
static inline gboolean
add_plain_digit (guint64 *mantissa,
                 int     *n_digits,
                 char     c)
{
  if (*n_digits == 0 && c == '0')
    return TRUE;
  if (++*n_digits > 19)
    return FALSE;
  *mantissa = *mantissa * 10 + (guint64) (c - '0');
  return TRUE;
}

/* Most cells of a machine-written file are plain: an optional sign, digits,
 * an optional '.' and digits, an optional exponent, and nothing around them.
 * Those that Clinger's fast path covers are read here in one pass, without
 * the trimming and the affix and grouping checks of the general parser.  It
 * is the same decimal (mantissa and exponent counted as push_digit() and
 * parse_exponent() count them) and the same division or multiplication as in
 * decimal_to_double(), so the same double.  FALSE leaves the text to the
 * general parser, which also decides what is not a number. */
static gboolean
parse_plain_number (const char *p,
                    gboolean    decimal_comma,
                    double     *out)
{
  gboolean neg = FALSE;
  guint64 mantissa = 0;
  int n_digits = 0, n_seen = 0, exp10 = 0;
  double v;

  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++, n_seen++)
    if (!add_plain_digit (&mantissa, &n_digits, *p))
      return FALSE;
  /* with a decimal comma, '.' groups thousands: not plain */
  if (*p == '.' && !decimal_comma)
    for (p++; g_ascii_isdigit (*p); p++, n_seen++, exp10--)
      if (!add_plain_digit (&mantissa, &n_digits, *p))
        return FALSE;
  if (n_seen == 0)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      gboolean neg_exp = FALSE;
      int e = 0, n_exp = 0;

      p++;
      if (*p == '-' || *p == '+')
        neg_exp = *p++ == '-';
      for (; g_ascii_isdigit (*p); p++)
        {
          if (++n_exp > 4)
            return FALSE;
          e = e * 10 + (*p - '0');
        }
      if (n_exp == 0)
        return FALSE;
      exp10 += neg_exp ? -e : e;
    }
  if (*p != '\0')
    return FALSE;
  if (n_digits == 0)
    v = 0.0;
  else if (mantissa <= (G_GUINT64_CONSTANT (1) << 53) && exp10 >= -22 && exp10 <= 22)
    v = exp10 < 0 ? (double) mantissa / pow10_exact[-exp10]
                  : (double) mantissa * pow10_exact[exp10];
  else
    return FALSE;
  *out = neg ? -v : v;
  return TRUE;
}

gboolean
seg_parse_number_full (const char *text,
                       gboolean    decimal_comma,
                       double     *out,
                       guint      *flags)
{
  const char *p, *end;
  gboolean neg = FALSE;
  Decimal d;
  double v;

  g_return_val_if_fail (text != NULL, FALSE);

  if (parse_plain_number (text, decimal_comma, &v))
    {
      if (out != NULL)
        *out = v;
      if (flags != NULL)
        *flags = 0;
      return TRUE;
    }
  end = text + strlen (text);
  p = skip_space (text, end);
  end = rskip_space (p, end);
  d.n_digits = 0;
  d.mantissa = 0;
  d.exp10 = 0;
  d.flags = 0;
  if (p == end || !strip_affixes (&p, &end, &neg, &d.flags))
    return FALSE;
  if (!parse_decimal (p, end, decimal_comma, &d))
    return FALSE;
  if (d.flags & SEG_NUMBER_PERCENT)
    d.exp10 -= 2;
  v = decimal_to_double (&d);
  if (!isfinite (v))
    return FALSE;
  if (neg || (d.flags & SEG_NUMBER_ACCOUNTING))
    v = -v;
  if (out != NULL)
    *out = v;
  if (flags != NULL)
    *flags = d.flags;
  return TRUE;
}

gboolean
seg_parse_number (const char *text,
                  gboolean    decimal_comma,
                  double     *out)
{
  return seg_parse_number_full (text, decimal_comma, out, NULL);
}

/* ---- dates ------------------------------------------------------------ */

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

/* Reads 1..max digits (exactly @min..@max). */
static const char *
read_int (const char *p,
          int         min,
          int         max,
          int        *out)
{
  int n = 0, v = 0;
  while (n < max && g_ascii_isdigit (p[n]))
    {
      v = v * 10 + (p[n] - '0');
      n++;
    }
  if (n < min || g_ascii_isdigit (p[n]))
    return NULL;
  *out = v;
  return p + n;
}

/* "HH:MM[:SS[.fff]][ AM|PM][Z|±HH[:MM]]" → fraction of a day. */
static gboolean
parse_time (const char *p,
            double     *fraction)
{
  int h, m, s = 0;
  double frac = 0;

  if ((p = read_int (p, 1, 2, &h)) == NULL || *p++ != ':'
      || (p = read_int (p, 2, 2, &m)) == NULL)
    return FALSE;
  if (*p == ':')
    {
      if ((p = read_int (p + 1, 2, 2, &s)) == NULL)
        return FALSE;
      if (*p == '.' || *p == ',')
        {
          double scale = 0.1;
          for (p++; g_ascii_isdigit (*p); p++, scale /= 10)
            frac += (*p - '0') * scale;
        }
    }
  while (*p == ' ')
    p++;
  if (g_ascii_strncasecmp (p, "AM", 2) == 0 || g_ascii_strncasecmp (p, "PM", 2) == 0)
    {
      if (h < 1 || h > 12)
        return FALSE;
      h = (h % 12) + (g_ascii_tolower (*p) == 'p' ? 12 : 0);
      p += 2;
    }
  if (*p == 'Z')
    p++;
  else if ((*p == '+' || *p == '-') && g_ascii_isdigit (p[1]))
    for (p++; g_ascii_isdigit (*p) || *p == ':'; p++)
      ;
  if (*p != '\0' || h > 23 || m > 59 || s > 59)
    return FALSE;
  *fraction = ((double) h * 3600 + (double) m * 60 + (double) s + frac) / 86400.0;
  return TRUE;
}

static gboolean
finish_date (int         year,
             int         month,
             int         day,
             const char *rest,
             double     *out_days,
             gboolean   *has_time)
{
  double fraction = 0;
  gboolean timed = FALSE;

  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    return FALSE;
  if (*rest == ' ' || *rest == 'T')
    {
      while (*rest == ' ')
        rest++;
      if (*rest == 'T')
        rest++;
      if (*rest != '\0')
        {
          if (!parse_time (rest, &fraction))
            return FALSE;
          timed = TRUE;
        }
    }
  else if (*rest != '\0')
    return FALSE;
  if (out_days != NULL)
    *out_days = seg_date_from_ymd (year, month, day) + fraction;
  if (has_time != NULL)
    *has_time = timed;
  return TRUE;
}

/* Copies @text without surrounding white space into @buf (NUL-terminated). */
static const char *
trimmed (const char *text,
         char       *buf,
         gsize       size)
{
  const char *end = text + strlen (text);
  const char *p = skip_space (text, end);
  gsize n;

  end = rskip_space (p, end);
  n = (gsize) (end - p);
  if (n >= size)
    return NULL;
  memcpy (buf, p, n);
  buf[n] = '\0';
  return buf;
}

static inline int
two_digits (const char *p)
{
  return (p[0] - '0') * 10 + (p[1] - '0');
}

/* Exactly "YYYY-MM-DD" (or with '/'), the form of nearly every date a
 * program writes: the fields the general ISO reading below would find,
 * without copying and scanning the text, and the same checks. */
static gboolean
is_plain_iso_date (const char *p,
                   int        *year,
                   int        *month,
                   int        *day)
{
  /* in order, so that a shorter text ends the scan at its NUL */
  for (int i = 0; i < 10; i++)
    {
      gboolean ok = i == 4 ? p[i] == '-' || p[i] == '/'
                           : i == 7 ? p[i] == p[4] : g_ascii_isdigit (p[i]);
      if (!ok)
        return FALSE;
    }
  if (p[10] != '\0')
    return FALSE;
  *year = two_digits (p) * 100 + two_digits (p + 2);
  *month = two_digits (p + 5);
  *day = two_digits (p + 8);
  return TRUE;
}

gboolean
seg_parse_date_full (const char   *text,
                     SegDateFormat format,
                     double       *out_days,
                     gboolean     *has_time)
{
  char buf[64];
  const char *p;
  int a = 0, b = 0, y = 0;
  char sep;

  g_return_val_if_fail (text != NULL, FALSE);
  if (format == SEG_DATE_ISO && is_plain_iso_date (text, &y, &a, &b))
    return finish_date (y, a, b, text + 10, out_days, has_time);
  if ((p = trimmed (text, buf, sizeof buf)) == NULL)
    return FALSE;

  switch (format)
    {
    case SEG_DATE_ISO:
      if ((p = read_int (p, 4, 4, &y)) == NULL || (*p != '-' && *p != '/'))
        return FALSE;
      sep = *p;
      if ((p = read_int (p + 1, 1, 2, &a)) == NULL || *p != sep
          || (p = read_int (p + 1, 1, 2, &b)) == NULL)
        return FALSE;
      return finish_date (y, a, b, p, out_days, has_time);
    case SEG_DATE_DMY:
    case SEG_DATE_MDY:
      if ((p = read_int (p, 1, 2, &a)) == NULL || (*p != '/' && *p != '-' && *p != '.'))
        return FALSE;
      sep = *p;
      if ((p = read_int (p + 1, 1, 2, &b)) == NULL || *p != sep
          || (p = read_int (p + 1, 4, 4, &y)) == NULL)
        return FALSE;
      if (format == SEG_DATE_DMY)
        return finish_date (y, b, a, p, out_days, has_time);
      return finish_date (y, a, b, p, out_days, has_time);
    case SEG_DATE_COMPACT:
      if (strlen (p) != 8 || (read_int (p, 8, 8, &y)) == NULL)
        return FALSE;
      a = (y / 100) % 100;
      b = y % 100;
      y /= 10000;
      if (y < 1900 || y > 2100)
        return FALSE;
      return finish_date (y, a, b, "", out_days, has_time);
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
seg_parse_date (const char   *text,
                SegDateFormat format,
                double       *out_days)
{
  return seg_parse_date_full (text, format, out_days, NULL);
}

gboolean
seg_parse_date_parts (const char *text,
                      int        *first,
                      int        *second,
                      char       *sep)
{
  const char *p = text;
  int y;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (first != NULL && second != NULL && sep != NULL, FALSE);
  while (is_blank (*p))
    p++;
  if ((p = read_int (p, 1, 2, first)) == NULL || (*p != '/' && *p != '-' && *p != '.'))
    return FALSE;
  *sep = *p;
  if ((p = read_int (p + 1, 1, 2, second)) == NULL || *p != *sep
      || (p = read_int (p + 1, 4, 4, &y)) == NULL)
    return FALSE;
  return *p == '\0' || *p == ' ' || *p == 'T';
}

gboolean
seg_parse_looks_iso (const char *text)
{
  const char *p = text;
  int v;

  g_return_val_if_fail (text != NULL, FALSE);
  while (is_blank (*p))
    p++;
  return (p = read_int (p, 4, 4, &v)) != NULL && (*p == '-' || *p == '/')
         && g_ascii_isdigit (p[1]);
}

/* ---- booleans and missing values ----------------------------------------- */

static gboolean
word_in (const char  *text,
         const char **words,
         gboolean     fold_case)
{
  char buf[16];
  const char *t = trimmed (text, buf, sizeof buf);

  if (t == NULL)
    return FALSE;
  for (guint i = 0; words[i] != NULL; i++)
    if (fold_case ? g_ascii_strcasecmp (t, words[i]) == 0 : strcmp (t, words[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
seg_parse_boolean (const char *text,
                   double     *out)
{
  static const char *yes[] = { "true", "yes", "t", "y", NULL };
  static const char *no[] = { "false", "no", "f", "n", NULL };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  if (word_in (text, yes, TRUE))
    *out = 1.0;
  else if (word_in (text, no, TRUE))
    *out = 0.0;
  else
    return FALSE;
  return TRUE;
}

gboolean
seg_parse_is_missing (const char *text)
{
  static const char *markers[] = {
    "", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "null", "NULL", "Null",
    "None", "#N/A", "#NA", "<NA>", "-", NULL,
  };
  const char *p = text;

  g_return_val_if_fail (text != NULL, FALSE);
  while (is_blank (*p))
    p++;
  if (*p == '\0')
    return TRUE;
  switch (*p)
    {
    case '-':
      /* "-", "-NaN", "-nan": not a negative number, the common case */
      if (g_ascii_isdigit (p[1]) || p[1] == '.')
        return FALSE;
      break;
    case 'N': case 'n': case '#': case '<':
      break;
    default:
      return FALSE;
    }
  if (strlen (p) > 8)
    return FALSE;
  return word_in (text, markers, FALSE);
}
