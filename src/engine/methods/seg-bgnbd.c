/* seg-bgnbd.c — the BG/NBD purchase model (Fader, Hardie & Lee 2005)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Log-likelihood per customer (x, t_x, T):
 *   lnΓ(r+x) − lnΓ(r) + r ln α + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *   + ln[(α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x)]   (log-sum-exp).
 * The fit mirrors lifetimes' BetaGeoFitter: parameters are optimised as
 * logarithms from 0.1, time is divided by the largest T (alpha is scaled back
 * afterwards), and the objective is the mean negative log-likelihood plus
 * penalizer · Σ params².
 *
 * The fit evaluates the likelihood a thousand times or more, so it is
 * arranged to be cheap (a 100k-customer fit took a minute when every
 * evaluation called lnΓ and ψ per customer).  Customers are reduced once to
 * their distinct (x, t_x, T) tuples with a count; the Γ and ψ terms depend on
 * x alone and are tabulated per evaluation over the distinct x, by the
 * recurrences lnΓ(y+1) = lnΓ(y) + ln y and ψ(y+1) = ψ(y) + 1/y where the x
 * are consecutive; ln(α+t) is tabulated over the distinct times (day data
 * has a few hundred).  What is left per tuple is one log-sum-exp.  The tuples
 * are sorted and cut into blocks of a fixed size whose partial sums are added
 * in block order, so the result does not depend on the row order or on the
 * number of threads.
 *
 * E[X(t) | x, t_x, T] needs (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) with
 * z = t / (α+T+t).  We use Euler's transformation, under which it equals
 * (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z): small upper parameters, so the
 * series neither overflows for frequent buyers nor needs lifetimes' switch
 * when the plain ₂F₁ becomes infinite.
 */
#define G_LOG_DOMAIN "seg-bgnbd"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_hyperg.h>
#include <gsl/gsl_sf_psi.h>

#include "seg-bgnbd.h"
#include "seg-clv-private.h"
#include "seg-engine.h"
#include "seg-error.h"
#include "seg-matrix.h"
#include "seg-parallel.h"

#define MIN_CUSTOMERS 10

/* Tuples per parallel block: large enough that a block outweighs handing it
 * to a thread, small enough that two threads share ~100k tuples evenly. */
#define BLOCK_TUPLES 4096

/* Beyond this gap between two distinct frequencies, lnΓ and ψ are evaluated
 * directly instead of stepping the recurrence through the gap. */
#define MAX_RECURRENCE_GAP 64

typedef struct
{
  guint  ix;         /* into Data.xs */
  guint  it_x, iT;   /* into Data.times; it_x is unused when x = 0 */
  double weight;     /* customers with this tuple */
} Tuple;

typedef struct
{
  double ll, g[4];
} Partial;

typedef struct
{
  /* the data, fixed for a fit */
  double  *xs;          /* distinct frequencies, ascending */
  double  *x_weight;    /* customers per distinct frequency */
  guint    n_xs;
  double  *times;       /* distinct t_x (of x > 0) and T, scaled, ascending */
  guint    n_times;
  Tuple   *tuples;      /* sorted by (x, T, t_x) */
  guint    n_tuples;
  double   n;           /* customers */
  double   penalizer;

  /* scratch of one evaluation: the parameters, the tables and the partial
   * sums of the blocks */
  double   p[4];
  gboolean want_grad;
  double  *x_ll;        /* lnΓ(r+x) − lnΓ(r) + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x) */
  double  *x_log_odds;  /* ln a − ln(b+x−1) for x > 0 */
  double  *x_inv_b;     /* 1/(b+x−1) for x > 0 */
  double  *x_psi_r;     /* ψ(r+x) − ψ(r) */
  double  *x_psi_b;     /* ψ(b+x) − ψ(b) */
  double  *x_psi_ab;    /* ψ(a+b+x) − ψ(a+b) */
  double  *t_log;       /* ln(α+t) */
  double  *t_inv;       /* 1/(α+t) */
  Partial *partials;
} Data;

