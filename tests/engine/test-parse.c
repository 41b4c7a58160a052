/* test-parse.c — number, date, boolean and missing-value cell parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values are worked out by hand: day numbers count from 1970-01-01
 * (2023-01-05 is 53 years = 19358 days, 13 of them leap days, + 4 = 19362).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-csv.h"
#include "seg-parse.h"
#include "seg-table.h"

static double
number_ok (const char *text,
           gboolean    decimal_comma)
{
  double v = NAN;
  if (!seg_parse_number (text, decimal_comma, &v))
    g_error ("“%s” was not read as a number", text);
  return v;
}

static void
test_plain_numbers (void)
{
  g_assert_cmpfloat (number_ok ("1234.5", FALSE), ==, 1234.5);
  g_assert_cmpfloat (number_ok ("  42 ", FALSE), ==, 42.0);
  g_assert_cmpfloat (number_ok ("+7", FALSE), ==, 7.0);
  g_assert_cmpfloat (number_ok ("-0.5", FALSE), ==, -0.5);
  g_assert_cmpfloat (number_ok (".5", FALSE), ==, 0.5);
  g_assert_cmpfloat (number_ok ("5.", FALSE), ==, 5.0);
  g_assert_cmpfloat (number_ok ("1e3", FALSE), ==, 1000.0);
  g_assert_cmpfloat (number_ok ("-2.5E-2", FALSE), ==, -0.025);
  g_assert_cmpfloat (number_ok ("0", FALSE), ==, 0.0);
  g_assert_true (signbit (number_ok ("-0", FALSE)));
}

static void
test_formatted_numbers (void)
{
  guint flags = 0;
  double v = 0;

  g_assert_cmpfloat (number_ok ("1,234.50", FALSE), ==, 1234.5);
  g_assert_cmpfloat (number_ok ("12,345,678.90", FALSE), ==, 12345678.9);
  g_assert_cmpfloat (number_ok ("-1,000", FALSE), ==, -1000.0);
  g_assert_cmpfloat (number_ok ("$12.00", FALSE), ==, 12.0);
  g_assert_cmpfloat (number_ok ("-$12", FALSE), ==, -12.0);
  g_assert_cmpfloat (number_ok ("$-12", FALSE), ==, -12.0);
  g_assert_cmpfloat (number_ok ("€ 3.50", FALSE), ==, 3.5);
  g_assert_cmpfloat (number_ok ("3.50 €", FALSE), ==, 3.5);
  g_assert_cmpfloat (number_ok ("£5", FALSE), ==, 5.0);
  g_assert_cmpfloat (number_ok ("¥100", FALSE), ==, 100.0);
  g_assert_cmpfloat (number_ok ("₹2,500", FALSE), ==, 2500.0);
  g_assert_cmpfloat (number_ok ("USD 12", FALSE), ==, 12.0);
  g_assert_cmpfloat (number_ok ("12 EUR", FALSE), ==, 12.0);
  g_assert_cmpfloat (number_ok ("(12.50)", FALSE), ==, -12.5);
  g_assert_cmpfloat (number_ok ("($1,000.00)", FALSE), ==, -1000.0);
  /* percentages are fractions: 12.5% → 0.125, read in one correctly rounded step */
  g_assert_cmpfloat (number_ok ("12.5%", FALSE), ==, 0.125);
  g_assert_cmpfloat (number_ok ("-3%", FALSE), ==, -0.03);
  g_assert_cmpfloat (number_ok ("0.1%", FALSE), ==, g_ascii_strtod ("0.001", NULL));
  g_assert_cmpfloat (number_ok ("100 %", FALSE), ==, 1.0);

  g_assert_true (seg_parse_number_full ("($1,234.50)", FALSE, &v, &flags));
  g_assert_cmpfloat (v, ==, -1234.5);
  g_assert_cmpuint (flags, ==, SEG_NUMBER_CURRENCY | SEG_NUMBER_THOUSANDS | SEG_NUMBER_ACCOUNTING);
  g_assert_true (seg_parse_number_full ("12,5 %", TRUE, &v, &flags));
  g_assert_cmpuint (flags, ==, SEG_NUMBER_PERCENT | SEG_NUMBER_DECIMAL_COMMA);
  g_assert_cmpfloat (v, ==, 0.125);
}

