/* test-date-spread.c — which dates are placeholders (issue 17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule (seg-date-spread.c): known placeholders set aside, the bulk from
 * the quartiles outward until an empty stretch of more than
 * max (3 × (Q3 − Q1), 10 years), and whatever lies outside it flagged.  Each
 * case below is small enough to check that rule by hand.
 */
#include "config.h"

#include <math.h>

#include "seg-date-spread.h"
#include "seg-table.h"

static double
ymd (int y, int m, int d)
{
  return seg_date_from_ymd (y, m, d);
}

/* Every day of 2021, as in a year-long transaction log. */
static SegDateSpread *
year_2021 (void)
{
  SegDateSpread *s = seg_date_spread_new ();

  for (double d = ymd (2021, 1, 1); d <= ymd (2021, 12, 31); d++)
    seg_date_spread_add (s, d);
  return s;
}

static void
test_far_future (void)
{
  g_autoptr(SegDateSpread) s = year_2021 ();

  seg_date_spread_add (s, ymd (9999, 12, 31));
  seg_date_spread_add (s, ymd (9999, 12, 31));
  seg_date_spread_add (s, ymd (2099, 12, 31));
  /* not a known value, but 28 years past the last date of a one-year log */
  seg_date_spread_add (s, ymd (2050, 6, 1));
  seg_date_spread_add (s, NAN);
  g_assert_cmpuint (seg_date_spread_finish (s), ==, 4);
  g_assert_true (seg_date_spread_is_placeholder (s, ymd (9999, 12, 31)));
  g_assert_true (seg_date_spread_is_placeholder (s, ymd (2099, 12, 31)));
  g_assert_true (seg_date_spread_is_placeholder (s, ymd (2050, 6, 1)));
  g_assert_false (seg_date_spread_is_placeholder (s, ymd (2021, 1, 1)));
  g_assert_false (seg_date_spread_is_placeholder (s, ymd (2021, 12, 31) + 0.75));
  g_assert_false (seg_date_spread_is_placeholder (s, NAN));
}

static void
test_far_past (void)
{
  g_autoptr(SegDateSpread) s = year_2021 ();

  seg_date_spread_add (s, ymd (1, 1, 1));
  seg_date_spread_add (s, ymd (1900, 1, 1));
  seg_date_spread_add (s, ymd (1970, 1, 1));
  /* 9 years before the log: closer than 10 years, so a date */
  seg_date_spread_add (s, ymd (2012, 3, 1));
  g_assert_cmpuint (seg_date_spread_finish (s), ==, 3);
  g_assert_true (seg_date_spread_is_placeholder (s, ymd (1, 1, 1)));
  g_assert_true (seg_date_spread_is_placeholder (s, ymd (1900, 1, 1)));
  g_assert_true (seg_date_spread_is_placeholder (s, ymd (1970, 1, 1)));
  g_assert_false (seg_date_spread_is_placeholder (s, ymd (2012, 3, 1)));
}

/* Birth dates over 65 years: Q1 to Q3 is 33 years, so only a stretch of 99
 * empty years would end the bulk, and 1901-03-04, 39 years before the next,
 * is a birth date.  1970-01-01 among them is one too; 1900-01-01 is the
 * known placeholder, before every other date. */
static void
test_birth_dates (void)
{
  g_autoptr(SegDateSpread) s = seg_date_spread_new ();

  for (int y = 1940; y <= 2005; y++)
    for (int m = 1; m <= 12; m++)
      seg_date_spread_add (s, ymd (y, m, 15));
  seg_date_spread_add (s, ymd (1970, 1, 1));
  seg_date_spread_add (s, ymd (1900, 1, 1));
  seg_date_spread_add (s, ymd (1900, 1, 1));
  seg_date_spread_add (s, ymd (1901, 3, 4));
  g_assert_cmpuint (seg_date_spread_finish (s), ==, 2);
  g_assert_true (seg_date_spread_is_placeholder (s, ymd (1900, 1, 1)));
  g_assert_false (seg_date_spread_is_placeholder (s, ymd (1970, 1, 1)));
  g_assert_false (seg_date_spread_is_placeholder (s, ymd (1901, 3, 4)));
}

/* Nine in ten dates in 2023, and a sparse tail back to 2005, one date every
 * two years: Q1 to Q3 is months, but no stretch reaches 10 years, so the
 * tail is data.  A lone date 12 years before the tail is not. */
static void
test_sparse_tail (void)
{
  g_autoptr(SegDateSpread) s = seg_date_spread_new ();

  for (double d = ymd (2023, 1, 1); d <= ymd (2023, 12, 31); d++)
    seg_date_spread_add (s, d);
  for (int y = 2005; y <= 2021; y += 2)
    seg_date_spread_add (s, ymd (y, 6, 1));
  seg_date_spread_add (s, ymd (1993, 1, 1));
  g_assert_cmpuint (seg_date_spread_finish (s), ==, 1);
  g_assert_true (seg_date_spread_is_placeholder (s, ymd (1993, 1, 1)));
  for (int y = 2005; y <= 2021; y += 2)
    g_assert_false (seg_date_spread_is_placeholder (s, ymd (y, 6, 1)));
}

/* Only placeholders, or nothing: no bulk to compare with, nothing flagged. */
static void
test_no_bulk (void)
{
  g_autoptr(SegDateSpread) empty = seg_date_spread_new ();
  g_autoptr(SegDateSpread) only = seg_date_spread_new ();

  g_assert_cmpuint (seg_date_spread_finish (empty), ==, 0);
  seg_date_spread_add (only, ymd (9999, 12, 31));
  seg_date_spread_add (only, ymd (1900, 1, 1));
  g_assert_cmpuint (seg_date_spread_finish (only), ==, 0);
  g_assert_false (seg_date_spread_is_placeholder (only, ymd (9999, 12, 31)));
}

/* One real date and one placeholder: the placeholder goes. */
static void
test_two_dates (void)
{
  g_autoptr(SegDateSpread) s = seg_date_spread_new ();

  seg_date_spread_add (s, ymd (2021, 5, 1));
  seg_date_spread_add (s, ymd (9999, 12, 31));
  g_assert_cmpuint (seg_date_spread_finish (s), ==, 1);
  g_assert_true (seg_date_spread_is_placeholder (s, ymd (9999, 12, 31)));
  g_assert_false (seg_date_spread_is_placeholder (s, ymd (2021, 5, 1)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date-spread/far-future", test_far_future);
  g_test_add_func ("/date-spread/far-past", test_far_past);
  g_test_add_func ("/date-spread/birth-dates", test_birth_dates);
  g_test_add_func ("/date-spread/sparse-tail", test_sparse_tail);
  g_test_add_func ("/date-spread/no-bulk", test_no_bulk);
  g_test_add_func ("/date-spread/two-dates", test_two_dates);
  return g_test_run ();
}
