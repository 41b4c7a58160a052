/* seg-gamma-gamma.c — the Gamma-Gamma spend model (Fader, Hardie & Lee 2005)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Log-likelihood of a repeat customer (x purchases, mean spend m):
 *   lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm+v)
 * fitted like lifetimes' GammaGammaFitter: log-parameters from 0.1, mean
 * negative log-likelihood + penalizer · Σ params², no time scaling.
 *
 * As for BG/NBD, an evaluation touches each customer as little as possible:
 * the repeat customers are sorted by (x, m) and repeats merged with a count;
 * the Γ and ψ terms and the sums of ln m are kept per distinct x, which
 * leaves ln(x m + v) and 1/(x m + v) per row, summed over fixed blocks on
 * up to seg_parallel_get_threads() threads and added in block order.
 */
#define G_LOG_DOMAIN "seg-gamma-gamma"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "seg-clv-private.h"
#include "seg-engine.h"
#include "seg-error.h"
#include "seg-gamma-gamma.h"
#include "seg-matrix.h"
#include "seg-parallel.h"

#define MIN_CUSTOMERS 10
#define MAX_ITER 2000

/* Rows per parallel block (see seg-bgnbd.c). */
#define BLOCK_ROWS 4096

typedef struct
{
  double x, m;
} Row;

typedef struct
{
  double ll, dp, dq, dv;
} Partial;

typedef struct
{
  /* the distinct (x, m), sorted, with their counts */
  Row     *rows;
  double  *weight;
  guint    n_rows;
  /* per distinct x: the value, the customers and their Σ ln m */
  double  *xs;
  double  *x_weight;
  double  *x_sum_log_m;
  guint    n_xs;
  double   n;          /* customers */
  double   penalizer;

  /* scratch of one evaluation */
  double   p, q, v;
  gboolean want_grad;
  Partial *partials;
} Data;

static void
data_free (Data *d)
{
  g_free (d->rows);
  g_free (d->weight);
  g_free (d->xs);
  g_free (d->x_weight);
  g_free (d->x_sum_log_m);
  g_free (d->partials);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Data, data_free)

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *u = a, *v = b;

  if (u->x != v->x)
    return u->x < v->x ? -1 : 1;
  return u->m < v->m ? -1 : (u->m > v->m ? 1 : 0);
}

/* The repeat customers (x > 0) as sorted distinct rows; NULL with @error on
 * a bad spend or fewer than @min_customers of them. */
static Data *
data_new (const double *frequency,
          const double *monetary,
          gsize         n,
          gsize         min_customers,
          GError      **error)
{
  g_autoptr(Data) d = g_new0 (Data, 1);
  g_autofree Row *rows = g_new (Row, MAX (n, 1));
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (frequency[i]) || frequency[i] <= 0)
        continue;
      if (!isfinite (monetary[i]) || monetary[i] <= 0)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("Customer %zu bought again but has a spend of %g; the spend "
                         "model needs positive amounts."), i + 1, monetary[i]);
          return NULL;
        }
      rows[m++] = (Row) { frequency[i], monetary[i] };
    }
  if (m < min_customers)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("Only %zu customers bought more than once; the spend model "
                     "(Gamma-Gamma) needs at least %d."), m, MIN_CUSTOMERS);
      return NULL;
    }
  g_assert (m <= G_MAXUINT);

  qsort (rows, m, sizeof (Row), compare_rows);
  d->n = (double) m;
  d->rows = g_new (Row, MAX (m, 1));
  d->weight = g_new (double, MAX (m, 1));
  d->xs = g_new (double, MAX (m, 1));
  d->x_weight = g_new0 (double, MAX (m, 1));
  d->x_sum_log_m = g_new0 (double, MAX (m, 1));
  for (gsize i = 0; i < m; i++)
    {
      if (d->n_xs == 0 || rows[i].x != d->xs[d->n_xs - 1])
        d->xs[d->n_xs++] = rows[i].x;
      d->x_weight[d->n_xs - 1] += 1.0;
      d->x_sum_log_m[d->n_xs - 1] += log (rows[i].m);
      if (d->n_rows > 0 && compare_rows (&rows[i], &d->rows[d->n_rows - 1]) == 0)
        {
          d->weight[d->n_rows - 1] += 1.0;
          continue;
        }
      d->rows[d->n_rows] = rows[i];
      d->weight[d->n_rows++] = 1.0;
    }
  d->partials = g_new (Partial, MAX (seg_parallel_n_blocks (d->n_rows, BLOCK_ROWS), 1));
  return g_steal_pointer (&d);
}

/* Rows [start, end): the parts of the log-likelihood and its gradient that
 * need ln(x m + v). */
