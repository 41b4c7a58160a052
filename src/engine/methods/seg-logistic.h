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

/**
 * seg_logistic_options_init:
 * @options: (out caller-allocates): the options to fill with the defaults
 */
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

/**
 * seg_logistic_fit:
 * @x: (array): n × n_features raw feature values, row by row
 * @y: (array length=n): the labels, 0 or 1
 * @n: how many rows
 * @n_features: how many features, at least 1
 * @rows: (nullable) (array length=n_rows): the rows to fit on (%NULL: all
 *   @n rows)
 * @n_rows: how many of them
 * @C: the inverse penalty strength, above 0
 * @max_iter: the optimiser's most iterations
 * @error: return location for a #GError, or %NULL
 *
 * Fits with z-scored features (mean and population SD of the rows fitted
 * on, as sklearn's StandardScaler), minimising C · Σ log-loss + ½ ‖β‖² with
 * the intercept unpenalised.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 */
SegLogisticModel *seg_logistic_fit          (const double  *x,
                                             const guint8  *y,
                                             gsize          n,
                                             gsize          n_features,
                                             const gsize   *rows,
                                             gsize          n_rows,
                                             double         C,
                                             guint          max_iter,
                                             GError       **error);
/**
 * seg_logistic_model_free:
 * @model: (transfer full) (nullable): a model
 */
void              seg_logistic_model_free   (SegLogisticModel *model);
/**
 * seg_logistic_model_predict:
 * @model: a model
 * @row: (array): n_features raw (unstandardised) feature values
 *
 * Returns: the probability of label 1 for @row
 */
double            seg_logistic_model_predict (const SegLogisticModel *model,
                                              const double           *row);

/**
 * seg_logistic_split:
 * @y: (array length=n): the labels, 0 or 1
 * @n: how many rows
 * @test_fraction: the share held out, between 0 and 1
 * @seed: the split's seed
 * @is_test: (out caller-allocates) (array length=n): %TRUE for a row held
 *   out
 * @error: return location for a #GError, or %NULL
 *
 * Seeded stratified split (algorithm in seg-logistic.c).
 *
 * Returns: %TRUE, or %FALSE with @error set when there are too few
 *   customers of a label
 */
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

/**
 * seg_logistic_roc_auc:
 * @score: (array length=n): a score per row, higher for label 1
 * @y: (array length=n): the labels, 0 or 1
 * @mask: (nullable) (array length=n): the rows to use (%NULL: all)
 * @n: how many rows
 *
 * Returns: the ROC AUC (ties count one half, as sklearn's roc_auc_score),
 *   NAN with only one class
 */
double            seg_logistic_roc_auc      (const double   *score,
                                             const guint8   *y,
                                             const gboolean *mask,
                                             gsize           n);
/**
 * seg_binary_metrics:
 * @probability: (array length=n): the probability of label 1 per row
 * @y: (array length=n): the labels, 0 or 1
 * @mask: (nullable) (array length=n): the rows to use (%NULL: all)
 * @n: how many rows
 * @threshold: predicted 1 when the probability is above it
 * @out: (out caller-allocates): the figures
 */
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

/**
 * seg_logistic_run:
 * @x: (array): n × n_features raw feature values, row by row, complete
 * @y: (array length=n): the labels, 0 or 1
 * @n: how many rows
 * @n_features: how many features
 * @feature_names: (nullable) (array length=n_features): for messages
 * @options: the options, from seg_logistic_options_init ()
 * @error: return location for a #GError, or %NULL
 *
 * Splits, fits on the training rows, predicts every row and measures both
 * parts.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
SegLogisticResult *seg_logistic_run         (const double             *x,
                                             const guint8             *y,
                                             gsize                     n,
                                             gsize                     n_features,
                                             const char *const        *feature_names,
                                             const SegLogisticOptions *options,
                                             GError                  **error);
/**
 * seg_logistic_can_split:
 * @n0: customers labelled 0
 * @n1: customers labelled 1
 * @test_fraction: the share held out, between 0 and 1
 *
 * Returns: whether they are enough for seg_logistic_split ()
 */
gboolean           seg_logistic_can_split   (gsize                     n0,
                                             gsize                     n1,
                                             double                    test_fraction);
/**
 * seg_logistic_balanced_threshold:
 * @probability: (array length=n): the probability of label 1 per row
 * @y: (array length=n): the labels, 0 or 1
 * @mask: (nullable) (array length=n): the rows to use (%NULL: all)
 * @n: how many rows
 * @lo: the lowest threshold considered
 * @hi: the highest, above @lo
 *
 * A threshold of 0.5 on a rare label often predicts nobody positive:
 * accuracy then looks high while the model finds no one.
 *
 * Returns: the threshold in [@lo, @hi] that maximises balanced accuracy
 *   (the mean of the share of 1s and the share of 0s predicted right); ties
 *   go to the one nearest 0.5
 */
double             seg_logistic_balanced_threshold (const double             *probability,
                                                    const guint8             *y,
                                                    const gboolean           *mask,
                                                    gsize                     n,
                                                    double                    lo,
                                                    double                    hi);
/**
 * seg_logistic_result_set_threshold:
 * @result: a result
 * @threshold: predicted 1 when the probability is above it
 *
 * Recomputes the confusion matrices, accuracy, precision and recall.
 */
void               seg_logistic_result_set_threshold (SegLogisticResult *result,
                                                      double             threshold);
/**
 * seg_logistic_result_free:
 * @result: (transfer full) (nullable): a result
 */
void               seg_logistic_result_free (SegLogisticResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegLogisticModel, seg_logistic_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegLogisticResult, seg_logistic_result_free)

G_END_DECLS
