/* seg-kmeans.h — k-means (greedy k-means++ and Lloyd) matching scikit-learn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The definitions follow ALGORITHMS.md §3.2 (scikit-learn KMeans,
 * algorithm="lloyd"): the data are centred by the column means before
 * fitting; tol is relative (tol × mean population variance of the columns);
 * a run stops when the labels do not change ("strict" convergence) or when
 * the sum of squared centre shifts is ≤ tol, then one more assignment step
 * makes labels match the final centres; empty clusters take the points
 * farthest from their current centre (in decreasing distance, ties to the
 * lower row); ties between centres go to the lower centre index; the best of
 * n_init runs is the first run with the strictly lowest inertia (a different
 * labelling of the same partition does not replace it).
 *
 * Work over rows runs on all cores in fixed blocks (see seg-matrix.h), so
 * results are bit-identical whatever the number of threads; the vectorised
 * kernels keep the order of every sum, so they are also the same with or
 * without AVX2.  The random numbers come from GRand seeded with the given
 * seed, so runs repeat.
 */
#pragma once

#include <gio/gio.h>

#include "seg-matrix.h"
#include "seg-types.h"

G_BEGIN_DECLS

typedef struct
{
  guint            k;             /* clusters, ≥ 1 */
  guint            n_init;        /* restarts (default 10; 1 when init_centers is set) */
  guint            max_iter;      /* default 300 */
  double           tol;           /* relative tolerance, default 1e-4 */
  guint64          seed;          /* default 0 */
  const double    *init_centers;  /* (nullable) k × p initial centres; NULL = k-means++ */
  GCancellable    *cancellable;   /* (nullable) checked every iteration */
  SegProgressFunc  progress;      /* (nullable) called after every restart */
  gpointer         progress_data;
} SegKMeansOptions;

typedef struct
{
  guint   n, p, k;
  guint  *labels;     /* n, in 0 … k−1 */
  double *centers;    /* k × p, in the units of the input */
  guint  *sizes;      /* k: customers per cluster */
  double  inertia;    /* Σ ‖x − c(label)‖² (WCSS) */
  guint   n_iter;     /* Lloyd iterations of the kept run */
  guint   best_run;   /* which of the n_init runs was kept (0-based) */
  double  tol_abs;    /* the absolute tolerance used */
} SegKMeansResult;

/**
 * seg_kmeans_options_init:
 * @options: (out caller-allocates): the options to fill
 * @k: the number of clusters
 *
 * Sets @options to the defaults above, with @k clusters.
 */
void             seg_kmeans_options_init (SegKMeansOptions *options,
                                          guint             k);

/**
 * seg_kmeans_fit:
 * @x: n × p, the rows to cluster (no NAN allowed)
 * @options: the options, from seg_kmeans_options_init ()
 * @error: return location for a #GError, or %NULL
 *
 * Clusters the rows of @x.  Errors (SEG_ERROR_INVALID_INPUT): k < 1, fewer
 * than 2 rows, missing values, k above the number of distinct rows.
 * Cancellation gives G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
SegKMeansResult *seg_kmeans_fit          (const SegMatrix        *x,
                                          const SegKMeansOptions *options,
                                          GError                **error);

/**
 * seg_kmeans_result_free:
 * @result: (transfer full) (nullable): a result
 */
void             seg_kmeans_result_free  (SegKMeansResult *result);

/**
 * seg_kmeans_plusplus:
 * @x: n × p, n ≥ 1
 * @k: how many centres, 1 to n
 * @rand: the random numbers to draw from
 * @centers: (out caller-allocates) (array): k × p, the centres
 *
 * Greedy k-means++ seeding of @k centres from the rows of @x.  Exposed for
 * tests.
 */
void             seg_kmeans_plusplus     (const SegMatrix *x,
                                          guint            k,
                                          GRand           *rand,
                                          double          *centers);

/**
 * seg_kmeans_inertia:
 * @x: n × p
 * @labels: (array): n cluster numbers, each below k
 * @centers: (array): k × p centres
 *
 * Returns: Σ ‖x − c(label)‖² over the rows of @x
 */
double           seg_kmeans_inertia      (const SegMatrix *x,
                                          const guint     *labels,
                                          const double    *centers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegKMeansResult, seg_kmeans_result_free)

G_END_DECLS
