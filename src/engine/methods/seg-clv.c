/* seg-clv.c — transactions → lifetimes summary, and customer lifetime value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary follows lifetimes' summary_data_from_transaction_data with
 * freq="D" (and freq_multiplier=7 for weeks): timestamps are floored to the
 * day, transactions after the observation end are dropped, each (customer,
 * day) becomes one purchase period whose amounts are summed; frequency =
 * periods − 1, recency = last − first period, T = end − first period, and
 * monetary = the mean of the period sums after the first period (0 when there
 * is none — the first purchase never counts, unlike "total ÷ purchases").
 * Note that weeks here are day counts ÷ 7, not calendar-week periods
 * (lifetimes freq="W").
 */
#define G_LOG_DOMAIN "seg-clv"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "seg-clv.h"
#include "seg-clv-private.h"
#include "seg-engine.h"
#include "seg-error.h"

typedef struct
{
  gsize  customer;
  double day;
  double amount;
} Txn;

struct _SegClvAccumulator
{
  gsize   n_customers;
  GArray *txns;
};

/* ---- optimiser shared by the two fits ---- */

#define MAX_DIM 8

/* The gradient (max |∂f/∂θ|) at which BFGS hands over to Newton's method:
 * small enough that the Hessian is positive definite near there, large
 * enough that BFGS has not yet started crawling (on 100k customers it takes
 * a dozen iterations to get here, then a few hundred to reach 1e-7). */
#define NEWTON_FROM 1e-3

typedef struct
{
  SegClvObjective func;
  gpointer        data;
} Wrapped;

static double
wrapped_f (const gsl_vector *v,
           void             *params)
{
  const Wrapped *w = params;
  double f = w->func (gsl_vector_const_ptr (v, 0), NULL, w->data);

  return isfinite (f) ? f : GSL_POSINF;
}

static void
wrapped_df (const gsl_vector *v,
            void             *params,
            gsl_vector       *g)
{
  const Wrapped *w = params;

  w->func (gsl_vector_const_ptr (v, 0), gsl_vector_ptr (g, 0), w->data);
}

static void
wrapped_fdf (const gsl_vector *v,
             void             *params,
             double           *f,
             gsl_vector       *g)
{
  const Wrapped *w = params;

  *f = w->func (gsl_vector_const_ptr (v, 0), gsl_vector_ptr (g, 0), w->data);
}

/* max |g_k|; infinite when one is not finite. */
static double
max_abs (const double *g,
         gsize         dim)
{
  double m = 0.0;

  for (gsize k = 0; k < dim; k++)
    m = isfinite (g[k]) ? MAX (m, fabs (g[k])) : INFINITY;
  return m;
}

static double
grad_norm (SegClvObjective func,
           gpointer        data,
           const double   *theta,
           gsize           dim)
{
  double g[MAX_DIM];

  g_assert (dim <= G_N_ELEMENTS (g));
  func (theta, g, data);
  return max_abs (g, dim);
}

static void
run_bfgs (Wrapped *w,
          double  *theta,
          gsize    dim,
          guint   *iter,
          guint    max_iter,
          double   gtol)
{
  gsl_multimin_function_fdf fdf = { wrapped_f, wrapped_df, wrapped_fdf, dim, w };
  gsl_multimin_fdfminimizer *s = gsl_multimin_fdfminimizer_alloc (gsl_multimin_fdfminimizer_vector_bfgs2, dim);
  gsl_vector_view x0 = gsl_vector_view_array (theta, dim);

  gsl_multimin_fdfminimizer_set (s, &fdf, &x0.vector, 0.1, 0.1);
  while (*iter < max_iter)
    {
      (*iter)++;
      if (gsl_multimin_fdfminimizer_iterate (s) != GSL_SUCCESS)
        break;
      if (gsl_multimin_test_gradient (s->gradient, gtol) == GSL_SUCCESS
          && gsl_vector_max (s->gradient) < gtol && -gsl_vector_min (s->gradient) < gtol)
        break;
    }
  if (isfinite (s->f))
    memcpy (theta, gsl_vector_const_ptr (s->x, 0), dim * sizeof (double));
  gsl_multimin_fdfminimizer_free (s);
}

