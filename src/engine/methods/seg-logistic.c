/* seg-logistic.c — L2 logistic regression for churn, split and metrics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model is scikit-learn's LogisticRegression (C, L2, intercept not
 * penalised) on features standardized with the training rows' mean and
 * population SD (StandardScaler, including its rule that a near-constant
 * feature keeps scale 1).  We minimise C · Σ log(1 + exp(−s_i m_i)) + ½ ‖β‖²
 * (s_i = ±1, m_i = β0 + z_i·β) with GSL's BFGS2 and the analytic gradient,
 * then polish with Newton steps (the problem is small and strictly convex),
 * so the coefficients agree with a tightly converged sklearn to ~1e-8.
 *
 * Coefficients are in standardized units: a coefficient is the change in the
 * log-odds when the feature rises by one training SD, its odds ratio exp(β)
 * the factor the odds are multiplied by.
 *
 * Stratified split: for each class (0, then 1) the row indices, in row order,
 * are shuffled by Fisher–Yates with one GRand seeded with @seed
 * (j = g_rand_int_range (rand, 0, i + 1) for i = m − 1 … 1).  The test set has
 * ceil (test_fraction · n) rows, shared between the classes in proportion to
 * their sizes (floors, then the leftover rows to the largest remainders, class
 * 0 first on a tie); each class's test rows are the first of its shuffled list.
 */
#define G_LOG_DOMAIN "seg-logistic"

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>

#include "seg-engine.h"
#include "seg-error.h"
#include "seg-logistic.h"

#define BFGS_WARM_UP 50

#define MIN_CUSTOMERS 10
#define MIN_PER_CLASS 2

typedef struct
{
  gsize         n;   /* rows */
  gsize         p;   /* features */
  const double *z;   /* n × p standardized features */
  const double *s;   /* labels as −1 / +1 */
  double        C;
} Problem;

void
seg_logistic_options_init (SegLogisticOptions *options)
{
  g_return_if_fail (options != NULL);

  options->C = 1.0;
  options->test_fraction = 0.25;
  options->seed = 42;
  options->threshold = 0.5;
  options->max_iter = 1000;
}

/* log (1 + exp (t)) without overflow. */
static double
softplus (double t)
{
  return t > 0 ? t + log1p (exp (-t)) : log1p (exp (t));
}

static double
sigmoid (double t)
{
  if (t >= 0)
    return 1.0 / (1.0 + exp (-t));
  return exp (t) / (1.0 + exp (t));
}

static double
margin (const Problem *pb,
        const double  *w,
        gsize          i)
{
  const double *zi = pb->z + i * pb->p;
  double m = w[0];

  for (gsize j = 0; j < pb->p; j++)
    m += zi[j] * w[j + 1];
  return m;
}

/* The objective; the gradient too when @grad is not NULL. */
static double
objective (const Problem *pb,
           const double  *w,
           double        *grad)
{
  double f = 0.0;

  if (grad != NULL)
    memset (grad, 0, (pb->p + 1) * sizeof (double));
  for (gsize i = 0; i < pb->n; i++)
    {
      double m = margin (pb, w, i);

      f += pb->C * softplus (-pb->s[i] * m);
      if (grad != NULL)
        {
          double d = -pb->C * pb->s[i] * sigmoid (-pb->s[i] * m);
          const double *zi = pb->z + i * pb->p;

          grad[0] += d;
          for (gsize j = 0; j < pb->p; j++)
            grad[j + 1] += d * zi[j];
        }
    }
  for (gsize j = 1; j <= pb->p; j++)
    {
      f += 0.5 * w[j] * w[j];
      if (grad != NULL)
        grad[j] += w[j];
    }
  return f;
}

static double
gsl_f (const gsl_vector *v,
       void             *params)
{
  return objective (params, gsl_vector_const_ptr (v, 0), NULL);
}