static void
test_decimal_comma (void)
{
  g_assert_cmpfloat (number_ok ("1.234,56", TRUE), ==, g_ascii_strtod ("1234.56", NULL));
  g_assert_cmpfloat (number_ok ("12,5", TRUE), ==, 12.5);
  g_assert_cmpfloat (number_ok ("-7,25", TRUE), ==, -7.25);
  g_assert_cmpfloat (number_ok ("1 234,56", TRUE), ==, g_ascii_strtod ("1234.56", NULL));
  g_assert_cmpfloat (number_ok ("1\xc2\xa0" "234,5", TRUE), ==, 1234.5);
  g_assert_cmpfloat (number_ok ("1.000.000,00", TRUE), ==, 1e6);
  g_assert_cmpfloat (number_ok ("1.234", TRUE), ==, 1234.0);
  g_assert_cmpfloat (number_ok ("12,50 €", TRUE), ==, 12.5);
  g_assert_cmpfloat (number_ok ("(3,5)", TRUE), ==, -3.5);
  /* a decimal point is not read in decimal-comma mode, and vice versa */
  g_assert_false (seg_parse_number ("1.5", TRUE, NULL));
  g_assert_false (seg_parse_number ("12,5", FALSE, NULL));
}

static void
test_junk_numbers (void)
{
  const char *junk[] = {
    "", "   ", "abc", "12abc", "1,23", "1,2345.0", "1.2.3", "--5", "+-5", "(-5)",
    "$", "%", "()", "12 34", "0x10", "inf", "nan", "NaN", "1e", "1e+", "12-",
    "1,,234", ",5", "$$5", "5%%", "USD", "ABC 12", "1/2", "2023-01-05", "-", ".",
  };

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    if (seg_parse_number (junk[i], FALSE, NULL))
      g_error ("“%s” should not read as a number", junk[i]);
  g_assert_false (seg_parse_number ("1,234.5", TRUE, NULL));
  g_assert_false (seg_parse_number ("1.23,5", TRUE, NULL));
  g_assert_false (seg_parse_number ("1e999", FALSE, NULL));
}

/* The fast path and the g_ascii_strtod fallback must give exactly the
 * correctly rounded double of the text, like strtod. */
static void
test_number_exactness (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);

  for (int i = 0; i < 200000; i++)
    {
      int n_digits = g_rand_int_range (rand, 1, 21);
      int point = g_rand_int_range (rand, 0, n_digits + 1);
      char buf[64];
      int k = 0;
      double v = 0;

      if (g_rand_boolean (rand))
        buf[k++] = '-';
      for (int d = 0; d < n_digits; d++)
        {
          if (d == point && d > 0)
            buf[k++] = '.';
          buf[k++] = (char) ('0' + g_rand_int_range (rand, 0, 10));
        }
      buf[k] = '\0';
      g_assert_true (seg_parse_number (buf, FALSE, &v));
      if (memcmp (&v, &(double) { g_ascii_strtod (buf, NULL) }, sizeof v) != 0
          && !(v == 0 && g_ascii_strtod (buf, NULL) == 0))
        g_error ("“%s” read as %.17g, strtod gives %.17g", buf, v, g_ascii_strtod (buf, NULL));
    }
  g_assert_cmpfloat (number_ok ("58619.54970007545", FALSE), ==, 58619.54970007545);
  g_assert_cmpfloat (number_ok ("9007199254740993", FALSE), ==, 9007199254740992.0);
  g_assert_cmpfloat (number_ok ("0.1", FALSE), ==, 0.1);
  g_assert_cmpfloat (number_ok ("123456789012345678901234567890", FALSE), ==, 1.2345678901234568e29);
}

