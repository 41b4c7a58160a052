/* test-pca.c — PCA against scikit-learn 1.2.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_eigen.h>

#include "seg-error.h"
#include "seg-pca.h"
#include "seg-scale.h"
#include "seg-test-util.h"

#include "cluster-fixtures.h"

/* Printed by tests/reference/cluster_metrics.py: PCA(svd_solver="full")
 * with scikit-learn 1.2.1 (explained_variance_, explained_variance_ratio_,
 * |components_| row by row, |transform(X[:1])|).  Debian's 1.2.1 fixes
 * signs by the older U-based rule, so loadings and scores are compared in
 * absolute value and our own sign rule is checked separately. */
typedef struct
{
  const char *fixture;
  gboolean    standardize;
  guint       p;
  double      ev[4], ratio[4], abs_components[16], abs_scores0[4];
} Reference;

static const Reference references[] = {
  { "blobs.csv", FALSE, 3,
    { 53.88472572902188, 25.22817005578369, 10.251030660449748 },
    { 0.6029807314032007, 0.28230820935602646, 0.11471105924077284 },
    { 0.04681541899113756, 0.9239477066095512, 0.3796431903717431, 0.9855200134301877,
      0.10472794816098581, 0.13335051556912944, 0.16296815539622156, 0.36790310181478625,
      0.9154718389998744 },
    { 5.880874331252915, 4.840913978368535, 3.1208108644007746 } },
  { "uniform.csv", TRUE, 4,
    { 1.1003768534082419, 1.023925813973886, 0.979718821644308, 0.906003573630205 },
    { 0.2744064778186804, 0.2553414998597379, 0.2443173811475494, 0.22593464117403245 },
    { 0.6875645231542079, 0.7037398617053723, 0.17729438625332636, 0.023915144776612475,
      0.15928603739211228, 0.009574687610773559, 0.6766771530754944, 0.7187797396662753,
      0.1483256882432625, 0.05568223864833517, 0.702676824864235, 0.6936456287651425,
      0.692735501471382, 0.7082076112999418, 0.13007694225887093, 0.0404906580658462 },
    { 0.5798340150681746, 0.6537698808536941, 0.47534268447419237, 0.5183773767799894 } },
};

static void
check_sign_rule (const SegPca *pca)
{
  for (guint c = 0; c < pca->n_components; c++)
    {
      const double *v = pca->components + c * pca->p;
      guint arg = 0;
      for (guint j = 1; j < pca->p; j++)
        if (fabs (v[j]) > fabs (v[arg]))
          arg = j;
      g_assert_cmpfloat (v[arg], >, 0.0);
    }
}

static void
test_sklearn_figures (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (references); t++)
    {
      const Reference *ref = &references[t];
      g_autoptr(SegMatrix) raw = cluster_fixture_reference (ref->fixture);
      g_autoptr(SegMatrix) x = NULL;
      g_autoptr(SegPca) pca = NULL;
      g_autoptr(GError) error = NULL;
      double ratio_sum = 0.0;

      x = ref->standardize ? seg_scale_features (raw, NULL, NULL, TRUE, NULL, NULL)
                           : seg_matrix_copy (raw);
      pca = seg_pca_fit (x, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (pca->n_components, ==, ref->p);
      for (guint c = 0; c < ref->p; c++)
        {
          g_assert_cmpfloat_with_epsilon (pca->explained_variance[c], ref->ev[c], 1e-9 * ref->ev[c]);
          g_assert_cmpfloat_with_epsilon (pca->explained_variance_ratio[c], ref->ratio[c], 1e-9);
          g_assert_cmpfloat_with_epsilon (fabs (pca->scores[c]), ref->abs_scores0[c], 1e-9);
          ratio_sum += pca->explained_variance_ratio[c];
          for (guint j = 0; j < ref->p; j++)
            g_assert_cmpfloat_with_epsilon (fabs (pca->components[c * ref->p + j]),
                                            ref->abs_components[c * ref->p + j], 1e-9);
        }
      g_assert_cmpfloat_with_epsilon (ratio_sum, 1.0, 1e-12);
      check_sign_rule (pca);
    }
}

