/* test-format.c — chart number formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "seg-format.h"

#define MINUS "\xe2\x88\x92"

#define CHECK(expr, expected)                 \
  G_STMT_START {                              \
    g_autofree char *s_ = (expr);             \
    g_assert_cmpstr (s_, ==, (expected));     \
  } G_STMT_END

static void
test_compact (void)
{
  CHECK (seg_format_compact (0), "0");
  CHECK (seg_format_compact (950), "950");
  CHECK (seg_format_compact (12.5), "12.5");
  CHECK (seg_format_compact (12500), "12.5k");
  /* the zero stays, so that 12.0k and 12.5k read alike */
  CHECK (seg_format_compact (12000), "12.0k");
  CHECK (seg_format_compact (125000), "125k");
  CHECK (seg_format_compact (3.4e6), "3.4M");
  CHECK (seg_format_compact (1.2e9), "1.2B");
  CHECK (seg_format_compact (5e12), "5.0T");
  CHECK (seg_format_compact (-4200), MINUS "4.2k");
  /* rounding up to the next unit */
  CHECK (seg_format_compact (999950), "1.0M");
  CHECK (seg_format_compact (0.0123), "0.0123");
  CHECK (seg_format_compact (NAN), "\xe2\x80\x93");
}

static void
test_integer_fixed (void)
{
  CHECK (seg_format_integer (1234567), "1,234,567");
  CHECK (seg_format_integer (-1234.4), MINUS "1,234");
  CHECK (seg_format_integer (999), "999");
  CHECK (seg_format_integer (-0.2), "0");
  CHECK (seg_format_fixed (1234.5678, 2), "1,234.57");
  CHECK (seg_format_fixed (0.5, 0), "0");   /* round-half-even of printf */
}

static void
test_currency_percent (void)
{
  CHECK (seg_format_currency (12500, "€", FALSE, TRUE), "€12.5k");
  CHECK (seg_format_currency (12500, "€", TRUE, TRUE), "12.5k\xc2\xa0€");
  CHECK (seg_format_currency (-4200, "$", FALSE, TRUE), MINUS "$4.2k");
  CHECK (seg_format_currency (1234.5, "$", FALSE, FALSE), "$1,234.50");
  CHECK (seg_format_percent (0.125, -1), "12.5%");
  CHECK (seg_format_percent (0.12, -1), "12%");
  CHECK (seg_format_percent (0.1234, 2), "12.34%");
}

static void
test_date (void)
{
  /* 2025-09-14 is day 20345 since 1970-01-01 (date -d 2025-09-14 +%s / 86400) */
  CHECK (seg_format_date (20345, FALSE), "2025-09-14");
  CHECK (seg_format_date (0, FALSE), "1970-01-01");
  CHECK (seg_format_date (20345, TRUE), "14 Sep 2025");
  CHECK (seg_format_date (NAN, FALSE), "\xe2\x80\x93");
}

static void
test_number_format (void)
{
  SegNumberFormat cur = { SEG_NUMBER_CURRENCY, 0, "€", TRUE, ".", "," };
  SegNumberFormat pct = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);

  CHECK (seg_number_format (&cur, 1234567), "1.234.567\xc2\xa0€");
  CHECK (seg_number_format (&pct, 0.5), "50%");
  CHECK (seg_number_format (NULL, 3.14159), "3.14");
  {
    SegNumberFormat zero = { 0 };   /* zero-filled: plain, automatic */
    CHECK (seg_number_format (&zero, 5.5), "5.5");
  }
  CHECK (seg_number_format (NULL, 2e-7), "2e" MINUS "7");
}

static void
test_ticks (void)
{
  SegNumberFormat compact = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_COMPACT);
  SegNumberFormat cur = { SEG_NUMBER_CURRENCY, -1, "€", FALSE, NULL, NULL };
  SegNumberFormat pct = SEG_NUMBER_FORMAT_INIT (SEG_NUMBER_PERCENT);

  /* neighbouring ticks must differ: 1.25k, not 1.3k */
  CHECK (seg_number_format_tick (&compact, 1250, 250), "1.25k");
  CHECK (seg_number_format_tick (&compact, 1500, 250), "1.5k");
  CHECK (seg_number_format_tick (&cur, 50000, 50000), "€50k");
  CHECK (seg_number_format_tick (&cur, 0, 50000), "€0");
  /* half a million on an axis of 500k steps: not "0M" (it read 0M
   * between 1M and 0 on the Overview's spend chart) */
  CHECK (seg_number_format_tick (&compact, 500000, 500000), "500k");
  CHECK (seg_number_format_tick (&compact, 1000000, 500000), "1M");
  CHECK (seg_number_format_tick (&compact, 1500000, 500000), "1.5M");
  CHECK (seg_number_format_tick (&pct, 0.25, 0.05), "25%");
  CHECK (seg_number_format_tick (&pct, 0.025, 0.005), "2.5%");
  CHECK (seg_number_format_tick (NULL, 0.30000000000000004, 0.1), "0.3");
  CHECK (seg_number_format_tick (NULL, 2500, 500), "2,500");
  /* residue near zero prints as 0 */
  CHECK (seg_number_format_tick (NULL, 1e-17, 0.1), "0.0");
  CHECK (seg_number_format_tick (NULL, 3e-9, 1e-9), "3e" MINUS "9");
  g_assert_cmpint (seg_format_decimals_for_step (0.25), ==, 2);
  g_assert_cmpint (seg_format_decimals_for_step (20), ==, 0);
}

/* Numbers on screen follow LC_NUMERIC (the app calls setlocale (LC_ALL, ""));
 * the C locale, which has no grouping, reads as English. */
static void
test_locale_separators (void)
{
  CHECK (seg_format_fixed (1234567.891, 3), "1,234,567.891");
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      if (g_getenv ("CI") != NULL)
        g_test_fail_printf ("the de_DE.UTF-8 locale is missing; build-aux/test generates it");
      else
        g_test_skip ("de_DE locale not installed");
      return;
    }
  CHECK (seg_format_fixed (1234567.891, 3), "1.234.567,891");
  CHECK (seg_format_fixed (1.5, 1), "1,5");
  CHECK (seg_format_integer (47805), "47.805");
  CHECK (seg_format_compact (31400), "31,4k");
  CHECK (seg_format_percent (0.395, 1), "39,5%");
  setlocale (LC_NUMERIC, "C");
  CHECK (seg_format_fixed (1.5, 1), "1.5");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/format/compact", test_compact);
  g_test_add_func ("/charts/format/integer-fixed", test_integer_fixed);
  g_test_add_func ("/charts/format/currency-percent", test_currency_percent);
  g_test_add_func ("/charts/format/date", test_date);
  g_test_add_func ("/charts/format/number-format", test_number_format);
  g_test_add_func ("/charts/format/ticks", test_ticks);
  g_test_add_func ("/charts/format/locale", test_locale_separators);
  return g_test_run ();
}