static void
run_simplex (Wrapped *w,
             double  *theta,
             gsize    dim,
             guint   *iter,
             guint    max_iter)
{
  gsl_multimin_function fn = { wrapped_f, dim, w };
  gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc (gsl_multimin_fminimizer_nmsimplex2, dim);
  gsl_vector_view x0 = gsl_vector_view_array (theta, dim);
  gsl_vector *step = gsl_vector_alloc (dim);
  guint stop = MIN (max_iter, *iter + 500);

  gsl_vector_set_all (step, 0.5);
  gsl_multimin_fminimizer_set (s, &fn, &x0.vector, step);
  while (*iter < stop)
    {
      (*iter)++;
      if (gsl_multimin_fminimizer_iterate (s) != GSL_SUCCESS
          || gsl_multimin_test_size (gsl_multimin_fminimizer_size (s), 1e-10) == GSL_SUCCESS)
        break;
    }
  memcpy (theta, gsl_vector_const_ptr (s->x, 0), dim * sizeof (double));
  gsl_vector_free (step);
  gsl_multimin_fminimizer_free (s);
}

/* The Hessian at @theta (gradient @g) from forward differences of the
 * analytic gradient, symmetrised; FALSE when it is not finite. */
static gboolean
hessian (SegClvObjective func,
         gpointer        data,
         const double   *theta,
         const double   *g,
         gsize           dim,
         double         *H)
{
  double t[MAX_DIM], gh[MAX_DIM];

  for (gsize j = 0; j < dim; j++)
    {
      double h;

      memcpy (t, theta, dim * sizeof (double));
      t[j] += 1e-6 * MAX (1.0, fabs (theta[j]));
      h = t[j] - theta[j];
      func (t, gh, data);
      for (gsize i = 0; i < dim; i++)
        H[i * dim + j] = (gh[i] - g[i]) / h;
    }
  for (gsize i = 0; i < dim; i++)
    for (gsize j = 0; j < i; j++)
      H[i * dim + j] = H[j * dim + i] = 0.5 * (H[i * dim + j] + H[j * dim + i]);
  return isfinite (max_abs (H, dim * dim));
}

/* Solves (H + λ diag |H|) s = −g by Cholesky; FALSE when the matrix is not
 * positive definite. */
static gboolean
damped_step (const double *H,
             double        lambda,
             const double *g,
             gsize         dim,
             double       *s)
{
  double L[MAX_DIM * MAX_DIM];

  for (gsize i = 0; i < dim; i++)
    for (gsize j = 0; j <= i; j++)
      {
        double v = H[i * dim + j];

        if (i == j)
          v += lambda * MAX (fabs (v), 1e-12);
        for (gsize k = 0; k < j; k++)
          v -= L[i * dim + k] * L[j * dim + k];
        if (i == j)
          {
            if (!(v > 0))
              return FALSE;
            L[i * dim + i] = sqrt (v);
          }
        else
          L[i * dim + j] = v / L[j * dim + j];
      }
  for (gsize i = 0; i < dim; i++)
    {
      double v = -g[i];

      for (gsize k = 0; k < i; k++)
        v -= L[i * dim + k] * s[k];
      s[i] = v / L[i * dim + i];
    }
  for (gsize i = dim; i-- > 0;)
    {
      double v = s[i];

      for (gsize k = i + 1; k < dim; k++)
        v -= L[k * dim + i] * s[k];
      s[i] = v / L[i * dim + i];
    }
  return TRUE;
}

/* Newton's method, damped (Levenberg–Marquardt) while the Hessian is not
 * positive definite or a step does not lower f.  BFGS crawls for hundreds of
 * iterations along the curved, nearly flat valleys of these likelihoods
 * (BG/NBD's a and b, Gamma-Gamma's q and v); with at most a handful of
 * parameters a Hessian costs as many gradients, and Newton converges in a
 * few steps. */