static void
gsl_df (const gsl_vector *v,
        void             *params,
        gsl_vector       *g)
{
  objective (params, gsl_vector_const_ptr (v, 0), gsl_vector_ptr (g, 0));
}

static void
gsl_fdf (const gsl_vector *v,
         void             *params,
         double           *f,
         gsl_vector       *g)
{
  *f = objective (params, gsl_vector_const_ptr (v, 0), gsl_vector_ptr (g, 0));
}

static double
max_abs (const double *v,
         gsize         n)
{
  double m = 0.0;

  for (gsize k = 0; k < n; k++)
    m = MAX (m, fabs (v[k]));
  return m;
}

static double
gradient_tolerance (const Problem *pb)
{
  return 1e-11 * MAX (1.0, pb->C * (double) pb->n);
}

/* BFGS2 from zeros; returns the iterations used, @w gets the end point. */
static guint
minimise_bfgs (const Problem *pb,
               double        *w,
               guint          max_iter)
{
  gsize dim = pb->p + 1;
  gsl_multimin_function_fdf fdf = { gsl_f, gsl_df, gsl_fdf, dim, (void *) pb };
  gsl_multimin_fdfminimizer *s = gsl_multimin_fdfminimizer_alloc (gsl_multimin_fdfminimizer_vector_bfgs2, dim);
  gsl_vector *x0 = gsl_vector_calloc (dim);
  guint iter = 0;

  gsl_multimin_fdfminimizer_set (s, &fdf, x0, 0.1, 0.1);
  while (iter < max_iter)
    {
      int status = gsl_multimin_fdfminimizer_iterate (s);

      iter++;
      if (status != GSL_SUCCESS)
        break;
      /* Newton finishes the job once BFGS is close. */
      if (max_abs (gsl_vector_const_ptr (s->gradient, 0), dim) < 1e5 * gradient_tolerance (pb))
        break;
    }
  memcpy (w, gsl_vector_const_ptr (s->x, 0), dim * sizeof (double));
  gsl_vector_free (x0);
  gsl_multimin_fdfminimizer_free (s);
  return iter;
}

/* Newton direction: solves H d = g; FALSE when H is not positive definite. */
static gboolean
newton_direction (const Problem *pb,
                  const double  *w,
                  const double  *g,
                  double        *d)
{
  gsize dim = pb->p + 1;
  gsl_matrix *h = gsl_matrix_calloc (dim, dim);
  gsl_vector_const_view gv = gsl_vector_const_view_array (g, dim);
  gsl_vector_view dv = gsl_vector_view_array (d, dim);
  gboolean ok;

  for (gsize i = 0; i < pb->n; i++)
    {
      double q = sigmoid (margin (pb, w, i));
      double c = pb->C * q * (1.0 - q);
      const double *zi = pb->z + i * pb->p;

      for (gsize a = 0; a < dim; a++)
        for (gsize b = 0; b <= a; b++)
          *gsl_matrix_ptr (h, a, b) += c * (a ? zi[a - 1] : 1.0) * (b ? zi[b - 1] : 1.0);
    }
  for (gsize a = 1; a < dim; a++)
    *gsl_matrix_ptr (h, a, a) += 1.0;

  ok = gsl_linalg_cholesky_decomp1 (h) == GSL_SUCCESS
       && gsl_linalg_cholesky_solve (h, &gv.vector, &dv.vector) == GSL_SUCCESS;
  gsl_matrix_free (h);
  return ok;
}

