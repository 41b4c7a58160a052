/* seg-gamma-gamma.h — the Gamma-Gamma spend model (Fader, Hardie & Lee 2005)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double p, q, v;
  double log_likelihood;   /* total over the repeat customers */
  gsize  n_used;           /* customers with frequency > 0 */
  guint  iterations;
} SegGammaGammaParams;

/**
 * seg_gamma_gamma_fit:
 * @frequency: (array length=n): repeat purchases per customer
 * @monetary: (array length=n): the mean spend of the repeat periods
 * @n: how many customers
 * @penalizer: lifetimes' penalizer_coef
 * @params: (out caller-allocates): the fitted parameters
 * @error: return location for a #GError, or %NULL
 *
 * Fits on the customers with frequency > 0 (the others are skipped).
 * Maximum likelihood on log-parameters with mean negative log-likelihood +
 * @penalizer · Σ params², as lifetimes' GammaGammaFitter.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean seg_gamma_gamma_fit    (const double         *frequency,
                                 const double         *monetary,
                                 gsize                 n,
                                 double                penalizer,
                                 SegGammaGammaParams  *params,
                                 GError              **error);

/**
 * seg_gamma_gamma_log_likelihood:
 * @params: the parameters
 * @frequency: repeat purchases, above 0
 * @monetary: their mean spend, above 0
 *
 * Returns: one repeat customer's log-likelihood
 */
double   seg_gamma_gamma_log_likelihood (const SegGammaGammaParams *params,
                                         double                     frequency,
                                         double                     monetary);
/**
 * seg_gamma_gamma_total_log_likelihood:
 * @params: the parameters
 * @frequency: (array length=n): repeat purchases per customer
 * @monetary: (array length=n): the mean spend of the repeat periods
 * @n: how many customers
 * @gradient: (out caller-allocates) (optional) (array fixed-size=3): the
 *   gradient in (p, q, v)
 * @error: return location for a #GError, or %NULL
 *
 * What the fit evaluates, grouped by frequency, on up to
 * seg_parallel_get_threads () threads and the same to the last bit whatever
 * the row order or the number of threads.
 *
 * Returns: the sum of seg_gamma_gamma_log_likelihood () over the customers
 *   with frequency > 0; NAN with @error set when a repeat customer's spend
 *   is not positive
 */
double   seg_gamma_gamma_total_log_likelihood (const SegGammaGammaParams *params,
                                               const double              *frequency,
                                               const double              *monetary,
                                               gsize                      n,
                                               double                    *gradient,
                                               GError                   **error);

/**
 * seg_gamma_gamma_expected_spend:
 * @params: the parameters
 * @frequency: repeat purchases x
 * @monetary: their mean spend m̄
 *
 * Returns: E[M | x, m̄] = (1 − w) · p v / (q − 1) + w · m̄, w = p x / (p x +
 *   q − 1); the population mean p v / (q − 1) when x = 0; NAN when q ≤ 1
 */
double   seg_gamma_gamma_expected_spend (const SegGammaGammaParams *params,
                                         double                     frequency,
                                         double                     monetary);

/**
 * seg_gamma_gamma_correlation:
 * @frequency: (array length=n): repeat purchases per customer
 * @monetary: (array length=n): the mean spend of the repeat periods
 * @n: how many customers
 *
 * The model assumes frequency and spend are independent, so a large value
 * deserves a warning.
 *
 * Returns: the Pearson correlation of frequency and monetary over repeat
 *   customers
 */
double   seg_gamma_gamma_correlation (const double *frequency,
                                      const double *monetary,
                                      gsize         n);

G_END_DECLS