static void
run_newton (SegClvObjective func,
            gpointer        data,
            double         *theta,
            gsize           dim,
            guint          *iter,
            guint           max_iter,
            double          gtol)
{
  double g[MAX_DIM], H[MAX_DIM * MAX_DIM], f, lambda = 0.0;

  g_assert (dim <= MAX_DIM);
  f = func (theta, g, data);
  while (*iter < max_iter && isfinite (f) && max_abs (g, dim) >= gtol)
    {
      gboolean moved = FALSE;

      (*iter)++;
      if (!hessian (func, data, theta, g, dim, H))
        break;
      for (int tries = 0; tries < 16; tries++)
        {
          double s[MAX_DIM], trial[MAX_DIM], gt[MAX_DIM], ft;

          if (damped_step (H, lambda, g, dim, s))
            {
              for (gsize k = 0; k < dim; k++)
                trial[k] = theta[k] + s[k];
              ft = func (trial, gt, data);
              /* Near the optimum f changes by less than its rounding error;
               * there a step that shrinks the gradient counts as progress. */
              if (isfinite (ft) && isfinite (max_abs (gt, dim))
                  && (ft < f || (ft <= f + 1e-13 * fabs (f) && max_abs (gt, dim) < max_abs (g, dim))))
                {
                  memcpy (theta, trial, dim * sizeof (double));
                  memcpy (g, gt, dim * sizeof (double));
                  f = ft;
                  moved = TRUE;
                  lambda = lambda > 1e-6 ? lambda * 0.1 : 0.0;
                  break;
                }
            }
          lambda = lambda > 0 ? lambda * 10.0 : 1e-4;
        }
      if (!moved)
        break;
    }
}

gboolean
seg_clv_minimise (SegClvObjective func,
                  gpointer        data,
                  double         *theta,
                  gsize           dim,
                  guint           max_iter,
                  double          gtol,
                  guint          *iterations)
{
  Wrapped w = { func, data };
  guint iter = 0;
  gboolean ok = FALSE;
  double previous = INFINITY;

  seg_engine_init ();
  for (int round = 0; round < 4 && !ok && iter < max_iter; round++)
    {
      double g;

      if (round > 0)
        run_simplex (&w, theta, dim, &iter, max_iter);
      /* BFGS for the way down (as lifetimes), Newton for the valley floor;
       * Newton is asked for more than @gtol because a few more digits cost
       * one step and make the result independent of where BFGS stopped */
      run_bfgs (&w, theta, dim, &iter, max_iter, NEWTON_FROM);
      run_newton (func, data, theta, dim, &iter, max_iter, gtol * 0.01);
      g = grad_norm (func, data, theta, dim);
      ok = g < gtol;
      /* a restart that does not halve the gradient has hit the precision
       * floor; more restarts only cost time */
      if (!(g < 0.5 * previous))
        break;
      previous = g;
    }
  /* The search may stop a hair short when f runs out of precision. */
  if (!ok)
    ok = grad_norm (func, data, theta, dim) < 100 * gtol;
  for (gsize k = 0; k < dim; k++)
    ok = ok && isfinite (theta[k]) && fabs (theta[k]) < 30.0;
  if (iterations != NULL)
    *iterations = iter;
  return ok;
}

/* ---- summary ---- */

void
seg_clv_summary_free (SegClvSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->frequency);
  g_free (summary->recency);
  g_free (summary->T);
  g_free (summary->monetary);
  g_free (summary);
}

SegClvAccumulator *
seg_clv_accumulator_new (gsize n_customers)
{
  SegClvAccumulator *acc = g_new0 (SegClvAccumulator, 1);

  acc->n_customers = n_customers;
  acc->txns = g_array_new (FALSE, FALSE, sizeof (Txn));
  return acc;
}

void
seg_clv_accumulator_free (SegClvAccumulator *acc)
{
  if (acc == NULL)
    return;
  g_array_unref (acc->txns);
  g_free (acc);
}

void
seg_clv_accumulator_add (SegClvAccumulator *acc,
                         gsize              customer,
                         double             day,
                         double             amount)
{
  Txn t = { customer, floor (day), amount };

  g_return_if_fail (acc != NULL);
  g_return_if_fail (customer < acc->n_customers);

  if (!isfinite (day))
    return;
  g_array_append_val (acc->txns, t);
}