/* Damped Newton from @w; returns TRUE when the gradient meets the tolerance. */
static gboolean
polish_newton (const Problem *pb,
               double        *w,
               guint         *iter,
               guint          max_iter)
{
  gsize dim = pb->p + 1;
  g_autofree double *g = g_new (double, dim);
  g_autofree double *d = g_new (double, dim);
  g_autofree double *trial = g_new (double, dim);
  double f = objective (pb, w, g);

  while (max_abs (g, dim) >= gradient_tolerance (pb))
    {
      double t = 1.0;
      double ft = f;

      if (*iter >= max_iter || !newton_direction (pb, w, g, d))
        return FALSE;
      (*iter)++;
      for (int k = 0; k < 40; k++, t *= 0.5)
        {
          for (gsize j = 0; j < dim; j++)
            trial[j] = w[j] - t * d[j];
          ft = objective (pb, trial, NULL);
          /* a step must lower the objective measurably; at the noise floor a
           * "decrease" of nothing would loop until the budget runs out */
          if (ft < f - 1e-15 * fabs (f))
            break;
        }
      /* No step lowers the objective: this is the optimum to the precision
       * of the arithmetic.  Accept it when the gradient is within 1e-6 of the
       * objective's scale, still 100 times tighter than scikit-learn's stopping
       * rule (tol 1e-4 on the mean loss). */
      if (!(ft < f - 1e-15 * fabs (f)))
        return max_abs (g, dim) < 1e5 * gradient_tolerance (pb);
      memcpy (w, trial, dim * sizeof (double));
      f = objective (pb, w, g);
    }
  return TRUE;
}

void
seg_logistic_model_free (SegLogisticModel *model)
{
  if (model == NULL)
    return;
  g_free (model->mean);
  g_free (model->scale);
  g_free (model->coef);
  g_free (model->odds_ratio);
  g_free (model);
}

/* StandardScaler on the chosen rows; fills model->mean and model->scale. */
static void
fit_scaler (SegLogisticModel *model,
            const double     *x,
            const gsize      *rows,
            gsize             n_rows)
{
  gsize p = model->n_features;

  for (gsize j = 0; j < p; j++)
    {
      double mean = 0.0, var = 0.0;

      for (gsize k = 0; k < n_rows; k++)
        mean += x[rows[k] * p + j];
      mean /= (double) n_rows;
      for (gsize k = 0; k < n_rows; k++)
        {
          double d = x[rows[k] * p + j] - mean;
          var += d * d;
        }
      var /= (double) n_rows;
      model->mean[j] = mean;
      /* sklearn's _is_constant_feature: var <= n·eps·var + (n·mean·eps)². */
      if (var <= n_rows * DBL_EPSILON * var
                 + pow (n_rows * mean * DBL_EPSILON, 2))
        model->scale[j] = 1.0;
      else
        model->scale[j] = sqrt (var);
    }
}

static gboolean
check_inputs (const double *x,
              const guint8 *y,
              gsize         n_features,
              const gsize  *rows,
              gsize         n_rows,
              GError      **error)
{
  gsize positives = 0;

#define ROW(k) (rows != NULL ? rows[k] : (k))
  if (n_rows < MIN_CUSTOMERS)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("Only %zu customers to learn from; the churn model needs at least %d."),
                   n_rows, MIN_CUSTOMERS);
      return FALSE;
    }
  for (gsize k = 0; k < n_rows; k++)
    {
      positives += y[ROW (k)] ? 1 : 0;
      for (gsize j = 0; j < n_features; j++)
        if (!isfinite (x[ROW (k) * n_features + j]))
          {
            g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                         _("Row %zu has a missing value in feature %zu; "
                           "fill it in or leave the feature out."),
                         ROW (k) + 1, j + 1);
            return FALSE;
          }
    }
  if (positives == 0 || positives == n_rows)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("Every customer has the same label, so there is nothing to predict."));
      return FALSE;
    }
#undef ROW
  return TRUE;
}

/* TRUE when some linear score ranks every positive above every negative. */
static gboolean
is_separated (const Problem *pb,
              const double  *w)
{
  double min_pos = INFINITY, max_neg = -INFINITY;

  for (gsize i = 0; i < pb->n; i++)
    {
      double m = margin (pb, w, i);

      if (pb->s[i] > 0)
        min_pos = MIN (min_pos, m);
      else
        max_neg = MAX (max_neg, m);
    }
  return min_pos > max_neg;
}

