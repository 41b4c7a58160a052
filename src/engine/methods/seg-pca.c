/* seg-pca.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-pca"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "seg-engine.h"
#include "seg-error.h"
#include "seg-parallel.h"
#include "seg-pca.h"

void
seg_pca_free (SegPca *pca)
{
  if (pca == NULL)
    return;
  g_free (pca->mean);
  g_free (pca->components);
  g_free (pca->explained_variance);
  g_free (pca->explained_variance_ratio);
  g_free (pca->scores);
  g_free (pca);
}

/* sums[j] = Σ_i x[i][j], added in row order. */
static void
column_sums (const SegMatrix *x,
             double          *sums)
{
  for (guint i = 0; i < x->n; i++)
    {
      const double *row = seg_matrix_row (x, i);
      for (guint j = 0; j < x->p; j++)
        sums[j] += row[j];
    }
}

/* Also fills @sums (p, zeroed) with the column sums: when they are all
 * finite, no cell can be NAN or infinite, which saves a pass. */
static gboolean
check_input (const SegMatrix *x,
             double          *sums,
             GError         **error)
{
  gboolean finite = TRUE;

  if (x->n < 2 || x->p == 0)
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           x->p == 0 ? _("PCA needs at least one feature")
                                     : _("PCA needs at least 2 customers"));
      return FALSE;
    }
  column_sums (x, sums);
  for (guint j = 0; j < x->p; j++)
    finite = finite && isfinite (sums[j]);
  if (!finite && seg_matrix_has_non_finite (x))
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           _("The features have missing values: fill them in (impute) before PCA"));
      return FALSE;
    }
  return TRUE;
}

/* acc[a · p + b] += d[a] · d[b] (b ≥ a) over the rows, in row order.  The
 * entries are independent sums, so the loop over b vectorises; the full
 * p × p array is used so that the rows of it line up. */
static inline G_ALWAYS_INLINE void
cross_products (const SegMatrix *x,
                const double    *restrict mean,
                double          *restrict acc,
                const guint      p)
{
  for (guint i = 0; i < x->n; i++)
    {
      const double *row = seg_matrix_row (x, i);
      for (guint a = 0; a < p; a++)
        {
          const double da = row[a] - mean[a];
          for (guint b = a; b < p; b++)
            acc[a * p + b] += da * (row[b] - mean[b]);
        }
    }
}

SEG_VECTORIZED static void
cross_products_any (const SegMatrix *x,
                    const double    *mean,
                    double          *acc)
{
  SEG_WITH_CONSTANT_P (x->p, cross_products, x, mean, acc);
}

/* Covariance (ddof 1) of the centred columns; fills @mean from the column
 * @sums. */
static gsl_matrix *
covariance (const SegMatrix *x,
            const double    *sums,
            double          *mean)
{
  guint n = x->n, p = x->p;
  gsl_matrix *cov = gsl_matrix_calloc (p, p);
  g_autofree double *acc = g_new0 (double, (gsize) p * p);

  if (cov == NULL)
    return NULL;
  for (guint j = 0; j < p; j++)
    mean[j] = sums[j] / n;
  cross_products_any (x, mean, acc);
  for (guint a = 0; a < p; a++)
    for (guint b = a; b < p; b++)
      {
        double v = acc[a * p + b] / (n - 1.0);
        gsl_matrix_set (cov, a, b, v);
        gsl_matrix_set (cov, b, a, v);
      }
  return cov;
}

/* Copies eigenvector @c (a column of @evec) into @out with the sign rule. */
static void
take_component (const gsl_matrix *evec,
                guint             c,
                double           *out)
{
  guint p = evec->size1, arg = 0;

  for (guint j = 0; j < p; j++)
    {
      out[j] = gsl_matrix_get (evec, j, c);
      if (fabs (out[j]) > fabs (out[arg]))
        arg = j;
    }
  if (out[arg] < 0)
    for (guint j = 0; j < p; j++)
      out[j] = -out[j];
}

typedef struct
{
  const SegMatrix *x;
  SegPca          *pca;
} ScoresJob;