static void
test_scores_and_truncation (void)
{
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("blobs.csv");
  g_autoptr(SegPca) all = seg_pca_fit (x, 0, NULL);
  g_autoptr(SegPca) two = seg_pca_fit (x, 2, NULL);

  g_assert_cmpuint (two->n_components, ==, 2);
  g_assert_cmpfloat_with_epsilon (two->explained_variance_ratio[0],
                                  all->explained_variance_ratio[0], 1e-15);
  /* Scores are the centred rows projected on the components; their
   * variance (ddof 1) is the explained variance. */
  for (guint c = 0; c < 2; c++)
    {
      double ss = 0.0, mean = 0.0;
      for (guint i = 0; i < x->n; i++)
        {
          g_assert_cmpfloat (two->scores[i * 2 + c], ==, all->scores[i * 3 + c]);
          mean += two->scores[i * 2 + c];
          ss += two->scores[i * 2 + c] * two->scores[i * 2 + c];
        }
      g_assert_cmpfloat_with_epsilon (mean / x->n, 0.0, 1e-12);
      g_assert_cmpfloat_with_epsilon (ss / (x->n - 1), two->explained_variance[c],
                                      1e-9 * two->explained_variance[c]);
    }
}

static SegMatrix *
random_matrix (guint   n,
               guint   p,
               guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  SegMatrix *x = seg_matrix_new (n, p);

  for (gsize c = 0; c < (gsize) n * p; c++)
    x->data[c] = g_rand_double_range (rand, -1, 1) * (1 + c % 3) + (c % 7 == 0 ? 2.0 : 0.0);
  return x;
}

/* The engine against the simple computation (column means, then the
 * covariance row by row, scores row by row), bit for bit: the same
 * covariance gives GSL the same eigenproblem, so the same eigenvalues. */
static void
test_matches_reference (void)
{
  static const guint shapes[][2] = { { 2, 2 }, { 10, 3 }, { 1025, 8 }, { 300, 12 }, { 77, 13 } };

  for (guint t = 0; t < G_N_ELEMENTS (shapes); t++)
    {
      guint n = shapes[t][0], p = shapes[t][1];
      g_autoptr(SegMatrix) x = random_matrix (n, p, 40 + t);
      g_autoptr(SegPca) pca = seg_pca_fit (x, 0, NULL);
      g_autofree double *mean = g_new0 (double, p);
      gsl_matrix *cov = gsl_matrix_calloc (p, p), *evec = gsl_matrix_alloc (p, p);
      gsl_vector *eval = gsl_vector_alloc (p);
      gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc (p);

      g_assert_nonnull (pca);
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < p; j++)
          mean[j] += seg_matrix_row (x, i)[j];
      for (guint j = 0; j < p; j++)
        mean[j] /= n;
      g_assert_true (memcmp (mean, pca->mean, sizeof (double) * p) == 0);
      for (guint i = 0; i < n; i++)
        for (guint a = 0; a < p; a++)
          for (guint b = a; b < p; b++)
            *gsl_matrix_ptr (cov, a, b) += (seg_matrix_row (x, i)[a] - mean[a]) *
                                           (seg_matrix_row (x, i)[b] - mean[b]);
      for (guint a = 0; a < p; a++)
        for (guint b = a; b < p; b++)
          {
            double v = gsl_matrix_get (cov, a, b) / (n - 1.0);
            gsl_matrix_set (cov, a, b, v);
            gsl_matrix_set (cov, b, a, v);
          }
      gsl_eigen_symmv (cov, eval, evec, ws);
      gsl_eigen_symmv_sort (eval, evec, GSL_EIGEN_SORT_VAL_DESC);
      for (guint c = 0; c < p; c++)
        g_assert_cmpfloat (pca->explained_variance[c], ==, MAX (gsl_vector_get (eval, c), 0.0));
      for (guint i = 0; i < n; i++)
        for (guint c = 0; c < p; c++)
          {
            double s = 0.0;
            for (guint j = 0; j < p; j++)
              s += (seg_matrix_row (x, i)[j] - mean[j]) * pca->components[c * p + j];
            g_assert_cmpfloat (pca->scores[i * p + c], ==, s);
          }
      gsl_eigen_symmv_free (ws);
      gsl_vector_free (eval);
      gsl_matrix_free (evec);
      gsl_matrix_free (cov);
    }
}