static void
finish_model (SegLogisticModel *model,
              const Problem    *pb,
              const double     *w)
{
  double loss = 0.0;

  model->intercept = w[0];
  for (gsize j = 0; j < model->n_features; j++)
    {
      model->coef[j] = w[j + 1];
      model->odds_ratio[j] = exp (w[j + 1]);
    }
  for (gsize i = 0; i < pb->n; i++)
    loss += softplus (-pb->s[i] * margin (pb, w, i));
  model->train_log_loss = loss / (double) pb->n;
  model->separated = is_separated (pb, w);
}

SegLogisticModel *
seg_logistic_fit (const double  *x,
                  const guint8  *y,
                  gsize          n,
                  gsize          n_features,
                  const gsize   *rows,
                  gsize          n_rows,
                  double         C,
                  guint          max_iter,
                  GError       **error)
{
  g_autoptr(SegLogisticModel) model = NULL;
  g_autofree gsize *all = NULL;
  g_autofree double *z = NULL, *s = NULL, *w = NULL;
  Problem pb;
  guint iter;

  g_return_val_if_fail (x != NULL && y != NULL && n_features > 0, NULL);
  g_return_val_if_fail (C > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (rows == NULL)
    {
      all = g_new (gsize, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        all[i] = i;
      rows = all;
      n_rows = n;
    }
  if (!check_inputs (x, y, n_features, rows, n_rows, error))
    return NULL;

  model = g_new0 (SegLogisticModel, 1);
  model->n_features = n_features;
  model->mean = g_new (double, n_features);
  model->scale = g_new (double, n_features);
  model->coef = g_new (double, n_features);
  model->odds_ratio = g_new (double, n_features);
  fit_scaler (model, x, rows, n_rows);

  z = g_new (double, n_rows * n_features);
  s = g_new (double, n_rows);
  for (gsize k = 0; k < n_rows; k++)
    {
      s[k] = y[rows[k]] ? 1.0 : -1.0;
      for (gsize j = 0; j < n_features; j++)
        z[k * n_features + j] = (x[rows[k] * n_features + j] - model->mean[j]) / model->scale[j];
    }
  pb = (Problem) { n_rows, n_features, z, s, C };

  w = g_new0 (double, n_features + 1);
  /* BFGS only warms up: on skewed features it crawls, while damped Newton is
   * globally convergent on this strictly convex problem and needs a handful
   * of steps (each one pass over the rows for a (p+1)² Hessian). */
  iter = minimise_bfgs (&pb, w, MIN (max_iter, BFGS_WARM_UP));
  if (!polish_newton (&pb, w, &iter, max_iter))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_FAILED,
                   _("The churn model did not converge in %u iterations; try fewer features "
                     "or a stronger penalty (smaller C)."), max_iter);
      return NULL;
    }
  model->iterations = iter;
  finish_model (model, &pb, w);
  return g_steal_pointer (&model);
}

double
seg_logistic_model_predict (const SegLogisticModel *model,
                            const double           *row)
{
  double m;

  g_return_val_if_fail (model != NULL && row != NULL, NAN);

  m = model->intercept;
  for (gsize j = 0; j < model->n_features; j++)
    m += model->coef[j] * (row[j] - model->mean[j]) / model->scale[j];
  return sigmoid (m);
}

static void
shuffle (gsize *v,
         gsize  m,
         GRand *rand)
{
  for (gsize i = m; i > 1; i--)
    {
      gsize j = (gsize) g_rand_int_range (rand, 0, (gint32) i);
      gsize t = v[i - 1];

      v[i - 1] = v[j];
      v[j] = t;
    }
}

/* Test rows per class: proportional shares of ceil (fraction · n). */
static void
allocate_test (const gsize counts[2],
               gsize       n,
               double      test_fraction,
               gsize       test[2])
{
  gsize n_test = (gsize) ceil (test_fraction * (double) n);
  double rem[2];
  gsize given = 0;

  for (int c = 0; c < 2; c++)
    {
      double share = (double) n_test * (double) counts[c] / (double) n;

      test[c] = (gsize) floor (share);
      rem[c] = share - floor (share);
      given += test[c];
    }
  while (given < n_test)
    {
      int c = rem[1] > rem[0] ? 1 : 0;

      test[c]++;
      rem[c] = -1.0;
      given++;
    }
}

