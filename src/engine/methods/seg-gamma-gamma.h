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

/* Fits on the customers with frequency > 0 (the others are skipped);
 * @monetary is the mean spend of the repeat periods.  Maximum likelihood on
 * log-parameters with mean negative log-likelihood + @penalizer · Σ params²,
 * as lifetimes' GammaGammaFitter. */
gboolean seg_gamma_gamma_fit    (const double         *frequency,
                                 const double         *monetary,
                                 gsize                 n,
                                 double                penalizer,
                                 SegGammaGammaParams  *params,
                                 GError              **error);

/* One repeat customer's log-likelihood (@frequency > 0, @monetary > 0). */
double   seg_gamma_gamma_log_likelihood (const SegGammaGammaParams *params,
                                         double                     frequency,
                                         double                     monetary);
/* The sum of seg_gamma_gamma_log_likelihood() over the customers with
 * frequency > 0, and, when @gradient (3 doubles) is not NULL, its gradient in
 * (p, q, v): what the fit evaluates, grouped by frequency, on up to
 * seg_parallel_get_threads() threads and the same to the last bit whatever
 * the row order or the number of threads.  NAN with @error when a repeat
 * customer's spend is not positive. */
double   seg_gamma_gamma_total_log_likelihood (const SegGammaGammaParams *params,
                                               const double              *frequency,
                                               const double              *monetary,
                                               gsize                      n,
                                               double                    *gradient,
                                               GError                   **error);

/* E[M | x, m̄] = (1 − w) · p v / (q − 1) + w · m̄, w = p x / (p x + q − 1);
 * the population mean p v / (q − 1) when x = 0.  NAN when q ≤ 1. */
double   seg_gamma_gamma_expected_spend (const SegGammaGammaParams *params,
                                         double                     frequency,
                                         double                     monetary);

/* Pearson correlation of frequency and monetary over repeat customers: the
 * model assumes they are independent, so a large value deserves a warning. */
double   seg_gamma_gamma_correlation (const double *frequency,
                                      const double *monetary,
                                      gsize         n);

G_END_DECLS
