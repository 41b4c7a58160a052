/* seg-format.c — numbers as people read them on charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-format"

#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "seg-format.h"

#define MINUS "\xe2\x88\x92"  /* U+2212, a real minus sign */
#define EN_DASH "\xe2\x80\x93"
#define INFINITY_SIGN "\xe2\x88\x9e"

static const char *
nonfinite (double v)
{
  if (isnan (v))
    return EN_DASH;
  return v > 0 ? INFINITY_SIGN : MINUS INFINITY_SIGN;
}

int
seg_format_decimals_for_step (double step)
{
  step = fabs (step);
  if (!isfinite (step) || step == 0)
    return 0;
  for (int d = 0; d < 9; d++)
    {
      double scaled = step * pow (10.0, d);
      if (fabs (scaled - round (scaled)) <= 1e-6 * MAX (scaled, 1.0))
        return d;
    }
  return 9;
}

void
seg_format_locale_separators (const char **thousands,
                              const char **decimal_point)
{
  const char *dp = nl_langinfo (RADIXCHAR);
  const char *ts = nl_langinfo (THOUSEP);

  if (dp == NULL || *dp == '\0')
    dp = ".";
  /* The C locale groups nothing; people still read 1,234,567 better than
   * 1234567, so it gets the English separators. */
  if (ts == NULL || *ts == '\0')
    ts = strcmp (dp, ",") == 0 ? "." : ",";
  if (thousands != NULL)
    *thousands = ts;
  if (decimal_point != NULL)
    *decimal_point = dp;
}

char *
seg_format_group_digits (const char *ascii,
                         const char *minus,
                         const char *sep,
                         const char *dp)
{
  GString *out;
  const char *p = ascii;
  const char *dot;
  const char *locale_sep, *locale_dp;
  gsize int_len;

  g_return_val_if_fail (ascii != NULL && minus != NULL, NULL);

  out = g_string_new (NULL);
  seg_format_locale_separators (&locale_sep, &locale_dp);

  if (*p == '-')
    {
      g_string_append (out, minus);
      p++;
    }
  dot = strchr (p, '.');
  int_len = dot != NULL ? (gsize) (dot - p) : strlen (p);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, sep != NULL ? sep : locale_sep);
      g_string_append_c (out, p[i]);
    }
  if (dot != NULL)
    {
      g_string_append (out, dp != NULL ? dp : locale_dp);
      g_string_append (out, dot + 1);
    }
  return g_string_free (out, FALSE);
}

static void
trim_zeros (char *ascii)
{
  char *dot = strchr (ascii, '.');
  char *end;

  if (dot == NULL)
    return;
  end = ascii + strlen (ascii) - 1;
  while (end > dot && *end == '0')
    *end-- = '\0';
  if (end == dot)
    *end = '\0';
}

/* Fixed decimals, optionally without trailing zeros, with separators. */
static char *
format_fixed_full (double      v,
                   int         decimals,
                   gboolean    trim,
                   const char *sep,
                   const char *dp)
{
  char fmt[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 400];

  if (!isfinite (v))
    return g_strdup (nonfinite (v));
  decimals = CLAMP (decimals, 0, 9);
  g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, fmt, v);
  if (trim)
    trim_zeros (buf);
  /* "-0" reads badly on an axis */
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  return seg_format_group_digits (buf, MINUS, sep, dp);
}

char *
seg_format_fixed (double v,
                  int    decimals)
{
  return format_fixed_full (v, decimals, FALSE, NULL, NULL);
}

char *
seg_format_integer (double v)
{
  return format_fixed_full (v, 0, FALSE, NULL, NULL);
}

/* Scientific "1.2e−9" for numbers no suffix covers. */
static char *
format_scientific (double v,
                   int    sig)
{
  int e = (int) floor (log10 (fabs (v)));
  double m = v / pow (10.0, e);
  g_autofree char *mant = NULL;

  if (fabs (round (m * pow (10, sig - 1)) / pow (10, sig - 1)) >= 10.0)
    {
      e++;
      m /= 10.0;
    }
  mant = format_fixed_full (m, sig - 1, TRUE, NULL, NULL);
  return g_strdup_printf ("%se%s%d", mant, e < 0 ? MINUS : "", ABS (e));
}

