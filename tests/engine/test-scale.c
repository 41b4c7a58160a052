/* test-scale.c — imputation and z-scores as scikit-learn's StandardScaler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "seg-error.h"
#include "seg-scale.h"

/* The matrix of tests/reference/scale.py: a has a gap, b is constant, c is
 * near-constant around 1e10, d is log1p-scaled with a gap. */
static const double input[] = {
  1.0,  5.0, 1e10,        0.0,
  2.0,  5.0, 1e10 + 1e-5, 9.0,
  NAN,  5.0, 1e10,        99.0,
  4.0,  5.0, 1e10 - 1e-5, NAN,
  10.0, 5.0, 1e10,        999.0,
};

/* Printed by tests/reference/scale.py (SimpleImputer(strategy="mean") then
 * StandardScaler, scikit-learn 1.2.1). */
static const double sk_mean[] = { 4.25, 5.0, 10000000000.0, 3.4538776394910684 };
static const double sk_scale[] = { 3.122498999199199, 1.0, 1.0, 2.3025850929940455 };
static const double sk_z[] = {
  -1.0408329997330663, 0.0, 0.0, -1.5, -0.7205766921228921, 0.0, 9.5367431640625e-06,
  -0.4999999999999999, 0.0, 0.0, 0.0, 0.5000000000000003, -0.08006407690254357, 0.0,
  -9.5367431640625e-06, 0.0, 1.841473768758502, 0.0, 0.0, 1.5,
};

static void
test_sklearn_figures (void)
{
  static const gboolean use_log[] = { FALSE, FALSE, FALSE, TRUE };
  g_autoptr(SegMatrix) x = seg_matrix_new_from (5, 4, input);
  g_autoptr(SegScaleReport) report = NULL;
  g_autoptr(SegMatrix) z = NULL;
  g_autoptr(GError) error = NULL;

  z = seg_scale_features (x, use_log, NULL, TRUE, &report, &error);
  g_assert_no_error (error);
  for (guint j = 0; j < 4; j++)
    {
      g_assert_cmpfloat_with_epsilon (report->mean[j], sk_mean[j], 1e-9 * fabs (sk_mean[j]));
      g_assert_cmpfloat_with_epsilon (report->scale[j], sk_scale[j], 1e-9 * sk_scale[j]);
    }
  for (guint i = 0; i < 20; i++)
    g_assert_cmpfloat_with_epsilon (z->data[i], sk_z[i], 1e-9);
  g_assert_cmpuint (report->n_imputed[0], ==, 1);
  g_assert_cmpuint (report->n_imputed[1], ==, 0);
  g_assert_cmpuint (report->n_imputed[3], ==, 1);
  g_assert_false (report->constant[0]);
  g_assert_true (report->constant[1]);
  g_assert_true (report->constant[2]);
  g_assert_true (report->log1p[3]);
  g_assert_false (report->log1p[0]);
  g_assert_true (isnan (x->data[8]));  /* the input is not modified */
}

static void
test_population_sd (void)
{
  /* 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population SD exactly 2. */
  static const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
  g_autoptr(SegMatrix) x = seg_matrix_new_from (8, 1, v);
  g_autoptr(SegScaleReport) report = NULL;
  g_autoptr(SegMatrix) z = seg_scale_features (x, NULL, NULL, TRUE, &report, NULL);
  g_autoptr(SegMatrix) only = seg_scale_features (x, NULL, NULL, FALSE, NULL, NULL);

  g_assert_cmpfloat (report->mean[0], ==, 5.0);
  g_assert_cmpfloat (report->scale[0], ==, 2.0);
  g_assert_cmpfloat (z->data[0], ==, -1.5);
  g_assert_cmpfloat (z->data[7], ==, 2.0);
  g_assert_cmpfloat (only->data[7], ==, 9.0);
}

static void
test_errors (void)
{
  static const double v[] = { 1, NAN, 2, NAN, -3, NAN };
  static const char * const names[] = { "income", "notes" };
  static const gboolean use_log[] = { TRUE, FALSE };
  g_autoptr(SegMatrix) x = seg_matrix_new_from (3, 2, v);
  g_autoptr(SegMatrix) empty = seg_matrix_new (0, 2);
  GError *error = NULL;

  g_assert_null (seg_scale_features (x, NULL, names, TRUE, NULL, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Column “notes” has no values: remove it from the features");
  g_clear_error (&error);

  g_assert_null (seg_scale_features (x, use_log, NULL, TRUE, NULL, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Column “column 1” has values of −1 or less, so it cannot be log-scaled");
  g_clear_error (&error);

  g_assert_null (seg_scale_features (empty, NULL, NULL, TRUE, NULL, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scale/sklearn-figures", test_sklearn_figures);
  g_test_add_func ("/scale/population-sd", test_population_sd);
  g_test_add_func ("/scale/errors", test_errors);
  return g_test_run ();
}
