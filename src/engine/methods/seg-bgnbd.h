/* seg-bgnbd.h — the BG/NBD purchase model (Fader, Hardie & Lee 2005)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inputs are the lifetimes summary: frequency x (repeat purchase periods),
 * recency t_x and age T, in one time unit (days or weeks).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double r, alpha, a, b;   /* alpha in the caller's time unit */
  double log_likelihood;   /* total, at the fitted parameters */
  guint  iterations;
} SegBgnbdParams;

typedef struct
{
  double penalizer;   /* lifetimes penalizer_coef (default 0) */
  guint  max_iter;    /* default 2000 */
} SegBgnbdOptions;

/**
 * seg_bgnbd_options_init:
 * @options: (out caller-allocates): the options to fill with the defaults
 */
void     seg_bgnbd_options_init (SegBgnbdOptions *options);

/**
 * seg_bgnbd_fit:
 * @frequency: (array length=n): repeat purchases per customer
 * @recency: (array length=n): time of the last purchase since the first
 * @T: (array length=n): time since the first purchase
 * @n: how many customers
 * @options: (nullable): the options (%NULL: the defaults)
 * @params: (out caller-allocates): the fitted parameters
 * @error: return location for a #GError, or %NULL
 *
 * Maximum likelihood as lifetimes' BetaGeoFitter: log-parameters, time
 * scaled so the largest T is 1 (alpha scaled back), mean negative
 * log-likelihood plus penalizer · Σ params².
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean seg_bgnbd_fit          (const double          *frequency,
                                 const double          *recency,
                                 const double          *T,
                                 gsize                  n,
                                 const SegBgnbdOptions *options,
                                 SegBgnbdParams        *params,
                                 GError               **error);

/**
 * seg_bgnbd_log_likelihood:
 * @params: the parameters
 * @x: repeat purchases
 * @t_x: time of the last purchase since the first
 * @T: time since the first purchase
 *
 * Returns: one customer's log-likelihood
 */
double   seg_bgnbd_log_likelihood (const SegBgnbdParams *params,
                                   double                x,
                                   double                t_x,
                                   double                T);
/**
 * seg_bgnbd_total_log_likelihood:
 * @params: the parameters
 * @frequency: (array length=n): x per customer, a whole number ≥ 0
 * @recency: (array length=n): t_x per customer
 * @T: (array length=n): T per customer
 * @n: how many customers
 * @gradient: (out caller-allocates) (optional) (array fixed-size=4): the
 *   gradient in (r, α, a, b)
 *
 * This is what the fit evaluates: once per distinct (x, t_x, T), on up to
 * seg_parallel_get_threads () threads, and the same to the last bit
 * whatever the row order or the number of threads.
 *
 * Returns: the sum of seg_bgnbd_log_likelihood () over @n customers, NAN
 *   when a summary is not finite
 */
double   seg_bgnbd_total_log_likelihood (const SegBgnbdParams *params,
                                         const double         *frequency,
                                         const double         *recency,
                                         const double         *T,
                                         gsize                 n,
                                         double               *gradient);
/**
 * seg_bgnbd_p_alive:
 * @params: the parameters
 * @x: repeat purchases
 * @t_x: time of the last purchase since the first
 * @T: time since the first purchase
 *
 * Returns: the probability the customer is still active (1 when x = 0)
 */
double   seg_bgnbd_p_alive      (const SegBgnbdParams *params,
                                 double                x,
                                 double                t_x,
                                 double                T);
/**
 * seg_bgnbd_expected_purchases:
 * @params: the parameters
 * @t: a span of time, in the unit of the fit
 * @x: repeat purchases
 * @t_x: time of the last purchase since the first
 * @T: time since the first purchase
 *
 * Returns: E[X(t) | x, t_x, T], the expected purchases in the next @t
 */
double   seg_bgnbd_expected_purchases (const SegBgnbdParams *params,
                                       double                t,
                                       double                x,
                                       double                t_x,
                                       double                T);
/**
 * seg_bgnbd_expected_purchases_new:
 * @params: the parameters
 * @t: a span of time, in the unit of the fit
 *
 * Returns: E[X(t)] for a new customer
 */
double   seg_bgnbd_expected_purchases_new (const SegBgnbdParams *params,
                                           double                t);

/**
 * seg_bgnbd_hyp2f1:
 * @a: a
 * @b: b
 * @c: c
 * @z: z, 0 ≤ z < 1
 *
 * Exposed for tests.
 *
 * Returns: Gauss's hypergeometric function 2F1(a, b; c; z)
 */
double   seg_bgnbd_hyp2f1       (double a,
                                 double b,
                                 double c,
                                 double z);

G_END_DECLS