/* Random text shaped like a plain number, often with the edge cases of the
 * one-pass reader: leading and trailing zeros, no digits before or after the
 * point, exponents, too many digits, and now and then something that makes
 * it not plain (or not a number). */
static void
random_plain_text (GRand *rand,
                   char  *buf)
{
  static const char *signs[] = { "", "", "-", "+" };
  static const char *oddities[] = { " ", "%", "$", ",", ".", "e", "x", "1,234", "\xc2\xa0" };
  int k = 0, n_int = g_rand_int_range (rand, 0, g_rand_boolean (rand) ? 8 : 24);
  int n_frac = g_rand_int_range (rand, 0, g_rand_boolean (rand) ? 6 : 24);
  int zeros = g_rand_int_range (rand, 0, 4);

  k += g_snprintf (buf + k, 8, "%s", signs[g_rand_int_range (rand, 0, 4)]);
  for (int i = 0; i < n_int; i++)   /* leading zeros first */
    buf[k++] = (char) ('0' + (i < zeros ? 0 : g_rand_int_range (rand, 0, 10)));
  if (g_rand_int_range (rand, 0, 4) != 0)
    {
      buf[k++] = '.';
      for (int i = 0; i < n_frac; i++)   /* trailing zeros last */
        buf[k++] = (char) ('0' + (i >= n_frac - zeros ? 0 : g_rand_int_range (rand, 0, 10)));
    }
  if (g_rand_int_range (rand, 0, 3) == 0)
    k += g_snprintf (buf + k, 16, "%c%s%d", g_rand_boolean (rand) ? 'e' : 'E',
                     signs[g_rand_int_range (rand, 0, 4)],
                     g_rand_int_range (rand, 0, 12) == 0 ? g_rand_int_range (rand, 0, 100000)
                                                         : g_rand_int_range (rand, 0, 40));
  if (g_rand_int_range (rand, 0, 20) == 0)
    {
      const char *odd = oddities[g_rand_int_range (rand, 0, G_N_ELEMENTS (oddities))];
      int at = g_rand_int_range (rand, 0, k + 1);
      gsize n = strlen (odd);

      memmove (buf + at + n, buf + at, (gsize) (k - at));
      memcpy (buf + at, odd, n);
      k += (int) n;
    }
  buf[k] = '\0';
}

/* The one-pass reader of plain numbers must agree with the general parser
 * (reached here through a leading blank, which it trims) on the double, its
 * sign, the flags and on what is not a number, in both decimal modes; and
 * with strtod on the value. */
static void
test_plain_fast_path (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  /* 100,000 texts here, 10 million in the slow suite (-m slow) */
  guint n = g_test_slow () ? 10000000 : 100000, n_read = 0;

  for (guint i = 0; i < n; i++)
    {
      char text[96], padded[100];

      random_plain_text (rand, text);
      g_snprintf (padded, sizeof padded, " %s", text);
      for (int comma = 0; comma <= 1; comma++)
        {
          double fast = NAN, general = NAN;
          guint fast_flags = 99, general_flags = 99;
          gboolean fast_ok = seg_parse_number_full (text, comma, &fast, &fast_flags);
          gboolean general_ok = seg_parse_number_full (padded, comma, &general, &general_flags);

          if (fast_ok != general_ok
              || (fast_ok && (memcmp (&fast, &general, sizeof fast) != 0 || fast_flags != general_flags)))
            g_error ("“%s” (decimal comma %d): %d %a flags %u, general parser %d %a flags %u",
                     text, comma, fast_ok, fast, fast_flags, general_ok, general, general_flags);
          /* strtod knows no blanks, currency or grouping */
          if (fast_ok && !comma && fast_flags == 0 && strspn (text, "0123456789+-.eE") == strlen (text))
            {
              double ref = g_ascii_strtod (text, NULL);
              if (fast != ref || signbit (fast) != signbit (ref))
                g_error ("“%s” read as %a, strtod gives %a", text, fast, ref);
              n_read++;
            }
        }
    }
  g_test_message ("%u texts, %u plain numbers compared with strtod", n, n_read);
  g_assert_cmpuint (n_read, >, n / 2);
}

