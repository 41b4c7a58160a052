/* seg-clv-private.h — shared by the BG/NBD and Gamma-Gamma fits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Gradient tolerance of the BG/NBD and Gamma-Gamma fits, on the mean negative
 * log-likelihood: lifetimes fits with scipy's BFGS at tol = 1e-7 on the same
 * scale.  Tighter targets run into the line search's precision, and whether
 * they are met then depends on summation order (row order), not the data. */
#define SEG_CLV_GTOL 1e-7

/* Returns f (θ) and, when @grad is not NULL, its gradient. */
typedef double (*SegClvObjective) (const double *theta,
                                   double       *grad,
                                   gpointer      data);

/* Minimises from @theta (updated in place): GSL BFGS2 with the analytic
 * gradient; when BFGS stalls away from the optimum, a Nelder–Mead (simplex2)
 * restart and BFGS again.  TRUE when max |gradient| < @gtol within @max_iter
 * iterations; @iterations gets the count. */
gboolean seg_clv_minimise (SegClvObjective func,
                           gpointer        data,
                           double         *theta,
                           gsize           dim,
                           guint           max_iter,
                           double          gtol,
                           guint          *iterations);

G_END_DECLS
