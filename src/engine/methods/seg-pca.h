/* seg-pca.h — principal components of (already scaled) features
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As scikit-learn PCA (ALGORITHMS.md §3.6) through the covariance matrix:
 * the columns are centred, the covariance (ddof 1) is decomposed with GSL
 * (gsl_eigen_symmv), components are sorted by decreasing variance, and each
 * component's sign is fixed so that its largest-magnitude loading is
 * positive (the first such entry on ties; scikit-learn ≥ 1.5 rule).
 * explained_variance = eigenvalue (ddof 1); ratio = eigenvalue / Σ all
 * eigenvalues; scores = (X − mean) · componentsᵀ.
 */
#pragma once

#include <glib.h>

#include "seg-matrix.h"

G_BEGIN_DECLS

typedef struct
{
  guint   n, p;
  guint   n_components;
  double *mean;                      /* p */
  double *components;                /* n_components × p, rows are unit loadings */
  double *explained_variance;        /* n_components */
  double *explained_variance_ratio;  /* n_components */
  double  total_variance;            /* Σ of all p eigenvalues */
  double *scores;                    /* n × n_components */
} SegPca;

/**
 * seg_pca_fit:
 * @x: n × p, without missing values
 * @n_components: how many components to keep, 0 for all p
 * @error: return location for a #GError, or %NULL
 *
 * Errors (SEG_ERROR_INVALID_INPUT): fewer than 2 rows, no columns, missing
 * values.
 *
 * Returns: (transfer full) (nullable): the fit, or %NULL with @error set
 */
SegPca *seg_pca_fit  (const SegMatrix *x,
                      guint            n_components,
                      GError         **error);
/**
 * seg_pca_free:
 * @pca: (transfer full) (nullable): a fit
 */
void    seg_pca_free (SegPca *pca);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegPca, seg_pca_free)

G_END_DECLS