typedef struct
{
  double x, t_x, T;
} Row;

void
seg_bgnbd_options_init (SegBgnbdOptions *options)
{
  g_return_if_fail (options != NULL);
  options->penalizer = 0.0;
  options->max_iter = 2000;
}

/* ---- the customers as weighted tuples ---- */

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *u = a, *v = b;

  if (u->x != v->x)
    return u->x < v->x ? -1 : 1;
  if (u->T != v->T)
    return u->T < v->T ? -1 : 1;
  return u->t_x < v->t_x ? -1 : (u->t_x > v->t_x ? 1 : 0);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double u = *(const double *) a, v = *(const double *) b;

  return u < v ? -1 : (u > v ? 1 : 0);
}

/* Sorts @v and drops repeats; returns the new length. */
static guint
sort_unique (double *v,
             gsize   n)
{
  guint m = 0;

  qsort (v, n, sizeof (double), compare_doubles);
  for (gsize i = 0; i < n; i++)
    if (m == 0 || v[i] != v[m - 1])
      v[m++] = v[i];
  return m;
}

static guint
find_time (const Data *d,
           double      t)
{
  const double *hit = bsearch (&t, d->times, d->n_times, sizeof (double), compare_doubles);

  g_assert (hit != NULL);
  return (guint) (hit - d->times);
}

static void
data_free (Data *d)
{
  g_free (d->xs);
  g_free (d->x_weight);
  g_free (d->times);
  g_free (d->tuples);
  g_free (d->x_ll);
  g_free (d->x_log_odds);
  g_free (d->x_inv_b);
  g_free (d->x_psi_r);
  g_free (d->x_psi_b);
  g_free (d->x_psi_ab);
  g_free (d->t_log);
  g_free (d->t_inv);
  g_free (d->partials);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Data, data_free)

/* The distinct tuples of (x, t_x · @scale, T · @scale).  Sorting makes the
 * tuple order, and so every sum over it, independent of the row order; the
 * recency of x = 0 is not used and is set to 0 so it never splits a tuple. */
static Data *
data_new (const double *x,
          const double *t_x,
          const double *T,
          gsize         n,
          double        scale)
{
  Data *d = g_new0 (Data, 1);
  g_autofree Row *rows = g_new (Row, MAX (n, 1));
  g_autofree double *times = g_new (double, 2 * MAX (n, 1));
  gsize n_times = 0;

  for (gsize i = 0; i < n; i++)
    rows[i] = (Row) { x[i], x[i] > 0 ? t_x[i] * scale : 0.0, T[i] * scale };
  qsort (rows, n, sizeof (Row), compare_rows);

  d->n = (double) n;
  d->tuples = g_new (Tuple, MAX (n, 1));
  d->xs = g_new (double, MAX (n, 1));
  d->x_weight = g_new0 (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      Tuple *u;

      if (d->n_xs == 0 || rows[i].x != d->xs[d->n_xs - 1])
        d->xs[d->n_xs++] = rows[i].x;
      d->x_weight[d->n_xs - 1] += 1.0;
      if (d->n_tuples > 0 && compare_rows (&rows[i], &rows[d->n_tuples - 1]) == 0)
        {
          d->tuples[d->n_tuples - 1].weight += 1.0;
          continue;
        }
      /* rows[k] becomes tuple k's row, for the time indexes below */
      rows[d->n_tuples] = rows[i];
      u = &d->tuples[d->n_tuples++];
      u->ix = d->n_xs - 1;
      u->weight = 1.0;
      times[n_times++] = rows[i].T;
      if (rows[i].x > 0)
        times[n_times++] = rows[i].t_x;
    }
  d->tuples = g_renew (Tuple, d->tuples, MAX (d->n_tuples, 1));
  d->xs = g_renew (double, d->xs, MAX (d->n_xs, 1));
  d->x_weight = g_renew (double, d->x_weight, MAX (d->n_xs, 1));
  d->n_times = sort_unique (times, n_times);
  d->times = g_memdup2 (times, MAX (d->n_times, 1) * sizeof (double));
  for (guint k = 0; k < d->n_tuples; k++)
    {
      d->tuples[k].iT = find_time (d, rows[k].T);
      d->tuples[k].it_x = rows[k].x > 0 ? find_time (d, rows[k].t_x) : 0;
    }

  d->x_ll = g_new (double, MAX (d->n_xs, 1));
  d->x_log_odds = g_new (double, MAX (d->n_xs, 1));
  d->x_inv_b = g_new (double, MAX (d->n_xs, 1));
  d->x_psi_r = g_new (double, MAX (d->n_xs, 1));
  d->x_psi_b = g_new (double, MAX (d->n_xs, 1));
  d->x_psi_ab = g_new (double, MAX (d->n_xs, 1));
  d->t_log = g_new (double, MAX (d->n_times, 1));
  d->t_inv = g_new (double, MAX (d->n_times, 1));
  d->partials = g_new (Partial, MAX (seg_parallel_n_blocks (d->n_tuples, BLOCK_TUPLES), 1));
  return d;
}

