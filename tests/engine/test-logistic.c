/* test-logistic.c — churn logistic regression against scikit-learn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference figures come from tests/reference/logistic.py run with Debian's
 * /usr/bin/python3 (scikit-learn 1.2.1, numpy 1.24.2): StandardScaler on all
 * rows, then LogisticRegression(C, tol=1e-10, max_iter=10000).  Its output:
 *
 * a: scaler mean [90.2775, 3.975, 67.34525]
 *    scale [59.001349507871424, 1.724637643100718, 39.31584222597171]
 * a C=1.0: coef 1.7516053132, -0.4247433324, 0.3401950194 intercept -0.1272233288
 *    p[0..2] 0.350672010536, 0.119594720211, 0.220581985966 AUC (train) 0.904040404040404
 * a C=0.1: coef 0.6754188791, -0.1707761373, 0.1329980524 intercept -0.2033011990
 * b: scaler mean [0.55, 3.033333333333333, 48.833333333333336, 0.43949999999999995]
 *    scale [0.49749371855331015, 1.4138206706965661, 13.622489575045464, 0.2829983804429512]
 * b C=1.0: coef 0.1858593815, -1.1731117420, -0.1790899855, 0.2584451655 intercept -0.9985123250
 *    p[0..2] 0.135815930631, 0.798390942714, 0.228358405862 AUC (train) 0.811296534017972
 * b C=0.1: coef 0.1608739583, -0.6145965600, -0.0659491310, 0.1047547743 intercept -0.8421312791
 * AUC ties: 0.60714285714285721   AUC all tied: 0.5
 *
 * sklearn's lbfgs stops on its ftol (relative decrease 64·eps) with a gradient
 * still near 1e-4 even at tol=1e-10, so its coefficients are good to ~1e-5.
 * The script therefore also polishes them with Newton's method to the exact
 * optimum (max |gradient| < 2e-15); we match sklearn to 1e-4 and the exact
 * optimum to 1e-9:
 * a C=1.0: 1.751611926189, -0.424733395896, 0.340209002466 intercept -0.127225047229
 * a C=0.1: 0.675418820497, -0.170776374766, 0.132997793178 intercept -0.203301229153
 * b C=1.0: 0.185859798491, -1.173111019567, -0.179089822668, 0.258445682452
 *          intercept -0.998511855937
 * b C=0.1: 0.160874206655, -0.614596635116, -0.065949254766, 0.104754559331
 *          intercept -0.842130881680
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-error.h"
#include "seg-logistic.h"

static const double a_x[] = {
  56.7, 3.0, 98.3, 42.1, 5.0, 45.81, 83.5, 7.0, 45.52, 167.8, 2.0, 23.76, 128.4, 5.0, 55.6,
  120.4, 3.0, 94.28, 67.6, 3.0, 30.2, 124.5, 5.0, 52.47, 91.6, 5.0, 97.01, 241.8, 4.0,
  49.33, 93.7, 2.0, 36.04, 80.4, 0.0, 118.92, 20.4, 2.0, 59.0, 171.1, 1.0, 74.98, 59.2, 3.0,
  139.37, 15.7, 4.0, 136.49, 122.9, 7.0, 41.36, 27.3, 2.0, 35.86, 217.8, 3.0, 68.54, 150.2,
  3.0, 49.1, 72.2, 4.0, 11.94, 14.5, 5.0, 151.46, 12.7, 3.0, 55.45, 102.0, 6.0, 98.41, 53.8,
  7.0, 21.36, 90.1, 4.0, 153.02, 100.7, 6.0, 34.1, 20.8, 4.0, 50.09, 120.1, 4.0, 17.79,
  77.4, 4.0, 47.77, 186.5, 7.0, 45.43, 61.7, 6.0, 47.07, 10.9, 2.0, 77.54, 61.0, 6.0, 57.3,
  38.1, 2.0, 119.18, 65.4, 6.0, 37.54, 28.0, 3.0, 24.61, 90.5, 4.0, 53.77, 214.9, 4.0,
  90.26, 106.7, 3.0, 147.78
};
static const guint8 a_y[] = {
  1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1,
  1, 0, 0, 0, 1, 0, 0, 1, 1, 0
};
static const double b_x[] = {
  1.0, 4.0, 46.0, 0.16, 1.0, 1.0, 42.0, 0.91, 0.0, 3.0, 27.0, 0.08, 1.0, 4.0, 73.0, 0.3,
  1.0, 4.0, 72.0, 0.0, 1.0, 2.0, 17.0, 0.26, 1.0, 1.0, 28.0, 0.28, 0.0, 4.0, 24.0, 0.92,
  1.0, 1.0, 52.0, 0.39, 1.0, 2.0, 54.0, 0.04, 0.0, 5.0, 44.0, 0.36, 0.0, 1.0, 59.0, 0.07,
  1.0, 3.0, 29.0, 0.72, 0.0, 1.0, 51.0, 0.04, 0.0, 4.0, 42.0, 0.41, 1.0, 2.0, 50.0, 0.27,
  0.0, 3.0, 37.0, 0.74, 1.0, 4.0, 53.0, 0.69, 0.0, 2.0, 56.0, 0.42, 1.0, 4.0, 45.0, 0.01,
  0.0, 3.0, 35.0, 0.03, 0.0, 1.0, 63.0, 0.31, 0.0, 3.0, 56.0, 0.01, 1.0, 1.0, 54.0, 0.22,
  0.0, 5.0, 53.0, 0.98, 1.0, 1.0, 54.0, 0.61, 1.0, 1.0, 43.0, 0.8, 1.0, 5.0, 35.0, 0.65,
  0.0, 2.0, 47.0, 0.19, 1.0, 2.0, 47.0, 0.87, 1.0, 2.0, 48.0, 0.79, 0.0, 5.0, 39.0, 0.65,
  0.0, 4.0, 21.0, 0.49, 1.0, 3.0, 53.0, 0.25, 1.0, 1.0, 52.0, 0.25, 0.0, 4.0, 53.0, 0.04,
  1.0, 1.0, 66.0, 0.88, 0.0, 5.0, 34.0, 0.43, 0.0, 3.0, 47.0, 0.55, 0.0, 3.0, 72.0, 0.71,
  1.0, 4.0, 62.0, 0.62, 1.0, 1.0, 54.0, 0.24, 0.0, 3.0, 46.0, 0.69, 1.0, 5.0, 54.0, 0.28,
  1.0, 5.0, 70.0, 0.56, 0.0, 5.0, 54.0, 0.66, 1.0, 5.0, 37.0, 0.45, 1.0, 2.0, 67.0, 0.87,
  0.0, 2.0, 48.0, 0.18, 1.0, 5.0, 63.0, 0.61, 1.0, 3.0, 48.0, 0.18, 0.0, 5.0, 58.0, 0.92,
  1.0, 3.0, 37.0, 0.34, 0.0, 2.0, 66.0, 0.2, 1.0, 2.0, 42.0, 0.11, 1.0, 5.0, 27.0, 0.31,
  1.0, 3.0, 58.0, 0.5, 0.0, 4.0, 35.0, 0.72, 0.0, 4.0, 83.0, 0.51, 0.0, 4.0, 48.0, 0.64
};
static const guint8 b_y[] = {
  1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1,
  0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

typedef struct
{
  const double *x;
  const guint8 *y;
  gsize         n, p;
  double        C;
  double        mean[4], scale[4], coef[4], intercept;
  double        exact[4], exact_intercept;
} SklearnCase;

static const SklearnCase sklearn_cases[] = {
  { a_x, a_y, 40, 3, 1.0,
    { 90.2775, 3.975, 67.34525 },
    { 59.001349507871424, 1.724637643100718, 39.31584222597171 },
    { 1.7516053132, -0.4247433324, 0.3401950194 }, -0.1272233288,
    { 1.751611926189, -0.424733395896, 0.340209002466 }, -0.127225047229 },
  { a_x, a_y, 40, 3, 0.1,
    { 90.2775, 3.975, 67.34525 },
    { 59.001349507871424, 1.724637643100718, 39.31584222597171 },
    { 0.6754188791, -0.1707761373, 0.1329980524 }, -0.2033011990,
    { 0.675418820497, -0.170776374766, 0.132997793178 }, -0.203301229153 },
  { b_x, b_y, 60, 4, 1.0,
    { 0.55, 3.033333333333333, 48.833333333333336, 0.43949999999999995 },
    { 0.49749371855331015, 1.4138206706965661, 13.622489575045464, 0.2829983804429512 },
    { 0.1858593815, -1.1731117420, -0.1790899855, 0.2584451655 }, -0.9985123250,
    { 0.185859798491, -1.173111019567, -0.179089822668, 0.258445682452 }, -0.998511855937 },
  { b_x, b_y, 60, 4, 0.1,
    { 0.55, 3.033333333333333, 48.833333333333336, 0.43949999999999995 },
    { 0.49749371855331015, 1.4138206706965661, 13.622489575045464, 0.2829983804429512 },
    { 0.1608739583, -0.6145965600, -0.0659491310, 0.1047547743 }, -0.8421312791,
    { 0.160874206655, -0.614596635116, -0.065949254766, 0.104754559331 }, -0.842130881680 },
};

static void
test_matches_sklearn (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (sklearn_cases); c++)
    {
      const SklearnCase *k = &sklearn_cases[c];
      g_autoptr(GError) error = NULL;
      g_autoptr(SegLogisticModel) m = seg_logistic_fit (k->x, k->y, k->n, k->p, NULL, 0,
                                                        k->C, 1000, &error);

      g_assert_no_error (error);
      g_assert_nonnull (m);
      g_assert_false (m->separated);
      for (gsize j = 0; j < k->p; j++)
        {
          g_assert_cmpfloat_with_epsilon (m->mean[j], k->mean[j], 1e-12);
          g_assert_cmpfloat_with_epsilon (m->scale[j], k->scale[j], 1e-12);
          g_assert_cmpfloat_with_epsilon (m->coef[j], k->coef[j], 1e-4);
          g_assert_cmpfloat_with_epsilon (m->coef[j], k->exact[j], 1e-9);
          g_assert_cmpfloat_with_epsilon (m->odds_ratio[j], exp (k->exact[j]), 1e-8);
        }
      g_assert_cmpfloat_with_epsilon (m->intercept, k->intercept, 1e-4);
      g_assert_cmpfloat_with_epsilon (m->intercept, k->exact_intercept, 1e-9);
    }
}

static void
test_probabilities (void)
{
  g_autoptr(SegLogisticModel) a = seg_logistic_fit (a_x, a_y, 40, 3, NULL, 0, 1.0, 1000, NULL);
  g_autoptr(SegLogisticModel) b = seg_logistic_fit (b_x, b_y, 60, 4, NULL, 0, 1.0, 1000, NULL);
  const double want_a[] = { 0.350672010536, 0.119594720211, 0.220581985966 };
  const double want_b[] = { 0.135815930631, 0.798390942714, 0.228358405862 };
  double pa[40], pb[60];

  for (gsize k = 0; k < 3; k++)
    {
      g_assert_cmpfloat_with_epsilon (seg_logistic_model_predict (a, a_x + k * 3), want_a[k], 1e-5);
      g_assert_cmpfloat_with_epsilon (seg_logistic_model_predict (b, b_x + k * 4), want_b[k], 1e-5);
    }
  for (gsize i = 0; i < 40; i++)
    pa[i] = seg_logistic_model_predict (a, a_x + i * 3);
  for (gsize i = 0; i < 60; i++)
    pb[i] = seg_logistic_model_predict (b, b_x + i * 4);
  /* sklearn's roc_auc_score on the training predictions. */
  g_assert_cmpfloat_with_epsilon (seg_logistic_roc_auc (pa, a_y, NULL, 40), 0.904040404040404, 1e-12);
  g_assert_cmpfloat_with_epsilon (seg_logistic_roc_auc (pb, b_y, NULL, 60), 0.811296534017972, 1e-12);
}