static void
row_block (guint    block,
           guint    start,
           guint    end,
           gpointer user_data)
{
  const Data *d = user_data;
  Partial s = { 0, 0, 0, 0 };

  for (guint k = start; k < end; k++)
    {
      double x = d->rows[k].x, w = d->weight[k];
      double xmv = x * d->rows[k].m + d->v, pxq = d->p * x + d->q;
      double l = log (xmv);

      s.ll += w * pxq * l;
      if (!d->want_grad)
        continue;
      s.dp += w * x * l;
      s.dq += w * l;
      s.dv += w * pxq / xmv;
    }
  d->partials[block] = s;
}

/* The total log-likelihood at (p, q, v) and, with @grad, its gradient. */
static double
evaluate (Data         *d,
          const double  pqv[3],
          double       *grad)
{
  double p = pqv[0], q = pqv[1], v = pqv[2];
  double ll, log_v = log (v);
  Partial s = { 0, 0, 0, 0 };
  guint n_blocks = seg_parallel_n_blocks (d->n_rows, BLOCK_ROWS);

  d->p = p;
  d->q = q;
  d->v = v;
  d->want_grad = grad != NULL;
  seg_parallel_blocks (d->n_rows, BLOCK_ROWS, row_block, d);
  for (guint b = 0; b < n_blocks; b++)
    {
      s.ll += d->partials[b].ll;
      s.dp += d->partials[b].dp;
      s.dq += d->partials[b].dq;
      s.dv += d->partials[b].dv;
    }

  ll = d->n * (q * log_v - gsl_sf_lngamma (q)) - s.ll;
  if (grad != NULL)
    {
      grad[0] = -s.dp;
      grad[1] = d->n * (log_v - gsl_sf_psi (q)) - s.dq;
      grad[2] = d->n * q / v - s.dv;
    }
  for (guint k = 0; k < d->n_xs; k++)
    {
      double x = d->xs[k], px = p * x, w = d->x_weight[k], log_x = log (x);

      ll += w * (gsl_sf_lngamma (px + q) - gsl_sf_lngamma (px) + px * log_x)
            + (px - 1.0) * d->x_sum_log_m[k];
      if (grad != NULL)
        {
          double psi_pxq = gsl_sf_psi (px + q);

          grad[0] += x * (w * (psi_pxq - gsl_sf_psi (px) + log_x) + d->x_sum_log_m[k]);
          grad[1] += w * psi_pxq;
        }
    }
  return ll;
}

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

  return seg_clv_penalised (loglik, d, d->n, d->penalizer, theta, grad, 3);
}

gboolean
seg_gamma_gamma_fit (const double         *frequency,
                     const double         *monetary,
                     gsize                 n,
                     double                penalizer,
                     SegGammaGammaParams  *params,
                     GError              **error)
{
  g_autoptr(Data) d = NULL;
  double theta[3] = { 0.1, 0.1, 0.1 };
  double p[3];

  seg_engine_init ();
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (n == 0 || (frequency && monetary), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  d = data_new (frequency, monetary, n, MIN_CUSTOMERS, error);
  if (d == NULL)
    return FALSE;
  d->penalizer = penalizer;
  if (!seg_clv_minimise (objective, d, theta, 3, MAX_ITER, SEG_CLV_GTOL, &params->iterations))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_FAILED,
                   _("The spend model (Gamma-Gamma) did not converge in %d iterations; add a "
                     "penalizer (for example 0.001)."), MAX_ITER);
      return FALSE;
    }
  for (int k = 0; k < 3; k++)
    p[k] = exp (theta[k]);
  params->p = p[0];
  params->q = p[1];
  params->v = p[2];
  params->n_used = (gsize) d->n;
  params->log_likelihood = evaluate (d, p, NULL);
  return TRUE;
}

double
seg_gamma_gamma_log_likelihood (const SegGammaGammaParams *params,
                                double                     frequency,
                                double                     monetary)
{
  double p, q, v, x = frequency, m = monetary;

  g_return_val_if_fail (params != NULL, NAN);

  p = params->p;
  q = params->q;
  v = params->v;
  return gsl_sf_lngamma (p * x + q) - gsl_sf_lngamma (p * x) - gsl_sf_lngamma (q) + q * log (v)
         + (p * x - 1.0) * log (m) + p * x * log (x) - (p * x + q) * log (x * m + v);
}

double
seg_gamma_gamma_total_log_likelihood (const SegGammaGammaParams *params,
                                      const double              *frequency,
                                      const double              *monetary,
                                      gsize                      n,
                                      double                    *gradient,
                                      GError                   **error)
{
  g_autoptr(Data) d = NULL;
  double p[3];

  g_return_val_if_fail (params != NULL, NAN);
  g_return_val_if_fail (n == 0 || (frequency && monetary), NAN);
  g_return_val_if_fail (error == NULL || *error == NULL, NAN);

  d = data_new (frequency, monetary, n, 0, error);
  if (d == NULL)
    return NAN;
  p[0] = params->p;
  p[1] = params->q;
  p[2] = params->v;
  return evaluate (d, p, gradient);
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