/* ---- one evaluation ---- */

/* The terms that depend on x alone, for every distinct x.  Between
 * consecutive frequencies the recurrences add ln(r+j), −ln(1 + a/(b+j)) and
 * 1/(y+j); the second keeps lnΓ(b+x) − lnΓ(a+b+x), a small difference of
 * large numbers for frequent buyers, accurate. */
static void
fill_x_tables (Data *d)
{
  double r = d->p[0], a = d->p[2], b = d->p[3];
  double lr = 0, lb = 0, pr = 0, pb = 0, pab = 0, prev = -1;

  for (guint k = 0; k < d->n_xs; k++)
    {
      double x = d->xs[k], gap = x - prev;

      if (x == 0)
        lr = lb = pr = pb = pab = 0.0;
      else if (prev >= 0 && gap == floor (gap) && gap <= MAX_RECURRENCE_GAP)
        for (double j = prev; j < x; j += 1.0)
          {
            lr += log (r + j);
            lb -= log1p (a / (b + j));
            if (d->want_grad)
              {
                pr += 1.0 / (r + j);
                pb += 1.0 / (b + j);
                pab += 1.0 / (a + b + j);
              }
          }
      else
        {
          lr = gsl_sf_lngamma (r + x) - gsl_sf_lngamma (r);
          lb = gsl_sf_lngamma (a + b) + gsl_sf_lngamma (b + x) - gsl_sf_lngamma (b)
               - gsl_sf_lngamma (a + b + x);
          if (d->want_grad)
            {
              pr = gsl_sf_psi (r + x) - gsl_sf_psi (r);
              pb = gsl_sf_psi (b + x) - gsl_sf_psi (b);
              pab = gsl_sf_psi (a + b + x) - gsl_sf_psi (a + b);
            }
        }
      prev = x;
      d->x_ll[k] = lr + lb;
      d->x_log_odds[k] = x > 0 ? log (a) - log (b + x - 1.0) : -INFINITY;
      d->x_inv_b[k] = x > 0 ? 1.0 / (b + x - 1.0) : 0.0;
      d->x_psi_r[k] = pr;
      d->x_psi_b[k] = pb;
      d->x_psi_ab[k] = pab;
    }
}

/* Tuples [start, end): Σ weight · ln[(α+T)^−(r+x) + a/(b+x−1) (α+t_x)^−(r+x)]
 * and the tuple-dependent parts of the gradient, in terms of the weights
 * w3, w4 of the two terms (w3 + w4 = 1). */