static void
test_auc_ties (void)
{
  const guint8 y[] = { 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1 };
  const double s[] = { 0.1, 0.4, 0.4, 0.4, 0.9, 0.2, 0.4, 0.7, 0.1, 0.7, 0.7, 0.3, 0.2, 0.9, 0.5 };
  const guint8 y2[] = { 1, 0, 1, 0, 1, 0 };
  const double s2[] = { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 };
  const gboolean mask[] = { TRUE, TRUE, FALSE, FALSE, FALSE, FALSE };
  const guint8 one_class[] = { 1, 1, 1 };

  g_assert_cmpfloat_with_epsilon (seg_logistic_roc_auc (s, y, NULL, 15), 0.60714285714285721, 1e-12);
  g_assert_cmpfloat_with_epsilon (seg_logistic_roc_auc (s2, y2, NULL, 6), 0.5, 1e-12);
  /* Rows 0 and 1 only: one positive and one negative with equal scores. */
  g_assert_cmpfloat_with_epsilon (seg_logistic_roc_auc (s2, y2, mask, 6), 0.5, 1e-12);
  g_assert_true (isnan (seg_logistic_roc_auc (s2, one_class, NULL, 3)));
}

static void
test_confusion_matrix (void)
{
  /* By hand: at 0.5, predicted positive = {0.9, 0.7, 0.6}; labels 1,0,1 → tp 2
   * fp 1; below: 0.5 (label 1) fn, 0.2 and 0.1 (label 0) tn 2. */
  const double p[] = { 0.9, 0.7, 0.6, 0.5, 0.2, 0.1 };
  const guint8 y[] = { 1, 0, 1, 1, 0, 0 };
  SegBinaryMetrics m;

  seg_binary_metrics (p, y, NULL, 6, 0.5, &m);
  g_assert_cmpuint (m.tp, ==, 2);
  g_assert_cmpuint (m.fp, ==, 1);
  g_assert_cmpuint (m.fn, ==, 1);
  g_assert_cmpuint (m.tn, ==, 2);
  g_assert_cmpfloat_with_epsilon (m.accuracy, 4.0 / 6.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (m.precision, 2.0 / 3.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (m.recall, 2.0 / 3.0, 1e-15);
  /* Positives 0.9 0.6 0.5 against negatives 0.7 0.2 0.1: 3 + 2 + 2 = 7 of 9 pairs. */
  g_assert_cmpfloat_with_epsilon (m.auc, 7.0 / 9.0, 1e-15);

  seg_binary_metrics (p, y, NULL, 6, 0.95, &m);
  g_assert_cmpuint (m.tp + m.fp, ==, 0);
  g_assert_true (isnan (m.precision));
  g_assert_cmpfloat_with_epsilon (m.recall, 0.0, 1e-15);
}

static void
test_split (void)
{
  gboolean t1[60], t2[60], t3[60];
  gsize pos = 0, test = 0, test_pos = 0, differ = 0;

  g_assert_true (seg_logistic_split (b_y, 60, 0.25, 42, t1, NULL));
  g_assert_true (seg_logistic_split (b_y, 60, 0.25, 42, t2, NULL));
  g_assert_true (seg_logistic_split (b_y, 60, 0.25, 7, t3, NULL));
  for (gsize i = 0; i < 60; i++)
    {
      pos += b_y[i];
      test += t1[i];
      test_pos += t1[i] && b_y[i];
      g_assert_cmpint (t1[i], ==, t2[i]);
      differ += t1[i] != t3[i];
    }
  /* 19 positives of 60; 15 test rows: 15 · 41/60 = 10.25 and 15 · 19/60 = 4.75,
   * so the leftover row goes to the larger remainder: 10 + 5. */
  g_assert_cmpuint (pos, ==, 19);
  g_assert_cmpuint (test, ==, 15);
  g_assert_cmpuint (test_pos, ==, 5);
  g_assert_cmpuint (differ, >, 0);
}

static void
test_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegLogisticResult) r = NULL;
  SegLogisticOptions opt;
  gsize n_test;

  seg_logistic_options_init (&opt);
  g_assert_cmpfloat (opt.C, ==, 1.0);
  g_assert_cmpfloat (opt.test_fraction, ==, 0.25);
  r = seg_logistic_run (b_x, b_y, 60, 4, NULL, &opt, &error);
  g_assert_no_error (error);
  g_assert_null (r->warning);

  n_test = r->test.tn + r->test.fp + r->test.fn + r->test.tp;
  g_assert_cmpuint (n_test, ==, 15);
  g_assert_cmpuint (r->train.tn + r->train.fp + r->train.fn + r->train.tp, ==, 45);
  for (gsize i = 0; i < 60; i++)
    {
      g_assert_cmpfloat (r->probability[i], >, 0.0);
      g_assert_cmpfloat (r->probability[i], <, 1.0);
      g_assert_cmpfloat_with_epsilon (r->probability[i],
                                      seg_logistic_model_predict (r->model, b_x + i * 4), 1e-15);
    }
  g_assert_cmpfloat (r->test.auc, >=, 0.0);
  g_assert_cmpfloat (r->test.auc, <=, 1.0);

  /* Threshold 0: everyone predicted positive. */
  seg_logistic_result_set_threshold (r, 0.0);
  g_assert_cmpuint (r->test.tn + r->test.fn, ==, 0);
  g_assert_cmpfloat_with_epsilon (r->test.recall, 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (r->test.precision, 5.0 / 15.0, 1e-15);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  SegLogisticOptions opt;
  guint8 y[60];
  double x[60 * 4];
  SegLogisticResult *r;

  seg_logistic_options_init (&opt);

  memset (y, 1, sizeof y);
  r = seg_logistic_run (b_x, y, 60, 4, NULL, &opt, &error);
  g_assert_null (r);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Every customer has the same label"));
  g_clear_error (&error);

  r = seg_logistic_run (b_x, b_y, 8, 4, NULL, &opt, &error);
  g_assert_null (r);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "at least 10"));
  g_clear_error (&error);

  /* Three positives of 60: 15 test rows leave 0.75 → 1 positive for testing. */
  memset (y, 0, sizeof y);
  y[3] = y[17] = y[40] = 1;
  r = seg_logistic_run (b_x, y, 60, 4, NULL, &opt, &error);
  g_assert_null (r);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Too few customers with label 1"));
  g_clear_error (&error);

  memcpy (x, b_x, sizeof x);
  x[5 * 4 + 2] = NAN;
  r = seg_logistic_run (x, b_y, 60, 4, NULL, &opt, &error);
  g_assert_null (r);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "missing value"));
  g_clear_error (&error);

  opt.max_iter = 2;
  r = seg_logistic_run (b_x, b_y, 60, 4, NULL, &opt, &error);
  g_assert_null (r);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "did not converge in 2 iterations"));
  g_assert_nonnull (strstr (error->message, "smaller C"));
}

