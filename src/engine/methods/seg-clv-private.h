/* seg-clv-private.h — shared by the BG/NBD and Gamma-Gamma fits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Gradient tolerance of the BG/NBD and Gamma-Gamma fits, on the mean negative
 * log-likelihood: lifetimes fits with scipy's BFGS at tol = 1e-7 on the same
 * scale.  The likelihoods are summed in a fixed order over grouped customers,
 * so the result does not depend on row order or thread count. */
#define SEG_CLV_GTOL 1e-7

/* Returns f (θ) and, when @grad is not NULL, its gradient. */
typedef double (*SegClvObjective) (const double *theta,
                                   double       *grad,
                                   gpointer      data);

/* A model's total log-likelihood at @params and, when @grad is not NULL,
 * its gradient in @params. */
typedef double (*SegClvLogLik) (gpointer      data,
                                const double *params,
                                double       *grad);

/* The objective both fits minimise, as lifetimes does: the mean negative
 * log-likelihood of @n customers plus @penalizer × Σ params², over
 * θ = log (params) (@dim ≤ 4), with its gradient in θ. */
double   seg_clv_penalised (SegClvLogLik  loglik,
                            gpointer      data,
                            double        n,
                            double        penalizer,
                            const double *theta,
                            double       *grad,
                            gsize         dim);

/* Minimises from @theta (updated in place): GSL BFGS2 with the analytic
 * gradient until the gradient is small, then damped Newton steps with a
 * Hessian from differences of the exact gradient; a Nelder–Mead (simplex2)
 * restart when that stalls away from the optimum.  TRUE when
 * max |gradient| < @gtol within @max_iter iterations; @iterations gets the
 * count. */
gboolean seg_clv_minimise (SegClvObjective func,
                           gpointer        data,
                           double         *theta,
                           gsize           dim,
                           guint           max_iter,
                           double          gtol,
                           guint          *iterations);

G_END_DECLS