static void
tuple_block (guint    block,
             guint    start,
             guint    end,
             gpointer user_data)
{
  const Data *d = user_data;
  double r = d->p[0];
  Partial s = { 0, { 0, 0, 0, 0 } };

  for (guint k = start; k < end; k++)
    {
      const Tuple *u = &d->tuples[k];
      double x = d->xs[u->ix], rx = r + x, w = u->weight;
      double lT = d->t_log[u->iT], a3 = -rx * lT;
      double lt, a4, diff, e, inv, w3, w4;

      if (x == 0)
        {
          /* (α+T)^−r alone: w3 = 1 */
          s.ll += w * a3;
          if (d->want_grad)
            {
              s.g[0] += w * lT;
              s.g[1] += w * rx * d->t_inv[u->iT];
            }
          continue;
        }
      lt = d->t_log[u->it_x];
      a4 = d->x_log_odds[u->ix] - rx * lt;
      diff = a4 - a3;
      /* log rather than log1p: the error of 1 + e is at most 1e-16 in
       * absolute terms, far below that of the larger term it is added to,
       * and log is several times faster */
      e = exp (-fabs (diff));
      s.ll += w * (MAX (a3, a4) + log (1.0 + e));
      if (!d->want_grad)
        continue;
      inv = 1.0 / (1.0 + e);
      w3 = diff > 0 ? e * inv : inv;
      w4 = diff > 0 ? inv : e * inv;
      s.g[0] += w * (w3 * lT + w4 * lt);
      s.g[1] += w * rx * (w3 * d->t_inv[u->iT] + w4 * d->t_inv[u->it_x]);
      s.g[2] += w * w4;
      s.g[3] += w * w4 * d->x_inv_b[u->ix];
    }
  d->partials[block] = s;
}

/* The total log-likelihood at (r, α, a, b) = @p on the (scaled) data, and
 * with @grad its gradient in (r, α, a, b). */
static double
evaluate (Data         *d,
          const double  p[4],
          double       *grad)
{
  double r = p[0], alpha = p[1], a = p[2];
  double ll = 0.0, g[4] = { 0, 0, 0, 0 };
  guint n_blocks = seg_parallel_n_blocks (d->n_tuples, BLOCK_TUPLES);

  memcpy (d->p, p, sizeof d->p);
  d->want_grad = grad != NULL;
  fill_x_tables (d);
  for (guint k = 0; k < d->n_times; k++)
    {
      d->t_log[k] = log (alpha + d->times[k]);
      d->t_inv[k] = 1.0 / (alpha + d->times[k]);
    }
  seg_parallel_blocks (d->n_tuples, BLOCK_TUPLES, tuple_block, d);

  for (guint b = 0; b < n_blocks; b++)
    {
      ll += d->partials[b].ll;
      for (int k = 0; k < 4; k++)
        g[k] += d->partials[b].g[k];
    }
  for (guint k = 0; k < d->n_xs; k++)
    ll += d->x_weight[k] * d->x_ll[k];
  ll += d->n * r * log (alpha);
  if (grad == NULL)
    return ll;

  grad[0] = d->n * log (alpha) - g[0];
  grad[1] = d->n * r / alpha - g[1];
  grad[2] = g[2] / a;
  grad[3] = -g[3];
  for (guint k = 0; k < d->n_xs; k++)
    {
      grad[0] += d->x_weight[k] * d->x_psi_r[k];
      grad[2] -= d->x_weight[k] * d->x_psi_ab[k];
      grad[3] += d->x_weight[k] * (d->x_psi_b[k] - d->x_psi_ab[k]);
    }
  return ll;
}

/* Mean negative log-likelihood + penalty over log-parameters. */
static double
loglik (gpointer      data,
        const double *params,
        double       *grad)
{
  return evaluate (data, params, grad);
}

