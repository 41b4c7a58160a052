/* test-pca.c — PCA against scikit-learn 1.2.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

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
  g_test_add_func ("/pca/errors", test_errors);
  return g_test_run ();
}