gboolean
seg_logistic_can_split (gsize  n0,
                        gsize  n1,
                        double test_fraction)
{
  gsize counts[2] = { n0, n1 }, test[2];

  g_return_val_if_fail (test_fraction > 0 && test_fraction < 1, FALSE);

  if (n0 + n1 < MIN_CUSTOMERS || n0 == 0 || n1 == 0)
    return FALSE;
  allocate_test (counts, n0 + n1, test_fraction, test);
  for (int c = 0; c < 2; c++)
    if (test[c] < MIN_PER_CLASS || counts[c] - test[c] < MIN_PER_CLASS)
      return FALSE;
  return TRUE;
}

typedef struct
{
  double p;
  guint8 y;
} Cut;

static int
compare_cuts (gconstpointer a,
            gconstpointer b)
{
  double x = ((const Cut *) a)->p, y = ((const Cut *) b)->p;
  return (x > y) - (x < y);
}

double
seg_logistic_balanced_threshold (const double   *probability,
                                 const guint8   *y,
                                 const gboolean *mask,
                                 gsize           n,
                                 double          lo,
                                 double          hi)
{
  g_autofree Cut *s = NULL;
  gsize m = 0, pos = 0, neg, below_pos = 0, below_neg = 0;
  double best = 0.5, best_score = -1;

  g_return_val_if_fail (n == 0 || (probability != NULL && y != NULL), 0.5);
  g_return_val_if_fail (lo < hi, 0.5);

  s = g_new (Cut, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    if ((mask == NULL || mask[i]) && isfinite (probability[i]))
      {
        s[m++] = (Cut) { probability[i], y[i] != 0 };
        pos += y[i] != 0;
      }
  neg = m - pos;
  if (pos == 0 || neg == 0)
    return CLAMP (0.5, lo, hi);
  qsort (s, m, sizeof (Cut), compare_cuts);
  /* predicted 1 when p > t: a cut after s[i - 1] (t between it and s[i])
   * predicts 0 for the i lowest.  i = 0 predicts everyone 1. */
  for (gsize i = 0; i <= m; i++)
    {
      double t, score;

      if (i > 0)
        {
          below_pos += s[i - 1].y;
          below_neg += !s[i - 1].y;
          if (i < m && s[i].p == s[i - 1].p)
            continue;   /* a cut must fall between distinct values */
        }
      if (i == 0)
        t = s[0].p / 2;
      else if (i == m)
        t = (s[m - 1].p + 1) / 2;
      else
        t = (s[i - 1].p + s[i].p) / 2;
      if (t < lo || t > hi)
        continue;
      score = 0.5 * ((double) (pos - below_pos) / (double) pos + (double) below_neg / (double) neg);
      if (score > best_score + 1e-12 ||
          (fabs (score - best_score) <= 1e-12 && fabs (t - 0.5) < fabs (best - 0.5)))
        {
          best_score = score;
          best = t;
        }
    }
  return best_score < 0 ? CLAMP (0.5, lo, hi) : best;
}

gboolean
seg_logistic_split (const guint8 *y,
                    gsize         n,
                    double        test_fraction,
                    guint32       seed,
                    gboolean     *is_test,
                    GError      **error)
{
  g_autoptr(GRand) rand = NULL;
  g_autofree gsize *idx0 = NULL, *idx1 = NULL;
  gsize *idx[2];
  gsize counts[2] = { 0, 0 }, test[2];

  g_return_val_if_fail (y != NULL && is_test != NULL, FALSE);
  g_return_val_if_fail (test_fraction > 0 && test_fraction < 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n < MIN_CUSTOMERS)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("Only %zu customers; the churn model needs at least %d."),
                   n, MIN_CUSTOMERS);
      return FALSE;
    }
  idx[0] = idx0 = g_new (gsize, n);
  idx[1] = idx1 = g_new (gsize, n);
  for (gsize i = 0; i < n; i++)
    {
      int c = y[i] ? 1 : 0;
      idx[c][counts[c]++] = i;
    }
  if (counts[0] == 0 || counts[1] == 0)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("Every customer has the same label, so there is nothing to predict."));
      return FALSE;
    }
  allocate_test (counts, n, test_fraction, test);
  for (int c = 0; c < 2; c++)
    if (test[c] < MIN_PER_CLASS || counts[c] - test[c] < MIN_PER_CLASS)
      {
        g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                     _("Too few customers with label %d (%zu) to keep at least %d "
                       "of them for training and %d for testing."),
                     c, counts[c], MIN_PER_CLASS, MIN_PER_CLASS);
        return FALSE;
      }

  rand = g_rand_new_with_seed (seed);
  memset (is_test, 0, n * sizeof (gboolean));
  for (int c = 0; c < 2; c++)
    {
      shuffle (idx[c], counts[c], rand);
      for (gsize k = 0; k < test[c]; k++)
        is_test[idx[c][k]] = TRUE;
    }
  return TRUE;
}

