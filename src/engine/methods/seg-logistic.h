/* seg-logistic.h — L2 logistic regression for churn, split and metrics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Features are a row-major n × p array (x[i * p + j]); labels are 0/1.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double  C;              /* inverse penalty strength (default 1) */
  double  test_fraction;  /* share of customers held out (default 0.25) */
  guint32 seed;           /* split seed (default 42) */
  double  threshold;      /* predicted positive when p > threshold (default 0.5) */
  guint   max_iter;       /* optimiser iterations (default 1000) */
} SegLogisticOptions;

void seg_logistic_options_init (SegLogisticOptions *options);

typedef struct
{
  gsize   n_features;
  double *mean;        /* training mean of each feature */
  double *scale;       /* training population SD (1 for a constant feature) */
  double *coef;        /* change in log-odds per one training SD of the feature */
  double *odds_ratio;  /* exp (coef): odds multiply by this per one SD */
  double  intercept;   /* log-odds of a customer at the training mean */
  guint   iterations;
  double  train_log_loss;  /* mean log-loss on the training rows */
  gboolean separated;      /* the classes are perfectly separated on the training rows */
} SegLogisticModel;

/* Fits on @rows (NULL: all @n rows) with z-scored features (mean and
 * population SD of those rows, as sklearn's StandardScaler), minimising
 * C · Σ log-loss + ½ ‖β‖² with the intercept unpenalised.
 * Returns: (transfer full) the model, or NULL with @error set. */
SegLogisticModel *seg_logistic_fit          (const double  *x,
                                             const guint8  *y,
                                             gsize          n,
                                             gsize          n_features,
                                             const gsize   *rows,
                                             gsize          n_rows,
                                             double         C,
                                             guint          max_iter,
                                             GError       **error);
void              seg_logistic_model_free   (SegLogisticModel *model);
/* Probability of label 1 for one row of raw (unstandardized) features. */
double            seg_logistic_model_predict (const SegLogisticModel *model,
                                              const double           *row);

/* Seeded stratified split (algorithm in seg-logistic.c); @is_test gets @n flags. */
gboolean          seg_logistic_split        (const guint8  *y,
                                             gsize          n,
                                             double         test_fraction,
                                             guint32        seed,
                                             gboolean      *is_test,
                                             GError       **error);

typedef struct
{
  gsize  tn, fp, fn, tp;
  double accuracy;
  double precision;   /* NAN when nothing is predicted positive */
  double recall;      /* NAN when there are no positives */
  double auc;         /* NAN when only one class is present */
} SegBinaryMetrics;

/* ROC AUC (ties count one half, as sklearn's roc_auc_score) over the rows
 * where @mask is TRUE (NULL: all rows).  NAN with only one class. */
double            seg_roc_auc               (const double   *score,
                                             const guint8   *y,
                                             const gboolean *mask,
                                             gsize           n);
void              seg_binary_metrics        (const double   *probability,
                                             const guint8   *y,
                                             const gboolean *mask,
                                             gsize           n,
                                             double          threshold,
                                             SegBinaryMetrics *out);

typedef struct
{
  SegLogisticModel *model;
  gsize             n;
  double           *probability;  /* every row */
  gboolean         *is_test;
  guint8           *y;            /* copy of the labels */
  double            threshold;
  SegBinaryMetrics  train;
  SegBinaryMetrics  test;
  char             *warning;      /* perfect-separation notice, or NULL */
} SegLogisticResult;

/* Splits, fits on the training rows, predicts every row and measures both
 * parts.  @feature_names (may be NULL) is used in messages.
 * Returns: (transfer full) */
SegLogisticResult *seg_logistic_run         (const double             *x,
                                             const guint8             *y,
                                             gsize                     n,
                                             gsize                     n_features,
                                             const char *const        *feature_names,
                                             const SegLogisticOptions *options,
                                             GError                  **error);
/* Whether @n0 customers labelled 0 and @n1 labelled 1 are enough for
 * seg_logistic_split () with @test_fraction. */
gboolean           seg_logistic_can_split   (gsize                     n0,
                                             gsize                     n1,
                                             double                    test_fraction);
/* The threshold in [@lo, @hi] that maximises balanced accuracy (the mean of
 * the share of 1s and the share of 0s predicted right) over the rows where
 * @mask is TRUE (NULL: all); ties go to the one nearest 0.5.  A threshold
 * of 0.5 on a rare label often predicts nobody positive: accuracy then
 * looks high while the model finds no one. */
double             seg_balanced_threshold   (const double             *probability,
                                             const guint8             *y,
                                             const gboolean           *mask,
                                             gsize                     n,
                                             double                    lo,
                                             double                    hi);
/* Recomputes the confusion matrices, accuracy, precision and recall. */
void               seg_logistic_result_set_threshold (SegLogisticResult *result,
                                                      double             threshold);
void               seg_logistic_result_free (SegLogisticResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegLogisticModel, seg_logistic_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegLogisticResult, seg_logistic_result_free)

G_END_DECLS