static inline G_ALWAYS_INLINE void
scores_rows (const ScoresJob *job,
             guint            start,
             guint            end,
             const guint      p)
{
  const SegPca *pca = job->pca;
  const double *restrict mean = pca->mean;
  double *restrict scores = pca->scores;
  guint m = pca->n_components;

  for (guint i = start; i < end; i++)
    {
      const double *row = seg_matrix_row (job->x, i);

      for (guint c = 0; c < m; c++)
        {
          const double *v = pca->components + (gsize) c * p;
          double s = 0.0;
          for (guint j = 0; j < p; j++)
            s += (row[j] - mean[j]) * v[j];
          scores[(gsize) i * m + c] = s;
        }
    }
}

/* Each row on its own, so the rows are split between threads. */
SEG_VECTORIZED static void
scores_block (guint    block,
              guint    start,
              guint    end,
              gpointer user_data)
{
  const ScoresJob *job = user_data;

  SEG_WITH_CONSTANT_P (job->x->p, scores_rows, job, start, end);
}

static void
compute_scores (const SegMatrix *x,
                SegPca          *pca)
{
  ScoresJob job = { x, pca };

  pca->scores = g_new0 (double, (gsize) x->n * pca->n_components + 1);
  seg_parallel_blocks (x->n, SEG_PARALLEL_BLOCK_ROWS, scores_block, &job);
}

SegPca *
seg_pca_fit (const SegMatrix *x,
             guint            n_components,
             GError         **error)
{
  g_autoptr(SegPca) pca = NULL;
  g_autofree double *sums = NULL;
  gsl_matrix *cov, *evec;
  gsl_vector *eval;
  gsl_eigen_symmv_workspace *ws;
  guint p;

  seg_engine_init ();
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  sums = g_new0 (double, x->p + 1);
  if (!check_input (x, sums, error))
    return NULL;
  p = x->p;
  pca = g_new0 (SegPca, 1);
  pca->n = x->n;
  pca->p = p;
  pca->n_components = n_components == 0 ? p : MIN (n_components, p);
  pca->mean = g_new0 (double, p);
  cov = covariance (x, sums, pca->mean);
  eval = gsl_vector_alloc (p);
  evec = gsl_matrix_alloc (p, p);
  ws = gsl_eigen_symmv_alloc (p);
  /* GSL reports instead of aborting (seg_engine_init): a failed
   * decomposition is the caller's error, not a crash */
  if (cov == NULL || eval == NULL || evec == NULL || ws == NULL
      || !seg_engine_gsl_check (gsl_eigen_symmv (cov, eval, evec, ws), _("The principal components"), error)
      || !seg_engine_gsl_check (gsl_eigen_symmv_sort (eval, evec, GSL_EIGEN_SORT_VAL_DESC),
                                _("The principal components"), error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                     _("The principal components could not be computed: out of memory"));
      g_clear_pointer (&ws, gsl_eigen_symmv_free);
      g_clear_pointer (&evec, gsl_matrix_free);
      g_clear_pointer (&eval, gsl_vector_free);
      g_clear_pointer (&cov, gsl_matrix_free);
      return NULL;
    }

  for (guint c = 0; c < p; c++)
    pca->total_variance += MAX (gsl_vector_get (eval, c), 0.0);
  pca->components = g_new0 (double, (gsize) pca->n_components * p);
  pca->explained_variance = g_new0 (double, pca->n_components);
  pca->explained_variance_ratio = g_new0 (double, pca->n_components);
  for (guint c = 0; c < pca->n_components; c++)
    {
      double ev = MAX (gsl_vector_get (eval, c), 0.0);
      take_component (evec, c, pca->components + (gsize) c * p);
      pca->explained_variance[c] = ev;
      pca->explained_variance_ratio[c] = pca->total_variance > 0 ? ev / pca->total_variance : 0.0;
    }
  gsl_eigen_symmv_free (ws);
  gsl_matrix_free (evec);
  gsl_vector_free (eval);
  gsl_matrix_free (cov);
  compute_scores (x, pca);
  return g_steal_pointer (&pca);
}