static double
objective (const double *theta,
           double       *grad,
           gpointer      user_data)
{
  Data *d = user_data;

  return seg_clv_penalised (loglik, d, d->n, d->penalizer, theta, grad, 4);
}
static gboolean
check_inputs (const double *x,
              const double *t_x,
              const double *T,
              gsize         n,
              GError      **error)
{
  gsize repeat = 0;

  if (n < MIN_CUSTOMERS)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("Only %zu customers; the purchase model (BG/NBD) needs at least %d."),
                   n, MIN_CUSTOMERS);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (x[i]) || !isfinite (t_x[i]) || !isfinite (T[i])
          || x[i] < 0 || x[i] != floor (x[i]) || t_x[i] < 0 || t_x[i] > T[i]
          || (x[i] == 0 && t_x[i] != 0))
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("Customer %zu has an impossible summary (frequency %g, "
                         "recency %g, T %g): frequency must be a whole number ≥ 0, recency "
                         "between 0 and T, and 0 when frequency is 0."),
                       i + 1, x[i], t_x[i], T[i]);
          return FALSE;
        }
      repeat += x[i] > 0;
    }
  if (repeat == 0)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("No customer bought more than once, so the purchase model cannot be fitted."));
      return FALSE;
    }
  return TRUE;
}

gboolean
seg_bgnbd_fit (const double          *frequency,
               const double          *recency,
               const double          *T,
               gsize                  n,
               const SegBgnbdOptions *options,
               SegBgnbdParams        *params,
               GError               **error)
{
  SegBgnbdOptions defaults;
  g_autoptr(Data) d = NULL;
  double theta[4] = { 0.1, 0.1, 0.1, 0.1 };
  double p[4], max_t = 0.0, scale, sum_x = 0.0;

  seg_engine_init ();
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (n == 0 || (frequency && recency && T), FALSE);
  g_return_val_if_fail (n <= G_MAXUINT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      seg_bgnbd_options_init (&defaults);
      options = &defaults;
    }
  if (!check_inputs (frequency, recency, T, n, error))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      max_t = MAX (max_t, T[i]);
      sum_x += frequency[i];
    }
  scale = max_t > 0 ? 1.0 / max_t : 1.0;
  d = data_new (frequency, recency, T, n, scale);
  d->penalizer = options->penalizer;

  if (!seg_clv_minimise (objective, d, theta, 4, options->max_iter, SEG_CLV_GTOL, &params->iterations))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_FAILED,
                   _("The purchase model (BG/NBD) did not converge in %u iterations: the "
                     "purchases may show no sign of customers dropping out. A longer history "
                     "or more customers usually help; so does a small penalizer (0.001)."),
                   options->max_iter);
      return FALSE;
    }
  for (int k = 0; k < 4; k++)
    p[k] = exp (theta[k]);
  params->r = p[0];
  params->alpha = p[1] / scale;
  params->a = p[2];
  params->b = p[3];
  /* Scaling time by s adds −x ln s to a customer's log-likelihood, so the
   * one on the caller's time unit needs no second pass over the data. */
  params->log_likelihood = evaluate (d, p, NULL) + log (scale) * sum_x;
  return TRUE;
}

double
seg_bgnbd_log_likelihood (const SegBgnbdParams *params,
                          double                x,
                          double                t_x,
                          double                T)
{
  const SegBgnbdParams *p = params;
  double l1, l2, a3, a4, m;

  g_return_val_if_fail (params != NULL, NAN);

  l1 = gsl_sf_lngamma (p->r + x) - gsl_sf_lngamma (p->r) + p->r * log (p->alpha);
  l2 = gsl_sf_lngamma (p->a + p->b) + gsl_sf_lngamma (p->b + x) - gsl_sf_lngamma (p->b)
       - gsl_sf_lngamma (p->a + p->b + x);
  a3 = -(p->r + x) * log (p->alpha + T);
  a4 = x > 0 ? log (p->a) - log (p->b + x - 1) - (p->r + x) * log (p->alpha + t_x) : -INFINITY;
  m = MAX (a3, a4);
  return l1 + l2 + m + log (exp (a3 - m) + exp (a4 - m));
}