static const struct { double unit; const char *suffix; } units[] = {
  { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" }, { 1e3, "k" },
};

/* Picks the suffix for |v|, moving up one when rounding in the suffix
 * below reaches 1000 (999.96k at one decimal is 1.0M); a value under one
 * of a suffix never takes it (500k is not "0M" at no decimals). */
static int
compact_unit (double v,
              int    decimals)
{
  double a = fabs (v);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (a / units[i].unit >= 1.0)
        return (int) i;
      if (i + 1 < G_N_ELEMENTS (units))
        {
          double below = a / units[i + 1].unit;
          if (round (below * pow (10, decimals)) / pow (10, decimals) >= 1000.0)
            return (int) i;
        }
    }
  return -1;
}

static char *
format_compact_decimals (double v,
                         int    decimals_or_auto)
{
  double a = fabs (v);
  int u, decimals;

  if (!isfinite (v))
    return g_strdup (nonfinite (v));
  if (a >= 1e15)
    return format_scientific (v, 2);
  if (a < 1000.0 && decimals_or_auto < 0)
    {
      if (a == 0)
        return g_strdup ("0");
      if (a < 1e-4)
        return format_scientific (v, 2);
      if (a < 1.0)
        return format_fixed_full (v, MIN (9, 2 - (int) floor (log10 (a))), TRUE, NULL, NULL);
      return format_fixed_full (v, a < 100 ? 2 : 1, TRUE, NULL, NULL);
    }
  decimals = decimals_or_auto;
  u = compact_unit (v, decimals < 0 ? 1 : decimals);
  if (u < 0 || a < 1000.0)
    return format_fixed_full (v, MAX (decimals, 0), TRUE, NULL, NULL);
  if (decimals < 0)
    {
      double scaled = a / units[u].unit;
      decimals = round (scaled * 10) / 10 >= 100 ? 0 : 1;
    }
  {
    /* automatic decimals keep their zero ("54.0k" beside "31.4k"): one
     * number style, three significant digits */
    g_autofree char *num = format_fixed_full (v / units[u].unit, decimals, decimals_or_auto >= 0, NULL, NULL);
    return g_strconcat (num, units[u].suffix, NULL);
  }
}

char *
seg_format_compact (double v)
{
  return format_compact_decimals (v, -1);
}

char *
seg_format_percent (double fraction,
                    int    decimals)
{
  g_autofree char *num = NULL;

  if (!isfinite (fraction))
    return g_strdup (nonfinite (fraction));
  num = format_fixed_full (fraction * 100.0, decimals < 0 ? 1 : decimals, decimals < 0, NULL, NULL);
  return g_strconcat (num, "%", NULL);
}

static char *
attach_symbol (const char *num,
               const char *symbol,
               gboolean    after)
{
  if (symbol == NULL || *symbol == '\0')
    return g_strdup (num);
  if (after)
    return g_strconcat (num, "\xc2\xa0", symbol, NULL);   /* no-break space */
  if (g_str_has_prefix (num, MINUS))
    return g_strconcat (MINUS, symbol, num + strlen (MINUS), NULL);
  return g_strconcat (symbol, num, NULL);
}

char *
seg_format_currency (double      v,
                     const char *symbol,
                     gboolean    symbol_after,
                     gboolean    compact)
{
  g_autofree char *num = NULL;

  if (!isfinite (v))
    return g_strdup (nonfinite (v));
  num = compact ? seg_format_compact (v) : seg_format_fixed (v, 2);
  return attach_symbol (num, symbol, symbol_after);
}

char *
seg_format_date (double   days_since_epoch,
                 gboolean long_form)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!isfinite (days_since_epoch) || fabs (days_since_epoch) > 2.9e6)
    return g_strdup (EN_DASH);
  dt = g_date_time_new_from_unix_utc ((gint64) floor (days_since_epoch) * 86400);
  if (dt == NULL)
    return g_strdup (EN_DASH);
  return g_date_time_format (dt, long_form ? "%-d %b %Y" : "%Y-%m-%d");
}