static void
test_separation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegLogisticResult) r = NULL;
  const char *names[] = { "flag", "Balance", "visits", "score" };
  SegLogisticOptions opt;
  double x[60 * 4];
  guint8 y[60];

  /* The label is "Balance > 3": feature 2 separates the classes exactly. */
  memcpy (x, b_x, sizeof x);
  for (gsize i = 0; i < 60; i++)
    y[i] = b_x[i * 4 + 1] > 3;
  seg_logistic_options_init (&opt);
  r = seg_logistic_run (x, y, 60, 4, names, &opt, &error);
  g_assert_no_error (error);
  g_assert_true (r->model->separated);
  g_assert_nonnull (r->warning);
  g_assert_nonnull (strstr (r->warning, "perfectly separated by “Balance”"));
  g_assert_cmpfloat (r->model->coef[1], >, 1.0);
  g_assert_cmpfloat_with_epsilon (r->test.accuracy, 1.0, 1e-15);
}

/* Hand-computed: p = 0.1 0.2 0.3 0.4 0.6, labels 0 0 1 0 1.  Cutting
 * between 0.2 and 0.3 (t = 0.25) finds both 1s and two of three 0s:
 * balanced accuracy (1 + 2/3) / 2 = 0.833, the best; at 0.5 it is
 * (1/2 + 1) / 2 = 0.75 although plain accuracy there is 4/5.  Kept in
 * [0.3, 0.9] the best cut is 0.5 (between 0.4 and 0.6). */