double
seg_bgnbd_total_log_likelihood (const SegBgnbdParams *params,
                                const double         *frequency,
                                const double         *recency,
                                const double         *T,
                                gsize                 n,
                                double               *gradient)
{
  g_autoptr(Data) d = NULL;
  double p[4];

  g_return_val_if_fail (params != NULL, NAN);
  g_return_val_if_fail (n == 0 || (frequency && recency && T), NAN);
  g_return_val_if_fail (n <= G_MAXUINT, NAN);

  /* the sort and the time tables need comparable numbers */
  for (gsize i = 0; i < n; i++)
    if (!(frequency[i] >= 0) || !isfinite (frequency[i]) || !isfinite (T[i])
        || (frequency[i] > 0 && !isfinite (recency[i])))
      return NAN;
  p[0] = params->r;
  p[1] = params->alpha;
  p[2] = params->a;
  p[3] = params->b;
  d = data_new (frequency, recency, T, n, 1.0);
  return evaluate (d, p, gradient);
}

/* a/(b+x−1) · ((α+T)/(α+t_x))^(r+x), the odds of having dropped out. */
static double
dropout_odds (const SegBgnbdParams *p,
              double                x,
              double                t_x,
              double                T)
{
  if (x <= 0)
    return 0.0;
  return exp (log (p->a) - log (p->b + x - 1)
              + (p->r + x) * (log (p->alpha + T) - log (p->alpha + t_x)));
}

double
seg_bgnbd_p_alive (const SegBgnbdParams *params,
                   double                x,
                   double                t_x,
                   double                T)
{
  g_return_val_if_fail (params != NULL, NAN);
  return 1.0 / (1.0 + dropout_odds (params, x, t_x, T));
}

/* Σ (a)_k (b)_k / ((c)_k k!) z^k until the terms stop mattering. */
static double
hyp2f1_series (double a,
               double b,
               double c,
               double z)
{
  double term = 1.0, sum = 1.0;

  for (guint k = 0; k < 2000000; k++)
    {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
      sum += term;
      if (fabs (term) <= 1e-17 * fabs (sum) || term == 0.0)
        break;
    }
  return sum;
}

double
seg_bgnbd_hyp2f1 (double a,
                  double b,
                  double c,
                  double z)
{
  gsl_sf_result res;

  g_return_val_if_fail (z >= 0 && z < 1, NAN);

  /* The series is exact and quick for moderate z; near 1 try GSL's
   * transformations first and fall back to the (slow) series. */
  if (z <= 0.9)
    return hyp2f1_series (a, b, c, z);
  /* GSL's aborting handler is off (seg_engine_init); its status is checked here */
  seg_engine_init ();
  if (gsl_sf_hyperg_2F1_e (a, b, c, z, &res) == GSL_SUCCESS && isfinite (res.val)
      && fabs (res.err) <= 1e-10 * fabs (res.val))
    return res.val;
  return hyp2f1_series (a, b, c, z);
}

/* (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) through Euler's transformation. */
static double
scaled_hyp2f1 (const SegBgnbdParams *p,
               double                x,
               double                z)
{
  return pow (1.0 - z, p->a - 1.0)
         * seg_bgnbd_hyp2f1 (p->a + p->b - 1.0 - p->r, p->a - 1.0, p->a + p->b + x - 1.0, z);
}

double
seg_bgnbd_expected_purchases (const SegBgnbdParams *params,
                              double                t,
                              double                x,
                              double                t_x,
                              double                T)
{
  const SegBgnbdParams *p = params;
  double z, first;

  g_return_val_if_fail (params != NULL, NAN);

  if (t <= 0)
    return 0.0;
  z = t / (p->alpha + T + t);
  first = (p->a + p->b + x - 1.0) / (p->a - 1.0);
  return first * (1.0 - scaled_hyp2f1 (p, x, z)) / (1.0 + dropout_odds (p, x, t_x, T));
}

double
seg_bgnbd_expected_purchases_new (const SegBgnbdParams *params,
                                  double                t)
{
  const SegBgnbdParams *p = params;
  double z;

  g_return_val_if_fail (params != NULL, NAN);

  if (t <= 0)
    return 0.0;
  z = t / (p->alpha + t);
  return (p->a + p->b - 1.0) / (p->a - 1.0) * (1.0 - scaled_hyp2f1 (p, 0.0, z));
}