static char *
format_with (const SegNumberFormat *fmt,
             double                 v,
             int                    decimals)
{
  SegNumberKind kind = fmt != NULL ? fmt->kind : SEG_NUMBER_PLAIN;
  const char *sep = fmt != NULL ? fmt->thousands : NULL;
  const char *dp = fmt != NULL ? fmt->decimal_point : NULL;
  g_autofree char *num = NULL;

  if (!isfinite (v))
    return g_strdup (nonfinite (v));
  if (decimals == 0 && (kind == SEG_NUMBER_PLAIN || kind == SEG_NUMBER_COMPACT))
    decimals = -1;
  switch (kind)
    {
    case SEG_NUMBER_COMPACT:
      return format_compact_decimals (v, decimals);
    case SEG_NUMBER_INTEGER:
      return format_fixed_full (v, MAX (decimals, 0), FALSE, sep, dp);
    case SEG_NUMBER_CURRENCY:
      num = decimals < 0 ? format_compact_decimals (v, -1)
                         : format_fixed_full (v, decimals, FALSE, sep, dp);
      return attach_symbol (num, fmt->symbol, fmt->symbol_after);
    case SEG_NUMBER_PERCENT:
      num = format_fixed_full (v * 100.0, decimals < 0 ? 1 : decimals, decimals < 0, sep, dp);
      return g_strconcat (num, "%", NULL);
    case SEG_NUMBER_DATE:
      return seg_format_date (v, FALSE);
    case SEG_NUMBER_PLAIN:
    default:
      if (decimals < 0)
        {
          double a = fabs (v);
          if (a != 0 && (a < 1e-4 || a >= 1e15))
            return format_scientific (v, 3);
          return format_fixed_full (v, a < 1 ? 4 : 2, TRUE, sep, dp);
        }
      return format_fixed_full (v, decimals, FALSE, sep, dp);
    }
}

char *
seg_number_format (const SegNumberFormat *fmt,
                   double                 v)
{
  return format_with (fmt, v, fmt != NULL ? fmt->decimals : -1);
}

static double
compact_divisor (double v)
{
  int u = compact_unit (v, 3);
  return (u < 0 || fabs (v) < 1000.0) ? 1.0 : units[u].unit;
}

char *
seg_number_format_tick (const SegNumberFormat *fmt,
                        double                 v,
                        double                 step)
{
  SegNumberKind kind = fmt != NULL ? fmt->kind : SEG_NUMBER_PLAIN;
  double a = fabs (v);
  int d;

  if (!isfinite (v))
    return g_strdup (nonfinite (v));
  if (fabs (v) < fabs (step) * 1e-9)
    v = 0, a = 0;
  switch (kind)
    {
    case SEG_NUMBER_DATE:
      return seg_format_date (v, FALSE);
    case SEG_NUMBER_PERCENT:
      return format_with (fmt, v, seg_format_decimals_for_step (step * 100.0));
    case SEG_NUMBER_COMPACT:
    case SEG_NUMBER_CURRENCY:
      if (a >= 1e15 || (a != 0 && fabs (step) < 1e-4))
        break;
      d = seg_format_decimals_for_step (step / compact_divisor (v));
      if (a >= 1000.0)
        {
          g_autofree char *num = format_compact_decimals (v, MIN (d, 3));
          if (kind == SEG_NUMBER_COMPACT)
            return g_steal_pointer (&num);
          return attach_symbol (num, fmt->symbol, fmt->symbol_after);
        }
      {
        g_autofree char *num = format_fixed_full (v, d, TRUE, NULL, NULL);
        if (kind == SEG_NUMBER_COMPACT)
          return g_steal_pointer (&num);
        return attach_symbol (num, fmt->symbol, fmt->symbol_after);
      }
    case SEG_NUMBER_INTEGER:
    case SEG_NUMBER_PLAIN:
    default:
      break;
    }
  if (a != 0 && (a >= 1e15 || fabs (step) < 1e-5))
    {
      int sig = (int) floor (log10 (a)) - (int) floor (log10 (fabs (step))) + 1;
      return format_scientific (v, CLAMP (sig, 1, 6));
    }
  return format_fixed_full (v, seg_format_decimals_for_step (step), FALSE,
                            fmt != NULL ? fmt->thousands : NULL,
                            fmt != NULL ? fmt->decimal_point : NULL);
}