static void
test_balanced_threshold (void)
{
  const double p[] = { 0.4, 0.1, 0.6, 0.3, 0.2 };
  const guint8 y[] = { 0, 0, 1, 1, 0 };
  const gboolean mask[] = { TRUE, TRUE, TRUE, TRUE, TRUE };
  const gboolean none_of_1s[] = { TRUE, TRUE, FALSE, FALSE, TRUE };

  g_assert_cmpfloat_with_epsilon (seg_logistic_balanced_threshold (p, y, NULL, 5, 0.05, 0.95), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (seg_logistic_balanced_threshold (p, y, mask, 5, 0.3, 0.9), 0.5, 1e-12);
  /* one class only: nothing to balance, 0.5 */
  g_assert_cmpfloat (seg_logistic_balanced_threshold (p, y, none_of_1s, 5, 0.05, 0.95), ==, 0.5);
  g_assert_true (seg_logistic_can_split (30, 8, 0.25));
  g_assert_false (seg_logistic_can_split (97, 3, 0.25));
  g_assert_false (seg_logistic_can_split (5, 4, 0.25));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/logistic/matches-sklearn", test_matches_sklearn);
  g_test_add_func ("/logistic/probabilities", test_probabilities);
  g_test_add_func ("/logistic/auc-ties", test_auc_ties);
  g_test_add_func ("/logistic/confusion-matrix", test_confusion_matrix);
  g_test_add_func ("/logistic/split", test_split);
  g_test_add_func ("/logistic/balanced-threshold", test_balanced_threshold);
  g_test_add_func ("/logistic/run", test_run);
  g_test_add_func ("/logistic/errors", test_errors);
  g_test_add_func ("/logistic/separation", test_separation);
  return g_test_run ();
}
