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
 * E[X(t) | x, t_x, T] needs (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) with
 * z = t / (α+T+t).  We use Euler's transformation, under which it equals
 * (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z): small upper parameters, so the
 * series neither overflows for frequent buyers nor needs lifetimes' switch
 * when the plain ₂F₁ becomes infinite.
 */
#define G_LOG_DOMAIN "seg-bgnbd"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_hyperg.h>
#include <gsl/gsl_sf_psi.h>

#include "seg-bgnbd.h"
#include "seg-clv-private.h"
#include "seg-error.h"

#define MIN_CUSTOMERS 10

typedef struct
{
  const double *x, *t_x, *T;   /* t_x and T scaled */
  gsize         n;
  double        penalizer;
} Data;

void
seg_bgnbd_options_init (SegBgnbdOptions *options)
{
  g_return_if_fail (options != NULL);
  options->penalizer = 0.0;
  options->max_iter = 2000;
}

/* One customer's log-likelihood; with @g, adds its gradient in (r, α, a, b). */
static double
customer_ll (double  r,
             double  alpha,
             double  a,
             double  b,
             double  x,
             double  t_x,
             double  T,
             double *g)
{
  double a1 = gsl_sf_lngamma (r + x) - gsl_sf_lngamma (r) + r * log (alpha);
  double a2 = gsl_sf_lngamma (a + b) + gsl_sf_lngamma (b + x) - gsl_sf_lngamma (b)
              - gsl_sf_lngamma (a + b + x);
  double a3 = -(r + x) * log (alpha + T);
  double a4 = x > 0 ? log (a) - log (b + x - 1) - (r + x) * log (alpha + t_x) : -INFINITY;
  double m = MAX (a3, a4);
  double l = m + log (exp (a3 - m) + exp (a4 - m));

  if (g != NULL)
    {
      double w3 = exp (a3 - l), w4 = exp (a4 - l);
      double lt = x > 0 ? log (alpha + t_x) : 0.0;

      g[0] += gsl_sf_psi (r + x) - gsl_sf_psi (r) + log (alpha)
              - w3 * log (alpha + T) - w4 * lt;
      g[1] += r / alpha - w3 * (r + x) / (alpha + T) - w4 * (r + x) / (alpha + t_x);
      g[2] += gsl_sf_psi (a + b) - gsl_sf_psi (a + b + x) + w4 / a;
      g[3] += gsl_sf_psi (a + b) + gsl_sf_psi (b + x) - gsl_sf_psi (b)
              - gsl_sf_psi (a + b + x) - (x > 0 ? w4 / (b + x - 1) : 0.0);
    }
  return a1 + a2 + l;
}

/* Mean negative log-likelihood + penalty over log-parameters. */
static double
objective (const double *theta,
           double       *grad,
           gpointer      user_data)
{
  const Data *d = user_data;
  double p[4], g[4] = { 0, 0, 0, 0 };
  double ll = 0.0, pen = 0.0;

  for (int k = 0; k < 4; k++)
    {
      p[k] = exp (theta[k]);
      pen += p[k] * p[k];
    }
  for (gsize i = 0; i < d->n; i++)
    ll += customer_ll (p[0], p[1], p[2], p[3], d->x[i], d->t_x[i], d->T[i],
                       grad ? g : NULL);
  if (grad != NULL)
    for (int k = 0; k < 4; k++)
      grad[k] = -g[k] * p[k] / (double) d->n + 2.0 * d->penalizer * p[k] * p[k];
  return -ll / (double) d->n + d->penalizer * pen;
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
                   _("Only %" G_GSIZE_FORMAT " customers; the purchase model (BG/NBD) needs at least %d."),
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
                       _("Customer %" G_GSIZE_FORMAT " has an impossible summary (frequency %g, "
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
  g_autofree double *t_x = NULL, *age = NULL;
  double theta[4] = { 0.1, 0.1, 0.1, 0.1 };
  double max_t = 0.0, scale;
  Data d;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (n == 0 || (frequency && recency && T), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      seg_bgnbd_options_init (&defaults);
      options = &defaults;
    }
  if (!check_inputs (frequency, recency, T, n, error))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    max_t = MAX (max_t, T[i]);
  scale = max_t > 0 ? 1.0 / max_t : 1.0;
  t_x = g_new (double, n);
  age = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      t_x[i] = recency[i] * scale;
      age[i] = T[i] * scale;
    }
  d = (Data) { frequency, t_x, age, n, options->penalizer };

  if (!seg_clv_minimise (objective, &d, theta, 4, options->max_iter, SEG_CLV_GTOL, &params->iterations))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_FAILED,
                   _("The purchase model (BG/NBD) did not converge in %u iterations: the "
                     "purchases may show no sign of customers dropping out. A longer history "
                     "or more customers usually help; so does a small penalizer (0.001)."),
                   options->max_iter);
      return FALSE;
    }
  params->r = exp (theta[0]);
  params->alpha = exp (theta[1]) / scale;
  params->a = exp (theta[2]);
  params->b = exp (theta[3]);
  params->log_likelihood = 0.0;
  for (gsize i = 0; i < n; i++)
    params->log_likelihood += seg_bgnbd_log_likelihood (params, frequency[i], recency[i], T[i]);
  return TRUE;
}

double
seg_bgnbd_log_likelihood (const SegBgnbdParams *params,
                          double                x,
                          double                t_x,
                          double                T)
{
  g_return_val_if_fail (params != NULL, NAN);
  return customer_ll (params->r, params->alpha, params->a, params->b, x, t_x, T, NULL);
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
seg_hyp2f1 (double a,
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
         * seg_hyp2f1 (p->a + p->b - 1.0 - p->r, p->a - 1.0, p->a + p->b + x - 1.0, z);
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