/* PCA and k-means take their input from seg_scale_features(), which works
 * row by row; it must give what the per-column definition gives
 * (seg-scale.h), bit for bit, missing cells and log1p included. */
static void
test_scaling_matches_reference (void)
{
  static const gboolean use_log[] = { FALSE, TRUE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE };
  g_autoptr(SegMatrix) x = random_matrix (1500, 9, 3);
  g_autoptr(SegMatrix) z = NULL, want = NULL;
  g_autoptr(SegScaleReport) report = NULL;

  for (guint i = 0; i < x->n; i++)
    for (guint j = 0; j < x->p; j++)
      if (use_log[j])
        seg_matrix_row (x, i)[j] = fabs (seg_matrix_row (x, i)[j]);
  for (guint i = 0; i < x->n; i += 7)
    seg_matrix_row (x, i)[i % 9] = NAN;
  for (guint i = 0; i < x->n; i++)
    seg_matrix_row (x, i)[8] = 5.0;  /* constant: scale 1 */
  z = seg_scale_features (x, use_log, NULL, TRUE, &report, NULL);
  g_assert_nonnull (z);
  want = seg_matrix_copy (x);
  for (guint j = 0; j < x->p; j++)
    {
      double sum = 0.0, mean, var = 0.0, scale;
      guint count = 0, missing = 0;

      for (guint i = 0; i < x->n; i++)
        {
          double *v = &seg_matrix_row (want, i)[j];
          if (isnan (*v))
            continue;
          if (use_log[j])
            *v = log1p (*v);
          sum += *v;
          count++;
        }
      for (guint i = 0; i < x->n; i++)
        if (isnan (seg_matrix_row (want, i)[j]))
          {
            seg_matrix_row (want, i)[j] = sum / count;
            missing++;
          }
      g_assert_cmpuint (report->n_imputed[j], ==, missing);
      mean = 0.0;
      for (guint i = 0; i < x->n; i++)
        mean += seg_matrix_row (want, i)[j];
      mean /= x->n;
      for (guint i = 0; i < x->n; i++)
        var += (seg_matrix_row (want, i)[j] - mean) * (seg_matrix_row (want, i)[j] - mean);
      var /= x->n;
      scale = var <= x->n * DBL_EPSILON * var + pow (x->n * mean * DBL_EPSILON, 2.0) ? 1.0 : sqrt (var);
      g_assert_cmpfloat (report->mean[j], ==, mean);
      g_assert_cmpfloat (report->scale[j], ==, scale);
      for (guint i = 0; i < x->n; i++)
        seg_matrix_row (want, i)[j] = (seg_matrix_row (want, i)[j] - mean) / scale;
    }
  g_assert_true (report->constant[8]);
  g_assert_true (memcmp (z->data, want->data, sizeof (double) * x->n * x->p) == 0);
}

static void
test_errors (void)
{
  static const double row[] = { 1, 2, 3 };
  g_autoptr(SegMatrix) one = seg_matrix_new_from (1, 3, row);
  g_autoptr(SegMatrix) holes = seg_matrix_new (4, 2);
  GError *error = NULL;

  g_assert_null (seg_pca_fit (one, 0, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "PCA needs at least 2 customers");
  g_clear_error (&error);
  holes->data[5] = NAN;
  g_assert_null (seg_pca_fit (holes, 0, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pca/sklearn-figures", test_sklearn_figures);
  g_test_add_func ("/pca/scores-and-truncation", test_scores_and_truncation);
  g_test_add_func ("/pca/matches-reference", test_matches_reference);
  g_test_add_func ("/pca/scaling-matches-reference", test_scaling_matches_reference);
  g_test_add_func ("/pca/errors", test_errors);
  return g_test_run ();
}
