/* seg-cluster-metrics.h — silhouette, Calinski–Harabasz, Davies–Bouldin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Definitions as scikit-learn 1.2 (ALGORITHMS.md §3.3–3.4), Euclidean
 * distance.  Labels are any values below the number of rows; only labels
 * that occur count as clusters.  Every score needs 2 ≤ clusters ≤ n − 1.
 *
 * Silhouette: s(i) = (b − a) / max(a, b), 0 for points alone in their
 * cluster and when a = b = 0; the score is the mean of s(i).  Up to
 * @sample_limit rows (default SEG_SILHOUETTE_EXACT_LIMIT) it is exact; above,
 * it is computed on a random sample of that many rows (seeded, so it
 * repeats) and says so.  Memory is O(n); work O(n²·p), split over all cores.
 */
#pragma once

#include <gio/gio.h>

#include "seg-matrix.h"

G_BEGIN_DECLS

#define SEG_SILHOUETTE_EXACT_LIMIT 20000

typedef struct
{
  double    score;    /* mean s(i); NAN when the labelling is not valid here */
  gboolean  sampled;  /* TRUE when computed on a random sample of rows */
  guint     n_used;   /* rows used: n, or the sample size */
  guint    *rows;     /* n_used row numbers (ascending) the values belong to */
  double   *values;   /* n_used per-row silhouettes s(i) */
} SegSilhouette;

/**
 * seg_silhouette:
 * @x: n × p
 * @labels: (array): n cluster numbers
 * @sample_limit: the most rows used before a random sample is taken: 0 for
 *   SEG_SILHOUETTE_EXACT_LIMIT, G_MAXUINT for always exact
 * @seed: the sample's seed
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the silhouettes, or %NULL with
 *   @error set (invalid labels, or G_IO_ERROR_CANCELLED)
 */
SegSilhouette *seg_silhouette         (const SegMatrix *x,
                                       const guint     *labels,
                                       guint            sample_limit,
                                       guint64          seed,
                                       GCancellable    *cancellable,
                                       GError         **error);

/**
 * seg_silhouette_many:
 * @x: n × p
 * @n_labelings: how many labellings
 * @labelings: (array length=n_labelings): labellings of n cluster numbers
 *   each
 * @sample_limit: as for seg_silhouette ()
 * @seed: the sample's seed
 * @out: (out caller-allocates) (array length=n_labelings) (transfer full):
 *   a result per labelling
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Several labellings of the same rows in one pass over the pairs (used by
 * the k sweep).  A labelling with fewer than 2 or more than n_used − 1
 * clusters gets score NAN (not an error).  All use the same sample.
 *
 * Returns: %TRUE, or %FALSE with @error set (a cluster number out of
 *   range, or G_IO_ERROR_CANCELLED) and nothing in @out
 */
gboolean       seg_silhouette_many    (const SegMatrix    *x,
                                       guint               n_labelings,
                                       const guint * const *labelings,
                                       guint               sample_limit,
                                       guint64             seed,
                                       SegSilhouette     **out,
                                       GCancellable       *cancellable,
                                       GError            **error);

/**
 * seg_silhouette_free:
 * @s: (transfer full) (nullable): silhouettes
 */
void           seg_silhouette_free    (SegSilhouette *s);

/**
 * seg_cluster_metrics_calinski_harabasz:
 * @x: n × p
 * @labels: (array): n cluster numbers
 * @error: return location for a #GError, or %NULL
 *
 * Returns: the Calinski–Harabasz score, or NAN with @error set
 */
double         seg_cluster_metrics_calinski_harabasz (const SegMatrix *x,
                                                      const guint     *labels,
                                                      GError         **error);
/**
 * seg_cluster_metrics_davies_bouldin:
 * @x: n × p
 * @labels: (array): n cluster numbers
 * @error: return location for a #GError, or %NULL
 *
 * Returns: the Davies–Bouldin score, or NAN with @error set
 */
double         seg_cluster_metrics_davies_bouldin (const SegMatrix *x,
                                                   const guint     *labels,
                                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegSilhouette, seg_silhouette_free)

G_END_DECLS
