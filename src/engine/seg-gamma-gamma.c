/* seg-gamma-gamma.c — the Gamma-Gamma spend model (Fader, Hardie & Lee 2005)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Log-likelihood of a repeat customer (x purchases, mean spend m):
 *   lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm+v)
 * fitted like lifetimes' GammaGammaFitter: log-parameters from 0.1, mean
 * negative log-likelihood + penalizer · Σ params², no time scaling.
 */
#define G_LOG_DOMAIN "seg-gamma-gamma"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "seg-clv-private.h"
#include "seg-error.h"
#include "seg-gamma-gamma.h"

#define MIN_CUSTOMERS 10
#define MAX_ITER 2000

typedef struct
{
  double *x, *m;
  gsize   n;
  double  penalizer;
} Data;

static double
customer_ll (double  p,
             double  q,
             double  v,
             double  x,
             double  m,
             double *g)
{
  double px = p * x;

  if (g != NULL)
    {
      double common = gsl_sf_psi (px + q) - log (x * m + v);

      g[0] += x * (common - gsl_sf_psi (px) + log (m) + log (x));
      g[1] += common - gsl_sf_psi (q) + log (v);
      g[2] += q / v - (px + q) / (x * m + v);
    }
  return gsl_sf_lngamma (px + q) - gsl_sf_lngamma (px) - gsl_sf_lngamma (q) + q * log (v)
         + (px - 1.0) * log (m) + px * log (x) - (px + q) * log (x * m + v);
}

static double
objective (const double *theta,
           double       *grad,
           gpointer      user_data)
{
  const Data *d = user_data;
  double p[3], g[3] = { 0, 0, 0 };
  double ll = 0.0, pen = 0.0;

  for (int k = 0; k < 3; k++)
    {
      p[k] = exp (theta[k]);
      pen += p[k] * p[k];
    }
  for (gsize i = 0; i < d->n; i++)
    ll += customer_ll (p[0], p[1], p[2], d->x[i], d->m[i], grad ? g : NULL);
  if (grad != NULL)
    for (int k = 0; k < 3; k++)
      grad[k] = -g[k] * p[k] / (double) d->n + 2.0 * d->penalizer * p[k] * p[k];
  return -ll / (double) d->n + d->penalizer * pen;
}

/* Copies the repeat customers; FALSE with @error on bad or too few rows. */
static gboolean
collect (const double *frequency,
         const double *monetary,
         gsize         n,
         Data         *d,
         GError      **error)
{
  d->x = g_new (double, MAX (n, 1));
  d->m = g_new (double, MAX (n, 1));
  d->n = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (frequency[i]) || frequency[i] <= 0)
        continue;
      if (!isfinite (monetary[i]) || monetary[i] <= 0)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("Customer %" G_GSIZE_FORMAT " bought again but has a spend of %g; the spend "
                         "model needs positive amounts."), i + 1, monetary[i]);
          return FALSE;
        }
      d->x[d->n] = frequency[i];
      d->m[d->n] = monetary[i];
      d->n++;
    }
  if (d->n < MIN_CUSTOMERS)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("Only %" G_GSIZE_FORMAT " customers bought more than once; the spend model "
                     "(Gamma-Gamma) needs at least %d."), d->n, MIN_CUSTOMERS);
      return FALSE;
    }
  return TRUE;
}

gboolean
seg_gamma_gamma_fit (const double         *frequency,
                     const double         *monetary,
                     gsize                 n,
                     double                penalizer,
                     SegGammaGammaParams  *params,
                     GError              **error)
{
  Data d = { NULL, NULL, 0, penalizer };
  double theta[3] = { 0.1, 0.1, 0.1 };
  gboolean ok;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (n == 0 || (frequency && monetary), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = collect (frequency, monetary, n, &d, error);
  if (ok && !seg_clv_minimise (objective, &d, theta, 3, MAX_ITER, SEG_CLV_GTOL, &params->iterations))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_FAILED,
                   _("The spend model (Gamma-Gamma) did not converge in %d iterations; add a "
                     "penalizer (for example 0.001)."), MAX_ITER);
      ok = FALSE;
    }
  if (ok)
    {
      params->p = exp (theta[0]);
      params->q = exp (theta[1]);
      params->v = exp (theta[2]);
      params->n_used = d.n;
      params->log_likelihood = 0.0;
      for (gsize i = 0; i < d.n; i++)
        params->log_likelihood += customer_ll (params->p, params->q, params->v, d.x[i], d.m[i], NULL);
    }
  g_free (d.x);
  g_free (d.m);
  return ok;
}

double
seg_gamma_gamma_expected_spend (const SegGammaGammaParams *params,
                                double                     frequency,
                                double                     monetary)
{
  double population, w;

  g_return_val_if_fail (params != NULL, NAN);

  if (params->q <= 1.0)
    return NAN;
  population = params->p * params->v / (params->q - 1.0);
  if (!(frequency > 0))
    return population;
  w = params->p * frequency / (params->p * frequency + params->q - 1.0);
  return (1.0 - w) * population + w * monetary;
}

double
seg_gamma_gamma_correlation (const double *frequency,
                             const double *monetary,
                             gsize         n)
{
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  gsize m = 0;

  g_return_val_if_fail (n == 0 || (frequency && monetary), NAN);

  for (gsize i = 0; i < n; i++)
    {
      double x = frequency[i], y = monetary[i];

      if (!(x > 0) || !isfinite (y))
        continue;
      sx += x;
      sy += y;
      m++;
    }
  if (m < 2)
    return NAN;
  sx /= m;
  sy /= m;
  for (gsize i = 0; i < n; i++)
    {
      double x = frequency[i], y = monetary[i];

      if (!(x > 0) || !isfinite (y))
        continue;
      sxx += (x - sx) * (x - sx);
      syy += (y - sy) * (y - sy);
      sxy += (x - sx) * (y - sy);
    }
  return sxy / sqrt (sxx * syy);
}