static double
date_ok (const char   *text,
         SegDateFormat format)
{
  double v = NAN;
  if (!seg_parse_date (text, format, &v))
    g_error ("“%s” was not read as a date", text);
  return v;
}

static void
test_iso_dates (void)
{
  g_assert_cmpfloat (date_ok ("1970-01-01", SEG_DATE_ISO), ==, 0.0);
  g_assert_cmpfloat (date_ok ("2023-01-05", SEG_DATE_ISO), ==, 19362.0);
  g_assert_cmpfloat (date_ok (" 2023-1-5 ", SEG_DATE_ISO), ==, 19362.0);
  g_assert_cmpfloat (date_ok ("2023/01/05", SEG_DATE_ISO), ==, 19362.0);
  g_assert_cmpfloat (date_ok ("1969-12-31", SEG_DATE_ISO), ==, -1.0);
  /* leap days: 2024 and 2000 are leap years, 2023 and 1900 are not */
  g_assert_cmpfloat (date_ok ("2024-02-29", SEG_DATE_ISO), ==, 19782.0);
  g_assert_cmpfloat (date_ok ("2000-02-29", SEG_DATE_ISO), ==, 11016.0);
  g_assert_false (seg_parse_date ("2023-02-29", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("1900-02-29", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("2023-04-31", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("2023-00-10", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("2023-13-01", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("2023-01-05x", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("2023-01/05", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("05/01/2023", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("", SEG_DATE_ISO, NULL));
}

/* Plain "YYYY-MM-DD" texts take a shortcut; it must agree with the general
 * reading (reached through a leading blank) on every shape near it. */
static void
test_iso_fast_path (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  static const char alphabet[] = "0123456789-/ T:x";
  static const char *suffixes[] = { " ", "\xc2\xa0", " 12:30", "T08:00:00Z", "x", "1" };
  guint n_dates = 0;

  for (guint i = 0; i < 300000; i++)
    {
      char text[32] = { 0 }, padded[40];
      double fast = NAN, general = NAN;
      gboolean fast_timed = 7, general_timed = 7, fast_ok, general_ok;
      char sep = g_rand_boolean (rand) ? '-' : '/';

      g_snprintf (text, sizeof text, "%04d%c%02d%c%02d", g_rand_int_range (rand, 0, 10000), sep,
                  g_rand_int_range (rand, 0, 14), sep, g_rand_int_range (rand, 0, 33));
      if (g_rand_int_range (rand, 0, 4) == 0)   /* damage it, or make it longer or shorter */
        {
          int at = g_rand_int_range (rand, 0, 11);
          text[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          if (g_rand_boolean (rand))
            text[g_rand_int_range (rand, 0, 11)] = '\0';
        }
      else if (g_rand_int_range (rand, 0, 8) == 0)
        g_strlcat (text, suffixes[g_rand_int_range (rand, 0, G_N_ELEMENTS (suffixes))], sizeof text);
      g_snprintf (padded, sizeof padded, " %s", text);
      fast_ok = seg_parse_date_full (text, SEG_DATE_ISO, &fast, &fast_timed);
      general_ok = seg_parse_date_full (padded, SEG_DATE_ISO, &general, &general_timed);
      if (fast_ok != general_ok
          || (fast_ok && (memcmp (&fast, &general, sizeof fast) != 0 || fast_timed != general_timed)))
        g_error ("“%s”: %d %g %d, general reading %d %g %d", text, fast_ok, fast, fast_timed,
                 general_ok, general, general_timed);
      n_dates += fast_ok;
    }
  g_assert_cmpuint (n_dates, >, 100000);
}

static void
test_times (void)
{
  double v;

  /* the time of day is kept as the fraction; floor() gives the calendar day */
  g_assert_cmpfloat (date_ok ("2023-01-05 12:00:00", SEG_DATE_ISO), ==, 19362.5);
  g_assert_cmpfloat (date_ok ("2023-01-05T06:00", SEG_DATE_ISO), ==, 19362.25);
  g_assert_cmpfloat (date_ok ("2023-01-05T18:00:00Z", SEG_DATE_ISO), ==, 19362.75);
  v = date_ok ("2023-01-05 23:59:59", SEG_DATE_ISO);
  g_assert_cmpfloat (floor (v), ==, 19362.0);
  g_assert_cmpfloat_with_epsilon (v - 19362.0, 86399.0 / 86400.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (date_ok ("2023-01-05 10:30:15.5", SEG_DATE_ISO) - 19362.0,
                                  (10 * 3600 + 30 * 60 + 15.5) / 86400.0, 1e-9);
  v = date_ok ("1969-12-31 12:00", SEG_DATE_ISO);
  g_assert_cmpfloat (v, ==, -0.5);
  g_assert_cmpfloat (floor (v), ==, -1.0);
  g_assert_cmpfloat (date_ok ("12/1/2010 8:24", SEG_DATE_MDY), ==, 14944.0 + 0.35);
  g_assert_cmpfloat_with_epsilon (date_ok ("1/2/2023 2:30 PM", SEG_DATE_MDY), 19359.0 + 14.5 / 24, 1e-9);
  g_assert_cmpfloat (date_ok ("1/2/2023 12:00 AM", SEG_DATE_MDY), ==, 19359.0);
  g_assert_false (seg_parse_date ("2023-01-05 24:00:00", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("2023-01-05 10:60", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("2023-01-05 10", SEG_DATE_ISO, NULL));
  g_assert_false (seg_parse_date ("2023-01-05 13:00 PM", SEG_DATE_ISO, NULL));
}

static void
test_dmy_mdy_dates (void)
{
  g_assert_cmpfloat (date_ok ("31/12/2023", SEG_DATE_DMY), ==, 19722.0);
  g_assert_cmpfloat (date_ok ("31.12.2023", SEG_DATE_DMY), ==, 19722.0);
  g_assert_cmpfloat (date_ok ("31-12-2023", SEG_DATE_DMY), ==, 19722.0);
  g_assert_cmpfloat (date_ok ("5/1/2023", SEG_DATE_DMY), ==, 19362.0);
  g_assert_cmpfloat (date_ok ("29.02.2024", SEG_DATE_DMY), ==, 19782.0);
  g_assert_cmpfloat (date_ok ("12/31/2023", SEG_DATE_MDY), ==, 19722.0);
  g_assert_cmpfloat (date_ok ("1/5/2023", SEG_DATE_MDY), ==, 19362.0);
  g_assert_cmpfloat (date_ok ("2/29/2024", SEG_DATE_MDY), ==, 19782.0);
  g_assert_false (seg_parse_date ("13/13/2020", SEG_DATE_DMY, NULL));
  g_assert_false (seg_parse_date ("13/13/2020", SEG_DATE_MDY, NULL));
  g_assert_false (seg_parse_date ("12/31/2023", SEG_DATE_DMY, NULL));
  g_assert_false (seg_parse_date ("31/12/2023", SEG_DATE_MDY, NULL));
  g_assert_false (seg_parse_date ("29/02/2023", SEG_DATE_DMY, NULL));
  g_assert_false (seg_parse_date ("2/29/2023", SEG_DATE_MDY, NULL));
  g_assert_false (seg_parse_date ("1/5/23", SEG_DATE_MDY, NULL));
  g_assert_false (seg_parse_date ("1/5-2023", SEG_DATE_MDY, NULL));
}

static void
test_compact_dates (void)
{
  g_assert_cmpfloat (date_ok ("19970101", SEG_DATE_COMPACT), ==, 9862.0);
  g_assert_cmpfloat (date_ok ("20240229", SEG_DATE_COMPACT), ==, 19782.0);
  g_assert_false (seg_parse_date ("20230229", SEG_DATE_COMPACT, NULL));
  g_assert_false (seg_parse_date ("20231301", SEG_DATE_COMPACT, NULL));
  g_assert_false (seg_parse_date ("18991231", SEG_DATE_COMPACT, NULL));
  g_assert_false (seg_parse_date ("21010101", SEG_DATE_COMPACT, NULL));
  g_assert_false (seg_parse_date ("12345678", SEG_DATE_COMPACT, NULL));
  g_assert_false (seg_parse_date ("2023010", SEG_DATE_COMPACT, NULL));
  g_assert_false (seg_parse_date ("202301011", SEG_DATE_COMPACT, NULL));
}

static void
test_date_shapes (void)
{
  int a = 0, b = 0;
  char sep = 0;

  g_assert_true (seg_parse_date_parts ("13/01/2023", &a, &b, &sep));
  g_assert_cmpint (a, ==, 13);
  g_assert_cmpint (b, ==, 1);
  g_assert_cmpint (sep, ==, '/');
  g_assert_true (seg_parse_date_parts ("1.2.2023 10:00", &a, &b, &sep));
  g_assert_cmpint (sep, ==, '.');
  g_assert_false (seg_parse_date_parts ("926-436-3488", &a, &b, &sep));
  g_assert_false (seg_parse_date_parts ("1/2/23", &a, &b, &sep));
  g_assert_true (seg_parse_looks_iso ("2023-99-99"));
  g_assert_false (seg_parse_looks_iso ("20230101"));
}

static void
test_booleans_and_missing (void)
{
  const char *yes[] = { "true", "TRUE", "Yes", "y", "T", " yes " };
  const char *no[] = { "false", "No", "N", "f" };
  const char *missing[] = { "", "  ", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "-", "#N/A", "<NA>" };
  const char *present[] = { "0", "Nancy", "none of them", "--", "n", "-5", "North" };
  double v = -1;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      g_assert_true (seg_parse_boolean (yes[i], &v));
      g_assert_cmpfloat (v, ==, 1.0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      g_assert_true (seg_parse_boolean (no[i], &v));
      g_assert_cmpfloat (v, ==, 0.0);
    }
  g_assert_false (seg_parse_boolean ("1", &v));
  g_assert_false (seg_parse_boolean ("0", &v));
  g_assert_false (seg_parse_boolean ("yess", &v));
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    if (!seg_parse_is_missing (missing[i]))
      g_error ("“%s” should be missing", missing[i]);
  for (guint i = 0; i < G_N_ELEMENTS (present); i++)
    if (seg_parse_is_missing (present[i]))
      g_error ("“%s” should not be missing", present[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/parse/number/plain", test_plain_numbers);
  g_test_add_func ("/parse/number/formatted", test_formatted_numbers);
  g_test_add_func ("/parse/number/decimal-comma", test_decimal_comma);
  g_test_add_func ("/parse/number/junk", test_junk_numbers);
  g_test_add_func ("/parse/number/exactness", test_number_exactness);
  g_test_add_func ("/parse/number/plain-fast-path", test_plain_fast_path);
  g_test_add_func ("/parse/date/iso", test_iso_dates);
  g_test_add_func ("/parse/date/iso-fast-path", test_iso_fast_path);
  g_test_add_func ("/parse/date/times", test_times);
  g_test_add_func ("/parse/date/dmy-mdy", test_dmy_mdy_dates);
  g_test_add_func ("/parse/date/compact", test_compact_dates);
  g_test_add_func ("/parse/date/shapes", test_date_shapes);
  g_test_add_func ("/parse/boolean-missing", test_booleans_and_missing);
  return g_test_run ();
}