/* By day, then amount (NAN last), so that same-day amounts are summed in
 * an order that depends on neither the row order nor the sort algorithm. */
static int
compare_day_amount (gconstpointer a,
                    gconstpointer b)
{
  const Txn *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (isnan (x->amount) || isnan (y->amount))
    return isnan (x->amount) - isnan (y->amount);
  return x->amount < y->amount ? -1 : (x->amount > y->amount ? 1 : 0);
}

/* Most customers have a handful of transactions, for which an insertion
 * sort beats a qsort call.  Transactions that compare equal are identical in
 * day and amount, so every algorithm gives the same sums. */
static void
sort_customer (Txn   *txns,
               gsize  n)
{
  if (n > 32)
    {
      qsort (txns, n, sizeof (Txn), compare_day_amount);
      return;
    }
  for (gsize i = 1; i < n; i++)
    {
      Txn t = txns[i];
      gsize j = i;

      for (; j > 0 && compare_day_amount (&txns[j - 1], &t) > 0; j--)
        txns[j] = txns[j - 1];
      txns[j] = t;
    }
}

/* The transactions grouped by customer, in input order within a customer;
 * customer c's are sorted[start[c] .. start[c + 1]).  The customers are
 * dense indexes, so a counting sort does in two passes what a general sort
 * of millions of rows did in most of the summary's time. */
static Txn *
group_by_customer (const Txn *txns,
                   gsize      n,
                   gsize      n_customers,
                   gsize     *start)
{
  Txn *sorted = g_new (Txn, MAX (n, 1));
  g_autofree gsize *next = g_new0 (gsize, n_customers + 1);

  for (gsize k = 0; k < n; k++)
    next[txns[k].customer + 1]++;
  for (gsize c = 0; c < n_customers; c++)
    next[c + 1] += next[c];
  memcpy (start, next, (n_customers + 1) * sizeof (gsize));
  for (gsize k = 0; k < n; k++)
    sorted[next[txns[k].customer]++] = txns[k];
  return sorted;
}

static SegClvSummary *
summary_new (gsize       n,
             SegTimeUnit unit,
             double      end)
{
  SegClvSummary *s = g_new0 (SegClvSummary, 1);

  s->n = n;
  s->unit = unit;
  s->observation_end = end;
  s->frequency = g_new (double, MAX (n, 1));
  s->recency = g_new (double, MAX (n, 1));
  s->T = g_new (double, MAX (n, 1));
  s->monetary = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    s->frequency[i] = s->recency[i] = s->T[i] = s->monetary[i] = NAN;
  return s;
}

/* One customer's sorted transactions txns[from..to). */
static void
summarise_customer (SegClvSummary *s,
                    const Txn     *txns,
                    gsize          from,
                    gsize          to,
                    double         unit_days)
{
  gsize c = txns[from].customer;
  double first = txns[from].day, last = first;
  double repeat_sum = 0.0;
  gsize periods = 1;

  for (gsize k = from + 1; k < to; k++)
    {
      if (txns[k].day != last)
        {
          periods++;
          last = txns[k].day;
        }
      if (txns[k].day != first && !isnan (txns[k].amount))
        repeat_sum += txns[k].amount;
    }
  s->frequency[c] = (double) (periods - 1);
  s->recency[c] = (last - first) / unit_days;
  s->T[c] = (s->observation_end - first) / unit_days;
  s->monetary[c] = periods > 1 ? repeat_sum / (double) (periods - 1) : 0.0;
}

