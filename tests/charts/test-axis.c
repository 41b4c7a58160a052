/* test-axis.c — nice ticks on awkward ranges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "seg-chart-axis.h"

/* Invariants every axis must keep: finite, ordered, ticks inside the domain
 * and evenly spaced by step, domain covering the data. */
static void
check_axis (const SegAxis *a,
            double         lo,
            double         hi)
{
  g_assert_true (isfinite (a->min) && isfinite (a->max));
  g_assert_cmpfloat (a->min, <, a->max);
  g_assert_cmpuint (a->n_ticks, >=, 2);
  g_assert_cmpuint (a->n_ticks, <=, SEG_AXIS_MAX_TICKS);
  g_assert_cmpfloat (a->step, >, 0);
  for (guint i = 0; i < a->n_ticks; i++)
    {
      g_assert_true (isfinite (a->ticks[i]));
      g_assert_cmpfloat (a->ticks[i], >=, a->min - a->step * 1e-9);
      g_assert_cmpfloat (a->ticks[i], <=, a->max + a->step * 1e-9);
      if (i > 0)
        g_assert_cmpfloat_with_epsilon (a->ticks[i] - a->ticks[i - 1], a->step, a->step * 1e-6);
    }
  if (isfinite (lo))
    g_assert_cmpfloat (a->min, <=, lo);
  if (isfinite (hi))
    g_assert_cmpfloat (a->max, >=, hi);
}

static void
test_nice_number (void)
{
  g_assert_cmpfloat_with_epsilon (seg_axis_nice_number (0.73, TRUE), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (seg_axis_nice_number (0.53, TRUE), 0.5, 1e-12);
  g_assert_cmpfloat (seg_axis_nice_number (1.4, TRUE), ==, 1.0);
  g_assert_cmpfloat (seg_axis_nice_number (2.9, TRUE), ==, 2.0);
  g_assert_cmpfloat (seg_axis_nice_number (6.9, TRUE), ==, 5.0);
  g_assert_cmpfloat (seg_axis_nice_number (7.1, TRUE), ==, 10.0);
  g_assert_cmpfloat (seg_axis_nice_number (2.1, FALSE), ==, 5.0);
  g_assert_cmpfloat (seg_axis_nice_number (1.0, FALSE), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (seg_axis_nice_number (3.3e-9, FALSE), 5e-9, 1e-20);
  g_assert_cmpfloat_with_epsilon (seg_axis_nice_number (1.2e12, TRUE), 1e12, 1.0);
}

static void
test_simple (void)
{
  SegAxis a;

  /* Heckbert's worked case: 0…79 with 5 ticks → 0, 20, 40, 60, 80. */
  seg_axis_compute (&a, 0, 79, 5, FALSE);
  check_axis (&a, 0, 79);
  g_assert_cmpfloat (a.min, ==, 0);
  g_assert_cmpfloat (a.max, ==, 80);
  g_assert_cmpfloat (a.step, ==, 20);
  g_assert_cmpuint (a.n_ticks, ==, 5);
}

static void
test_negative (void)
{
  SegAxis a;
  gboolean has_zero = FALSE;

  seg_axis_compute (&a, -4200, 152000, 6, TRUE);
  check_axis (&a, -4200, 152000);
  for (guint i = 0; i < a.n_ticks; i++)
    has_zero = has_zero || a.ticks[i] == 0.0;
  /* exactly zero, not 1e-12 residue */
  g_assert_true (has_zero);

  seg_axis_compute (&a, -17.3, -2.1, 5, FALSE);
  check_axis (&a, -17.3, -2.1);
  g_assert_cmpfloat (a.max, <=, 0);
  g_assert_cmpfloat (a.step, ==, 5);

  /* reversed bounds are accepted */
  seg_axis_compute (&a, 10, -10, 5, FALSE);
  check_axis (&a, -10, 10);
}

static void
test_tiny_and_huge (void)
{
  SegAxis a;

  seg_axis_compute (&a, 1e-9, 9.3e-9, 5, FALSE);
  check_axis (&a, 1e-9, 9.3e-9);
  g_assert_cmpfloat_with_epsilon (a.step, 2e-9, 1e-21);

  seg_axis_compute (&a, 0, 1.3e12, 6, TRUE);
  check_axis (&a, 0, 1.3e12);
  /* range rounds up to 2e12, 2e12 / 5 = 4e11 rounds to 5e11 */
  g_assert_cmpfloat_with_epsilon (a.step, 5e11, 1.0);
  g_assert_cmpfloat_with_epsilon (a.max, 1.5e12, 1.0);

  /* a tiny spread on a huge value is treated as constant, not 1e-4 steps */
  seg_axis_compute (&a, 1e12, 1e12 + 1e-4, 5, FALSE);
  check_axis (&a, 1e12, 1e12);
  g_assert_cmpfloat (a.step, >=, 1e9);

  /* the extremes of double do not overflow */
  seg_axis_compute (&a, -1e308, 1e308, 5, FALSE);
  g_assert_true (isfinite (a.min) && isfinite (a.max) && a.min < a.max);
}

static void
test_constant_and_nan (void)
{
  SegAxis a;

  seg_axis_compute (&a, 5, 5, 5, FALSE);
  check_axis (&a, 5, 5);
  g_assert_cmpfloat (a.min, <, 5);
  g_assert_cmpfloat (a.max, >, 5);

  seg_axis_compute (&a, 0, 0, 5, FALSE);
  check_axis (&a, 0, 0);

  /* constant positive bars: from zero up */
  seg_axis_compute (&a, 7, 7, 5, TRUE);
  check_axis (&a, 0, 7);
  g_assert_cmpfloat (a.min, ==, 0);

  seg_axis_compute (&a, NAN, NAN, 5, FALSE);
  check_axis (&a, NAN, NAN);
  g_assert_cmpfloat (a.min, ==, 0);
  g_assert_cmpfloat (a.max, ==, 1);

  seg_axis_compute (&a, NAN, 12, 5, FALSE);
  check_axis (&a, 12, 12);

  seg_axis_compute (&a, -INFINITY, INFINITY, 5, FALSE);
  check_axis (&a, NAN, NAN);
}

static void
test_data_range_and_map (void)
{
  const double v[] = { NAN, 3, -2, INFINITY, 8 };
  double lo, hi;
  SegAxis a;

  g_assert_true (seg_axis_data_range (v, G_N_ELEMENTS (v), &lo, &hi));
  g_assert_cmpfloat (lo, ==, -2);
  g_assert_cmpfloat (hi, ==, 8);
  g_assert_false (seg_axis_data_range (v, 1, &lo, &hi));

  seg_axis_compute (&a, 0, 100, 6, FALSE);
  g_assert_cmpfloat_with_epsilon (seg_axis_map (&a, 25, 0, 400), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (seg_axis_map (&a, 25, 400, 0), 300, 1e-9);
  g_assert_true (isnan (seg_axis_map (&a, NAN, 0, 400)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charts/axis/nice-number", test_nice_number);
  g_test_add_func ("/charts/axis/simple", test_simple);
  g_test_add_func ("/charts/axis/negative", test_negative);
  g_test_add_func ("/charts/axis/tiny-huge", test_tiny_and_huge);
  g_test_add_func ("/charts/axis/constant-nan", test_constant_and_nan);
  g_test_add_func ("/charts/axis/range-map", test_data_range_and_map);
  return g_test_run ();
}
