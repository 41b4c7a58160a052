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

void     seg_bgnbd_options_init (SegBgnbdOptions *options);

/* Maximum likelihood as lifetimes' BetaGeoFitter: log-parameters, time scaled
 * so the largest T is 1 (alpha scaled back), mean negative log-likelihood
 * plus penalizer · Σ params².  @options may be NULL. */
gboolean seg_bgnbd_fit          (const double          *frequency,
                                 const double          *recency,
                                 const double          *T,
                                 gsize                  n,
                                 const SegBgnbdOptions *options,
                                 SegBgnbdParams        *params,
                                 GError               **error);

/* One customer's log-likelihood. */
double   seg_bgnbd_log_likelihood (const SegBgnbdParams *params,
                                   double                x,
                                   double                t_x,
                                   double                T);
/* The sum of seg_bgnbd_log_likelihood() over @n customers (x a whole
 * number ≥ 0; NAN when a summary is not finite), and, when @gradient (4
 * doubles) is not NULL, its gradient in (r, α, a, b).  This is what the fit
 * evaluates: once per distinct (x, t_x, T), on up to
 * seg_parallel_get_threads() threads, and the same to the last bit whatever
 * the row order or the number of threads. */
double   seg_bgnbd_total_log_likelihood (const SegBgnbdParams *params,
                                         const double         *frequency,
                                         const double         *recency,
                                         const double         *T,
                                         gsize                 n,
                                         double               *gradient);
/* Probability the customer is still active (1 when x = 0). */
double   seg_bgnbd_p_alive      (const SegBgnbdParams *params,
                                 double                x,
                                 double                t_x,
                                 double                T);
/* E[X(t) | x, t_x, T]: expected purchases in the next @t time units. */
double   seg_bgnbd_expected_purchases (const SegBgnbdParams *params,
                                       double                t,
                                       double                x,
                                       double                t_x,
                                       double                T);
/* E[X(t)] for a new customer. */
double   seg_bgnbd_expected_purchases_new (const SegBgnbdParams *params,
                                           double                t);

/* Gauss's 2F1(a, b; c; z) for 0 ≤ z < 1 (exposed for tests). */
double   seg_hyp2f1             (double a,
                                 double b,
                                 double c,
                                 double z);

G_END_DECLS
