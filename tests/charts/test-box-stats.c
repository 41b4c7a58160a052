/* test-box-stats.c — box-plot statistics against numpy
 *
 * Expected figures were produced by tests/reference/box_stats.py with
 * Debian's python3-numpy 1.24.2 (numpy.quantile, default "linear" method =
 * Hyndman–Fan type 7; Tukey whiskers at the most extreme data within
 * 1.5 IQR).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "seg-chart-box.h"

#define EPS 1e-9

static void
check (const SegBoxStats *s, gsize n, double q1, double med, double q3, double mean,
       double wl, double wh, gsize out_lo, gsize out_hi)
{
  g_assert_cmpuint (s->n, ==, n);
  g_assert_cmpfloat_with_epsilon (s->q1, q1, EPS);
  g_assert_cmpfloat_with_epsilon (s->median, med, EPS);
  g_assert_cmpfloat_with_epsilon (s->q3, q3, EPS);
  g_assert_cmpfloat_with_epsilon (s->mean, mean, EPS);
  g_assert_cmpfloat_with_epsilon (s->whisker_low, wl, EPS);
  g_assert_cmpfloat_with_epsilon (s->whisker_high, wh, EPS);
  g_assert_cmpuint (s->n_outliers_low, ==, out_lo);
  g_assert_cmpuint (s->n_outliers_high, ==, out_hi);
  g_assert_cmpfloat_with_epsilon (s->iqr, q3 - q1, EPS);
}

static void
test_small (void)
{
  const double v[] = { 7, 1, 3, 2, 9, 4 };
  SegBoxStats s;

  g_assert_true (seg_box_stats_compute (v, G_N_ELEMENTS (v), &s));
  check (&s, 6, 2.25, 3.5, 6.25, 4.333333333333333, 1.0, 9.0, 0, 0);
  g_assert_cmpfloat (s.min, ==, 1);
  g_assert_cmpfloat (s.max, ==, 9);
}

static void
test_outliers (void)
{
  const double v[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, -30 };
  SegBoxStats s;

  g_assert_true (seg_box_stats_compute (v, G_N_ELEMENTS (v), &s));
  check (&s, 12, 2.75, 5.5, 8.25, 6.25, 1.0, 10.0, 1, 1);
}

static void
test_nan (void)
{
  const double v[] = { 2.5, NAN, 10, 4, NAN, 8 };
  const double none[] = { NAN, NAN };
  SegBoxStats s;

  g_assert_true (seg_box_stats_compute (v, G_N_ELEMENTS (v), &s));
  check (&s, 4, 3.625, 6.0, 8.5, 6.125, 2.5, 10.0, 0, 0);
  g_assert_cmpuint (s.n_missing, ==, 2);

  g_assert_false (seg_box_stats_compute (none, 2, &s));
  g_assert_cmpuint (s.n, ==, 0);
  g_assert_cmpuint (s.n_missing, ==, 2);
  g_assert_false (seg_box_stats_compute (NULL, 0, &s));
}

static void
test_single (void)
{
  const double v[] = { 42 };
  SegBoxStats s;

  g_assert_true (seg_box_stats_compute (v, 1, &s));
  check (&s, 1, 42, 42, 42, 42, 42, 42, 0, 0);
}

static void
test_lcg (void)
{
  double v[103];
  SegBoxStats s;

  for (int i = 1; i <= 100; i++)
    v[i - 1] = ((i * 7919) % 1000) / 10.0;
  v[100] = 500;
  v[101] = 600;
  v[102] = -200;
  g_assert_true (seg_box_stats_compute (v, 103, &s));
  check (&s, 103, 24.75, 51.4, 76.15, 57.23300970873787, 0.3, 98.1, 1, 2);
}

static void
test_quantile (void)
{
  const double s[] = { 1, 2, 3, 4 };

  /* h = (n − 1)p: p = 0.1 → h = 0.3 → 1 + 0.3 × 1 */
  g_assert_cmpfloat_with_epsilon (seg_box_stats_quantile (s, 4, 0.1), 1.3, EPS);
  g_assert_cmpfloat_with_epsilon (seg_box_stats_quantile (s, 4, 0.0), 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (seg_box_stats_quantile (s, 4, 1.0), 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (seg_box_stats_quantile (s, 4, 0.5), 2.5, EPS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/box-stats/small", test_small);
  g_test_add_func ("/charts/box-stats/outliers", test_outliers);
  g_test_add_func ("/charts/box-stats/nan", test_nan);
  g_test_add_func ("/charts/box-stats/single", test_single);
  g_test_add_func ("/charts/box-stats/lcg", test_lcg);
  g_test_add_func ("/charts/box-stats/quantile", test_quantile);
  return g_test_run ();
}