SegClvSummary *
seg_clv_accumulator_finish (SegClvAccumulator *acc,
                            double             observation_end,
                            SegTimeUnit        unit,
                            GError           **error)
{
  Txn *txns;
  g_autofree Txn *sorted = NULL;
  g_autofree gsize *start = NULL;
  gsize n, kept = 0;
  double end = floor (observation_end);
  SegClvSummary *s;

  g_return_val_if_fail (acc != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  txns = (Txn *) (void *) acc->txns->data;
  n = acc->txns->len;
  if (isnan (end))
    {
      end = -INFINITY;
      for (gsize k = 0; k < n; k++)
        end = MAX (end, txns[k].day);
    }
  for (gsize k = 0; k < n; k++)
    if (txns[k].day <= end)
      txns[kept++] = txns[k];
  g_array_set_size (acc->txns, kept);
  if (kept == 0)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("There are no transactions on or before the end of the observation period."));
      return NULL;
    }

  start = g_new (gsize, acc->n_customers + 1);
  sorted = group_by_customer (txns, kept, acc->n_customers, start);
  s = summary_new (acc->n_customers, unit, end);
  for (gsize c = 0; c < acc->n_customers; c++)
    {
      if (start[c] == start[c + 1])
        continue;
      sort_customer (sorted + start[c], start[c + 1] - start[c]);
      summarise_customer (s, sorted, start[c], start[c + 1], unit == SEG_TIME_UNIT_WEEKS ? 7.0 : 1.0);
    }
  return s;
}

SegClvSummary *
seg_clv_summary_from_transactions (const gsize  *customer,
                                   const double *day,
                                   const double *amount,
                                   gsize         n_transactions,
                                   gsize         n_customers,
                                   double        observation_end,
                                   SegTimeUnit   unit,
                                   GError      **error)
{
  g_autoptr(SegClvAccumulator) acc = NULL;

  g_return_val_if_fail (n_transactions == 0 || (customer != NULL && day != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  acc = seg_clv_accumulator_new (n_customers);

  /* one allocation instead of ~25 doublings for 10M transactions */
  g_array_set_size (acc->txns, n_transactions);
  g_array_set_size (acc->txns, 0);
  for (gsize k = 0; k < n_transactions; k++)
    seg_clv_accumulator_add (acc, customer[k], day[k], amount ? amount[k] : 0.0);
  return seg_clv_accumulator_finish (acc, observation_end, unit, error);
}

/* ---- lifetime value ---- */

double
seg_clv_month_factor (SegTimeUnit unit)
{
  return unit == SEG_TIME_UNIT_WEEKS ? 4.345 : 30.0;
}

double
seg_clv_discounted (const SegBgnbdParams      *bgnbd,
                    const SegGammaGammaParams *gamma_gamma,
                    double                     frequency,
                    double                     recency,
                    double                     T,
                    double                     monetary,
                    guint                      months,
                    double                     monthly_discount,
                    SegTimeUnit                unit)
{
  double f = seg_clv_month_factor (unit);
  double spend, clv = 0.0, previous = 0.0;

  g_return_val_if_fail (bgnbd != NULL && gamma_gamma != NULL, NAN);

  spend = seg_gamma_gamma_expected_spend (gamma_gamma, frequency, monetary);
  for (guint i = 1; i <= months; i++)
    {
      double e = seg_bgnbd_expected_purchases (bgnbd, i * f, frequency, recency, T);

      clv += spend * (e - previous) / pow (1.0 + monthly_discount, i);
      previous = e;
    }
  return clv;
}

double
seg_clv_historical (double total_spent)
{
  return total_spent;
}

double
seg_clv_rfm_proxy (double total_spent,
                   double txn_count,
                   double recency_days)
{
  return total_spent * txn_count / (recency_days + 1.0);
}

double
seg_clv_penalised (SegClvLogLik  loglik,
                   gpointer      data,
                   double        n,
                   double        penalizer,
                   const double *theta,
                   double       *grad,
                   gsize         dim)
{
  double p[4] = { 0, 0, 0, 0 }, g[4] = { 0, 0, 0, 0 };
  double ll, pen = 0.0;

  g_return_val_if_fail (dim <= 4, NAN);

  for (gsize k = 0; k < dim; k++)
    {
      p[k] = exp (theta[k]);
      pen += p[k] * p[k];
    }
  ll = loglik (data, p, grad ? g : NULL);
  if (grad != NULL)
    for (gsize k = 0; k < dim; k++)
      grad[k] = -g[k] * p[k] / n + 2.0 * penalizer * p[k] * p[k];
  return -ll / n + penalizer * pen;
}