typedef struct
{
  double score;
  guint8 y;
} Scored;

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  double sa = ((const Scored *) a)->score;
  double sb = ((const Scored *) b)->score;

  return sa < sb ? -1 : (sa > sb ? 1 : 0);
}

double
seg_logistic_roc_auc (const double   *score,
                      const guint8   *y,
                      const gboolean *mask,
                      gsize           n)
{
  g_autofree Scored *v = g_new (Scored, MAX (n, 1));
  gsize m = 0, pos = 0;
  double rank_sum = 0.0;

  g_return_val_if_fail (n == 0 || (score != NULL && y != NULL), NAN);

  for (gsize i = 0; i < n; i++)
    if (mask == NULL || mask[i])
      {
        v[m++] = (Scored) { score[i], y[i] ? 1 : 0 };
        pos += y[i] ? 1 : 0;
      }
  if (pos == 0 || pos == m)
    return NAN;

  /* Mann–Whitney: positives' average ranks, ties sharing the mean rank. */
  qsort (v, m, sizeof (Scored), compare_scored);
  for (gsize a = 0; a < m;)
    {
      gsize b = a + 1, pos_in_tie = v[a].y;

      while (b < m && v[b].score == v[a].score)
        pos_in_tie += v[b++].y;
      rank_sum += (double) pos_in_tie * ((double) (a + 1 + b) / 2.0);
      a = b;
    }
  return (rank_sum - (double) pos * ((double) pos + 1) / 2.0)
         / ((double) pos * (double) (m - pos));
}

void
seg_binary_metrics (const double     *probability,
                    const guint8     *y,
                    const gboolean   *mask,
                    gsize             n,
                    double            threshold,
                    SegBinaryMetrics *out)
{
  gsize total;

  g_return_if_fail (out != NULL);
  g_return_if_fail (n == 0 || (probability != NULL && y != NULL));

  memset (out, 0, sizeof *out);
  for (gsize i = 0; i < n; i++)
    {
      gboolean predicted;

      if (mask != NULL && !mask[i])
        continue;
      predicted = probability[i] > threshold;
      if (y[i] && predicted)
        out->tp++;
      else if (y[i])
        out->fn++;
      else if (predicted)
        out->fp++;
      else
        out->tn++;
    }
  total = out->tn + out->fp + out->fn + out->tp;
  out->accuracy = total ? (double) (out->tp + out->tn) / (double) total : NAN;
  out->precision = out->tp + out->fp ? (double) out->tp / (double) (out->tp + out->fp) : NAN;
  out->recall = out->tp + out->fn ? (double) out->tp / (double) (out->tp + out->fn) : NAN;
  out->auc = seg_logistic_roc_auc (probability, y, mask, n);
}

/* The feature that alone separates the training classes, or -1. */
static gssize
separating_feature (const double   *x,
                    const guint8   *y,
                    const gboolean *is_test,
                    gsize           n,
                    gsize           p)
{
  for (gsize j = 0; j < p; j++)
    {
      double lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };

      for (gsize i = 0; i < n; i++)
        {
          int c = y[i] ? 1 : 0;

          if (is_test[i])
            continue;
          lo[c] = MIN (lo[c], x[i * p + j]);
          hi[c] = MAX (hi[c], x[i * p + j]);
        }
      if (hi[0] < lo[1] || hi[1] < lo[0])
        return (gssize) j;
    }
  return -1;
}

static char *
separation_warning (const double      *x,
                    const guint8      *y,
                    const gboolean    *is_test,
                    gsize              n,
                    gsize              p,
                    const char *const *names)
{
  gssize j = separating_feature (x, y, is_test, n, p);
  g_autofree char *what = NULL;

  if (j < 0)
    what = g_strdup (_("a combination of the features"));
  else if (names != NULL && names[j] != NULL)
    what = g_strdup_printf ("“%s”", names[j]);
  else
    what = g_strdup_printf (_("feature %zd"), j + 1);
  return g_strdup_printf (_("The classes are perfectly separated by %s; the model's accuracy says little."),
                          what);
}

SegLogisticResult *
seg_logistic_run (const double             *x,
                  const guint8             *y,
                  gsize                     n,
                  gsize                     n_features,
                  const char *const        *feature_names,
                  const SegLogisticOptions *options,
                  GError                  **error)
{
  g_autoptr(SegLogisticResult) result = NULL;
  g_autofree gsize *train = NULL;
  gsize n_train = 0;

  seg_engine_init ();
  g_return_val_if_fail (x != NULL && y != NULL && options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = g_new0 (SegLogisticResult, 1);
  train = g_new (gsize, MAX (n, 1));

  /* Every row gets a probability, so every row must be complete. */
  if (!check_inputs (x, y, n_features, NULL, n, error))
    return NULL;
  result->n = n;
  result->is_test = g_new0 (gboolean, MAX (n, 1));
  result->probability = g_new (double, MAX (n, 1));
  result->y = g_memdup2 (y, MAX (n, 1));
  if (!seg_logistic_split (y, n, options->test_fraction, options->seed, result->is_test, error))
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (!result->is_test[i])
      train[n_train++] = i;

  result->model = seg_logistic_fit (x, y, n, n_features, train, n_train,
                                    options->C, options->max_iter, error);
  if (result->model == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    result->probability[i] = seg_logistic_model_predict (result->model, x + i * n_features);
  if (result->model->separated)
    result->warning = separation_warning (x, y, result->is_test, n, n_features, feature_names);
  seg_logistic_result_set_threshold (result, options->threshold);
  return g_steal_pointer (&result);
}

void
seg_logistic_result_set_threshold (SegLogisticResult *result,
                                   double             threshold)
{
  g_autofree gboolean *is_train = NULL;

  g_return_if_fail (result != NULL);

  is_train = g_new (gboolean, MAX (result->n, 1));
  for (gsize i = 0; i < result->n; i++)
    is_train[i] = !result->is_test[i];
  result->threshold = threshold;
  seg_binary_metrics (result->probability, result->y, result->is_test, result->n,
                      threshold, &result->test);
  seg_binary_metrics (result->probability, result->y, is_train, result->n,
                      threshold, &result->train);
}

void
seg_logistic_result_free (SegLogisticResult *result)
{
  if (result == NULL)
    return;
  seg_logistic_model_free (result->model);
  g_free (result->probability);
  g_free (result->is_test);
  g_free (result->y);
  g_free (result->warning);
  g_free (result);
}
